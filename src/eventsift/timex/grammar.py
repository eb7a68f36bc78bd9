"""The rules: one regular expression and one resolver per kind of time expression.

Each rule's ``accept`` looks only at the text (a bare "May" must follow "in",
"since", ...); its ``resolve`` turns the match into a TIMEX3 (type, value,
relative) using the :class:`Context`. Extents follow TimeBank: determiners and
modifiers belong to the expression ("the third quarter", "nearly two years",
"late November"), prepositions do not ("in 1998" -> "1998").
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Callable

from . import calendar as cal
from .calendar import Point
from .context import Context
from .lexicon import (
    DAY, DURATION_MODIFIER, MONTH, MONTH_BEFORE_DAY, NUMBER, ORDINALS, PART_OF_DAY, PARTS_OF_DAY, SEASON,
    SEASONS, UNIT, WEEKDAY, WEEKDAYS, YEAR, YEAR_START, month_number, number, unit_code,
)

#: (type, value, relative), optionally with a later start when the match's first words are not part of it.
Result = tuple


@dataclass(frozen=True)
class Rule:
    name: str
    pattern: re.Pattern
    resolve: Callable[[re.Match, Context], Result | None]
    accept: Callable[[re.Match, str], bool] = lambda m, text: True
    #: A cheap pattern every match must contain; the full pattern runs only near its hits (speed).
    trigger: re.Pattern | None = None
    #: True when the trigger is written in lower case, to be searched in the lower-cased text.
    lower: bool = False


RULES: list[Rule] = []


def rule(name: str, pattern: str, accept: Callable[[re.Match, str], bool] | None = None):
    def register(resolve):
        RULES.append(Rule(name, re.compile(pattern, re.IGNORECASE), resolve, accept or (lambda m, t: True)))
        return resolve
    return register


def _g(m: re.Match, name: str) -> str:
    return (m.group(name) or "").lower()


def _before(text: str, m: re.Match, n: int = 30) -> str:
    return text[max(0, m.start() - n):m.start()]


# --------------------------------------------------------------------------- years for month and day

def _year_for(month: int, day: int | None, ctx: Context, pos: int, end: int) -> int | None:
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


def _date_value(y: int | None, mo: int, d: int | None) -> str | None:
    if d is not None:
        try:
            date(2000 if y is None else y, mo, d)
        except ValueError:
            return None
        return f"{'XXXX' if y is None else f'{y:04d}'}-{mo:02d}-{d:02d}"
    return f"{'XXXX' if y is None else f'{y:04d}'}-{mo:02d}"


def _day(s: str) -> int:
    return int(re.match(r"\d+", s).group())


# --------------------------------------------------------------------------- explicit calendar dates

@rule("iso", r"\b(?P<y>(?:1[89]|20)\d\d)-(?P<mo>[01]\d)-(?P<d>[0-3]\d)(?:T(?P<hh>[0-2]\d):(?P<mi>[0-5]\d))?\b")
def _iso(m, ctx):
    value = _date_value(int(m["y"]), int(m["mo"]), int(m["d"]))
    if value is None or not 1 <= int(m["mo"]) <= 12:
        return None
    return ("TIME", f"{value}T{m['hh']}:{m['mi']}", False) if m["hh"] else ("DATE", value, False)


@rule("numeric_date", r"(?<![\d/.$])(?P<mo>1[0-2]|0?[1-9])/(?P<d>3[01]|[12]\d|0?[1-9])/(?P<y>(?:19|20)?\d\d)(?![\d/])")
def _numeric(m, ctx):
    y = int(m["y"])
    y = y if y >= 100 else (1900 + y if y >= 30 else 2000 + y)
    value = _date_value(y, int(m["mo"]), int(m["d"]))
    return ("DATE", value, False) if value else None


@rule("month_day", rf"(?:{WEEKDAY},?\s+)?(?P<mon>{MONTH_BEFORE_DAY})\s+(?P<day>{DAY})(?:,?\s+(?P<y>{YEAR}))?"
                   rf"(?!\s*(?:[-–]\s*\d|percent|%|million|billion|points|\d))")
def _month_day(m, ctx):
    mo, d = month_number(m["mon"]), _day(m["day"])
    if m["y"]:
        value = _date_value(int(m["y"]), mo, d)
        return ("DATE", value, False) if value else None
    value = _date_value(_year_for(mo, d, ctx, m.start(), m.end()), mo, d)
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
        value = _date_value(int(m["y2"]), month_number(m["mon2"]), _day(m["day"]))
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
                              _before(text, m)))
    after = text[m.end():m.end() + 12]
    if re.match(r"\s+(?:for|of)\s+[A-Z]", after):  # "the March for Life"
        return False
    return bool(BARE_MONTH_CUE.search(_before(text, m)))


@rule("month", _edge(rf"(?:(?P<which>last|this|next|this past|this coming)\s+)?(?P<mon>{MONTH})"
                     r"(?:\s+(?P<yw>last|this|next)\s+year)?(?!\s+\d)"), accept=_bare_month_ok)
def _month(m, ctx):
    mo = month_number(m["mon"])
    a = ctx.anchor
    if a is None:
        return "DATE", f"XXXX-{mo:02d}", False
    which, yw = _g(m, "which"), _g(m, "yw")
    if yw:
        y = a.year + {"last": -1, "this": 0, "next": 1}[yw]
    elif which in ("last", "this past"):
        y = a.year if mo < a.month else a.year - 1
    elif which == "this":
        y = a.year
    elif which in ("next", "this coming"):
        y = a.year if mo > a.month else a.year + 1
    else:
        y = _year_for(mo, None, ctx, m.start(), m.end())
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
    before = _before(text, m, 12)
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
    digit = int(m["short"][0]) if m["short"] else DECADE_WORDS[_g(m, "word")]
    if not m.group().lower().startswith("the") and m["word"]:
        return None
    century = 19 if digit > 1 or ctx.anchor is None else ctx.anchor.year // 100
    return "DATE", f"{century}{digit}", False


CENTURY_ORDINALS = {"eighteenth": 18, "nineteenth": 19, "twentieth": 20, "twenty-first": 21, "twenty first": 21}


@rule("century", r"(?:the\s+)?(?:(?:early|late|mid)[- ])?(?P<n>\d{1,2}(?:st|nd|rd|th)|eighteenth|nineteenth|twentieth|"
                 r"twenty[- ]first)[- ]century")
def _century(m, ctx):
    n = _g(m, "n")
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
    return "DATE", f"{year}-{SEASONS[_g(m, 's')]}", False


# --------------------------------------------------------------------------- quarters and halves

QUARTER = (r"(?:(?P<det>the|this|last|next|that)\s+(?!(?:first|second|third|fourth|1st|2nd|3rd|4th)-quarter))?"
           rf"(?:(?P<yr>{YEAR})\s+|(?P<yw>last|this|next)\s+year'?s\s+)?"
           r"(?P<mods>(?:(?:fiscal|calendar|latest|current|recent|year-ago|year-earlier|comparable|corresponding|"
           r"same|flat|previous|preceding|prior|final|traditionally\s+\w+)[- ]+)*)"
           r"(?:(?P<ord>first|second|third|fourth|1st|2nd|3rd|4th)[- ]+(?:fiscal[- ]+)?)?(?P<q>quarters?|period)\b"
           rf"(?:\s+of\s+(?:(?P<yr2>{YEAR})|(?P<yw2>last|this|next)\s+year|fiscal\s+(?P<yr3>{YEAR})))?"
           r"(?:\s+(?P<ago>a\s+year\s+(?:ago|earlier)|last\s+year))?")


def _quarter_ok(m: re.Match, text: str) -> bool:
    mods, det, q = _g(m, "mods"), _g(m, "det"), _g(m, "q")
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
    mods, det = _g(m, "mods"), _g(m, "det")
    if _g(m, "q") == "quarters":
        return ("SET", f"XXXX-Q{ORDINALS[_g(m, 'ord')]}", False) if m["ord"] else ("DATE", "FUTURE_REF", False)
    year = next((int(m[k]) for k in ("yr", "yr2", "yr3") if m[k]), None)
    yw = _g(m, "yw") or _g(m, "yw2")
    if year is None and yw and a:
        year = a.year + {"last": -1, "this": 0, "next": 1}[yw]
    ago = "year-ago" in mods or "year-earlier" in mods or bool(m["ago"])
    if m["ord"]:
        q = ORDINALS[_g(m, "ord")]
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
    if _g(m, "w").startswith("year-") and _g(m, "w") != "year-end":
        if ctx.quarter is not None:
            return "DATE", cal.write(cal.shift(ctx.quarter.day, -4, "Q"), "Q"), True
        return "DATE", str(ctx.anchor.year - 1), True
    return "DATE", str(ctx.anchor.year), True


@rule("half", rf"(?:the\s+)?(?P<ord>first|second|last|latter)\s+half\s+of\s+(?:(?P<yr>{YEAR})|(?P<yw>this|last|next)\s+year|"
              r"the\s+year)")
def _half(m, ctx):
    h = 1 if _g(m, "ord") == "first" else 2
    if m["yr"]:
        return "DATE", f"{m['yr']}-H{h}", False
    if ctx.anchor is None:
        return "DATE", f"XXXX-H{h}", False
    year = ctx.anchor.year + {"last": -1, "this": 0, "next": 1, "": 0}[_g(m, "yw")]
    return "DATE", f"{year}-H{h}", True


# --------------------------------------------------------------------------- seasons

SEASON_ORDER = {"WI": 0, "SP": 1, "SU": 2, "FA": 3}


def _season_ok(m: re.Match, text: str) -> bool:
    if m["which"] or m["yr"]:
        return True
    return bool(re.search(r"(?i)\b(?:in|during|since|until|by|through|this|last|next|of|the)\s*$", _before(text, m)))


@rule("season", rf"(?:(?P<which>last|this|next|this past|this coming|the|the early|the late|early|late|mid)[- ]+)?"
                rf"(?P<s>{SEASON})(?:\s+of\s+(?P<yr>{YEAR}))?(?!-\w)", accept=_season_ok)
def _season(m, ctx):
    code = SEASONS[_g(m, "s")]
    if m["yr"]:
        return "DATE", f"{m['yr']}-{code}", False
    a = ctx.anchor
    if a is None:
        return "DATE", f"XXXX-{code}", False
    now = {12: "WI", 1: "WI", 2: "WI", 3: "SP", 4: "SP", 5: "SP", 6: "SU", 7: "SU", 8: "SU"}.get(a.month, "FA")
    which = _g(m, "which")
    y = a.year
    if which in ("last", "this past"):
        y = a.year - 1 if SEASON_ORDER[code] >= SEASON_ORDER[now] else a.year
    elif which in ("next", "this coming"):
        y = a.year + 1 if SEASON_ORDER[code] <= SEASON_ORDER[now] else a.year
    elif not which.startswith("this") and SEASON_ORDER[code] > SEASON_ORDER[now] and not ctx.future(m.start(), m.end()):
        y = a.year - 1
    return "DATE", f"{y}-{code}", True


# --------------------------------------------------------------------------- days relative to the anchor

def _anchor_day(ctx: Context, offset: int) -> str | None:
    return (ctx.anchor + timedelta(days=offset)).isoformat() if ctx.anchor else None


@rule("deictic_day", rf"(?:(?P<edge>early|late|earlier|later)\s+)?(?P<w>today|yesterday|tomorrow|tonight)"
                     rf"(?:\s+(?P<part>{PART_OF_DAY}))?(?![\w-])")
def _deictic_day(m, ctx):
    offset = {"today": 0, "tonight": 0, "yesterday": -1, "tomorrow": 1}[_g(m, "w")]
    day = _anchor_day(ctx, offset)
    if day is None:
        return "DATE", {0: "PRESENT_REF", -1: "PAST_REF", 1: "FUTURE_REF"}[offset], False
    return "DATE", day, True


@rule("part_of_day", rf"(?:(?P<w>this|last|later\s+this|earlier\s+this|the|tomorrow|yesterday)\s+)?(?:mid-?\s*)?"
                     r"(?P<part>morning|afternoon|evening|night)|(?P<over>overnight)\b",
      accept=lambda m, t: bool(m["w"] or m["over"]) and _g(m, "w") != "the" or
      bool(re.search(r"(?i)\b(?:in|during|by|until|since|from)\s*$", _before(t, m))))
def _part_of_day(m, ctx):
    part = PARTS_OF_DAY[_g(m, "part") or "overnight"]
    w = _g(m, "w")
    offset = -1 if w in ("last", "yesterday") or m["over"] else (1 if w == "tomorrow" else 0)
    base = ctx.reference.day if ctx.reference and w == "the" else ctx.anchor
    if base is None:
        return "TIME", f"XXXX-XX-XXT{part}", False
    if w == "last" and part != "NI":
        return None
    return "TIME", f"{(base + timedelta(days=offset)).isoformat()}T{part}", True


def _weekday_date(target: int, which: str, ctx: Context, start: int, end: int) -> date | None:
    base = ctx.anchor
    if which in ("the previous", "the following", "the next", "that") and ctx.reference is not None:
        base = ctx.reference.day
    if base is None:
        return None
    back = (base.weekday() - target) % 7
    ahead = (target - base.weekday()) % 7
    if which in ("last", "this past", "the previous"):
        return base - timedelta(days=back or 7)
    if which in ("next", "the following", "the next"):
        return base + timedelta(days=ahead or 7)
    if which in ("this coming",):
        return base + timedelta(days=ahead)
    if which == "this":
        return base + timedelta(days=ahead) if ctx.future(start, end) else base - timedelta(days=back)
    if ctx.future(start, end) or ctx.future(start, end, WEEKDAY_FUTURE_CUE):
        return base + timedelta(days=ahead)
    return base - timedelta(days=back)


#: What else, next to a weekday, speaks of the coming days: plans, "as soon as Tuesday". (Modals such as
#: "would" do not: in reported speech they point back as often as forward, measured on TimeBank.)
WEEKDAY_FUTURE_CUE = re.compile(
    r"(?i)\b(?:planned to|planning to|as soon as|as early as|postponed until|"
    r"to (?:leave|begin|start|resume|meet|hold|return|arrive|visit|travel|open|close|vote|decide|announce))\b")


@rule("weekday", rf"(?:(?P<which>last|this|next|this past|this coming|the previous|the following|the next|early|late|"
                 rf"earlier|later)\s+)?(?P<wd>{WEEKDAY})(?P<plural>s)?(?![\w-])(?:\s+(?P<part>{PART_OF_DAY})(?P<pp>s)?)?")
def _weekday(m, ctx):
    target = WEEKDAYS[_g(m, "wd")]
    if m["plural"] or m["pp"]:
        part = f"T{PARTS_OF_DAY[_g(m, 'part')]}" if m["part"] else ""
        return "SET", f"XXXX-WXX-{target + 1}{part}", False
    which = _g(m, "which")
    if which in ("early", "late", "earlier", "later"):
        which = ""
    day = _weekday_date(target, which, ctx, m.start(), m.end())
    if day is None:
        return "DATE", f"XXXX-WXX-{target + 1}", False
    if _g(m, "part") == "evening":
        return "TIME", f"{day.isoformat()}TEV", True
    return "DATE", day.isoformat(), True


REFS = {
    "now": "PRESENT_REF", "just now": "PAST_REF", "currently": "PRESENT_REF",
    "current": "PRESENT_REF", "these days": "PRESENT_REF", "nowadays": "PRESENT_REF", "at present": "PRESENT_REF",
    "recently": "PAST_REF", "more recently": "PAST_REF", "most recently": "PAST_REF",
    "lately": "PAST_REF",
    "the past": "PAST_REF", "the recent past": "PAST_REF", "soon": "FUTURE_REF", "the future": "FUTURE_REF",
    "the near future": "FUTURE_REF", "the distant future": "FUTURE_REF", "the near term": "FUTURE_REF",
    "the short term": "FUTURE_REF", "the long term": "FUTURE_REF", "as soon as possible": "FUTURE_REF",
    "a later date": "FUTURE_REF", "future": "FUTURE_REF",
}


def _ref_ok(m: re.Match, text: str) -> bool:
    w = m.group().lower()
    after = text[m.end():m.end() + 25]
    if w == "current":
        return not re.match(r"\s+(?:account|accounts|affairs|events|system|law|laws|rules|policy|form|"
                            r"version|president|chairman|members?|owners?|model|level|rate)\b", after)
    if w == "future":
        return bool(re.search(r"(?i)\b(?:in|the|near)\s*$", _before(text, m)))
    if w == "soon" and (re.match(r"\s+after\b", after) or re.search(r"(?i)\bas\s*$", _before(text, m))):
        return False
    if re.search(r"(?i)\bforeseeable\s*$", _before(text, m)):
        return False
    return True


@rule("ref", r"(?<![\w-])(?:" + "|".join(sorted((re.escape(k) for k in REFS), key=len, reverse=True)) + r")(?![\w-])",
      accept=_ref_ok)
def _ref(m, ctx):
    return "DATE", REFS[" ".join(m.group().lower().split())], False


# --------------------------------------------------------------------------- units relative to the anchor or reference

RELATIVE_WHICH = {
    # word(s): (base: "a" anchor or "r" reference, shift)
    "last": ("a", -1), "this": ("a", 0), "next": ("a", 1), "the coming": ("a", 1), "this coming": ("a", 1),
    "this past": ("a", -1), "the past": ("a", -1), "the last": ("a", -1), "the current": ("a", 0),
    "the latest": ("a", -1), "earlier this": ("a", 0), "later this": ("a", 0), "early this": ("a", 0),
    "late this": ("a", 0), "early next": ("a", 1), "late next": ("a", 1), "early last": ("a", -1),
    "late last": ("a", -1), "earlier in the": ("a", 0), "later in the": ("a", 0), "the rest of the": ("a", 0),
    "the rest of this": ("a", 0), "the end of the": ("a", 0), "the end of this": ("a", 0),
    "the end of last": ("a", -1), "the end of next": ("a", 1), "the beginning of the": ("a", 0),
    "the beginning of this": ("a", 0), "the beginning of next": ("a", 1), "the start of the": ("a", 0),
    "the middle of the": ("a", 0), "the middle of this": ("a", 0), "the middle of next": ("a", 1),
    "the previous": ("r", -1), "the preceding": ("r", -1), "the prior": ("r", -1), "the following": ("r", 1),
    "the next": ("r", 1), "that": ("r", 0), "the same": ("r", 0), "that same": ("r", 0),
    "later that": ("r", 0), "earlier that": ("r", 0), "early that": ("r", 0), "late that": ("r", 0),
    "the": ("a", 0), "the end of that": ("r", 0), "the full": ("a", 0),
}
_WHICH_RX = "|".join(sorted((re.escape(k).replace(r"\ ", r"\s+") for k in RELATIVE_WHICH), key=len, reverse=True))
REL_UNITS = {"week": "W", "weekend": "WE", "month": "M", "year": "Y", "fiscal year": "Y", "decade": "DE",
             "century": "CE", "day": "D", "morning": "D", "afternoon": "D", "evening": "D", "night": "D",
             "quarter": "Q"}


def _relative_ok(m: re.Match, text: str) -> bool:
    if m["unit"][0].isupper():  # a programme title: ABC's "This Week"
        return False
    which, unit = " ".join(_g(m, "which").split()), " ".join(_g(m, "unit").split())
    if which == "the full":
        return unit == "year"
    if which == "the":
        if unit in ("year", "fiscal year"):
            return not re.match(r"\s*-", text[m.end():m.end() + 2])
        return unit in ("weekend",)
    if unit in ("morning", "afternoon", "evening", "night") and RELATIVE_WHICH[which][0] == "a" and which not in (
            "this", "later this", "earlier this"):
        return False
    return not (unit == "day" and RELATIVE_WHICH[which][0] == "a")  # "this day", "next day" without "the"


@rule("relative", rf"(?P<which>{_WHICH_RX})\s+(?P<unit>week|weekend|month|year|fiscal\s+year|decade|century|day|"
                  r"morning|afternoon|evening|night)(?![\w-])(?P<before>\s+before(?=\s*[,.;:]))?(?:\s+or\s+so)?",
      accept=_relative_ok)
def _relative(m, ctx):
    which, unit_word = " ".join(_g(m, "which").split()), " ".join(_g(m, "unit").split())
    basis, step = RELATIVE_WHICH[which]
    unit = REL_UNITS[unit_word]
    if basis == "r" and ctx.reference is not None:
        base = ctx.reference.day
    else:
        base = ctx.anchor
    if base is None:
        return "DATE", {-1: "PAST_REF", 0: "PRESENT_REF", 1: "FUTURE_REF"}[step], False
    if m["before"]:
        step = -1
    if which == "the" and re.match(r"\s+end(?:ed|ing)\b", ctx.text[m.end():m.end() + 8]):
        return "DURATION", "P1Y", False  # "for the year ended Sept. 30"
    if basis == "r" and ctx.reference is not None and unit == "D" and ctx.reference.grain != "D":
        return ("DATE", ctx.reference.value, True) if step == 0 else None
    if unit_word in ("morning", "afternoon", "evening", "night"):
        day = base + timedelta(days=step)
        if which in ("this", "later this", "earlier this"):
            return "TIME", f"{day.isoformat()}T{PARTS_OF_DAY[unit_word]}", True
        return "DATE", day.isoformat(), True
    if unit == "WE":
        week = base if base.weekday() >= 5 or step != 0 or basis == "r" else base - timedelta(days=7 if base.weekday() < 2 else 0)
        return "DATE", cal.write(cal.shift(week, step, "W"), "WE"), True
    if which == "this" and unit == "CE":
        return "DATE", "P100Y", False  # how TimeBank and AQUAINT both value "this century"
    if which == "the past" and unit in ("DE", "CE"):
        return "DURATION", cal.duration(1, unit), False  # "the past decade": P10Y in both corpora
    return "DATE", cal.write(cal.shift(base, step, unit), unit), True


@rule("day_before", r"the\s+day\s+(?P<dir>before|after)(?P<y>\s+yesterday)?(?=\s*[,.;:])|the\s+day\s+before\s+yesterday")
def _day_before(m, ctx):
    if m["y"] or m.group().lower().endswith("yesterday"):
        return "DATE", _anchor_day(ctx, -2) or "PAST_REF", True
    base = ctx.reference.day if ctx.reference else None
    if base is None:
        return "DATE", "PAST_REF", False
    return "DATE", (base + timedelta(days=-1 if _g(m, "dir") == "before" else 1)).isoformat(), True


# --------------------------------------------------------------------------- "two years ago", "a decade later"

def _ago_ok(m: re.Match, text: str) -> bool:
    if re.match(r"(?i)second|minute|hour", m["unit"]) and not _g(m, "dir").startswith(("ago", "from")):
        return False  # "an hour later": the duration is the time expression (TimeBank)
    return _g(m, "dir") not in ("before", "after") or bool(
        re.match(r"\s*(?:[,.;:!?)'\"`]|and\b|but\b|$)", text[m.end():m.end() + 6]))


@rule("ago", rf"(?:(?P<mod>{DURATION_MODIFIER})\s+)?(?:(?P<num>{NUMBER})[\s-]+)?(?P<unit>{UNIT})(?:\s+or\s+so)?"
             r"\s+(?P<dir>ago|earlier|later|before|after|from\s+now|hence|back)(?![\w-])"
             r"(?(num)|(?<=ago))",
      accept=lambda m, t: _ago_ok(m, t))
def _ago(m, ctx):
    unit = unit_code(m["unit"])
    n = number(m["num"]) if m["num"] else None
    d = _g(m, "dir").split()[0]
    sign = -1 if d in ("ago", "earlier", "before", "back") else 1
    if n is None or not float(n).is_integer():
        return "DATE", "PAST_REF" if sign < 0 else "FUTURE_REF", False
    n = int(n)
    from_anchor = d in ("ago", "from", "hence", "back")
    base_point = Point(ctx.anchor, "D") if from_anchor and ctx.anchor else ctx.reference
    if base_point is None:
        return "DATE", "PAST_REF" if sign < 0 else "FUTURE_REF", False
    grain = cal.grain_of_unit(unit)
    if unit == "Y" and ctx.quarter is not None and n == 1:
        return "DATE", cal.write(cal.shift(ctx.quarter.day, sign * n, "Y"), "Q"), True
    day = cal.shift(base_point.day, sign * n, unit if unit not in ("S", "MIN", "H") else "D")
    if unit in ("S", "MIN", "H"):
        return "TIME", base_point.day.isoformat(), True
    if GRAIN_ORDER.index(base_point.grain) > GRAIN_ORDER.index(grain):
        grain = base_point.grain  # "two weeks later" after "in 2015" is no more precise than 2015
    return "DATE", cal.write(day, grain), True


GRAIN_ORDER = ["D", "W", "M", "Q", "H", "Y", "DE", "CE"]


# --------------------------------------------------------------------------- durations

DURATION_PRE = (r"past|last|next|first|coming|latest|previous|final|remaining|following|additional|full|entire|whole|"
                r"initial|ensuing|intervening|subsequent|same|preceding|prior")
COUNT_NOUN_ADJ = r"(?:more|additional|straight|consecutive|full|long|trading|business|calendar|working|school|extra)"


def _duration_ok(m: re.Match, text: str) -> bool:
    if m["unit"][0].isupper():  # "Sandra Day O'Connor", "60 Minutes"
        return False
    if m["num"] and re.fullmatch(r"(?:1[89]|20)\d\d", m["num"]) and not m["det"]:
        return False
    after = text[m.end():m.end() + 6]
    if re.match(r"-old|-olds|\s+old\b", after):
        return False
    return True


@rule("duration", rf"(?:(?P<mod>{DURATION_MODIFIER})\s+)?(?:(?P<det>the|its|their|his|her)\s+)?"
                  rf"(?:(?P<pre>{DURATION_PRE})\s+)?(?P<num>{NUMBER})\s+(?:(?:to|or)\s+(?P<num2>{NUMBER})\s+)?"
                  rf"(?:{COUNT_NOUN_ADJ}\s+)?(?P<unit>{UNIT})(?![\w-])(?P<half>\s+and\s+a\s+half)?(?:\s+or\s+so)?",
      accept=_duration_ok)
def _duration(m, ctx):
    unit = unit_code(m["unit"])
    n = number(m["num"])
    if m["num2"]:
        n = None
    elif m["half"] and n is not None:
        n += 0.5
    if m["num"].lower() in ("a", "an") and not m["det"] and not m["mod"]:
        before = ctx.text[max(0, m.start() - 25):m.start()]
        if re.search(r"(?i)(?:\d|%|percent|cents?|dollars?|times|once|twice|flights|seats|\$[\d.,]+"
                     r"(?:\s+(?:million|billion))?)\s*$", before) or unit in ("S", "Q"):
            return None
    value = cal.duration(n, unit)
    if _g(m, "pre") == "last" and not m["det"] and not m["mod"] and m["num"].lower() in (
            "a", "an", "a few", "several", "some", "many"):
        return "DURATION", value, False, m.start("num")  # "it will last a few years": a verb
    if m["det"] and not m["pre"] and not m["mod"] and (
            not m["unit"].lower().endswith("s") or re.match(r"\s+of\b", ctx.text[m.end():m.end() + 4])):
        # "the two day rally", "the two days of music": the article belongs to the noun, not the time
        return "DURATION", value, False, m.start("num")
    return "DURATION", value, False


@rule("vague_unit_adjective", r"(?<![\w-])(?P<unit>decades|years|months|weeks|days|hours|centuries)-(?:long|old)(?![\w-])")
def _vague_unit_adjective(m, ctx):
    return "DURATION", cal.duration(None, unit_code(m["unit"])), False


@rule("unit_adjective", r"(?<![\w-])(?P<num>\d+|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|"
                        r"twenty|thirty|forty|fifty|hundred|half|several|multi|many)-"
                        r"(?P<unit>second|minute|hour|day|week|month|year|decade|"
                        r"century)(?:-long)?(?![\w-])", accept=_duration_ok)
def _unit_adjective(m, ctx):
    n = 0.5 if m["num"].lower() == "half" else (None if m["num"].lower() == "multi" else number(m["num"]))
    return "DURATION", cal.duration(n, unit_code(m["unit"])), False


@rule("vague_duration", r"(?P<pre>recent|the\s+coming|coming|the\s+past\s+few|the\s+last\s+few|the\s+next\s+few|"
                        r"the\s+past\s+several|the\s+last\s+several|the\s+next\s+several|the\s+first)\s+"
                        r"(?P<unit>years|months|weeks|days|decades|hours|minutes|quarters)(?![\w-])"
                        r"|the\s+(?P<unit2>years|months|weeks|days)\s+ahead"
                        r"|(?:(?<=\bfor\s)|(?<=\bwithin\s))(?P<unit3>years|months|weeks|decades|days|hours|centuries)(?![\w-])")
def _vague_duration(m, ctx):
    word = (m["unit"] or m["unit2"] or m["unit3"]).lower()
    unit = unit_code(word)
    if m["pre"] and _g(m, "pre") == "recent" and unit == "Y":
        return "DATE", "PXY", False
    return "DURATION", cal.duration(None, unit), False


# --------------------------------------------------------------------------- sets

ADVERB_SETS = {"daily": "P1D", "weekly": "P1W", "monthly": "P1M", "annually": "P1Y", "yearly": "P1Y",
               "hourly": "PT1H", "nightly": "P1D", "quarterly": "P1Q", "biweekly": "P2W", "semiannually": "P6M",
               "semi-annually": "P6M", "biannually": "P6M"}


@rule("set_adverb", r"(?<![\w-])(?P<w>daily|weekly|monthly|yearly|hourly|nightly|biweekly)(?![\w-])",
      accept=lambda m, t: not re.match(r"\s+[A-Z]", t[m.end():m.end() + 3])
      and not re.search(r"(?i)\b(?:the|a|an|its|party|business|financial|average)\s*$", _before(t, m)))
def _set_adverb(m, ctx):
    return "SET", ADVERB_SETS[_g(m, "w")], False


@rule("set_every", rf"(?P<q>every|each)\s+(?:other\s+)?(?:(?P<num>{NUMBER})\s+)?"
                   rf"(?:(?P<unit>{UNIT})|(?P<wd>{WEEKDAY})|(?P<mon>{MONTH})|(?P<part>{PART_OF_DAY})|(?P<s>{SEASON}))(?![\w-])")
def _set_every(m, ctx):
    if m["wd"]:
        return "SET", f"XXXX-WXX-{WEEKDAYS[_g(m, 'wd')] + 1}", False
    if m["mon"]:
        return "SET", f"XXXX-{month_number(m['mon']):02d}", False
    if m["part"]:
        return "SET", f"XXXX-XX-XXT{PARTS_OF_DAY[_g(m, 'part')]}", False
    if m["s"]:
        return "SET", f"XXXX-{SEASONS[_g(m, 's')]}", False
    n = number(m["num"]) if m["num"] else 1
    return "SET", cal.duration(n, unit_code(m["unit"])), False


# --------------------------------------------------------------------------- clock times

TIMEZONE = r"(?-i:EST|EDT|CST|CDT|MST|MDT|PST|PDT|GMT|UTC|BST|CET|ET|PT)|local\s+time"
AMPM = r"(?P<ampm>a\.m\.|p\.m\.|a\.m\b|p\.m\b|am\b|pm\b|o'clock\b)"
CLOCK = (rf"(?:(?P<mod>around|about|approximately|shortly\s+after|shortly\s+before|just\s+after|just\s+before)\s+)?"
         rf"(?:(?P<hh>[01]?\d|2[0-3])(?:[:.](?P<mi>[0-5]\d))?\s*{AMPM}|(?<![\w-])(?P<nm>noon|midnight|midday)"
         rf"|(?<=\bat\s)(?P<hh2>[01]?\d|2[0-3]):(?P<mi2>[0-5]\d)(?!\d|:|-|\s*-\s*\d)"
         rf"|(?<![\d:.,$])(?P<hh3>[01]?\d|2[0-3]):?(?P<mi3>[0-5]\d)(?=\s+(?:{TIMEZONE}))"
         r"|(?<![\d:.,$])(?P<hh4>[1-9]|1[0-2])(?=\s+in\s+the\s+(?:morning|afternoon|evening)))"
         rf"(?:\s+(?P<tz>{TIMEZONE}))?(?:\s+in\s+the\s+(?P<part>morning|afternoon|evening))?"
         rf"(?:,?\s+(?:on\s+)?(?:(?P<wd>{WEEKDAY})|(?P<dw>today|yesterday|tomorrow)|(?P<mon>{MONTH_BEFORE_DAY})\s+(?P<day>{DAY})))?")


@rule("clock", CLOCK)
def _clock(m, ctx):
    if m["nm"]:
        hh, mi = {"noon": (12, 0), "midday": (12, 0), "midnight": (24, 0)}[_g(m, "nm")]
    else:
        hh = int(m["hh"] or m["hh2"] or m["hh3"] or m["hh4"])
        mi = int(m["mi"] or m["mi2"] or m["mi3"] or 0)
        ampm = _g(m, "ampm")
        if ampm.startswith("p") and hh < 12:
            hh += 12
        elif ampm.startswith("a") and hh == 12:
            hh = 0
        elif _g(m, "part") in ("afternoon", "evening") and hh < 12:
            hh += 12
        if hh > 24:
            return None
    day = None
    relative = True
    if m["wd"]:
        day = _weekday_date(WEEKDAYS[_g(m, "wd")], "", ctx, m.start(), m.end())
    elif m["dw"]:
        offset = {"today": 0, "yesterday": -1, "tomorrow": 1}[_g(m, "dw")]
        day = ctx.anchor + timedelta(days=offset) if ctx.anchor else None
    elif m["mon"]:
        mo, d = month_number(m["mon"]), _day(m["day"])
        y = _year_for(mo, d, ctx, m.start(), m.end())
        value = _date_value(y, mo, d) if y else None
        day = date.fromisoformat(value) if value and not value.startswith("X") else None
    else:
        near = ctx.near_reference(m.start(), "D", 400)
        day = near.day if near is not None else ctx.anchor
    clock = f"T{hh:02d}:{mi:02d}"
    if day is None:
        return "TIME", f"XXXX-XX-XX{clock}", False
    return "TIME", f"{day.isoformat()}{clock}", relative


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
    make = HOLIDAYS[_g(m, "h")]
    if m["y"]:
        return "DATE", make(int(m["y"])).isoformat(), False
    if ctx.anchor is None:
        return "DATE", "XXXX-XX-XX", False
    a = ctx.anchor
    which = _g(m, "which")
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


# --------------------------------------------------------------------------- triggers (speed only)

_UNIT_WORD = r"second|minute|hour|day|night|week|fortnight|month|quarter|year|decade|centur|millenni"
#: Per rule, a pattern every match contains. Lower-case ones are searched in a lower-cased copy of the
#: text (much faster than a case-insensitive search); the others, which need capitals, in the text.
TRIGGERS = {
    "iso": r"\d{4}-\d\d-\d\d", "year_range": r"\d\d\s*[-–]\s*\d\d", "numeric_date": r"\d/\d",
    "month_day": MONTH_BEFORE_DAY, "day_month": MONTH_BEFORE_DAY, "week_of": r"week of",
    "month_year": MONTH, "month": MONTH, "year": r"(?:1[89]|20)\d\d", "decade": r"\d0'?s\b|ties\b",
    "century": r"century", "spelled_month_or_season": r"nineteen", "spelled_year": r"nineteen|thousand", "quarter": r"quarter|period",
    "year_adjective": r"year", "half": r"half", "season": r"spring|summer|fall|autumn|winter",
    "deictic_day": r"today|yesterday|tomorrow|tonight", "part_of_day": r"morning|afternoon|evening|night",
    "weekday": WEEKDAY, "ref": r"now|current|recent|lately|past|soon|future|term|later\s+date|these\s+days|present",
    "relative": _UNIT_WORD + "|morning|afternoon|evening", "day_before": r"day", "ago": r"ago|earlier|later|before|after|hence|back|from\s+now",
    "duration": _UNIT_WORD, "unit_adjective": r"-(?:" + _UNIT_WORD + ")", "vague_unit_adjective": r"s-(?:long|old)", "vague_duration": _UNIT_WORD,
    "set_adverb": r"daily|weekly|monthly|yearly|hourly|nightly", "set_every": r"every|each",
    "clock": r"[ap]\.?m\b|o'clock|noon|midnight|midday|\d:\d|\d\d (?:gmt|utc|e[sd]t|local)|\d in the",
    "holiday": r"Christmas|New Year|Thanksgiving|Independence|Election|Halloween|Valentine|Labor|Easter",
}
CASED_TRIGGERS = {"month_day", "day_month", "month_year", "month", "weekday", "holiday"}
RULES[:] = [Rule(r.name, r.pattern, r.resolve, r.accept, re.compile(TRIGGERS[r.name]), r.name not in CASED_TRIGGERS)
            for r in RULES]
