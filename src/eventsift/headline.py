"""A document's title when its input gives none: the first headline-like line, else its lead.

Plain-text articles and pasted stories rarely carry a title field, and a list of
documents named by a hash or a file name is unreadable. Written by hand because
it is a few lines of layout knowledge (skip date headers and datelines, prefer a
short line without a full stop) that no extraction library offers for plain text.
"""
from __future__ import annotations

import re

#: Lines that carry metadata, not a headline ("Published: 2 September 2013", "date 2020-01-05 Details").
_HEADER = re.compile(
    r"^\W*(?:date|published|posted|updated|by|source|filed|from)\b|^\W*\d{4}-\d{2}-\d{2}\b"
    r"|^\W*(?:\w+day,?\s+)?\d{1,2}\s+[A-Z][a-z]+\s+\d{4}\W*$", re.I)
#: A dateline on its own: "BAGHDAD —", "MOGADISHU, Somalia (Reuters) -".
_DATELINE_ONLY = re.compile(r"^[A-Z][A-Z .'-]+(?:,\s*[\w .]+)?(?:\s*\([^)]*\))?\s*[-—–:]*\s*$")
MAX_WORDS = 25
MAX_CHARS = 120
LINES_LOOKED_AT = 6
#: How much of the text is looked at: far more than six headline-length lines and a lead.
HEAD_CHARS = 4000


def _headline_like(line: str) -> bool:
    words = line.split()
    return (2 <= len(words) <= MAX_WORDS and len(line) <= 200 and not line.endswith((".", ":", ";", ","))
            and not _HEADER.search(line) and not _DATELINE_ONLY.match(line))


def _shorten(text: str, limit: int = MAX_CHARS) -> str:
    if len(text) <= limit:
        return text
    cut = text[:limit].rsplit(" ", 1)[0].rstrip(",;:-— ")
    return cut + "…"


def _lead(line: str) -> str:
    """The first sentence of a body line, without a leading dateline."""
    line = re.sub(r"^[A-Z][A-Z .'-]+(?:,\s*[\w .]+)?(?:\s*\([^)]*\))?\s*[-—–]\s+", "", line)
    sentence = re.split(r"(?<=[.!?])\s+(?=[A-Z\"'“])", line, maxsplit=1)[0]
    return _shorten(sentence.strip())


def headline_of(text: str) -> str | None:
    """The first headline-like line among the opening lines, else the lead sentence; None for an empty text."""
    # only the opening lines matter: never split a long document whole (every Document without a title comes here)
    lines = [ln.strip() for ln in text[:HEAD_CHARS].splitlines()]
    lines = [ln for ln in lines if ln]
    for line in lines[:LINES_LOOKED_AT]:
        if _headline_like(line) and any(ch.isalpha() for ch in line):
            return _shorten(line)
    for line in lines[:LINES_LOOKED_AT]:
        if not _HEADER.search(line) and sum(ch.isalpha() for ch in line) >= 10:
            return _lead(line)
    return None
