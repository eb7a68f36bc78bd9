"""Parse texts with spaCy in bounded memory.

spaCy's parser and tagger need temporary memory in proportion to the length of
what they parse at once (its documentation gives about 1 GB per 100,000
characters), and ``nlp.pipe`` batches by document count, so one long article
in a batch of sixteen can double a worker's memory, and a book-length input
fails outright beyond ``nlp.max_length``. Two rules keep the peak bounded
whatever the input:

* a text longer than ``segment_chars`` is parsed in segments cut at paragraph
  breaks (else line breaks, sentence ends, spaces), and the pieces are joined
  back into one ``Doc`` with ``Doc.from_docs``; since a blank line always ends a
  sentence (``nlp.paragraph_breaks``), the sentences are the same;
* segments are parsed in batches of at most ``batch_size`` texts and about
  ``batch_chars`` characters.

spaCy has no such length-aware batching, hence this module.
"""
from __future__ import annotations

import re
from typing import Iterable, Iterator

from spacy.tokens import Doc

#: Where a long text may be cut, best first; each pattern matches the whitespace a cut ends with.
_CUTS = (re.compile(r"\n[ \t]*\n\s*"), re.compile(r"\n\s*"), re.compile(r"(?<=[.!?\"'”’)]) +"),
         re.compile(r"\s+"))


def segment(text: str, limit: int) -> list[str]:
    """Pieces of ``text``, each at most ``limit`` characters where a cut point allows, joined back = text."""
    pieces, start = [], 0
    while len(text) - start > limit:
        end = _cut_before(text, start, start + limit)
        pieces.append(text[start:end])
        start = end
    pieces.append(text[start:])
    return pieces


def _cut_before(text: str, start: int, stop: int) -> int:
    """The best cut in ``text[start:stop]``: just after the last separator of the best kind found there."""
    floor = start + (stop - start) // 4  # never cut off a sliver: it would only add segments
    for pattern in _CUTS:
        cut = None
        for match in pattern.finditer(text, floor, stop):
            cut = match.end()
        if cut is not None and cut < stop:
            return cut
    return stop  # no whitespace at all in a quarter of the limit: cut inside the word


def _batches(items: Iterable[tuple[int, str]], batch_size: int, batch_chars: int) -> Iterator[list[tuple[int, str]]]:
    """Consecutive groups of at most ``batch_size`` pieces and ``batch_chars`` characters (a longer piece alone)."""
    batch, chars = [], 0
    for item in items:
        if batch and (len(batch) >= batch_size or chars + len(item[1]) > batch_chars):
            yield batch
            batch, chars = [], 0
        batch.append(item)
        chars += len(item[1])
    if batch:
        yield batch


def parse_many(nlp, texts: Iterable[str], batch_size: int = 16, batch_chars: int = 20_000,
               segment_chars: int = 10_000) -> Iterator[Doc]:
    """One parsed ``Doc`` per text, in order, with ``doc.text == text``."""
    pending: dict[int, list] = {}
    wanted: dict[int, int] = {}
    next_out = 0

    def pieces() -> Iterator[tuple[int, str]]:
        for index, text in enumerate(texts):
            parts = segment(text, segment_chars)
            wanted[index] = len(parts)
            pending[index] = []
            for part in parts:
                yield index, part

    for batch in _batches(pieces(), batch_size, batch_chars):
        for (index, _), doc in zip(batch, nlp.pipe([part for _, part in batch], batch_size=len(batch))):
            pending[index].append(doc)
        while next_out in wanted and len(pending[next_out]) == wanted[next_out]:
            parts = pending.pop(next_out)
            del wanted[next_out]
            yield parts[0] if len(parts) == 1 else Doc.from_docs(parts, ensure_whitespace=False)
            next_out += 1

