"""Reported numbers of people, read the conservative way ACLED codes them.

"at least 52" -> 52, "more than 20" -> 20, "tens" -> 10, "dozens" -> 12, "several dozen" -> 24, "hundreds" -> 100,
"several" -> 3 (ACLED's coding: 24 of the 35 development notes that say "several killed" are coded 3, none 10),
"many" -> 10, "a few" -> 3, ranges "20 to 30" -> best 20, low 20, high 30. Written by hand
because number-word libraries do not know these coding conventions.
"""
from __future__ import annotations

import re

from ..model import Count, Span

UNITS = {w: i for i, w in enumerate(
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen "
    "seventeen eighteen nineteen".split())}
TENS = {w: 10 * (i + 2) for i, w in enumerate("twenty thirty forty fifty sixty seventy eighty ninety".split())}
VAGUE = {"a dozen": 12, "dozen": 12, "dozens": 12, "tens": 10, "several dozen": 24, "scores": 20, "hundreds": 100,
         "several hundred": 200, "thousands": 1000, "tens of thousands": 10000, "several thousand": 2000,
         "several": 3, "a few": 3, "few": 3, "many": 10, "numerous": 10, "a number": 3, "a handful": 3,
         "a couple": 2, "a hundred": 100, "one hundred": 100, "a thousand": 1000}
_UNIT_WORDS = "zero|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|" \
              "sixteen|seventeen|eighteen|nineteen"
_TENS_WORDS = "twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety"
NUMBER = (rf"(?:\d{{1,3}}(?:,\d{{3}})+|\d+|(?:{_TENS_WORDS})(?:[- ](?:one|two|three|four|five|six|seven|eight|nine))?"
          rf"|(?:a|one|two|three|four|five|six|seven|eight|nine) hundred(?: and (?:{_TENS_WORDS}|{_UNIT_WORDS}))?"
          rf"|{_UNIT_WORDS}|tens of thousands|tens|several dozen|several hundred|several thousand|a dozen|dozens|dozen"
          rf"|scores|hundreds|thousands|a handful|a couple|several|a few|many|numerous)")
COUNT = re.compile(
    rf"(?i)\b(?P<qual>at least|at the least|more than|over|nearly|almost|about|around|some|up to|as many as|fewer than|less than|"
    rf"approximately|roughly|an estimated|at most|upwards of)?\s*"
    rf"(?:between\s+)?(?P<n1>{NUMBER})(?:\s*(?:to|-|–|or|and)\s*(?P<n2>{NUMBER}))?\b")

AGE = re.compile(r"(?i)\s*-?\s*(?:years?|yrs?|months?|weeks?|days?)\s*-?\s*old\b")  # "a 27-year -old man"
_MONTH = r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|" \
         r"oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\b(?!\s+(?:have|be|not|also|still|in|on|through|to)\b)"
#: "27 February: a civilian was shot dead", "on 12/03", "at 10:30", "for 5 days", "20 km north": a date, a
#: time, a duration or a distance, not a number of people.
DATE_AFTER = re.compile(rf"(?i)(?:st|nd|rd|th)?(?:\s+{_MONTH}|[/:.]\d)")
UNIT_AFTER = re.compile(r"(?i)\s*-?\s*(?:days?|hours?|weeks?|months?|years?|minutes?|km|kilometres?|kilometers?|miles?)\b")
DATE_BEFORE = re.compile(rf"(?i)(?:\b{_MONTH}\s*|\d[/:.])$")


def number_value(word: str) -> int | None:
    w = re.sub(r"\s+", " ", word.lower().strip())
    if w in VAGUE:
        return VAGUE[w]
    if re.fullmatch(r"\d{1,3}(?:,\d{3})+|\d+", w):
        return int(w.replace(",", ""))
    if w in UNITS:
        return UNITS[w]
    hundred = re.fullmatch(r"(\w+) hundred(?: and (.+))?", w)
    if hundred:
        base = 1 if hundred.group(1) == "a" else UNITS.get(hundred.group(1), 0)
        rest = number_value(hundred.group(2)) if hundred.group(2) else 0
        return base * 100 + (rest or 0)
    parts = re.split(r"[- ]", w)
    if parts[0] in TENS:
        return TENS[parts[0]] + (UNITS.get(parts[1], 0) if len(parts) > 1 else 0)
    return None


def _dated(text: str, m) -> bool:
    end = m.end("n2") if m.group("n2") else m.end("n1")
    if UNIT_AFTER.match(text, end):
        return True  # "five days later", "20 km north of"
    if not m.group("n1")[0].isdigit():
        return False
    return bool(DATE_AFTER.match(text, m.end("n1")) or DATE_BEFORE.search(text[max(0, m.start("n1") - 12):m.start("n1")]))


def parse_count(text: str, start: int, end: int) -> Count | None:
    """The first count in ``text[start:end]``, with its span, or None."""
    m = COUNT.search(text, start, end)
    while m and (not m.group("n1").strip() or AGE.match(text, m.end()) or _dated(text, m)):
        m = COUNT.search(text, m.end() + 1, end)  # "a 72-year-old woman" is one person, not 72
    if not m:
        return None
    n1 = number_value(m.group("n1"))
    if n1 is None:
        return None
    n2 = number_value(m.group("n2")) if m.group("n2") else None
    qual = (m.group("qual") or "").lower()
    s = m.start("qual") if qual else m.start("n1")
    if n2 is not None and n2 > n1:
        return Count(best=n1, low=n1, high=n2, span=Span.of(text, s, m.end()))
    high = None if qual in ("at least", "at the least", "more than", "over", "upwards of") else n1
    low = 0 if qual in ("up to", "as many as", "fewer than", "less than", "at most") else n1
    return Count(best=n1, low=low, high=high, span=Span.of(text, s, m.end("n1")))


def add(a: Count | None, b: Count | None, text: str) -> Count | None:
    """The sum of two counts of different people ("7 soldiers and 4 militants")."""
    if a is None or b is None:
        return a or b
    span = None
    if a.span and b.span:
        span = Span.of(text, min(a.span.start, b.span.start), max(a.span.end, b.span.end))
    high = None if a.high is None or b.high is None else a.high + b.high
    return Count(best=a.best + b.best, low=(a.low or 0) + (b.low or 0), high=high, span=span)
