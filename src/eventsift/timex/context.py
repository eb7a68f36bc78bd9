"""What a rule needs to know beyond its own words: anchor, moving reference, sentence, tense.

The anchor is the publication date (or a quote's own date). The reference moves
through the text: every resolved calendar date becomes the point that
anaphoric expressions ("a decade later", "the following day") count from.
"""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from datetime import date

from .calendar import Point
from .tense import clause_tense

SENTENCE_END = re.compile(r"(?<=[.!?])[\"'”’)]*\s+(?=[\"'“‘(`]*[A-Z0-9])|\n[ \t]*\n")
FUTURE_CUE = re.compile(r"(?i)\b(?:will|won't|shall|going to|scheduled|upcoming|plans? to|is to|are to|set to|due to|"
                        r"expected to)\b|'ll\b")
#: Verbs that put a date in the past: a period that "ended", an attack that "killed". Ordinary past
#: tense ("was", "said") says little about a date's year in news (measured on TimeBank), so it is
#: not a cue.
PAST_CUE = re.compile(r"(?i)\b(?:ended|began|killed|died|attacked|occurred|happened|took place|struck|exploded|"
                      r"bombed|shelled|raided|massacred|executed)\b")


@dataclass
class Context:
    text: str
    anchor: date | None
    #: The moving reference: the last resolved calendar point (starts at the anchor).
    reference: Point | None = None
    #: Position in the text where the reference was set.
    reference_at: int = -1
    #: (year, sentence index, end offset) of the last year written out in full.
    explicit_year: tuple[int, int, int] | None = None
    #: The quarter the document is talking about, for "a year ago" and "the year-earlier period".
    quarter: Point | None = None
    #: The spaCy parse of ``text``, when there is one: the tense then comes from the governing verb.
    doc: object | None = None
    _starts: list[int] = field(default_factory=list)
    _parsed: dict = field(default_factory=dict)

    def __post_init__(self) -> None:
        self._starts = [0] + [m.end() for m in SENTENCE_END.finditer(self.text)]
        if self.reference is None and self.anchor is not None:
            self.reference = Point(self.anchor, "D")

    def sentence_index(self, pos: int) -> int:
        return bisect.bisect_right(self._starts, pos) - 1

    def sentence(self, pos: int) -> tuple[int, int]:
        i = self.sentence_index(pos)
        end = self._starts[i + 1] if i + 1 < len(self._starts) else len(self.text)
        return self._starts[i], end

    def parsed_tense(self, start: int, end: int) -> tuple[str | None, str | None]:
        """(tense of the governing verb, preposition before the time) from the parse, or (None, None)."""
        if self.doc is None:
            return None, None
        if (start, end) not in self._parsed:
            self._parsed[(start, end)] = clause_tense(self.doc, start, end)
        return self._parsed[(start, end)]

    def future(self, start: int, end: int, cue: re.Pattern = FUTURE_CUE) -> bool:
        """True when the clause around a time speaks of the future ("will meet Friday"): from the
        governing verb when there is a parse that names one, else from cue words nearby."""
        tense, prep = self.parsed_tense(start, end)
        if tense == "past" or prep == "since":
            return False
        if tense == "future":
            return True
        return self._future_cue(start, end, cue)

    def _future_cue(self, start: int, end: int, cue: re.Pattern = FUTURE_CUE) -> bool:
        s, e = self.sentence(start)
        left = self.text[max(s, start - 80):start]
        left = re.split(r"[;:]|,\s+(?:and|but)\b| said\b| says\b", left)[-1]
        right = re.split(r"[;:,.]", self.text[end:min(e, end + 50)])[0]
        return bool(cue.search(left) or cue.search(right))

    def tense(self, start: int, end: int) -> str | None:
        """'future', 'past', 'present' or None for the clause around a time: from the parse when there
        is one, else from auxiliaries and past forms nearby."""
        tense, prep = self.parsed_tense(start, end)
        if prep == "since":
            return "past"
        if tense is not None:
            return tense
        if self.future(start, end):
            return "future"
        s, _ = self.sentence(start)
        left = self.text[max(s, start - 60):start]
        left = re.split(r"[;:]|,\s+(?:and|but)\b", left)[-1]
        _, e = self.sentence(start)
        right = re.split(r"[;:,]", self.text[end:min(e, end + 40)])[0]
        return "past" if PAST_CUE.search(left) or PAST_CUE.search(right) else None

    def near_reference(self, pos: int, grain: str, distance: int = 600) -> Point | None:
        """The reference, if it has this granularity and was set close before ``pos``."""
        if self.reference is not None and self.reference.grain == grain and 0 <= pos - self.reference_at <= distance:
            return self.reference
        return None

    def year_in_sentence(self, pos: int, within: int = 10_000) -> int | None:
        """A year written out shortly before in the same sentence, which a bare "March 3" belongs to."""
        if self.explicit_year and self.explicit_year[1] == self.sentence_index(pos) \
                and pos - self.explicit_year[2] <= within:
            return self.explicit_year[0]
        return None
