"""brat standoff (``.ann``) in PolNeAR's layout, so attribution tools and annotators can read our output.

Each attribution becomes text-bound ``Source``, ``Cue`` and ``Content`` annotations, an
``Attribution`` trigger on the cue, and an ``E`` line joining them, as in PolNeAR. Offsets
count characters of the document text as given. brat keeps a span's text on one line, so
a span that crosses a line break is written as fragments (``s1 e1;s2 e2``), which is how
brat itself stores discontinuous spans. Several documents go one after another, each
introduced by a ``# document <id>`` comment line; write one document a file for brat itself.
"""
from __future__ import annotations

import re
from typing import Iterable, TextIO

from ..model import Span
from ..record import from_record

_LINE = re.compile(r"[^\n\r]+")


def _fragments(text: str, span: Span) -> list[tuple[int, int]]:
    """The span cut at line breaks into non-blank pieces, as (start, end) offsets into ``text``."""
    start, end = span.start, span.end
    pieces = []
    for m in _LINE.finditer(text, start, end):
        s, e = m.start(), m.end()
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        if e > s:
            pieces.append((s, e))
    return pieces


def ann_lines(record: dict) -> list[str]:
    """The ``.ann`` lines for one contract document (any record version, read through the typed model)."""
    r = from_record(record)
    text = r.document.text
    lines: list[str] = []
    counter = {"T": 0, "E": 0}

    def textbound(label: str, span: Span | None) -> str | None:
        if not span:
            return None
        pieces = _fragments(text, span)
        if not pieces:
            return None
        counter["T"] += 1
        tid = f"T{counter['T']}"
        offsets = ";".join(f"{s} {e}" for s, e in pieces)
        words = " ".join(text[s:e] for s, e in pieces)
        lines.append(f"{tid}\t{label} {offsets}\t{words}")
        return tid

    for attribution in r.attributions:
        source = textbound("Source", attribution.source)
        cue = textbound("Cue", attribution.cue)
        content = textbound("Content", attribution.content)
        trigger = textbound("Attribution", attribution.cue or attribution.content)
        if content is None or trigger is None:
            continue
        args = [f"Attribution:{trigger}", f"Content:{content}"]
        if cue:
            args.append(f"Cue:{cue}")
        if source:
            args.append(f"Source:{source}")
        counter["E"] += 1
        lines.append(f"E{counter['E']}\t{' '.join(args)}")
    return lines


def write_brat(results: Iterable[dict], stream: TextIO) -> None:
    items = list(results)
    for result in items:
        if len(items) > 1:
            stream.write(f"# document {result.get('id')}\n")
        for line in ann_lines(result):
            stream.write(line + "\n")
