"""Direct quotations: where quoted passages start and end, across sentences and paragraphs.

Written here because the convention is typographic, not linguistic: a quote that
runs over several paragraphs opens again at each paragraph and closes only at its
end, and straight quote marks must be told apart as opening or closing by the
characters beside them. Single quotes are ignored (apostrophes make them ambiguous).
"""
from __future__ import annotations

import re
from dataclasses import dataclass

PARAGRAPH = re.compile(r"\n\s*\n")


@dataclass(frozen=True)
class Quote:
    """A quoted passage: ``start``/``end`` include the quote marks; ``group`` joins paragraphs of one quote."""

    start: int
    end: int
    group: int

    @property
    def inner(self) -> tuple[int, int]:
        return self.start + 1, max(self.start + 1, self.end - 1)


def _opens(text: str, i: int) -> bool:
    ch = text[i]
    if ch == "“":
        return True
    if ch == "”":
        return False
    before = text[i - 1] if i else " "
    after = text[i + 1] if i + 1 < len(text) else " "
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
        for i in range(para_start, para_end):
            if text[i] not in "\"“”":
                continue
            if open_at is None:
                if _opens(text, i):
                    open_at = i
                    if not (continuing and i - para_start <= 1):
                        group += 1
                    continuing = False
            elif not _opens(text, i) or text[i] == '"':
                quotes.append(Quote(open_at, i + 1, group))
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
