"""Fatalities and sub-event types of one-event notes in many phrasings.

tests/data/event_tolls.txt (text|ACLED fatalities) and tests/data/event_subtypes.txt (text|sub-event type) hold
notes the team wrote as probes of how monitoring notes tell tolls and events.
"""
from pathlib import Path

import pytest

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
