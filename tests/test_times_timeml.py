"""TimeML out and in: our TIMEX3s survive a round trip, and the seed's times are right in the pipeline."""
from eventsift.ingest.timeml import read_timeml
from eventsift.output.timeml import render


def _result(text, published, times):
    return {"id": "d1", "title": None, "published": published, "text": text,
            "times": [{"start": s, "end": e, "text": text[s:e], "type": ty, "value": v} for s, e, ty, v in times]}


def test_round_trip_keeps_text_dct_and_times():
    text = "Attacks <rose> from 2009 to 2016 & fell on Tuesday."
    s = text.index("from")
    e = text.index(" &")
    tue = text.index("Tuesday")
    markup = render(_result(text, "2020-01-05", [(s, e, "DATE", "2009/2016"), (tue, tue + 7, "DATE", "2019-12-31")]))
    plain, dct, gold = read_timeml(markup)
    assert plain == text
    assert dct == "2020-01-05"
    assert [(g.text, g.type, g.value) for g in gold] == [
        ("2009", "DATE", "2009"), ("2016", "DATE", "2016"), ("Tuesday", "DATE", "2019-12-31")]


def test_no_dct_without_a_publication_date():
    markup = render(_result("Nothing dated.", None, []))
    assert "<DCT>" not in markup and "<TEXT>Nothing dated.</TEXT>" in markup


def test_seed_times(seed_result):
    times = {t["text"]: t["value"] for t in seed_result["times"]}
    assert times["January 2"] == "2020-01-02"
    assert times["a decade later"] == "2009"
    assert times["from 2009 to 2016"] == "2009/2016"
    # inside the NCRI statement of September 2, 2013: re-anchored at the statement's date
    assert times["Tuesday, August 27"] == "2013-08-27"
    assert times["10:30 pm"] == "2013-08-27T22:30"


def test_seed_event_carries_the_interval(seed_result):
    dates = [e["date"]["value"] for e in seed_result["events"] if e.get("date")]
    assert "2009/2016" in dates
