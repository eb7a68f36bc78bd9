"""All the rules, in the order they break ties, each with a trigger pattern for speed.

The rules live in :mod:`.dates` and :mod:`.relative` (see :mod:`.rules` for how a
rule works). A trigger is a cheap pattern every match of its rule contains; the
full pattern runs only near trigger hits.
"""
from __future__ import annotations

import re

from . import dates, relative  # noqa: F401  (importing registers the rules, in this order)
from .lexicon import MONTH, MONTH_BEFORE_DAY, WEEKDAY
from .rules import RULES, Rule

__all__ = ["RULES"]

_UNIT_WORD = r"second|minute|hour|day|night|week|fortnight|month|quarter|year|decade|centur|millenni"
#: Per rule, a pattern every match contains. Lower-case ones are searched in a lower-cased copy of the
#: text (much faster than a case-insensitive search); the others, which need capitals, in the text.
TRIGGERS = {
    # dates
    "iso": r"\d{4}-\d\d-\d\d", "numeric_date": r"\d/\d", "month_day": MONTH_BEFORE_DAY, "week_of": r"week of",
    "day_month": MONTH_BEFORE_DAY, "month_year": MONTH, "month": MONTH, "year": r"(?:1[89]|20)\d\d",
    "year_range": r"\d\d\s*[-–]\s*\d\d", "decade": r"\d0'?s\b|ties\b", "century": r"century",
    "spelled_year": r"nineteen|thousand", "spelled_month_or_season": r"nineteen", "quarter": r"quarter|period",
    "year_adjective": r"year", "half": r"half", "season": r"spring|summer|fall|autumn|winter",
    "holiday": r"Christmas|New Year|Thanksgiving|Independence|Election|Halloween|Valentine|Labor|Easter",
    # relative times, durations, sets, clock times
    "deictic_day": r"today|yesterday|tomorrow|tonight", "part_of_day": r"morning|afternoon|evening|night",
    "weekday": WEEKDAY, "ref": r"now|current|recent|lately|past|soon|future|term|later\s+date|these\s+days|present",
    "relative": _UNIT_WORD + "|morning|afternoon|evening", "day_before": r"day", "in_the_day": r"in the day",
    "ago": r"ago|earlier|later|before|after|hence|back|from\s+now", "duration": _UNIT_WORD,
    "vague_unit_adjective": r"s-(?:long|old)", "unit_adjective": r"-(?:" + _UNIT_WORD + ")",
    "vague_duration": _UNIT_WORD, "set_adverb": r"daily|weekly|monthly|yearly|hourly|nightly",
    "set_every": r"every|each",
    "clock": r"[ap]\.?m\b|o'clock|noon|midnight|midday|\d:\d|\d\d (?:gmt|utc|e[sd]t|local)|\d in the",
}
CASED_TRIGGERS = {"month_day", "day_month", "month_year", "month", "weekday", "holiday"}
RULES[:] = [Rule(r.name, r.pattern, r.resolve, r.accept, re.compile(TRIGGERS[r.name]), r.name not in CASED_TRIGGERS)
            for r in RULES]
