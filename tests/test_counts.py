"""ACLED's conservative reading of reported numbers (no model needed)."""
import pytest

from eventsift.stages.counts import number_value, parse_count


@pytest.mark.parametrize("phrase, best, low, high", [
    ("at least 52 people", 52, 52, None),
    ("more than 20 dead", 20, 20, None),
    ("dozens of villagers", 12, 12, 12),
    ("several dozen", 24, 24, 24),
    ("20 to 30 fighters", 20, 20, 30),
    ("between 10 and 15 people", 10, 10, 15),
    ("twenty-one soldiers", 21, 21, 21),
    ("up to 16 advisers", 16, 0, 16),
    ("1,200 protesters", 1200, 1200, 1200),
    ("several civilians", 10, 10, 10),
])
def test_parse_count(phrase, best, low, high):
    count = parse_count(phrase, 0, len(phrase))
    assert (count.best, count.low, count.high) == (best, low, high)
    assert phrase[count.span.start:count.span.end] == count.span.text


def test_number_words():
    assert number_value("seven") == 7
    assert number_value("two hundred") == 200
    assert number_value("hundreds") == 100
    assert parse_count("no number here", 0, 14) is None
