"""The CLI and the web read the same store the same way: same events, same reviewed values, same keys.

The same filters go through `eventsift events --json` and the web's `/events.json` twin; both must name the
same events (DOC/EVENT), with the same reviewed toll, status, type and country. The web list also shows
rejected events (marked, so a reviewer can reopen them); the CLI, like the exports, leaves them out.
"""
from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

pytest.importorskip("starlette")

from starlette.testclient import TestClient  # noqa: E402

from eventsift.cli import main  # noqa: E402
from eventsift.store import Store  # noqa: E402
from eventsift.store.review import ReviewStore  # noqa: E402
from eventsift.web import create_app  # noqa: E402
from web_support import make_document, put_three_reports  # noqa: E402

FILTERS = [
    {},
    {"type": "Violence against civilians"},
    {"place": "IRQ"},
    {"place": "Aleppo"},
    {"actor": "islamic-state"},
    {"actor": "Rebels"},
    {"status": "attributed"},
    {"status": "hedged"},
    {"from": "2021-03-01", "to": "2021-03-31"},
    {"from": "2021-03-07"},
    {"to": "2021-03-02"},
]


@pytest.fixture(scope="module")
def stores(tmp_path_factory):
    path = str(tmp_path_factory.mktemp("parity") / "store.db")
    store = Store(path)
    put_three_reports(store)
    text4 = "The police said Islamic State attacked villagers near Mosul on March 2, in a brutal raid.\n"
    store.put(make_document("doc4", text4, published="2021-03-06", outlet="Blog"))
    undated = make_document("doc5", "Islamic State attacked villagers near Mosul, the police said, a brutal raid"
                            " on March 2 or later.\n", published="2021-03-07", outlet="Radio")
    undated["events"][0]["date"] = None  # dated by its publication day in both views
    store.put(undated)
    reviewer = {"name": "rev"}
    rs = ReviewStore(store)
    rs.review_event("doc2/e1", {"fatalities": {"best": 31}, "status": "hedged"}, reviewer)
    rs.review_event("doc4/e1", {"review": "reject"}, reviewer)
    return path, TestClient(create_app(store, sync_interval=0))


def _summary(rows, ref_key):
    return sorted((r[ref_key], r.get("fatalities"), r.get("status"), r.get("event_type"), r.get("country"))
                  for r in rows)


@pytest.mark.parametrize("flt", FILTERS, ids=lambda f: ",".join(f"{k}={v}" for k, v in f.items()) or "all")
def test_cli_and_web_give_the_same_events(stores, flt):
    path, client = stores
    args = ["events", "--db", path, "--json"]
    for name, value in flt.items():
        args += [f"--{name}", value]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 0, result.output
    cli = json.loads(result.stdout)
    web = [r for r in client.get("/events.json", params=flt).json()["items"] if r["review_state"] != "rejected"]
    assert _summary(cli, "ref") == _summary(web, "id")
    assert all(r["review"]["state"] == w["review_state"] for r in cli for w in web if w["id"] == r["ref"])


def test_a_correction_reads_the_same_everywhere(stores):
    path, client = stores
    cli = json.loads(CliRunner().invoke(main, ["events", "--db", path, "--json"]).stdout)
    assert {r["ref"]: r["fatalities"] for r in cli}["doc2/e1"] == 31
    assert "doc4/e1" not in {r["ref"] for r in cli} and "doc5/e1" in {r["ref"] for r in cli}
    assert client.get("/api/events/doc2/e1").json()["event"]["fatalities"]["best"] == 31


def test_actor_keys_are_the_same_in_the_cli_and_the_web(stores):
    path, client = stores
    cli_keys = {a["key"] for a in json.loads(CliRunner().invoke(main, ["actors", "--db", path, "--json"]).stdout)}
    web_keys = {r["actor1_key"] for r in client.get("/events.json").json()["items"]}
    assert web_keys <= cli_keys and "islamic-state" in web_keys
    assert client.get("/actors/islamic-state.json").status_code == 200
