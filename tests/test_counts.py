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
    ("several civilians", 3, 3, 3),
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


def test_second_round_death_phrasings(analyse):
    """'succumbed to', 'a total of N', 'shot X dead', passive 'hacked to death', 'an undisclosed number'."""
    cases = {
        "On 2 March 2023, a guard hurt in an attack near Fada later succumbed to his wounds.": 1,
        "On 3 March 2023, a total of 9 people were killed in clashes between two clans in Galmudug.": 9,
        "On 4 March 2023, gunmen shot a shopkeeper dead in Aba.": 1,
        "On 5 March 2023, a driver was beaten to death by a crowd in Kano.": 1,
        "On 6 March 2023, three soldiers and an unknown number of rebels were killed near Beni.": 3,
    }
    for text, deaths in cases.items():
        event = analyse(text)["events"][0]
        assert (event.get("fatalities") or {}).get("best", 0) == deaths, text
