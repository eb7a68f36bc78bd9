"""The seed article goes in and a complete, linked, evidence-tied analysis comes out."""
import json

import pytest

from conftest import SCHEMA


def test_seed_validates_against_contract(seed_result):
    jsonschema = pytest.importorskip("jsonschema")
    if not SCHEMA.exists():
        pytest.skip("contract schema not present")
    jsonschema.validate(seed_result, json.loads(SCHEMA.read_text()))


def test_seed_has_every_layer(seed_result):
    assert seed_result["published"] == "2020-01-05"
    for layer in ("times", "actors", "places", "attributions", "events", "framing"):
        assert seed_result[layer], f"layer {layer} is empty"


def test_seed_layers_are_linked(seed_result):
    actor_ids = {a["id"] for a in seed_result["actors"]}
    attribution_ids = {a["id"] for a in seed_result["attributions"]}
    events = seed_result["events"]
    assert any(e["actor1"] and e["actor1"]["actor_id"] in actor_ids for e in events)
    assert any(e["date"] for e in events) and any(e["location"] for e in events)
    attributed = [e for e in events if e["status"] == "attributed"]
    assert attributed and all(e["attribution_id"] in attribution_ids for e in attributed)
