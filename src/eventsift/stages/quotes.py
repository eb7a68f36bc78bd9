"""Direct quotations: where quoted passages start and end, across sentences and paragraphs.

Written here because the convention is typographic, not linguistic: a quote that
runs over several paragraphs opens again at each paragraph and closes only at its
end, and straight quote marks must be told apart as opening or closing by the
characters beside them. A doubled apostrophe ('') counts as a straight quote mark, as
in newswire text; single quotes are ignored (apostrophes make them ambiguous).
"""
from __future__ import annotations

import re
from dataclasses import dataclass

PARAGRAPH = re.compile(r"\n\s*\n")
MARK = re.compile("''|[\"“”]")


@dataclass(frozen=True)
class Quote:
    """A quoted passage: ``start``/``end`` include the quote marks; ``group`` joins paragraphs of one quote."""

    start: int
    end: int
    group: int


def _opens(text: str, i: int, width: int = 1) -> bool:
    ch = text[i]
    if ch == "“":
        return True
    if ch == "”":
        return False
    before = text[i - 1] if i else " "
    after = text[i + width] if i + width < len(text) else " "
    if before.isspace() or before in "([{—–-/":
        return True
    if after.isspace() or after in ".,;:!?)]}—–-":
        return False
    return not before.isalnum()


def find_quotes(text: str, min_words: int = 1) -> list[Quote]:
    """Quoted passages in ``text``, each inside one paragraph, numbered by the quote they belong to."""
    quotes: list[Quote] = []
    group = 0
    continuing = False
    para_start = 0
    for para in [*PARAGRAPH.finditer(text), None]:
        para_end = para.start() if para else len(text)
        open_at = None
        ends_open = False
        for mark in MARK.finditer(text, para_start, para_end):
            i, width = mark.start(), mark.end() - mark.start()
            if open_at is None:
                if _opens(text, i, width):
                    open_at = i
                    if not (continuing and i - para_start <= 1):
                        group += 1
                    continuing = False
            elif not _opens(text, i, width) or text[i] in "\"'":
                quotes.append(Quote(open_at, i + width, group))
                open_at = None
            else:  # a second opening mark: the first one was never closed
                open_at = i
                group += 1
        if open_at is not None:
            end = para_end
            while end > open_at + 1 and text[end - 1].isspace():
                end -= 1
            quotes.append(Quote(open_at, end, group))
            ends_open = True
        continuing = ends_open
        para_start = para.end() if para else len(text)
    return [q for q in quotes if len(text[q.start:q.end].split()) >= min_words]
