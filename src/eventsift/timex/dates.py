"""Rules for calendar dates: explicit dates, months, years, decades, centuries, quarters, seasons, holidays.

Extents follow TimeBank: determiners and modifiers belong to the expression
("the third quarter", "late November", "the 1990s"), prepositions do not.
"""
from __future__ import annotations

import re
from datetime import date, timedelta

from . import calendar as cal
from .calendar import Point
from .context import Context
from .lexicon import (
    DAY, MONTH, MONTH_BEFORE_DAY, ORDINALS, SEASON, SEASONS, WEEKDAY, YEAR, YEAR_START, month_number,
)
from .rules import lower_group, rule, text_before

# --------------------------------------------------------------------------- years for month and day

def year_for(month: int, day: int | None, ctx: Context, pos: int, end: int) -> int | None:
    """The year of a month (and day) written without one: the next occurrence when the clause speaks
    of the future, else a year written just before in the same sentence ("In 1998, on March 3"), else
    the last occurrence after a verb that fixes it in the past, else the occurrence nearest the anchor."""
    a = ctx.anchor
    tense = ctx.tense(pos, end) if a is not None else None
    if tense == "future":
        return a.year if (month, day or 31) >= (a.month, a.day) else a.year + 1
    written = ctx.year_in_sentence(pos, within=60)
    if written is not None:
        return written
    if a is None:
        return None
    if tense == "past":
        return a.year if (month, day or 1) <= (a.month, a.day) else a.year - 1
    return _nearest_year(month, day, a)


#: How much further away a date after the anchor may be than one before it and still win.
FUTURE_PENALTY = 1.4


def _nearest_year(month: int, day: int | None, a: date) -> int:
    """The year that puts the month (and day) nearest the anchor, dates after it counting a bit further."""
    best, best_cost = a.year, None
    for y in (a.year - 1, a.year, a.year + 1):
        d = date(y, month, 15 if day is None else min(day, 28))
        gap = (d - a).days
        cost = gap * FUTURE_PENALTY if gap > 0 else -gap
        if best_cost is None or cost < best_cost:
            best, best_cost = y, cost
    return best


def date_value(y: int | None, mo: int, d: int | None) -> str | None:
    if d is not None:
        try:
            date(2000 if y is None else y, mo, d)
        except ValueError:
            return None
        return f"{'XXXX' if y is None else f'{y:04d}'}-{mo:02d}-{d:02d}"
    return f"{'XXXX' if y is None else f'{y:04d}'}-{mo:02d}"


def day_number(s: str) -> int:
    return int(re.match(r"\d+", s).group())


# --------------------------------------------------------------------------- explicit calendar dates

@rule("iso", r"\b(?P<y>(?:1[89]|20)\d\d)-(?P<mo>[01]\d)-(?P<d>[0-3]\d)(?:T(?P<hh>[0-2]\d):(?P<mi>[0-5]\d))?\b")
def _iso(m, ctx):
    value = date_value(int(m["y"]), int(m["mo"]), int(m["d"]))
    if value is None or not 1 <= int(m["mo"]) <= 12:
        return None
    return ("TIME", f"{value}T{m['hh']}:{m['mi']}", False) if m["hh"] else ("DATE", value, False)


@rule("numeric_date", r"(?<![\d/.$])(?P<mo>1[0-2]|0?[1-9])/(?P<d>3[01]|[12]\d|0?[1-9])/(?P<y>(?:19|20)?\d\d)(?![\d/])")
def _numeric(m, ctx):
    y = int(m["y"])
    y = y if y >= 100 else (1900 + y if y >= 30 else 2000 + y)
    value = date_value(y, int(m["mo"]), int(m["d"]))
    return ("DATE", value, False) if value else None


@rule("month_day", rf"(?:{WEEKDAY},?\s+)?(?P<mon>{MONTH_BEFORE_DAY})\s+(?P<day>{DAY})(?:,?\s+(?P<y>{YEAR}))?"
                   rf"(?!\s*(?:[-–]\s*\d|percent|%|million|billion|points|\d))")
def _month_day(m, ctx):
    mo, d = month_number(m["mon"]), day_number(m["day"])
    if m["y"]:
        value = date_value(int(m["y"]), mo, d)
        return ("DATE", value, False) if value else None
    value = date_value(year_for(mo, d, ctx, m.start(), m.end()), mo, d)
    return ("DATE", value, True) if value else None


@rule("week_of", rf"the\s+week\s+of\s+(?P<mon>{MONTH_BEFORE_DAY})\s+(?P<day>{DAY})(?:,?\s+(?P<y>{YEAR}))?")
def _week_of(m, ctx):
    resolved = _month_day(m, ctx)
    if resolved is None or resolved[1].startswith("X"):
        return resolved
    return "DATE", cal.write(date.fromisoformat(resolved[1]), "W"), resolved[2]


@rule("day_month", rf"(?:{WEEKDAY},?\s+)?(?:the\s+)?(?P<day>{DAY})\s+(?:of\s+)?"
                   rf"(?:(?P<mon>{MONTH})(?:,?\s+(?P<y>{YEAR}))?|(?P<mon2>{MONTH_BEFORE_DAY}),?\s+(?P<y2>{YEAR}))")
def _day_month(m, ctx):
    if m["mon2"]:  # "5 Jan 2020"
        value = date_value(int(m["y2"]), month_number(m["mon2"]), day_number(m["day"]))
        return ("DATE", value, False) if value else None
    return _month_day(m, ctx)


def _edge(prefix: str) -> str:
    return r"(?:(?:early|late|mid|the\s+(?:end|beginning|start|middle|first\s+half|second\s+half)\s+of(?:\s+the)?|" \
           r"(?:the\s+)?(?:end|beginning|start|middle)\s+of)[- ]+)?" + prefix


@rule("month_year", _edge(rf"(?P<mon>{MONTH})(?:,|\s+of)?\s+(?P<y>{YEAR})"))
def _month_year(m, ctx):
    return "DATE", f"{int(m['y']):04d}-{month_number(m['mon']):02d}", False


BARE_MONTH_CUE = re.compile(
    r"(?i)(?:\b(?:in|on|since|until|till|by|during|from|to|through|before|after|of|between|and|or|throughout|"
    r"early|late|mid|last|this|next|each|every|past|around|about|as of|starting|beginning|ending|in early|"
    r"in late|for|the|a|an)|[-,])\s*$")


def _bare_month_ok(m: re.Match, text: str) -> bool:
    if m["which"] or m["yw"] or re.match(r"(?i)early|late|mid|the|end|beginning|start|middle", m.group()):
        return True
    if m["mon"] == "May":
        return bool(re.search(r"(?i)\b(?:in|since|until|by|during|through|of|last|this|next|early|late|mid|from)\s*$",
                              text_before(text, m)))
    after = text[m.end():m.end() + 12]
    if re.match(r"\s+(?:for|of)\s+[A-Z]", after):  # "the March for Life"
        return False
    return bool(BARE_MONTH_CUE.search(text_before(text, m)))


@rule("month", _edge(rf"(?:(?P<which>last|this|next|this past|this coming)\s+)?(?P<mon>{MONTH})"
                     r"(?:\s+(?P<yw>last|this|next)\s+year)?(?!\s+\d)"), accept=_bare_month_ok)
def _month(m, ctx):
    mo = month_number(m["mon"])
    a = ctx.anchor
    if a is None:
        return "DATE", f"XXXX-{mo:02d}", False
    which, yw = lower_group(m, "which"), lower_group(m, "yw")
    if yw:
        y = a.year + {"last": -1, "this": 0, "next": 1}[yw]
    elif which in ("last", "this past"):
        y = a.year if mo < a.month else a.year - 1
    elif which == "this":
        y = a.year
    elif which in ("next", "this coming"):
        y = a.year if mo > a.month else a.year + 1
    else:
        y = year_for(mo, None, ctx, m.start(), m.end())
    return "DATE", f"{y:04d}-{mo:02d}", True


QUANTITY_NOUN = re.compile(
    r"\s+(?:people|persons|men|women|children|troops|soldiers|police|officers|members|workers|employees|"
    r"votes|shares|tons|tonnes|barrels|miles|kilometers|km|feet|meters|metres|acres|cars|units|"
    r"homes|houses|dollars|pounds|yen|marks|francs|euros|points|copies|jobs|cases|deaths|patients|"
    r"refugees|prisoners|students|delegates|seats|pages|words|hours|days|rounds|rockets|missiles|"
    r"Series|model|models)\b")


def _year_ok(m: re.Match, text: str) -> bool:
    if QUANTITY_NOUN.match(text, m.end()):
        return False
    before = text_before(text, m, 12)
    if re.search(r"(?i)(?:\bNo\.|\bnumber|#|\bflight|\broute|\bhighway|\bresolution|\broom|\bpage|\bgrade|"
                 r"\bmodel|\bcode|\bHR|\bS\.)\s*$", before):
        return False
    return True


@rule("year", _edge(rf"(?:(?P<fiscal>fiscal(?:\s+year)?|calendar(?:\s+year)?|the\s+year|post)[\s-]+)?"
                    rf"(?P<y>{YEAR})(?P<period>\s+period)?"), accept=_year_ok)
def _year(m, ctx):
    return "DATE", m["y"], False


@rule("year_range", rf"(?P<y1>{YEAR_START})\s*[-–]\s*"
                    r"(?P<y2>(?:1[89]|20)\d\d|\d\d)(?![\d%-])")
def _year_range(m, ctx):
    y1, y2 = m["y1"], m["y2"]
    if len(y2) == 2:
        y2 = y1[:2] + y2 if y2 > y1[2:] else None
    if y2 is None or int(y2) <= int(y1) or int(y2) - int(y1) > 60:
        return None
    return "DATE", f"{y1}/{y2}", False


DECADE_WORDS = {"twenties": 2, "thirties": 3, "forties": 4, "fifties": 5, "sixties": 6, "seventies": 7,
                "eighties": 8, "nineties": 9}


@rule("decade", r"(?:the\s+)?(?:(?P<edge>early|late|mid)[- ]?)?(?:(?P<full>(?:1[89]|20)\d0)'?s|'(?P<short>\d0)s|"
                r"(?P<word>twenties|thirties|forties|fifties|sixties|seventies|eighties|nineties))\b")
def _decade(m, ctx):
    if m["full"]:
        return "DATE", m["full"][:3], False
    digit = int(m["short"][0]) if m["short"] else DECADE_WORDS[lower_group(m, "word")]
    if not m.group().lower().startswith("the") and m["word"]:
        return None
    century = 19 if digit > 1 or ctx.anchor is None else ctx.anchor.year // 100
    return "DATE", f"{century}{digit}", False


CENTURY_ORDINALS = {"eighteenth": 18, "nineteenth": 19, "twentieth": 20, "twenty-first": 21, "twenty first": 21}


@rule("century", r"(?:the\s+)?(?:(?:early|late|mid)[- ])?(?P<n>\d{1,2}(?:st|nd|rd|th)|eighteenth|nineteenth|twentieth|"
                 r"twenty[- ]first)[- ]century")
def _century(m, ctx):
    n = lower_group(m, "n")
    number_ = CENTURY_ORDINALS.get(n) or int(re.match(r"\d+", n).group())
    return "DATE", f"{number_ - 1:02d}", False


SPELLED_TENS = {w: 10 * i for i, w in enumerate("x ten twenty thirty forty fifty sixty seventy eighty ninety".split()) if i}
SPELLED_ONES = {w: i for i, w in enumerate("zero one two three four five six seven eight nine".split())}
SPELLED_TEENS = {w: 10 + i for i, w in enumerate("ten eleven twelve thirteen fourteen fifteen sixteen seventeen "
                                                 "eighteen nineteen".split())}
_TENS_RX = "|".join(k for k in SPELLED_TENS if k != "ten")
_ONES_RX = "|".join(k for k in SPELLED_ONES if k != "zero")
_TEENS_RX = "|".join(SPELLED_TEENS)


def _spelled_two(word: str) -> int:
    parts = re.split(r"[- ]", word.lower())
    if parts[0] in SPELLED_TEENS:
        return SPELLED_TEENS[parts[0]]
    return SPELLED_TENS[parts[0]] + (SPELLED_ONES[parts[1]] if len(parts) > 1 else 0)


@rule("spelled_year", rf"(?:the\s+year\s+)?(?:(?P<c>nineteen)\s+(?P<yy>(?:{_TENS_RX})(?:[- ](?:{_ONES_RX}))?|{_TEENS_RX})"
                      rf"|(?P<k>two\s+thousand)(?:\s+and\s+(?P<kk>{_ONES_RX}))?)\b")
def _spelled_year(m, ctx):
    if m["c"]:
        if not re.search(r"(?i)\s", m.group()) or QUANTITY_NOUN.match(ctx.text, m.end()):
            return None
        return "DATE", f"19{_spelled_two(m['yy']):02d}", False
    if not m.group().lower().startswith("the year") and not m["kk"]:
        return None
    return "DATE", f"{2000 + (SPELLED_ONES[m['kk'].lower()] if m['kk'] else 0):04d}", False


SPELLED_19 = rf"nineteen\s+(?P<yy>(?:{_TENS_RX})(?:[- ](?:{_ONES_RX}))?|{_TEENS_RX})\b"


@rule("spelled_month_or_season", rf"(?:(?P<mon>{MONTH})(?:,|\s+of)?|(?:the\s+)?(?P<s>{SEASON})\s+of)\s+{SPELLED_19}")
def _spelled_month_or_season(m, ctx):
    year = 1900 + _spelled_two(m["yy"])
    if m["mon"]:
        return "DATE", f"{year}-{month_number(m['mon']):02d}", False
    return "DATE", f"{year}-{SEASONS[lower_group(m, 's')]}", False


# --------------------------------------------------------------------------- quarters and halves

QUARTER = (r"(?:(?P<det>the|this|last|next|that)\s+(?!(?:first|second|third|fourth|1st|2nd|3rd|4th)-quarter))?"
           rf"(?:(?P<yr>{YEAR})\s+|(?P<yw>last|this|next)\s+year'?s\s+)?"
           r"(?P<mods>(?:(?:fiscal|calendar|latest|current|recent|year-ago|year-earlier|comparable|corresponding|"
           r"same|flat|previous|preceding|prior|final|traditionally\s+\w+)[- ]+)*)"
           r"(?:(?P<ord>first|second|third|fourth|1st|2nd|3rd|4th)[- ]+(?:fiscal[- ]+)?)?(?P<q>quarters?|period)\b"
           rf"(?:\s+of\s+(?:(?P<yr2>{YEAR})|(?P<yw2>last|this|next)\s+year|fiscal\s+(?P<yr3>{YEAR})))?"
           r"(?:\s+(?P<ago>a\s+year\s+(?:ago|earlier)|last\s+year))?")


def _quarter_ok(m: re.Match, text: str) -> bool:
    mods, det, q = lower_group(m, "mods"), lower_group(m, "det"), lower_group(m, "q")
    if q == "period":
        return bool(re.search(r"latest|year-ago|year-earlier|comparable|corresponding|same|recent", mods) or m["yr"]
                    or m["ord"] or m["ago"]) and not (m["ord"] and not det)
    if q == "quarters":
        return bool(m["ord"] or mods)
    if m["ord"] or mods or m["yr"] or m["yw"]:
        return det != "a" or bool(mods)
    return det in ("the", "this", "last", "next", "that")


@rule("quarter", QUARTER, accept=_quarter_ok)
def _quarter(m, ctx):
    a = ctx.anchor
    mods, det = lower_group(m, "mods"), lower_group(m, "det")
    if lower_group(m, "q") == "quarters":
        return ("SET", f"XXXX-Q{ORDINALS[lower_group(m, 'ord')]}", False) if m["ord"] else ("DATE", "FUTURE_REF", False)
    year = next((int(m[k]) for k in ("yr", "yr2", "yr3") if m[k]), None)
    yw = lower_group(m, "yw") or lower_group(m, "yw2")
    if year is None and yw and a:
        year = a.year + {"last": -1, "this": 0, "next": 1}[yw]
    ago = "year-ago" in mods or "year-earlier" in mods or bool(m["ago"])
    if m["ord"]:
        q = ORDINALS[lower_group(m, "ord")]
        if year is None and a is not None:
            year = a.year
            if date(year, 3 * q - 2, 1) > a and not ctx.future(m.start(), m.end()):
                year -= 1  # a quarter that has not begun yet, told in the past tense: last year's
            if ago:
                year -= 1
        if year is not None and not ago:
            ctx.quarter = Point(date(year, 3 * q - 2, 1), "Q")
        return "DATE", f"{'XXXX' if year is None else year}-Q{q}", year is not None and not m["yr"]
    if year is not None and not yw and not ago:  # "the 1988 period"
        base = ctx.quarter.day if ctx.quarter else None
        return "DATE", f"{year}-Q{(base.month - 1) // 3 + 1}" if base else str(year), False
    if a is None:
        return "DATE", "XXXX-QX", False
    if "current" in mods or det == "this":
        base = a
    elif det == "next":
        base = cal.shift(a, 1, "Q")
    elif det == "last" or "latest" in mods or ctx.quarter is None:
        base = cal.shift(a, -1, "Q")
    else:
        base = ctx.quarter.day
    if ago:
        base = cal.shift(base, -4, "Q")
    elif det != "next":
        ctx.quarter = Point(base, "Q")
    if yw:
        base = base.replace(year=year)
    return "DATE", cal.write(base, "Q"), True


@rule("year_adjective", r"(?<![\w-])(?P<w>year-(?:ago|earlier)|year-end|year\s+end|year's\s+end)(?![\w-])")
def _year_adjective(m, ctx):
    if ctx.anchor is None:
        return None
    if lower_group(m, "w").startswith("year-") and lower_group(m, "w") != "year-end":
        if ctx.quarter is not None:
            return "DATE", cal.write(cal.shift(ctx.quarter.day, -4, "Q"), "Q"), True
        return "DATE", str(ctx.anchor.year - 1), True
    return "DATE", str(ctx.anchor.year), True


@rule("half", rf"(?:the\s+)?(?P<ord>first|second|last|latter)\s+half\s+of\s+(?:(?P<yr>{YEAR})|(?P<yw>this|last|next)\s+year|"
              r"the\s+year)")
def _half(m, ctx):
    h = 1 if lower_group(m, "ord") == "first" else 2
    if m["yr"]:
        return "DATE", f"{m['yr']}-H{h}", False
    if ctx.anchor is None:
        return "DATE", f"XXXX-H{h}", False
    year = ctx.anchor.year + {"last": -1, "this": 0, "next": 1, "": 0}[lower_group(m, "yw")]
    return "DATE", f"{year}-H{h}", True


# --------------------------------------------------------------------------- seasons

SEASON_ORDER = {"WI": 0, "SP": 1, "SU": 2, "FA": 3}


def _season_ok(m: re.Match, text: str) -> bool:
    if lower_group(m, "s") in ("fall", "spring") and not m["yr"] and lower_group(m, "which") in ("", "the") and \
            re.match(r"\s+(?:of|in|from|to|by|back|out|into)\b", text[m.end():m.end() + 7]):
        return False  # the noun or verb: "the fall of Baghdad", "a fall in prices"
    if m["which"] or m["yr"]:
        return True
    return bool(re.search(r"(?i)\b(?:in|during|since|until|by|through|this|last|next|of|the)\s*$", text_before(text, m)))


@rule("season", rf"(?:(?P<which>last|this|next|this past|this coming|the|the early|the late|early|late|mid)[- ]+)?"
                rf"(?P<s>{SEASON})(?:\s+of\s+(?P<yr>{YEAR}))?(?!-\w)", accept=_season_ok)
def _season(m, ctx):
    code = SEASONS[lower_group(m, "s")]
    if m["yr"]:
        return "DATE", f"{m['yr']}-{code}", False
    a = ctx.anchor
    if a is None:
        return "DATE", f"XXXX-{code}", False
    # where in its year the anchor is: December is the winter at the END of the year, after the autumn
    now = {12: 4, 1: 0, 2: 0, 3: 1, 4: 1, 5: 1, 6: 2, 7: 2, 8: 2}.get(a.month, 3)
    which = lower_group(m, "which")
    y = a.year
    if which in ("last", "this past"):
        y = a.year - 1 if SEASON_ORDER[code] >= now else a.year
    elif which in ("next", "this coming"):
        y = a.year + 1 if SEASON_ORDER[code] <= now else a.year
    elif not which.startswith("this") and SEASON_ORDER[code] > now and \
            ctx.tense(m.start(), m.end()) not in ("future", "present"):
        y = a.year - 1  # a season still to come this year, told without a future or present verb: last year's
    return "DATE", f"{y}-{code}", True



# --------------------------------------------------------------------------- holidays

def _thanksgiving(year: int) -> date:
    first = date(year, 11, 1)
    return first + timedelta(days=(3 - first.weekday()) % 7 + 21)


def _election_day(year: int) -> date:
    first = date(year, 11, 2)
    return first + timedelta(days=(1 - first.weekday()) % 7)


def _easter(year: int) -> date:
    """Western Easter Sunday (the anonymous Gregorian computus)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = b // 4, b % 4
    g = (8 * b + 13) // 25
    h = (19 * a + b - d - g + 15) % 30
    i, k = c // 4, c % 4
    l = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 19 * l) // 433
    month = (h + l - 7 * m + 90) // 25
    return date(year, month, (h + l - 7 * m + 33 * month + 19) % 32)


HOLIDAYS = {
    "easter": _easter, "easter sunday": _easter,
    "christmas": lambda y: date(y, 12, 25), "christmas day": lambda y: date(y, 12, 25),
    "christmas eve": lambda y: date(y, 12, 24), "new year's day": lambda y: date(y, 1, 1),
    "new year's eve": lambda y: date(y, 12, 31), "thanksgiving": _thanksgiving, "thanksgiving day": _thanksgiving,
    "independence day": lambda y: date(y, 7, 4), "election day": _election_day, "halloween": lambda y: date(y, 10, 31),
    "valentine's day": lambda y: date(y, 2, 14), "labor day": lambda y: date(y, 9, 1) + timedelta(
        days=(0 - date(y, 9, 1).weekday()) % 7),
}


@rule("holiday", rf"(?:(?P<which>last|this|next)\s+)?(?P<h>(?-i:Christmas(?: Day| Eve)?|New Year's (?:Day|Eve)|"
                 rf"Thanksgiving(?: Day)?|Independence Day|Election Day|Halloween|Valentine's Day|Labor Day|Easter(?: Sunday)?))"
                 r"(?![\w-])(?P<week>\s+week)?"
                 rf"(?:,?\s+(?P<y>{YEAR}))?")
def _holiday(m, ctx):
    make = HOLIDAYS[lower_group(m, "h")]
    if m["y"]:
        return "DATE", make(int(m["y"])).isoformat(), False
    if ctx.anchor is None:
        return "DATE", "XXXX-XX-XX", False
    a = ctx.anchor
    which = lower_group(m, "which")
    this_year = make(a.year)
    if which == "next" or (not which and ctx.future(m.start(), m.end())):
        day = this_year if this_year >= a else make(a.year + 1)
    elif which == "this":
        day = this_year
    elif which == "last":
        day = this_year if this_year < a else make(a.year - 1)
    else:  # the nearest one, one ahead counting a bit further (see FUTURE_PENALTY)
        day = min((make(y) for y in (a.year - 1, a.year, a.year + 1)),
                  key=lambda d: (d - a).days * FUTURE_PENALTY if d > a else (a - d).days)
    if m["week"]:
        return "DATE", cal.write(day, "W"), True
    return "DATE", day.isoformat(), True
