"""The web event page shows the corpus's same-event cluster, with reviewed values, on the examples."""
from __future__ import annotations

import csv
from urllib.parse import quote

import pytest

pytest.importorskip("starlette")
pytest.importorskip("httpx2")

from starlette.testclient import TestClient  # noqa: E402

from conftest import EXAMPLES  # noqa: E402
from web_support import login  # noqa: E402


@pytest.fixture(scope="module")
def web(pipeline, tmp_path_factory):
    from eventsift.corpus import cluster
    from eventsift.ingest.run import ingest
    from eventsift.store import Store
    from eventsift.store.review import ReviewStore
    from eventsift.web import create_app

    store = Store(str(tmp_path_factory.mktemp("webclusters") / "examples.db"))
    ingest([str(EXAMPLES)], store)
    rs = ReviewStore(store)
    token = rs.add_user("rev1", "reviewer")
    ashraf = None
    for c in cluster.list_clusters(store):
        view = cluster.cluster_view(store, c["id"])
        names = {r["path"].rsplit("/", 1)[-1][:2] for r in view["reports"]}
        if names == {"01", "02", "03"}:
            ashraf = view
    assert ashraf is not None, "the examples should form a Camp Ashraf cluster"
    first = next(r for r in ashraf["reports"] if r["path"].rsplit("/", 1)[-1].startswith("01"))
    doc_id, _, event_id = first["ref"].rpartition("/")
    return {"store": store, "client": TestClient(create_app(store, sync_interval=0)), "token": token,
            "headers": {"Authorization": f"Bearer {token}"}, "event": f"{doc_id}/{event_id}", "cluster": ashraf}


def test_camp_ashraf_page_lists_the_cluster_with_its_tolls(web):
    client, event_id = web["client"], web["event"]
    data = client.get(f"/api/events/{event_id}").json()
    assert data["reports_from"] == "cluster" and data["cluster"]["id"] == web["cluster"]["id"]
    assert len({r["doc_id"] for r in data["reports"]}) == 3
    assert data["cluster"]["n_sources"] == 3
    tolls = {v["value"]: v["reports"] for v in data["cluster"]["disagreements"]["fatalities"]}
    assert {19, 47, 52} <= set(tolls)
    assert all(w["id"].count("/") >= 1 and not w["reviewed"] for ws in tolls.values() for w in ws)
    assert {r["fatalities"] for r in data["reports"]} >= {19, 47, 52}
    html = client.get(f"/events/{event_id}").text
    assert 'id="cluster-summary"' in html and 'id="who-says-what"' in html
    for toll in ("19", "47", "52"):
        assert f"<b><bdi>{toll}</bdi></b>" in html


def test_a_correction_shows_in_the_cluster_and_the_export(web, tmp_path):
    from eventsift.export import export_events

    client, event_id = web["client"], web["event"]
    answer = client.patch(f"/api/events/{event_id}", json={"fatalities": {"best": 50}}, headers=web["headers"])
    assert answer.status_code == 200, answer.text
    data = client.get(f"/api/events/{event_id}").json()
    tolls = {v["value"]: v["reports"] for v in data["cluster"]["disagreements"]["fatalities"]}
    assert [w["reviewed"] for w in tolls[50]] == [True]
    mine = next(r for r in data["reports"] if r["id"] == event_id)
    assert mine["fatalities"] == 50 and mine["review_state"] == "corrected"
    assert "reviewed</span>" in client.get(f"/events/{event_id}").text
    out = tmp_path / "events.csv"
    export_events(web["store"], "csv", str(out))
    doc_id, event = event_id.rsplit("/", 1)
    row = next(r for r in csv.DictReader(out.open(encoding="utf-8")) if r["event_id"] == f"{doc_id}/{event}")
    assert row["fatalities"] == "50" and row["review_state"] == "corrected"


def test_stand_in_when_the_event_has_no_cluster(tmp_path):
    from web_support import make_document, plain_document

    from eventsift.store import Store
    from eventsift.web import create_app

    store = Store(str(tmp_path / "plain.db"))
    store.put(plain_document("doc1", 1))
    text = "The police said Islamic State attacked villagers in Mosul on March 2, a brutal raid; 30 dead.\n"
    store.put(make_document("doc2", text, published="2021-03-05", killed=30))
    data = TestClient(create_app(store, sync_interval=0)).get("/api/events/doc1/e1").json()
    assert data["reports_from"] == "same date and place" and data["cluster"] is None
    assert {r["id"] for r in data["reports"]} == {"doc1/e1", "doc2/e1"}


def test_clusters_page_lists_the_multi_source_events(web):
    client, cid = web["client"], web["cluster"]["id"]
    listed = client.get("/clusters.json").json()["clusters"]
    assert cid in {c["id"] for c in listed} and all(c["n_documents"] >= 2 for c in listed)
    assert f'href="/clusters/{cid}"' in client.get("/clusters").text
    assert f'href="/clusters/{cid}"' in client.get(f"/events/{web['event']}").text


def test_cluster_page_shows_the_reports_side_by_side_with_evidence_and_reasons(web):
    client, cid = web["client"], web["cluster"]["id"]
    data = client.get(f"/clusters/{cid}.json").json()
    assert len({r["doc_id"] for r in data["reports"]}) == 3 and data["why_joined"]
    assert all(w["reasons"] and w["reasons"][0]["reason"] for w in data["why_joined"])
    html = client.get(f"/clusters/{cid}").text
    assert 'id="side-by-side"' in html and 'class="disputed"' in html and 'id="why-joined"' in html
    for report in data["reports"]:
        assert f'href="/events/{quote(report["ref"], safe="")}"' in html
        assert report["evidence"]["sentence"][:40] in html.replace("&#39;", "'").replace("&quot;", '"')
    assert client.get("/clusters/no-such-cluster").status_code == 404


def test_a_reviewer_splits_a_report_off_and_it_stays_off(pipeline, tmp_path):
    from eventsift.corpus import cluster
    from eventsift.ingest.run import ingest
    from eventsift.store import Store
    from eventsift.store.review import ReviewStore
    from eventsift.web import create_app

    store = Store(str(tmp_path / "split.db"))
    ingest([str(EXAMPLES)], store)
    token = ReviewStore(store).add_user("rev1", "reviewer")
    client = TestClient(create_app(store, sync_interval=0))
    biggest = cluster.list_clusters(store)[0]
    refs = [r["ref"] for r in cluster.cluster_view(store, biggest["id"])["reports"]]
    moved = refs[-1]
    assert client.post("/review/split", data={"cluster_id": biggest["id"], "ref": moved}).status_code == 401
    csrf = login(client, token)
    page = client.get(f"/clusters/{biggest['id']}").text
    assert 'id="split"' in page
    answer = client.post("/review/split", data={"csrf": csrf, "cluster_id": biggest["id"], "ref": moved},
                         follow_redirects=False)
    assert answer.status_code == 303
    assert cluster.cluster_of(store, moved) != cluster.cluster_of(store, refs[0])
    ingest([str(EXAMPLES)], store)  # re-ingest: nothing new, the split holds
    cluster.rebuild(store)
    assert cluster.cluster_of(store, moved) != cluster.cluster_of(store, refs[0])
    audit = ReviewStore(store).audit(target=f"cluster:{biggest['id']}")
    assert audit and audit[0]["action"] == "cluster.split"
    nothing = client.post("/review/split", data={"csrf": csrf, "cluster_id": biggest["id"]})
    assert nothing.status_code == 422
