"""A TIMEX3 time tagger for news text, in pure Python: find time expressions and normalise them.

Written here because no Python library is good enough for news (dateparser and
recognizers-text score far below HeidelTime on TempEval-3) and HeidelTime itself
is Java and GPL. How it works:

1. every rule (:mod:`.dates`, :mod:`.relative`, ordered in :mod:`.grammar`) proposes matches; of overlapping ones the
   leftmost, then the longest, wins (rule order breaks ties);
2. the chosen matches are resolved in text order with a moving reference
   (:mod:`.context`), so "In July 1999 ... a decade later" gives 2009;
3. "from 2009 to 2016" and "between 1994 and 1997" become one interval, 2009/2016.

``timex3_view`` splits intervals back into their endpoints, as TimeML annotates them.
"""
from __future__ import annotations

import re
from datetime import date

from ..model import Span, TimeValue
from .calendar import Point, parse
from .context import Context
from .grammar import RULES

__all__ = ["find_times", "parse_anchor", "timex3_view"]

INTERVAL = re.compile(r"(?i)\b(?P<open>from|between)\s+$")
INTERVAL_JOIN = {"from": re.compile(r"(?i)^\s*(?:to|until|till|through|thru|-|–)\s*$"),
                 "between": re.compile(r"(?i)^\s*(?:and|-|–)\s*$")}


def parse_anchor(value: str | None) -> date | None:
    """The date part of an ISO date or date-time, or None."""
    if not value:
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None


#: How far before and after a trigger word a match may reach.
REACH_BEFORE, REACH_AFTER = 60, 50


def _windows(trigger: re.Pattern, text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Stretches of text around the trigger's hits, merged, where the full pattern is run."""
    windows: list[list[int]] = []
    for hit in trigger.finditer(text, start, end):
        s, e = max(start, hit.start() - REACH_BEFORE), min(end, hit.end() + REACH_AFTER)
        if windows and s <= windows[-1][1]:
            windows[-1][1] = e
        else:
            windows.append([s, e])
    return [(s, e) for s, e in windows]


def _candidates(text: str, start: int, end: int) -> list[tuple[int, int, int, re.Match]]:
    found = []
    lowered = text.lower()
    if len(lowered) != len(text):  # a few characters change length when lower-cased
        lowered = None
    seen: dict[tuple[str, bool], list[tuple[int, int]]] = {}
    for order, r in enumerate(RULES):
        if r.trigger is None:
            windows = [(start, end)]
        else:
            key = (r.trigger.pattern, r.lower)
            if key not in seen:
                if r.lower and lowered is None:
                    seen[key] = _windows(re.compile(r.trigger.pattern, re.IGNORECASE), text, start, end)
                else:
                    seen[key] = _windows(r.trigger, lowered if r.lower else text, start, end)
            windows = seen[key]
        for ws, we in windows:
            for m in r.pattern.finditer(text, ws, we):
                if m.end() > m.start() and r.accept(m, text):
                    found.append((m.start(), m.end(), order, m))
    found.sort(key=lambda c: (c[0], -(c[1] - c[0]), c[2]))
    chosen, last_end = [], -1
    for c in found:
        if c[0] >= last_end:
            chosen.append(c)
            last_end = c[1]
    return chosen


def _trim(text: str, s: int, e: int) -> tuple[int, int]:
    """No trailing spaces, commas or a full stop that ends a sentence inside an extent."""
    while e > s and text[e - 1] in " ,\n\t":
        e -= 1
    if text.endswith((" a.m.", " p.m."), s, e) and re.match(r"\s*(?:$|\n|[A-Z\"'`])", text[e:e + 3]):
        e -= 1  # "at 10 p.m. The police..." : the full stop ends the sentence (TimeBank tokenisation)
    return s, e


def find_times(text: str, anchor: date | None, start: int = 0, end: int | None = None,
               intervals: bool = True, doc=None) -> list[TimeValue]:
    """Time expressions in ``text[start:end]``, resolved from ``anchor`` with a moving reference.

    ``doc``, the spaCy parse of ``text`` when there is one, lets the tense of the governing verb
    decide which way a weekday or a month without a year points."""
    end = len(text) if end is None else end
    ctx = Context(text, anchor, doc=doc if doc is not None and getattr(doc, "text", None) == text else None)
    anchor_iso = anchor.isoformat() if anchor else None
    times: list[TimeValue] = []
    for s, e, order, m in _candidates(text, start, end):
        rule = RULES[order]
        resolved = rule.resolve(m, ctx)
        if resolved is None:
            continue
        type_, value, relative = resolved[:3]
        if len(resolved) > 3:
            s = resolved[3]
        s, e = _trim(text, s, e)
        times.append(TimeValue(Span.of(text, s, e), type_, value, relative=relative, anchor=anchor_iso))
        point = parse(value) if type_ in ("DATE", "TIME") else None
        if point is not None:
            ctx.reference = point if type_ == "DATE" or point.grain != "D" else Point(point.day, "D")
            ctx.reference_at = e
            if not relative and re.search(r"(?:1[89]|20)\d\d", m.group()):
                ctx.explicit_year = (point.day.year, ctx.sentence_index(s), e)
    return _join_intervals(text, times) if intervals else times


def _join_intervals(text: str, times: list[TimeValue]) -> list[TimeValue]:
    """'from 2009 to 2016' -> one DATE 2009/2016 over the whole phrase."""
    out: list[TimeValue] = []
    i = 0
    while i < len(times):
        t = times[i]
        if i + 1 < len(times):
            u = times[i + 1]
            opener = INTERVAL.search(text, max(0, t.span.start - 12), t.span.start)
            if opener and t.type == u.type == "DATE" and parse(t.value) and parse(u.value) \
                    and INTERVAL_JOIN[opener["open"].lower()].match(text[t.span.end:u.span.start]):
                span = Span.of(text, opener.start(), u.span.end)
                first = _same_year(t.value, u.value) if t.relative and not u.relative else t.value
                out.append(TimeValue(span, "DATE", f"{first}/{u.value}", relative=t.relative or u.relative,
                                     anchor=t.anchor))
                i += 2
                continue
        out.append(t)
        i += 1
    return out


def _same_year(start: str, end: str) -> str:
    """'from March 3 to March 5, 2013': the start takes the end's year when it has none of its own."""
    if re.fullmatch(r"\d{4}-\d\d(?:-\d\d)?", start) and re.match(r"\d{4}", end):
        moved = end[:4] + start[4:]
        return moved if moved <= end else f"{int(end[:4]) - 1:04d}{start[4:]}"
    return start


def timex3_view(text: str, times: list[TimeValue], doc=None) -> list[TimeValue]:
    """The times as TimeML would annotate them: an interval becomes its two endpoint TIMEX3s."""
    out: list[TimeValue] = []
    for t in times:
        if "/" in t.value and not t.value.startswith("P"):
            parts = find_times(text, parse_anchor(t.anchor), t.span.start, t.span.end, intervals=False, doc=doc)
            values = t.value.split("/")
            if len(parts) == 2:
                for part, value in zip(parts, values):
                    out.append(TimeValue(part.span, part.type, value, relative=t.relative, anchor=t.anchor))
                continue
            # "1980-88": one TIMEX3 over the range, valued by its start (TIMEX3 has no interval value)
            out.append(TimeValue(t.span, t.type, values[0], relative=t.relative, anchor=t.anchor))
            continue
        out.append(t)
    return out
