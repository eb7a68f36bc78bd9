"""The typed record: every analysis round-trips through the model, validates, and old records upgrade."""
from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest

from eventsift.model import LAYERS, RECORD_VERSION, DocumentResult
from eventsift.record import from_record, record_version, upgrade

ROOT = Path(__file__).resolve().parent.parent
SCHEMA = json.loads((ROOT.parent / "shared" / "contract" / "document.schema.json").read_text())
EXAMPLES = sorted((ROOT / "examples").glob("*.txt"))


@pytest.fixture(scope="module")
def records(pipeline, seed_result):
    from eventsift.model import Document

    made = [r.to_dict() for r in pipeline.analyze_many([Document(text=p.read_text()) for p in EXAMPLES])]
    return [seed_result, *made]


def test_every_analysis_round_trips_through_the_typed_model(records):
    for record in records:
        typed = from_record(record)
        assert isinstance(typed, DocumentResult)
        assert typed.to_dict() == record
        jsonschema.validate(typed.to_dict(), SCHEMA)


def test_the_typed_model_carries_spans_and_roles(records):
    typed = from_record(records[0])
    text = typed.document.text
    assert typed.events and all(text[e.trigger.start:e.trigger.end] == e.trigger.text for e in typed.events)
    assert all(text[t.span.start:t.span.end] == t.span.text for t in typed.times)
    assert any(e.actor1 is not None and e.actor1.name for e in typed.events)


def test_a_version_1_record_upgrades_and_loads(records):
    old = {k: v for k, v in records[1].items() if k not in ("record_version", "tier", "analyzer")}
    old["title"] = None
    assert record_version(old) == 1
    new = upgrade(old)
    assert new["record_version"] == RECORD_VERSION and new["tier"] == "fast" and new["analyzer"] is None
    assert new["title"] == records[1]["title"]
    assert from_record(old).to_dict() == new
    assert "record_version" not in old  # the caller's dict is left alone


def test_a_newer_record_is_refused_with_a_clear_message(records):
    with pytest.raises(ValueError, match="newer"):
        upgrade({**records[1], "record_version": RECORD_VERSION + 1})


def test_layers_are_listed_once_and_written_in_that_order(records):
    keys = list(records[1])
    assert [k for k in keys if k in LAYERS] == list(LAYERS)
