"""The event-type model: its features, its decision rule, the shipped weights and the training steps."""
import json

import pytest

from conftest import ROOT
from eventsift.stages import event_model


def _event(pipeline, text):
    from eventsift.model import Document

    result = pipeline.analyze(Document(text=text))
    assert result.events, text
    return result.events[0]


def test_features_describe_the_event_not_its_names(pipeline):
    event = _event(pipeline, "On 3 May 2023, gunmen from Kismayo shot dead two farmers in Afmadow.")
    f = event.typing
    rules = [k for k in f if k.startswith("r=")]
    assert len(rules) == 1 and f[rules[0]] == event_model.RULE_WEIGHT
    assert event_model.rule_choice(f) == rules[0][2:]
    assert f["p=shoot"] == 1.0 and any(k in f for k in ("f=kill", "f=attack"))
    assert "dead=few" in f
    assert not any("kismayo" in k.lower() or "afmadow" in k.lower() for k in f if not k.startswith("t="))


def test_choose_keeps_the_rules_where_the_model_is_unsure_or_blind():
    probs = {"Attack": 0.45, "Armed clash": 0.35, "Mob violence": 0.2}
    assert event_model.choose(probs, "Armed clash", trust=0.0) == "Attack"
    assert event_model.choose(probs, "Armed clash", trust=0.5) == "Armed clash"
    assert event_model.choose(probs, "Chemical weapon", trust=0.0) == "Chemical weapon"  # never in the notes


def test_the_model_can_be_switched_off(monkeypatch):
    monkeypatch.setenv("EVENTSIFT_EVENT_MODEL", "off")
    assert event_model.decide({"bias": 1.0}, "Peaceful protest") == ("Protests", "Peaceful protest", None)


def test_shipped_weights_and_report_agree():
    from eventsift.resources import load_arrays, load_json

    arrays = load_arrays(event_model.MODEL_FILE)
    classes = [str(c) for c in arrays["classes"]]
    assert set(classes) <= set(event_model.SUB_EVENT_TYPES)
    assert arrays["coef"].shape == (len(classes), len(arrays["vocab"]))
    report = load_json("event_types.json")
    assert report["chosen"] == f"C={report['C']} trust={report['trust']}"
    assert float(arrays["trust"]) == report["trust"]
    chosen = report["leave_one_country_out"][report["chosen"]]
    assert chosen["mean"]["sub_event_type"] > chosen["mean"]["rules"]["sub_event_type"]  # it beats the rules
    probs = event_model.probabilities({"bias": 1.0, "l=protest": 1.0, "r=Peaceful protest": 2.0})
    assert abs(sum(probs.values()) - 1) < 1e-9
    assert max(probs, key=probs.get) == "Peaceful protest"


def test_every_sub_type_belongs_to_its_type():
    from eventsift.model import EVENT_TYPES

    assert set(event_model.SUB_EVENT_TYPES.values()) == set(EVENT_TYPES)
    assert len(event_model.SUB_EVENT_TYPES) == 25


def test_training_steps_on_a_few_samples():
    pytest.importorskip("sklearn")
    from eventsift.train import events as train
    from eventsift.train.acled import Note

    def note(i, iso3, sub):
        return Note(id=str(i), text="x", event_date=f"2020-0{1 + i % 3}-01", event_type=event_model.SUB_EVENT_TYPES[sub],
                    sub_event_type=sub, actor1="", actor2="", country="", iso3=iso3, admin1="", admin2="",
                    location="", latitude=None, longitude=None, fatalities=0)

    data, notes = [], []
    for i in range(60):
        sub = ("Peaceful protest", "Armed clash", "Attack")[i % 3]
        word = {"Peaceful protest": "march", "Armed clash": "fight", "Attack": "shoot"}[sub]
        n = note(i, ("KEN", "SOM")[i % 2], sub)
        notes.append(n)
        data.append(({"bias": 1.0, "l=" + word: 1.0, "r=Attack": 2.0}, sub, "Attack", n))
    probs = train.out_of_fold(data, [i % 2 for i in range(60)], 1.0)
    preds = train.decisions(data, probs, 0.0)
    assert train.accuracy(data, preds, len(data))["sub_event_type"] == 1.0
    rules = train.accuracy(data, [d[2] for d in data], len(data))["sub_event_type"]
    assert rules == round(1 / 3, 4)
    table = train.by_country(data, notes + [note(99, "BEN", "Attack")], preds)
    assert table == {"mean": None}  # no country has 100 notes here
    assert json.dumps(train.confusion(data, preds))
