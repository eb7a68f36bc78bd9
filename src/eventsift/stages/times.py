"""Time expressions: find them and normalise them to TIMEX3 type and value.

Written here because no Python library is good enough for news text
(dateparser and recognizers-text score far below HeidelTime on TempEval-3),
and HeidelTime itself is Java and GPL. Pure regular expressions plus a small
resolver with a moving reference time.
"""
from __future__ import annotations

import re
from datetime import date, timedelta

from ..model import Span, TimeValue
from ..pipeline import Analysis, Stage

MONTHS = {m: i + 1 for i, m in enumerate(
    "january february march april may june july august september october november december".split())}
MONTHS.update({m[:3]: i for m, i in list(MONTHS.items())})
MONTHS["sept"] = 9
WEEKDAYS = {d: i for i, d in enumerate("monday tuesday wednesday thursday friday saturday sunday".split())}
NUMBER_WORDS = {w: i for i, w in enumerate(
    "zero one two three four five six seven eight nine ten eleven twelve".split())}
NUMBER_WORDS.update({"a": 1, "an": 1, "twenty": 20, "thirty": 30, "fifty": 50, "hundred": 100})
UNITS = {"year": "Y", "month": "M", "week": "W", "day": "D", "decade": "DE", "century": "CE", "hour": "H", "minute": "MIN"}

MONTH = r"(?P<month>Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
WEEKDAY = r"(?P<weekday>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
YEAR = r"(?P<year>(?:1[89]|20)\d\d)"
NUM = r"(?P<num>\d+|a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|thirty|fifty|several|few)"
UNIT = r"(?P<unit>year|month|week|day|decade|centur(?:y|ie)|hour|minute)s?"

PATTERNS: list[tuple[str, str]] = [
    ("iso", r"\b(?P<year>(?:1[89]|20)\d\d)-(?P<mm>[01]\d)-(?P<dd>[0-3]\d)(?:[T ](?P<hh>[0-2]\d):(?P<mi>[0-5]\d))?\b"),
    ("range_years", r"\bfrom (?P<y1>(?:1[89]|20)\d\d) (?:to|until|through) (?P<y2>(?:1[89]|20)\d\d)\b"),
    ("full_mdy", rf"\b(?:{WEEKDAY},? )?{MONTH} {DAY},? {YEAR}\b"),
    ("full_dmy", rf"\b(?:{WEEKDAY},? )?{DAY} {MONTH},? {YEAR}(?: (?P<hh>[0-2]?\d):(?P<mi>[0-5]\d))?\b"),
    ("month_day", rf"\b(?:{WEEKDAY},? )?{MONTH} {DAY}\b(?!,? \d)"),
    ("day_month", rf"\b(?:{WEEKDAY},? )?(?:the )?{DAY} (?:of )?{MONTH}\b(?!,? \d)"),
    ("month_year", rf"\b{MONTH},? {YEAR}\b"),
    ("decade", r"\b(?:the )?(?P<decade>(?:1[89]|20)\d0)s\b"),
    ("two_years", r"\b(?P<y1>(?:1[89]|20)\d\d) and (?P<y2>(?:1[89]|20)\d\d)\b"),
    ("year", rf"\b(?<![$£€#\d.,:-])(?P<year>(?:1[89]|20)\d\d)(?![\d%,.]\d|-\d)\b"),
    ("clock", r"\b(?P<hh>[01]?\d)(?::(?P<mi>[0-5]\d))? ?(?P<ampm>[ap]\.?m\.?)(?!\w)"),
    ("later", rf"\b{NUM} {UNIT} (?P<dir>later|earlier|ago|before|after)\b"),
    ("last_next", rf"\b(?P<which>last|next|this|the previous|the following|the past|the last|the coming) {UNIT}\b"),
    ("duration", rf"\b{NUM} {UNIT}\b"),
    ("weekday", rf"\b(?:(?P<which>last|next|this) )?{WEEKDAY}\b"),
    ("deictic", r"\b(?P<word>today|yesterday|tomorrow|tonight|now|currently|recently)\b"),
    ("every", rf"\b(?P<every>every|each) (?:{WEEKDAY}|(?P<unit2>year|month|week|day))\b"),
]
COMPILED = [(name, re.compile(rx, re.IGNORECASE if name not in ("month_day", "day_month", "month_year", "full_mdy", "full_dmy", "weekday") else 0))
            for name, rx in PATTERNS]


def _num(word: str) -> int | None:
    w = word.lower()
    if w.isdigit():
        return int(w)
    if w in ("several", "few"):
        return None
    return NUMBER_WORDS.get(w)


def _month(word: str) -> int:
    return MONTHS[word.lower().rstrip(".")[:4] if word.lower().startswith("sept") else word.lower().rstrip(".")[:3]]


def _safe_date(y: int, m: int, d: int) -> date | None:
    try:
        return date(y, m, d)
    except ValueError:
        return None


def _past_year_for(month: int, day: int | None, anchor: date) -> int:
    """News convention: a month (and day) without a year is the latest one not after the anchor."""
    candidate = (month, day or 1)
    return anchor.year if candidate <= (anchor.month, anchor.day) else anchor.year - 1


def _shift(anchor: date, amount: int, unit: str) -> str:
    if unit == "Y":
        return f"{anchor.year + amount:04d}"
    if unit == "DE":
        return f"{anchor.year + 10 * amount:04d}"
    if unit == "CE":
        return f"{anchor.year + 100 * amount:04d}"
    if unit == "M":
        m = anchor.month - 1 + amount
        return f"{anchor.year + m // 12:04d}-{m % 12 + 1:02d}"
    if unit == "W":
        y, w, _ = (anchor + timedelta(weeks=amount)).isocalendar()
        return f"{y:04d}-W{w:02d}"
    return (anchor + timedelta(days=amount)).isoformat()


def _duration(n: int | None, unit: str) -> str:
    count = "X" if n is None else str(n)
    if unit == "DE":
        return f"P{count}DE" if n is None else f"P{n * 10}Y"
    if unit == "CE":
        return f"P{count}CE" if n is None else f"P{n * 100}Y"
    if unit in ("H", "MIN"):
        return f"PT{count}{'M' if unit == 'MIN' else 'H'}"
    return f"P{count}{unit}"


def _unit(word: str) -> str:
    w = word.lower()
    return UNITS["century" if w.startswith("centur") else w.rstrip("s")]


def normalise(kind: str, m: re.Match, anchor: date | None, reference: date | None) -> tuple[str, str, bool] | None:
    """(type, value, relative) for one match, or None if it is not a time expression."""
    g = {k: v for k, v in m.groupdict().items() if v is not None}
    ref = reference or anchor
    if kind == "iso":
        y, mo, d = int(g["year"]), int(g["mm"]), int(g["dd"])
        if not _safe_date(y, mo, d):
            return None
        if "hh" in g:
            return "TIME", f"{y:04d}-{mo:02d}-{d:02d}T{g['hh']}:{g['mi']}", False
        return "DATE", f"{y:04d}-{mo:02d}-{d:02d}", False
    if kind == "range_years":
        return "DATE", f"{g['y1']}/{g['y2']}", False
    if kind in ("full_mdy", "full_dmy"):
        y, mo, d = int(g["year"]), _month(g["month"]), int(g["day"])
        if not _safe_date(y, mo, d):
            return None
        if "hh" in g:
            return "TIME", f"{y:04d}-{mo:02d}-{d:02d}T{int(g['hh']):02d}:{g['mi']}", False
        return "DATE", f"{y:04d}-{mo:02d}-{d:02d}", False
    if kind in ("month_day", "day_month"):
        mo, d = _month(g["month"]), int(g["day"])
        if not 1 <= d <= 31:
            return None
        if ref is None:
            return "DATE", f"XXXX-{mo:02d}-{d:02d}", True
        y = _past_year_for(mo, d, ref)
        return "DATE", f"{y:04d}-{mo:02d}-{d:02d}", True
    if kind == "month_year":
        return "DATE", f"{int(g['year']):04d}-{_month(g['month']):02d}", False
    if kind == "decade":
        return "DATE", g["decade"][:3], False
    if kind == "two_years":
        return None  # split into two DATEs by the caller
    if kind == "year":
        return "DATE", g["year"], False
    if kind == "clock":
        hh = int(g["hh"]) % 12 + (12 if g["ampm"].lower().startswith("p") else 0)
        mi = g.get("mi", "00")
        day = ref.isoformat() if ref else "XXXX-XX-XX"
        return "TIME", f"{day}T{hh:02d}:{mi}", ref is not None
    if kind == "later":
        n, unit = _num(g["num"]), _unit(g["unit"])
        if g["dir"].lower() in ("ago",):
            if ref is None or n is None:
                return "DATE", "PAST_REF", False
            return "DATE", _shift(anchor or ref, -n, unit), True
        if ref is None or n is None:
            return "DATE", "FUTURE_REF" if g["dir"].lower() in ("later", "after") else "PAST_REF", False
        sign = 1 if g["dir"].lower() in ("later", "after") else -1
        return "DATE", _shift(ref, sign * n, unit), True
    if kind == "last_next":
        which, unit = g["which"].lower(), _unit(g["unit"])
        if which in ("the past", "the last") or (which == "last" and unit in ("H", "MIN")):
            return "DURATION", _duration(1, unit), False
        if ref is None:
            return "DATE", "PRESENT_REF", False
        step = {"last": -1, "the previous": -1, "next": 1, "the following": 1, "the coming": 1, "this": 0}[which]
        return "DATE", _shift(ref, step, unit), True
    if kind == "duration":
        return "DURATION", _duration(_num(g["num"]), _unit(g["unit"])), False
    if kind == "weekday":
        if ref is None:
            return "DATE", "XXXX-WXX-" + str(WEEKDAYS[g["weekday"].lower()] + 1), False
        target = WEEKDAYS[g["weekday"].lower()]
        which = (g.get("which") or "").lower()
        delta = (ref.weekday() - target) % 7
        if which == "next":
            day = ref + timedelta(days=(target - ref.weekday()) % 7 or 7)
        else:
            day = ref - timedelta(days=delta if which != "last" else (delta or 7))
        return "DATE", day.isoformat(), True
    if kind == "deictic":
        word = g["word"].lower()
        if word in ("now", "currently"):
            return "DATE", "PRESENT_REF", False
        if word == "recently":
            return "DATE", "PAST_REF", False
        if anchor is None:
            return "DATE", {"today": "PRESENT_REF", "tonight": "PRESENT_REF", "yesterday": "PAST_REF", "tomorrow": "FUTURE_REF"}[word], False
        offset = {"today": 0, "tonight": 0, "yesterday": -1, "tomorrow": 1}[word]
        value = (anchor + timedelta(days=offset)).isoformat()
        return ("TIME", value + "TNI", True) if word == "tonight" else ("DATE", value, True)
    if kind == "every":
        if g.get("weekday"):
            return "SET", "XXXX-WXX-" + str(WEEKDAYS[g["weekday"].lower()] + 1), False
        return "SET", "P1" + _unit(g["unit2"]), False
    return None


def parse_anchor(value: str | None) -> date | None:
    """The date part of an ISO date or date-time, or None."""
    if not value:
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None


def _explicit_date(value: str) -> date | None:
    """A full calendar date or a year from a value, to move the reference time."""
    if re.fullmatch(r"\d{4}-\d\d-\d\d", value[:10]) and not value.startswith("X"):
        return parse_anchor(value)
    if re.fullmatch(r"\d{4}(-\d\d)?", value):
        parts = value.split("-")
        return date(int(parts[0]), int(parts[1]) if len(parts) > 1 else 1, 1)
    return None


def find_times(text: str, anchor: date | None, start: int = 0, end: int | None = None) -> list[TimeValue]:
    """Time expressions in ``text[start:end]``, resolved from ``anchor`` with a moving reference."""
    end = len(text) if end is None else end
    found: list[tuple[int, int, str, re.Match]] = []
    taken = [False] * (end - start)
    for kind, rx in COMPILED:
        for m in rx.finditer(text, start, end):
            s, e = m.span()
            if any(taken[s - start:e - start]):
                continue
            for i in range(s - start, e - start):
                taken[i] = True
            found.append((s, e, kind, m))
    found.sort(key=lambda f: f[0])
    results: list[TimeValue] = []
    reference: date | None = None
    for s, e, kind, m in found:
        if kind == "two_years":
            for key in ("y1", "y2"):
                gs, ge = m.span(key)
                results.append(TimeValue(Span.of(text, gs, ge), "DATE", m.group(key)))
            reference = _explicit_date(m.group("y2"))
            continue
        uses_reference = kind in ("later", "last_next") and reference is not None
        normalised = normalise(kind, m, anchor, reference if uses_reference else anchor)
        if normalised is None:
            continue
        type_, value, relative = normalised
        results.append(TimeValue(Span.of(text, s, e), type_, value, relative=relative,
                                 anchor=anchor.isoformat() if anchor else None))
        if not relative and type_ == "DATE":
            reference = _explicit_date(value) or reference
    return results


def _run(analysis: Analysis) -> None:
    analysis.times = find_times(analysis.text, parse_anchor(analysis.document.published))


def _reanchor(analysis: Analysis) -> None:
    """Relative times inside a dated quote are resolved from the quote's date."""
    text = analysis.text
    for attribution in analysis.attributions:
        anchor = parse_anchor(attribution.date)
        if anchor is None:
            continue
        inside = [t for t in analysis.times if attribution.content.contains(t.span)]
        if not any(t.relative for t in inside):
            continue
        fresh = {(t.span.start, t.span.end): t
                 for t in find_times(text, anchor, attribution.content.start, attribution.content.end)}
        for i, t in enumerate(analysis.times):
            if t in inside and t.relative and (t.span.start, t.span.end) in fresh:
                analysis.times[i] = fresh[(t.span.start, t.span.end)]


STAGE = Stage("times", _run, requires=("document",), assigns=("times",))
REANCHOR_STAGE = Stage("time_anchoring", _reanchor, requires=("times", "attributions"), assigns=("times",))
