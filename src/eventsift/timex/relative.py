"""Rules for times relative to the anchor or the moving reference, durations, sets and clock times.

"Tuesday", "last week", "now", "a decade later", "three years", "every Friday",
"10:30 pm". Extents follow TimeBank: "nearly two years", "the past two months".
"""
from __future__ import annotations

import re
from datetime import date, timedelta

from . import calendar as cal
from .calendar import Point
from .context import Context
from .lexicon import (
    DAY, DURATION_MODIFIER, MONTH, MONTH_BEFORE_DAY, NUMBER, PART_OF_DAY, PARTS_OF_DAY, SEASON, SEASONS, UNIT,
    WEEKDAY, WEEKDAYS, month_number, number, unit_code,
)
from .dates import date_value, day_number, year_for
from .rules import lower_group, rule, text_before

# --------------------------------------------------------------------------- days relative to the anchor

def _anchor_day(ctx: Context, offset: int) -> str | None:
    return (ctx.anchor + timedelta(days=offset)).isoformat() if ctx.anchor else None


@rule("deictic_day", rf"(?:(?P<edge>early|late|earlier|later)\s+)?(?P<w>today|yesterday|tomorrow|tonight)"
                     rf"(?:\s+(?P<part>{PART_OF_DAY}))?(?![\w-])")
def _deictic_day(m, ctx):
    offset = {"today": 0, "tonight": 0, "yesterday": -1, "tomorrow": 1}[lower_group(m, "w")]
    day = _anchor_day(ctx, offset)
    if day is None:
        return "DATE", {0: "PRESENT_REF", -1: "PAST_REF", 1: "FUTURE_REF"}[offset], False
    if m["part"]:  # "yesterday afternoon": a part of a day is a TIME (TimeML guidelines, TimeBank)
        return "TIME", f"{day}T{PARTS_OF_DAY[lower_group(m, 'part')]}", True
    return "DATE", day, True


@rule("part_of_day", rf"(?:(?P<w>this|last|later\s+this|earlier\s+this|the|tomorrow|yesterday)\s+)?(?:mid-?\s*)?"
                     r"(?P<part>morning|afternoon|evening|night)|(?P<over>overnight)\b",
      accept=lambda m, t: bool(m["w"] or m["over"]) and lower_group(m, "w") != "the" or
      bool(re.search(r"(?i)\b(?:in|during|by|until|since|from)\s*$", text_before(t, m))))
def _part_of_day(m, ctx):
    part = PARTS_OF_DAY[lower_group(m, "part") or "overnight"]
    w = lower_group(m, "w")
    offset = -1 if w in ("last", "yesterday") or m["over"] else (1 if w == "tomorrow" else 0)
    near = ctx.near_reference(m.start(), "D") if w == "the" else None
    base = near.day if near is not None else ctx.anchor
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
    if ctx._future_cue(start, end, WEEKDAY_FUTURE_CUE):
        return base + timedelta(days=ahead)
    tense, _ = ctx.parsed_tense(start, end)
    if tense in ("future", "present"):  # "they meet Monday", "voters go to the polls on Tuesday"
        return base + timedelta(days=ahead)
    if tense is None and ctx.future(start, end):
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
    target = WEEKDAYS[lower_group(m, "wd")]
    if m["plural"] or m["pp"]:
        part = f"T{PARTS_OF_DAY[lower_group(m, 'part')]}" if m["part"] else ""
        return "SET", f"XXXX-WXX-{target + 1}{part}", False
    which = lower_group(m, "which")
    if which in ("early", "late", "earlier", "later"):
        which = ""
    day = _weekday_date(target, which, ctx, m.start(), m.end())
    if day is None:
        return "DATE", f"XXXX-WXX-{target + 1}", False
    if lower_group(m, "part") == "evening":
        return "TIME", f"{day.isoformat()}TEV", True
    # "Tuesday night" stays the day: TimeBank writes TIME ...TNI but AQUAINT, four times as often, the
    # plain day; we measured both ways and the TimeML-guideline form lost more than it gained
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
        return bool(re.search(r"(?i)\b(?:in|the|near)\s*$", text_before(text, m)))
    if w == "soon" and (re.match(r"\s+after\b", after) or re.search(r"(?i)\bas\s*$", text_before(text, m))):
        return False
    if re.search(r"(?i)\bforeseeable\s*$", text_before(text, m)):
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
    which, unit = " ".join(lower_group(m, "which").split()), " ".join(lower_group(m, "unit").split())
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
    which, unit_word = " ".join(lower_group(m, "which").split()), " ".join(lower_group(m, "unit").split())
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


@rule("in_the_day", r"(?:(?<=\blater in )|(?<=\bearlier in ))the\s+day(?![\w-])")
def _in_the_day(m, ctx):
    """'later in the day': the day of the nearby date, else the anchor's day (TimeBank marks 'the day')."""
    near = ctx.near_reference(m.start(), "D", 400)
    base = near.day if near is not None else ctx.anchor
    return ("DATE", base.isoformat(), True) if base else ("DATE", "PRESENT_REF", False)


@rule("day_before", r"the\s+day\s+(?P<dir>before|after)(?P<y>\s+yesterday)?(?=\s*[,.;:])|the\s+day\s+before\s+yesterday")
def _day_before(m, ctx):
    if m["y"] or m.group().lower().endswith("yesterday"):
        return "DATE", _anchor_day(ctx, -2) or "PAST_REF", True
    base = ctx.reference.day if ctx.reference else None
    if base is None:
        return "DATE", "PAST_REF", False
    return "DATE", (base + timedelta(days=-1 if lower_group(m, "dir") == "before" else 1)).isoformat(), True


# --------------------------------------------------------------------------- "two years ago", "a decade later"

def _ago_ok(m: re.Match, text: str) -> bool:
    if re.match(r"(?i)second|minute|hour", m["unit"]) and not lower_group(m, "dir").startswith(("ago", "from")):
        return False  # "an hour later": the duration is the time expression (TimeBank)
    return lower_group(m, "dir") not in ("before", "after") or bool(
        re.match(r"\s*(?:[,.;:!?)'\"`]|and\b|but\b|$)", text[m.end():m.end() + 6]))


@rule("ago", rf"(?:(?P<mod>{DURATION_MODIFIER})\s+)?(?:(?P<num>{NUMBER})[\s-]+)?(?P<unit>{UNIT})(?:\s+or\s+so)?"
             r"\s+(?P<dir>ago|earlier|later|before|after|from\s+now|hence|back)(?![\w-])"
             r"(?(num)|(?<=ago))",
      accept=lambda m, t: _ago_ok(m, t))
def _ago(m, ctx):
    unit = unit_code(m["unit"])
    n = number(m["num"]) if m["num"] else None
    d = lower_group(m, "dir").split()[0]
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
        # "two weeks later" after "in 2015" is no more precise than 2015; a shift shorter than the
        # reference period stays in it ("a week earlier" after "late 2012" is 2012, not 2011)
        grain = base_point.grain
        if cal.shift(base_point.day, n, unit) < cal.shift(base_point.day, 1, base_point.grain):
            day = base_point.day
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
    if lower_group(m, "pre") == "last" and not m["det"] and not m["mod"] and m["num"].lower() in (
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
                        r"|(?:(?<=\bfor\s)|(?<=\bwithin\s))(?P<unit3>years|months|weeks|decades|days|hours|centuries)(?![\w-])"
                        r"|(?<=\bin\s)(?P<unit4>years|decades|months)(?=\s*(?:[.,;:!?)\"']|$))")
def _vague_duration(m, ctx):
    word = (m["unit"] or m["unit2"] or m["unit3"] or m["unit4"]).lower()  # unit4: "the worst in decades."
    unit = unit_code(word)
    if m["pre"] and lower_group(m, "pre") == "recent" and unit == "Y":
        return "DATE", "PXY", False
    return "DURATION", cal.duration(None, unit), False


# --------------------------------------------------------------------------- sets

ADVERB_SETS = {"daily": "P1D", "weekly": "P1W", "monthly": "P1M", "annually": "P1Y", "yearly": "P1Y",
               "hourly": "PT1H", "nightly": "P1D", "quarterly": "P1Q", "biweekly": "P2W", "semiannually": "P6M",
               "semi-annually": "P6M", "biannually": "P6M"}


@rule("set_adverb", r"(?<![\w-])(?P<w>daily|weekly|monthly|yearly|hourly|nightly|biweekly)(?![\w-])",
      accept=lambda m, t: not re.match(r"\s+[A-Z]", t[m.end():m.end() + 3])
      and not re.search(r"(?i)\b(?:the|a|an|its|party|business|financial|average)\s*$", text_before(t, m)))
def _set_adverb(m, ctx):
    return "SET", ADVERB_SETS[lower_group(m, "w")], False


@rule("set_every", rf"(?P<q>every|each)\s+(?:other\s+)?(?:(?P<num>{NUMBER})\s+)?"
                   rf"(?:(?P<unit>{UNIT})|(?P<wd>{WEEKDAY})|(?P<mon>{MONTH})|(?P<part>{PART_OF_DAY})|(?P<s>{SEASON}))(?![\w-])")
def _set_every(m, ctx):
    if m["wd"]:
        return "SET", f"XXXX-WXX-{WEEKDAYS[lower_group(m, 'wd')] + 1}", False
    if m["mon"]:
        return "SET", f"XXXX-{month_number(m['mon']):02d}", False
    if m["part"]:
        return "SET", f"XXXX-XX-XXT{PARTS_OF_DAY[lower_group(m, 'part')]}", False
    if m["s"]:
        return "SET", f"XXXX-{SEASONS[lower_group(m, 's')]}", False
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
        hh, mi = {"noon": (12, 0), "midday": (12, 0), "midnight": (24, 0)}[lower_group(m, "nm")]
    else:
        hh = int(m["hh"] or m["hh2"] or m["hh3"] or m["hh4"])
        mi = int(m["mi"] or m["mi2"] or m["mi3"] or 0)
        ampm = lower_group(m, "ampm")
        if ampm.startswith("p") and hh < 12:
            hh += 12
        elif ampm.startswith("a") and hh == 12:
            hh = 0
        elif lower_group(m, "part") in ("afternoon", "evening") and hh < 12:
            hh += 12
        if hh > 24:
            return None
    day = None
    relative = True
    if m["wd"]:
        day = _weekday_date(WEEKDAYS[lower_group(m, "wd")], "", ctx, m.start(), m.end())
    elif m["dw"]:
        offset = {"today": 0, "yesterday": -1, "tomorrow": 1}[lower_group(m, "dw")]
        day = ctx.anchor + timedelta(days=offset) if ctx.anchor else None
    elif m["mon"]:
        mo, d = month_number(m["mon"]), day_number(m["day"])
        y = year_for(mo, d, ctx, m.start(), m.end())
        value = date_value(y, mo, d) if y else None
        day = date.fromisoformat(value) if value and not value.startswith("X") else None
    else:
        near = ctx.near_reference(m.start(), "D", 400)
        day = near.day if near is not None else ctx.anchor
    clock = f"T{hh:02d}:{mi:02d}"
    if day is None:
        return "TIME", f"XXXX-XX-XX{clock}", False
    return "TIME", f"{day.isoformat()}{clock}", relative
