"""The time tagger on hand-built sentences: extents, types, values, anchors, and what must not be tagged."""
from datetime import date

import pytest

from eventsift.timex import find_times, timex3_view


def tag(text, anchor="2020-01-05"):
    return [(t.span.text, t.type, t.value) for t in find_times(text, date.fromisoformat(anchor) if anchor else None)]


def values(text, anchor="2020-01-05"):
    return {t[0]: t[2] for t in tag(text, anchor)}


def test_spans_point_into_the_text():
    text = "On Tuesday, August 27, at 10:30 pm, and again three years later, in the 1990s."
    for t in find_times(text, date(2013, 9, 2)):
        assert text[t.span.start:t.span.end] == t.span.text


@pytest.mark.parametrize("text,expected", [
    ("It happened on September 1, 2013, in Iraq.", ("September 1, 2013", "DATE", "2013-09-01")),
    ("It happened in July 1999.", ("July 1999", "DATE", "1999-07")),
    ("The 1990s were different.", ("The 1990s", "DATE", "199")),
    ("Profit fell in the third quarter.", ("the third quarter", "DATE", "2019-Q3")),
    ("He served three years in prison.", ("three years", "DURATION", "P3Y")),
    ("They met for nearly two hours.", ("nearly two hours", "DURATION", "PT2H")),
    ("Prayers are held every Friday.", ("every Friday", "SET", "XXXX-WXX-5")),
    ("The paper is printed daily.", ("daily", "SET", "P1D")),
    ("They left last week.", ("last week", "DATE", "2019-W52")),
    ("Sales rose last year.", ("last year", "DATE", "2019")),
    ("It was founded in the 20th century.", ("the 20th century", "DATE", "19")),
    ("The talks resumed yesterday.", ("yesterday", "DATE", "2020-01-04")),
    ("Prices are rising now.", ("now", "DATE", "PRESENT_REF")),
    ("The plant opened two years ago.", ("two years ago", "DATE", "2018")),
    ("The vote is at 5 p.m. EST.", ("5 p.m. EST", "TIME", "2020-01-05T17:00")),
])
def test_types_and_values(text, expected):
    assert expected in tag(text)


def test_decade_later_moves_from_the_last_date():
    text = "In July 1999 the police crushed the protests. They did so again a decade later."
    assert values(text)["a decade later"] == "2009"


def test_month_day_without_year_resolves_to_the_recent_past():
    assert values("A US airstrike killed him on January 2.")["January 2"] == "2020-01-02"
    assert values("The meeting was on December 28.")["December 28"] == "2019-12-28"


def test_weekdays_resolve_to_the_past_except_the_day_itself():
    # 2020-01-05 is a Sunday
    assert values("The strike came on Tuesday.")["Tuesday"] == "2019-12-31"
    assert values("Protesters gathered on Sunday.")["Sunday"] == "2020-01-05"
    assert values("The ministers will meet on Tuesday.")["Tuesday"] == "2020-01-07"


def test_weekday_and_date_inside_a_dated_quote():
    text = 'The NCRI said: "On Tuesday, August 27, the commander traveled to Iraq (at 10:30 pm)."'
    found = values(text, "2013-09-02")
    assert found["Tuesday, August 27"] == "2013-08-27"
    assert found["10:30 pm"] == "2013-08-27T22:30"


def test_interval_is_one_date_and_two_timex3():
    text = "He killed 141 members in attacks from 2009 to 2016 in Iraq."
    times = find_times(text, date(2020, 1, 5))
    assert [(t.span.text, t.value) for t in times] == [("from 2009 to 2016", "2009/2016")]
    assert [(t.span.text, t.value) for t in timex3_view(text, times)] == [("2009", "2009"), ("2016", "2016")]


def test_two_years_joined_by_and():
    assert tag("During uprisings in 2018 and 2019, protesters marched.") == [
        ("2018", "DATE", "2018"), ("2019", "DATE", "2019")]


@pytest.mark.parametrize("text", [
    "Officials may leave the city.",
    "We will march on the capital.",
    "Thousands March on the capital.",
    "The rebels sold it for $27 a share.",
    "The final score was 10:30 after extra time.",
    "May I ask a question?",
    "He paid $2000 for the car and 1500 people came.",
])
def test_no_false_positives(text):
    assert tag(text) == []


def test_the_1990s_is_a_decade_not_a_day():
    assert tag("Violence rose in the 1990s.") == [("the 1990s", "DATE", "199")]


def test_no_anchor_gives_underspecified_values():
    found = values("It happened on Tuesday, and again on March 3.", anchor=None)
    assert found["Tuesday"] == "XXXX-WXX-2"
    assert found["March 3"] == "XXXX-03-03"


def test_quarter_context_sets_a_year_ago():
    text = "Net income rose in the third quarter. It was $5 million a year ago."
    assert values(text, "1989-10-26")["a year ago"] == "1988-Q3"


hypothesis = pytest.importorskip("hypothesis")
from hypothesis import given, settings, strategies as st  # noqa: E402

WORDS = ["on", "Tuesday", "August", "27", ",", "2013", "the", "1990s", "last", "week", "a", "decade", "later",
         "from", "to", "2009", "10:30", "pm", "May", "may", "three", "years", "ago", "every", "Friday", "$27",
         "quarter", "third", "-", "mid", "today", "now", "\n\n", ".", "'s", "Jan.", "2", "and"]


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(WORDS), max_size=40), st.sampled_from([None, "2020-01-05", "1999-12-31"]))
def test_any_text_gives_valid_spans_and_values(words, anchor):
    text = " ".join(words)
    times = find_times(text, date.fromisoformat(anchor) if anchor else None)
    previous_end = 0
    for t in times:
        assert text[t.span.start:t.span.end] == t.span.text
        assert t.span.start >= previous_end  # never overlapping, in text order
        previous_end = t.span.end
        assert t.type in ("DATE", "TIME", "DURATION", "SET") and t.value
    for t in timex3_view(text, times):
        assert text[t.span.start:t.span.end] == t.span.text


def test_seasons_past_tense_and_coarse_references():
    found = values("In the spring of 2011 protests began. By mid-March the siege had ended. "
                   "Since 2015 the group has grown; two weeks later it struck.", "2020-01-08")
    assert found["the spring of 2011"] == "2011-SP"
    assert found["mid-March"] == "2019-03"
    assert found["two weeks later"] == "2015"


def test_violent_past_event_pulls_a_near_future_date_into_the_past():
    assert values("Two men were killed on February 3 in Mosul.")["February 3"] == "2019-02-03"
    assert values("The court will rule on February 3.")["February 3"] == "2020-02-03"


def test_year_ranges_and_interval_years():
    text = "The 1980-88 war; fighting from March 3 to March 5, 2013."
    times = find_times(text, date(2020, 1, 8))
    assert [(t.span.text, t.value) for t in times] == [
        ("1980-88", "1980/1988"), ("from March 3 to March 5, 2013", "2013-03-03/2013-03-05")]
    assert [(t.span.text, t.value) for t in timex3_view(text, times)] == [
        ("1980-88", "1980"), ("March 3", "2013-03-03"), ("March 5, 2013", "2013-03-05")]


def test_spelled_out_years_in_broadcast_transcripts():
    found = values("In the winter of nineteen ninety-four and in January nineteen ninety-seven.", "1998-02-02")
    assert found == {"the winter of nineteen ninety-four": "1994-WI", "January nineteen ninety-seven": "1997-01"}


def test_wire_formats():
    found = values("Published 5 Jan 2020. Fighting began at 0600 GMT and resumed at 18:30 GMT on Friday.")
    assert found == {"5 Jan 2020": "2020-01-05", "0600 GMT": "2020-01-05T06:00",
                     "18:30 GMT on Friday": "2020-01-03T18:30"}


def test_a_year_written_just_before_holds_for_a_bare_date():
    found = values("In July 1999 protests began; on July 9 the police struck. NATO will meet on March 12.")
    assert found["July 9"] == "1999-07-09"
    assert found["March 12"] == "2020-03-12"


def test_holidays_and_plural_unit_adjectives():
    found = tag("As Easter week began, the decades-long feud resumed; Eastern Airlines flew.", "2000-04-17")
    assert ("Easter week", "DATE", "2000-W16") in found
    assert ("decades-long", "DURATION", "PXDE") in found
    assert not any(t[0].startswith("Easter") and "Eastern" in t[0] for t in found)
    assert values("The talks resumed the next morning.", "2000-02-24")["the next morning"] == "2000-02-25"


def test_clock_conventions():
    found = tag("It came at 10 p.m. The blast hit at 4 in the morning. An hour later they fled.", "2000-04-05")
    assert ("10 p.m", "TIME", "2000-04-05T22:00") in found  # the full stop ends the sentence
    assert ("4 in the morning", "TIME", "2000-04-05T04:00") in found
    assert ("An hour", "DURATION", "PT1H") in found
    assert values("Over the past decade things changed.")["the past decade"] == "P10Y"


def test_last_as_a_verb_stays_outside():
    assert tag("The war could last a few years.") == [("a few years", "DURATION", "PXY")]


def test_halves():
    found = values("It took a minute and a half, then two and a half hours, then 2 1/2 years.")
    assert found == {"a minute and a half": "PT1M30S", "two and a half hours": "PT2H30M", "2 1/2 years": "P2Y6M"}


def test_later_in_the_day_takes_the_day_just_told():
    found = values("On Friday a car bomb exploded; later in the day a second one hit.", "2013-09-02")
    assert found == {"Friday": "2013-08-30", "the day": "2013-08-30"}


def test_seasons_seen_from_december():
    # December is the winter at the end of the year: the autumn before it is this year's
    assert values("Floods struck the north in the autumn.", "2014-12-10")["the autumn"] == "2014-FA"
    assert values("Work will start next spring.", "2014-12-10")["next spring"] == "2015-SP"
    assert values("Work will start next spring.", "2014-10-10")["next spring"] == "2015-SP"
