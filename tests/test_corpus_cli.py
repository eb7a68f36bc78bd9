"""The corpus commands end to end on a small hand-built store: status, actors, timeline, events, clusters,
split, export; bad input gives one line and exit status 2, never a traceback."""
from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from _stores import actor, contract, event

A = "Red Hand fighters attacked Kandahar market, killing 9 people.\n"
B = "The Red Hand group stormed the Kandahar market and killed 14 shoppers, officials said.\n"


@pytest.fixture
def db(tmp_path):
    from eventsift.store import Store

    path = str(tmp_path / "cli.db")
    store = Store(path)
    store.put(contract(A, [event(A, "attacked", day="2014-03-02", killed=9, country="AFG", location="Kandahar",
                                 actor1="Red Hand", lat=31.6, lon=65.7)],
                       actors=[actor(A, "a1", "Red Hand", "red-hand", "Red Hand")], doc_id="one", outlet="Wire"))
    store.put(contract(B, [event(B, "stormed", day="2014-03-02", killed=14, country="AFG", location="Kandahar",
                                 actor1="Red Hand")],
                       actors=[actor(B, "a1", "Red Hand", "ner:red hand", "Red Hand")], doc_id="two", outlet="Local"))
    store.record_failure("broken.txt", "empty input")
    store.close()
    return path


def run(*args):
    from eventsift.cli import main

    return CliRunner().invoke(main, list(args))


def test_status_lists_counts_and_failures(db):
    result = run("status", "--db", db)
    assert result.exit_code == 0
    assert "documents              2" in result.output and "failed  broken.txt: empty input" in result.output
    assert json.loads(run("status", "--db", db, "--json").output)["counts"]["events"] == 2


def test_actors_timeline_events(db):
    listed = json.loads(run("actors", "--db", db, "--json").output)
    assert listed[0]["key"] == "red-hand" and listed[0]["documents"] == 2
    timeline = run("timeline", "Red Hand", "--db", db)
    assert timeline.exit_code == 0 and timeline.output.count("2014-03-02") == 2
    events = json.loads(run("events", "--db", db, "--place", "Afghanistan", "--from", "2014-03-01", "--json").output)
    assert len(events) == 2
    assert json.loads(run("events", "--db", db, "--to", "2014-01-01", "--json").output) == []


def test_clusters_show_disagreement_and_split(db):
    (cluster,) = json.loads(run("clusters", "--db", db, "--json").output)
    assert cluster["n_sources"] == 2
    shown = run("cluster", cluster["id"], "--db", db)
    assert "disagreement on fatalities" in shown.output and "\n  14 " in shown.output
    split = run("split", cluster["id"], "two", "--db", db)
    assert split.exit_code == 0, split.output
    assert json.loads(run("clusters", "--db", db, "--json").output) == []


def test_export_formats(db, tmp_path):
    csv_out = run("export", "--db", db, "--format", "csv")
    assert csv_out.output.splitlines()[0].startswith("event_id,event_date,year,event_type")
    geo = tmp_path / "e.geojson"
    assert run("export", "--db", db, "-f", "geojson", "-o", str(geo)).exit_code == 0
    assert len(json.loads(geo.read_text())["features"]) == 1


def test_bad_input_is_one_line_not_a_traceback(db):
    for args in (["timeline", "Nobody", "--db", db], ["cluster", "c-none", "--db", db],
                 ["events", "--from", "yesterday", "--db", db]):
        result = run(*args)
        assert result.exit_code == 2 and "Traceback" not in result.output
