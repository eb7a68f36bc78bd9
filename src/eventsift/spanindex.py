"""Character ranges found by position in logarithmic time.

Stages often ask "which mentions overlap this span?" or "which is the last one before
it?"; scanning every mention for every question is quadratic and made book-length
inputs take minutes. The standard library's ``bisect`` over starts sorted once does it.
"""
from __future__ import annotations

from bisect import bisect_left, bisect_right
from typing import Generic, Iterable, Iterator, TypeVar

T = TypeVar("T")


class SpanIndex(Generic[T]):
    """Items keyed by ``(start, end)``, sorted by start (ties keep their input order)."""

    def __init__(self, items: Iterable[tuple[int, int, T]]):
        self.items = sorted(items, key=lambda item: item[0])
        self.starts = [item[0] for item in self.items]
        self.longest = max((end - start for start, end, _ in self.items), default=0)

    def overlapping(self, start: int, end: int) -> Iterator[tuple[int, int, T]]:
        """Items sharing at least one character with ``[start, end)``, by start."""
        first = bisect_left(self.starts, start - self.longest)
        for i in range(first, bisect_left(self.starts, end)):
            item = self.items[i]
            if item[1] > start:
                yield item

    def before(self, position: int) -> Iterator[tuple[int, int, T]]:
        """Items that end at or before ``position``, latest start first."""
        for i in range(bisect_right(self.starts, position) - 1, -1, -1):
            item = self.items[i]
            if item[1] <= position:
                yield item

    def from_(self, position: int) -> Iterator[tuple[int, int, T]]:
        """Items that start at or after ``position``, earliest first."""
        for i in range(bisect_left(self.starts, position), len(self.items)):
            yield self.items[i]
