"""Which way a weekday or a month points, from the tense of the verb the parse says it modifies."""
from datetime import date

import pytest

from eventsift.timex import find_times


@pytest.fixture(scope="module")
def tag(pipeline):
    def run(text, anchor):
        doc = pipeline.nlp(text)
        return {t.span.text: (t.type, t.value) for t in find_times(text, date.fromisoformat(anchor), doc=doc)}
    return run


@pytest.mark.parametrize("text,anchor,phrase,value", [
    # present tense about the coming days (2015-04-08 is a Wednesday)
    ("The senators meet Thursday to discuss the bill.", "2015-04-08", "Thursday", "2015-04-09"),
    ("Voters go to the polls on Sunday.", "2015-04-08", "Sunday", "2015-04-12"),
    ("The plant was shut down for maintenance Thursday.", "2015-04-08", "Thursday", "2015-04-02"),
    ("Protesters have camped in the square since Friday.", "2015-04-08", "Friday", "2015-04-03"),
    ("Investors are waiting for the jobs report due Friday.", "2015-04-08", "Friday", "2015-04-10"),
    # a past verb puts a month in the past, even when the coming one is nearer
    ("The chief executive stepped down in March for health reasons.", "1989-11-02", "March", "1989-03"),
    ("In January, the company brought in a new chief executive.", "1989-10-27", "January", "1989-01"),
    # ... but not a date that is an end point or a noun's
    ("The offer was extended to Nov. 16.", "1989-10-30", "Nov. 16", "1989-11-16"),
    ("The directors authorized a split, payable Dec. 7 to holders.", "1989-10-27", "Dec. 7", "1989-12-07"),
])
def test_direction_from_the_governing_verb(tag, text, anchor, phrase, value):
    assert tag(text, anchor)[phrase][1] == value


def test_without_a_parse_the_month_is_the_nearest():
    found = {t.span.text: t.value for t in find_times("The chief executive stepped down in March.",
                                                       date(1989, 11, 2))}
    assert found["March"] == "1990-03"


def test_a_parse_of_another_text_is_ignored(pipeline):
    doc = pipeline.nlp("Something else entirely.")
    found = find_times("The senators meet Thursday.", date(2015, 4, 8), doc=doc)
    assert [t.value for t in found] == ["2015-04-02"]


@pytest.mark.parametrize("text,expected", [
    ("The rebels seized the airport on Saturday night.", ("Saturday night", "DATE", "2015-04-04")),
    ("The vote was counted yesterday afternoon.", ("yesterday afternoon", "TIME", "2015-04-07TAF")),
    ("The talks collapsed in late 2012. A week earlier, negotiators had reported progress.",
     ("A week earlier", "DATE", "2012")),
    ("Protests broke out last fall in the capital.", ("last fall", "DATE", "2014-FA")),
])
def test_parts_of_days_and_coarse_references(text, expected):
    assert expected in [(t.span.text, t.type, t.value) for t in find_times(text, date(2015, 4, 8))]


def test_the_fall_of_a_city_is_no_season():
    assert find_times("The anniversary of the fall of Baghdad passed quietly.", date(2015, 4, 8)) == []


def test_a_headline_in_the_present_tells_the_past(tag):
    found = tag("Storm Hits Florida Coast on Sunday\n\nThe police said more.", "2015-04-08")
    assert found["Sunday"][1] == "2015-04-05"
