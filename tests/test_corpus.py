"""Same event, many reports: clustering, corroboration, disagreements, splits, exports."""
from __future__ import annotations

import csv
import json

import pytest

from _stores import shared_event_reports
from conftest import EXAMPLES

@pytest.fixture
def store(backend_store):
    return backend_store


_reports = shared_event_reports


def test_reports_of_one_event_cluster_and_others_stay_apart(store):
    from eventsift.corpus import cluster

    for doc in _reports():
        store.put(doc)
    clusters = cluster.list_clusters(store)
    assert len(clusters) == 1
    view = cluster.cluster_view(store, clusters[0]["id"])
    assert {r["doc_id"] for r in view["reports"]} == {"wire", "partisan"}
    assert view["n_sources"] == 2
    tolls = {v["value"]: v["reports"] for v in view["disagreements"]["fatalities"]}
    assert set(tolls) == {47, 52}
    assert tolls[52][0]["said_by"] == "Militias" and tolls[52][0]["evidence"] == "52"


def test_a_split_is_stored_and_survives_rebuilds(store):
    from eventsift.corpus import cluster

    for doc in _reports():
        store.put(doc)
    (merged,) = cluster.list_clusters(store)
    now = cluster.split(store, merged["id"], ["partisan"])
    assert len(now) == 2
    cluster.rebuild(store)
    assert cluster.list_clusters(store) == []
    assert cluster.cluster_of(store, "wire/e1") != cluster.cluster_of(store, "partisan/e1")


def test_split_refuses_bad_requests(store):
    from eventsift.corpus import cluster
    from eventsift.errors import EventsiftError

    for doc in _reports():
        store.put(doc)
    (merged,) = cluster.list_clusters(store)
    with pytest.raises(EventsiftError):
        cluster.split(store, merged["id"], ["wire", "partisan"])
    with pytest.raises(EventsiftError):
        cluster.split(store, merged["id"], ["nope"])
    with pytest.raises(EventsiftError):
        cluster.split(store, "c-missing", ["wire"])


def test_score_vetoes_other_country_family_and_dates():
    from eventsift.corpus.cluster import Record, score, threshold
    from datetime import date

    words = {"strike": 2, "convoy": 1, "airport": 1, "baghdad": 1, "killed": 1}
    other = {"protest": 2, "square": 1, "mosul": 1, "students": 1}

    def rec(**kw):
        base = dict(ref="x/e1", doc_id="x", family="violence", lo=date(2020, 1, 2), hi=date(2020, 1, 4),
                    day=date(2020, 1, 3), countries=frozenset({"IRQ"}), places=frozenset({"city:baghdad"}),
                    actors=frozenset({"us-military"}), names=frozenset(), days=frozenset({date(2020, 1, 3)}),
                    fatalities=None, outlet="a", words=words, lead_words=words)
        base.update(kw)
        return Record(**base)

    a = rec()
    # the learnt weights (ECB+) lean on wording and names: two reports of one strike in the same words link
    assert score(a, rec(ref="y/e1")) >= threshold()
    assert score(a, rec(countries=frozenset({"SYR"}))) is None
    assert score(a, rec(family="unrest")) is None
    assert score(a, rec(lo=date(2020, 2, 1), hi=date(2020, 2, 3), day=date(2020, 2, 2), days=frozenset())) is None
    assert score(a, rec(places=frozenset({"city:mosul"}), actors=frozenset(), day=None, days=frozenset(),
                        words=other, lead_words=other)) < threshold()


def test_exports_keep_evidence_and_links(store, tmp_path):
    from eventsift.export import export_events

    for doc in _reports():
        store.put(doc)
    out = tmp_path / "events.csv"
    assert export_events(store, "csv", str(out)) == 3
    rows = list(csv.DictReader(out.open(encoding="utf-8")))
    wire = next(r for r in rows if r["document_id"] == "wire")
    assert wire["fatalities"] == "47" and wire["evidence_fatalities"] == "47" and wire["evidence_trigger"] == "attacked"
    assert wire["source"] == "wire" and wire["cluster_id"]
    geo = tmp_path / "events.geojson"
    assert export_events(store, "geojson", str(geo)) == 1
    features = json.loads(geo.read_text())["features"]
    assert features[0]["geometry"]["coordinates"] == [44.81, 33.99]
    jl = tmp_path / "events.jsonl"
    assert export_events(store, "jsonl", str(jl)) == 3
    assert all(json.loads(line)["notes"] for line in jl.read_text().splitlines())


def test_parquet_export(store, tmp_path):
    pq = pytest.importorskip("pyarrow.parquet")
    from eventsift.export import export_events

    for doc in _reports():
        store.put(doc)
    out = tmp_path / "events.parquet"
    assert export_events(store, "parquet", str(out)) == 3
    table = pq.read_table(out)
    assert table.num_rows == 3 and "evidence_fatalities" in table.column_names


@pytest.fixture(scope="module")
def example_store(pipeline, tmp_path_factory):
    from eventsift.ingest.run import ingest
    from eventsift.store import Store

    store = Store(str(tmp_path_factory.mktemp("examples") / "examples.db"))
    ingest([str(EXAMPLES)], store)
    return store


def test_examples_form_one_cluster_per_event_with_their_disagreement(example_store):
    from eventsift.corpus import cluster

    by_docs = {}
    for c in cluster.list_clusters(example_store):
        view = cluster.cluster_view(example_store, c["id"])
        paths = frozenset(r["path"].rsplit("/", 1)[-1][:2] for r in view["reports"])
        by_docs[paths] = view
    ashraf = by_docs[frozenset({"01", "02", "03"})]
    soleimani = by_docs[frozenset({"04", "05"})]
    assert len(by_docs) == 2
    tolls = {v["value"] for v in ashraf["disagreements"]["fatalities"]}
    assert {19, 47, 52} <= tolls
    assert ashraf["n_sources"] == 3 and soleimani["n_sources"] == 2


def test_cli_cluster_shows_who_says_what(example_store):
    from click.testing import CliRunner

    from eventsift.cli import main
    from eventsift.corpus import cluster

    top = cluster.list_clusters(example_store)[0]["id"]
    result = CliRunner().invoke(main, ["cluster", top, "--db", example_store.target])
    assert result.exit_code == 0, result.output
    assert "disagreement on fatalities" in result.output
    for toll in ("19", "47", "52"):
        assert f"\n  {toll} " in result.output
