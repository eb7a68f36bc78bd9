"""Fatalities, sub-event types and dates of one-event notes in many phrasings.

tests/data/event_tolls.txt (text|ACLED fatalities), event_subtypes.txt (text|sub-event type) and
event_dates.txt (text|date) hold notes the team wrote as probes of how monitoring notes tell events.
"""
from pathlib import Path

import pytest

# These tests pin what the cue rules read; the event-type model on top is measured on real notes
# (benchmarks/evaluate_events.py) and tested in test_event_model.py.
pytestmark = pytest.mark.usefixtures("rules_only")

CASES = [line.rsplit("|", 1) for line in
         (Path(__file__).parent / "data" / "event_tolls.txt").read_text(encoding="utf-8").splitlines() if line.strip()]


@pytest.mark.parametrize("text, expected", CASES, ids=[f"toll{i}" for i in range(len(CASES))])
def test_toll_of_a_note(analyse, text, expected):
    events = analyse(text)["events"]
    assert events, text
    assert (events[0].get("fatalities") or {}).get("best", 0) == int(expected), text


SUBTYPES = [line.rsplit("|", 1) for line in
            (Path(__file__).parent / "data" / "event_subtypes.txt").read_text(encoding="utf-8").splitlines()
            if line.strip()]


@pytest.mark.parametrize("text, expected", SUBTYPES, ids=[f"subtype{i}" for i in range(len(SUBTYPES))])
def test_sub_event_type_of_a_note(analyse, text, expected):
    events = analyse(text)["events"]
    assert events and events[0]["sub_event_type"] == expected, text


DATES = [line.rsplit("|", 1) for line in
         (Path(__file__).parent / "data" / "event_dates.txt").read_text(encoding="utf-8").splitlines() if line.strip()]


@pytest.mark.parametrize("text, expected", DATES, ids=[f"date{i}" for i in range(len(DATES))])
def test_date_of_a_note(analyse, text, expected):
    events = analyse(text)["events"]
    assert events and (events[0].get("date") or {}).get("value") == expected, text
