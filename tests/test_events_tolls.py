"""Fatalities of one-event notes in many phrasings (tests/data/event_tolls.txt: text|expected ACLED count).

The sentences were written by the team as probes of how tolls are told; each line is one note that must give
exactly one event with that many fatalities."""
from pathlib import Path

import pytest

CASES = [line.rsplit("|", 1) for line in
         (Path(__file__).parent / "data" / "event_tolls.txt").read_text(encoding="utf-8").splitlines() if line.strip()]


@pytest.mark.parametrize("text, expected", CASES, ids=[f"toll{i}" for i in range(len(CASES))])
def test_toll_of_a_note(analyse, text, expected):
    events = analyse(text)["events"]
    assert events, text
    assert (events[0].get("fatalities") or {}).get("best", 0) == int(expected), text
