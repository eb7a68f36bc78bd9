"""Words of the time grammar: months, weekdays, numbers, units, seasons, parts of the day.

Regex fragments here are case-sensitive where a capital letter is what tells a
month from a verb ("March", "may"), and case-insensitive elsewhere.
"""
from __future__ import annotations

import re

MONTH_NAMES = "January February March April May June July August September October November December".split()
MONTHS = {m.lower(): i for i, m in enumerate(MONTH_NAMES, 1)}
MONTHS.update({m.lower()[:3]: i for i, m in enumerate(MONTH_NAMES, 1)})
MONTHS["sept"] = 9
WEEKDAY_NAMES = "Monday Tuesday Wednesday Thursday Friday Saturday Sunday".split()
WEEKDAYS = {d.lower(): i for i, d in enumerate(WEEKDAY_NAMES)}

#: A month name, capitalised: full, or abbreviated with a full stop ("Aug.", "Sept.").
MONTH = (r"(?-i:(?:January|February|March|April|May|June|July|August|September|October|November|December)(?![\w-])"
         r"|(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\.)")
#: Also the abbreviations without a full stop, for use only before a day number ("Aug 7").
MONTH_BEFORE_DAY = r"(?:" + MONTH + r"|(?-i:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)(?![\w-]))"
WEEKDAY = r"(?-i:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
DAY = r"(?:3[01]|[12]\d|0?[1-9])(?:st|nd|rd|th)?(?![\d%]|:\d)"
YEAR_START = r"(?<![\d$£€#.,/])(?<!\d-)(?:1[89]\d\d|20\d\d)"
YEAR = YEAR_START + r"(?![\d%]|,\d|\.\d|-\d|/\d)"

ONES = "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen " \
       "seventeen eighteen nineteen".split()
TENS = "twenty thirty forty fifty sixty seventy eighty ninety".split()
NUMBER_WORDS = {w: i for i, w in enumerate(ONES)}
NUMBER_WORDS.update({w: 20 + 10 * i for i, w in enumerate(TENS)})
NUMBER_WORDS.update({"a": 1, "an": 1, "a single": 1, "a couple of": 2, "a couple": 2, "couple of": 2,
                     "a dozen": 12, "dozen": 12, "hundred": 100, "a hundred": 100, "one hundred": 100,
                     "a thousand": 1000, "two thousand": 2000})
VAGUE = {"a few", "few", "several", "some", "many", "a number of", "numerous"}

_TENS_RX = "|".join(TENS)
_ONES_RX = "|".join(sorted(ONES[1:], key=len, reverse=True))
#: A count, in digits or words ("two", "twenty-four", "a couple of", "several").
NUMBER = (rf"(?:(?:\d+|{_ONES_RX})\s+and\s+a\s+half|\d+(?:\.\d+)?(?: 1/2)?|(?:{_TENS_RX})(?:[- ](?:{_ONES_RX}))?|{_ONES_RX}|a hundred|one hundred|"
          r"hundred|two thousand|a thousand|a dozen|a couple(?: of)?|couple of|a few|a single|several|few|some|many|"
          r"a|an)")

UNITS = {
    "second": "S", "minute": "MIN", "hour": "H", "day": "D", "night": "D", "week": "W", "weekend": "WE",
    "fortnight": "FN", "month": "M", "quarter": "Q", "year": "Y", "decade": "DE", "century": "CE",
    "centurie": "CE", "millennium": "ML", "millennia": "ML",
}
#: A unit of time, singular or plural.
UNIT = r"(?:second|minute|hour|day|night|weekend|week|fortnight|month|quarter|year|decade|century|centuries|millenni(?:um|a))s?"

SEASONS = {"spring": "SP", "summer": "SU", "fall": "FA", "autumn": "FA", "winter": "WI"}
SEASON = r"(?:spring|summer|fall|autumn|winter)"
PARTS_OF_DAY = {"morning": "MO", "afternoon": "AF", "evening": "EV", "night": "NI", "overnight": "NI"}
PART_OF_DAY = r"(?:morning|afternoon|evening|night)"
ORDINALS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "1st": 1, "2nd": 2, "3rd": 3, "4th": 4, "last": 4}

#: Words that put a count in front of a duration without changing its value.
DURATION_MODIFIER = (r"(?:at least|at most|nearly|almost|about|around|approximately|roughly|more than|"
                     r"less than|fewer than|no more than|no less than|up to)")


def number(word: str) -> int | float | None:
    """The value of a count word or numeral; None for vague counts ("several")."""
    w = " ".join(word.lower().replace("-", " ").split())
    if w in VAGUE:
        return None
    if w.endswith(" and a half"):
        base = number(w[:-11])
        return None if base is None else base + 0.5
    if w.endswith(" 1/2"):
        base = number(w[:-4])
        return None if base is None else base + 0.5
    try:
        return int(w) if w.isdigit() else float(w)
    except ValueError:
        pass
    if w in NUMBER_WORDS:
        return NUMBER_WORDS[w]
    parts = w.split()
    if len(parts) == 2 and parts[0] in NUMBER_WORDS and parts[1] in NUMBER_WORDS:
        return NUMBER_WORDS[parts[0]] + NUMBER_WORDS[parts[1]]
    return None


def unit_code(word: str) -> str:
    w = word.lower()
    if w.startswith("centur"):
        return "CE"
    if w.startswith("millenni"):
        return "ML"
    return UNITS[re.sub(r"s$", "", w)]


def month_number(word: str) -> int:
    w = word.lower().rstrip(".")
    return MONTHS[w if w in MONTHS else w[:3]]
