"""A short report that the cue rules find nothing in still gets its one event, typed by the model."""
import pytest

from eventsift.model import Document

SIGHTED = ("Movement of forces: On 11 January 2026, dozens of Al Shabaab fighters were seen patrolling the roads "
           "near Jilib (Middle Juba).")


def _events(pipeline, text):
    return pipeline.analyze(Document(text=text)).events


def test_a_short_report_without_cue_words_gets_one_event(pipeline):
    (event,) = _events(pipeline, SIGHTED)
    assert event.event_type == "Strategic developments"
    assert event.trigger.text == SIGHTED[event.trigger.start:event.trigger.end]
    assert event.typing["fallback"] == 1.0 and event.confidence < 0.5
    assert event.date is not None and event.date.value == "2026-01-11"
    assert event.location is not None and event.location.country_iso3 == "SOM"


@pytest.mark.parametrize("text", [
    "The central bank raised interest rates on Tuesday.",
    "Le gouvernement a annoncé mardi de nouvelles mesures pour les agriculteurs.",
    "",
    "Name | Age | Town\nAmina | 34 | Jilib\nHassan | 51 | Kismayo",
    "Gunmen kill five in Mogadishu market\nFloods displace thousands in Kenya\nPolice arrest 12 protesters in Dhaka\n",
])
def test_no_event_where_none_is_told(pipeline, text):
    assert _events(pipeline, text) == []


def test_a_long_text_never_gets_one(pipeline):
    text = " ".join([SIGHTED] + ["The talks went on for several hours without any result."] * 12)
    assert all(not (e.typing or {}).get("fallback") for e in _events(pipeline, text))


def test_off_and_train_modes(pipeline, monkeypatch):
    monkeypatch.setenv("EVENTSIFT_EVENT_MODEL", "off")
    assert _events(pipeline, SIGHTED) == []
    monkeypatch.setenv("EVENTSIFT_EVENT_MODEL", "train")
    (candidate,) = _events(pipeline, SIGHTED)
    assert candidate.typing["fallback"] == 1.0 and candidate.typing["r=none"]
