"""Reviews reach the corpus layer: exports carry reviewed values, clusters show reviewed tolls."""
from __future__ import annotations

import csv
import json

import pytest

from _stores import shared_event_reports

REVIEWER = {"name": "rev1", "role": "reviewer"}


@pytest.fixture
def store(backend_store):
    for doc in shared_event_reports():
        backend_store.put(doc)
    return backend_store


def _review(store, event_id, body):
    from eventsift.store.review import ReviewStore

    return ReviewStore(store).review_event(event_id, body, REVIEWER)


def _csv(store, tmp_path, **filters):
    from eventsift.corpus.queries import EventFilter
    from eventsift.export import export_events

    out = tmp_path / "events.csv"
    export_events(store, "csv", str(out), EventFilter(**filters))
    return {r["document_id"]: r for r in csv.DictReader(out.open(encoding="utf-8"))}


def test_csv_export_carries_corrections_and_leaves_rejected_out(store, tmp_path):
    _review(store, "wire/e1", {"fatalities": {"best": 50}, "status": "attributed", "note": "hospital count"})
    _review(store, "basra/e1", {"review": "reject"})
    _review(store, "partisan/e1", {"review": "accept"})
    rows = _csv(store, tmp_path)
    assert set(rows) == {"wire", "partisan"}
    wire, partisan = rows["wire"], rows["partisan"]
    assert wire["fatalities"] == "50" and wire["status"] == "attributed"
    assert wire["review_state"] == "corrected" and wire["reviewed_fields"] == "fatalities,status"
    assert wire["reviewed_by"] == "rev1" and wire["reviewed_at"]
    # the machine's "47" no longer supports the value; the other evidence stays
    assert wire["evidence_fatalities"] == "" and wire["evidence_trigger"] == "attacked"
    assert partisan["review_state"] == "accepted" and partisan["fatalities"] == "52"
    # the stored machine output is untouched
    assert store.get("wire")["events"][0]["fatalities"]["best"] == 47


def test_status_filter_uses_the_reviewed_status(store, tmp_path):
    _review(store, "wire/e1", {"status": "attributed"})
    assert set(_csv(store, tmp_path, status="attributed")) == {"wire", "partisan"}
    assert set(_csv(store, tmp_path, status="asserted")) == {"basra"}


def test_jsonl_geojson_and_place_corrections(store, tmp_path):
    from eventsift.export import export_events

    _review(store, "basra/e1", {"location": {"name": "Basra", "country_iso3": "IRQ", "lat": 30.5, "lon": 47.8},
                                "date": "2013-09"})
    jl = tmp_path / "e.jsonl"
    export_events(store, "jsonl", str(jl))
    rows = {r["document_id"]: r for r in map(json.loads, jl.read_text().splitlines())}
    assert rows["basra"]["event_date"] == "2013-09" and rows["basra"]["year"] == 2013
    assert rows["wire"]["review_state"] == "unreviewed" and rows["wire"]["reviewed_fields"] is None
    geo = tmp_path / "e.geojson"
    assert export_events(store, "geojson", str(geo)) == 2
    points = {f["properties"]["document_id"]: f["geometry"]["coordinates"]
              for f in json.loads(geo.read_text())["features"]}
    assert points["basra"] == [47.8, 30.5]


def test_parquet_has_the_review_columns(store, tmp_path):
    pq = pytest.importorskip("pyarrow.parquet")
    from eventsift.export import export_events

    _review(store, "wire/e1", {"fatalities": 50})
    out = tmp_path / "e.parquet"
    export_events(store, "parquet", str(out))
    table = pq.read_table(out).to_pylist()
    wire = next(r for r in table if r["document_id"] == "wire")
    assert wire["fatalities"] == 50 and wire["review_state"] == "corrected"


def test_cluster_view_shows_the_reviewed_toll_as_reviewed(store):
    from eventsift.corpus import cluster

    _review(store, "wire/e1", {"fatalities": 50})
    (merged,) = cluster.list_clusters(store)
    view = cluster.cluster_view(store, merged["id"])
    wire = next(r for r in view["reports"] if r["doc_id"] == "wire")
    assert wire["fatalities"] == 50 and wire["review"]["fields"] == ["fatalities"]
    tolls = {v["value"]: v["reports"] for v in view["disagreements"]["fatalities"]}
    assert set(tolls) == {50, 52}
    assert tolls[50][0]["reviewed"] is True and tolls[52][0]["reviewed"] is False


def test_cli_export_applies_reviews(store, tmp_path):
    from click.testing import CliRunner

    from eventsift.cli import main

    if "://" in store.target:
        pytest.skip("the CLI test runs on the SQLite file")
    _review(store, "wire/e1", {"fatalities": 50})
    out = tmp_path / "cli.csv"
    result = CliRunner().invoke(main, ["export", "--format", "csv", "--output", str(out), "--db", store.target])
    assert result.exit_code == 0, result.output
    rows = {r["document_id"]: r for r in csv.DictReader(out.open(encoding="utf-8"))}
    assert rows["wire"]["fatalities"] == "50" and rows["wire"]["review_state"] == "corrected"
    from eventsift.corpus import cluster

    (merged,) = cluster.list_clusters(store)
    shown = CliRunner().invoke(main, ["cluster", merged["id"], "--db", store.target])
    assert shown.exit_code == 0, shown.output
    assert "[corrected by rev1]" in shown.output
    assert "  50 " in shown.output and "the article in wire (reviewed)" in shown.output
