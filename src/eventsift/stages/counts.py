"""Reported numbers of people, read the conservative way ACLED codes them.

"at least 52" -> 52, "more than 20" -> 20, "dozens" -> 12, "hundreds" -> 100,
"several" -> 3, ranges "20 to 30" -> best 20, low 20, high 30.
"""
from __future__ import annotations

import re

from ..model import Count, Span

UNITS = {w: i for i, w in enumerate(
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen "
    "seventeen eighteen nineteen".split())}
TENS = {w: 10 * (i + 2) for i, w in enumerate("twenty thirty forty fifty sixty seventy eighty ninety".split())}
VAGUE = {"a dozen": 12, "dozens": 12, "several dozen": 24, "scores": 20, "hundreds": 100, "several hundred": 200,
         "thousands": 1000, "several": 3, "a few": 3, "few": 3, "many": 10, "numerous": 10, "a number": 3}
NUMBER = (r"(?:\d{1,3}(?:,\d{3})+|\d+|(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:[- ](?:one|two|three|four|five|six|seven|eight|nine))?"
          r"|zero|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen"
          r"|a dozen|several dozen|several hundred|dozens|scores|hundreds|thousands|several|a few|many|numerous)")
COUNT = re.compile(
    rf"(?i)\b(?P<qual>at least|more than|over|nearly|almost|about|around|some|up to|as many as|fewer than|less than)?\s*"
    rf"(?P<n1>{NUMBER})(?:\s*(?:to|-|–|or)\s*(?P<n2>{NUMBER}))?\b")


def number_value(word: str) -> int | None:
    w = word.lower().strip()
    if w in VAGUE:
        return VAGUE[w]
    if re.fullmatch(r"\d{1,3}(?:,\d{3})+|\d+", w):
        return int(w.replace(",", ""))
    if w in UNITS:
        return UNITS[w]
    parts = re.split(r"[- ]", w)
    if parts[0] in TENS:
        return TENS[parts[0]] + (UNITS.get(parts[1], 0) if len(parts) > 1 else 0)
    return None


def parse_count(text: str, start: int, end: int) -> Count | None:
    """The first count in ``text[start:end]``, with its span, or None."""
    m = COUNT.search(text, start, end)
    while m and not m.group("n1").strip():
        m = COUNT.search(text, m.end() + 1, end)
    if not m:
        return None
    n1 = number_value(m.group("n1"))
    if n1 is None:
        return None
    n2 = number_value(m.group("n2")) if m.group("n2") else None
    qual = (m.group("qual") or "").lower()
    if n2 is not None and n2 > n1:
        return Count(best=n1, low=n1, high=n2, span=Span.of(text, m.start("n1") if not qual else m.start(), m.end()))
    s = m.start("qual") if qual else m.start("n1")
    high = None if qual in ("at least", "more than", "over") else (n1 if qual not in ("up to", "as many as") else n1)
    low = n1
    if qual in ("up to", "as many as", "fewer than", "less than", "nearly", "almost"):
        low = 0
    return Count(best=n1, low=low, high=high, span=Span.of(text, s, m.end("n1")))
