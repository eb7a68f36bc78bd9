"""The web app's pages, JSON twins and API, through Starlette's ASGI test client."""
from __future__ import annotations

import json

import pytest

pytest.importorskip("starlette")
pytest.importorskip("httpx2")

from starlette.testclient import TestClient  # noqa: E402

from eventsift.review import apply_reviews  # noqa: E402
from eventsift.store import Store  # noqa: E402
from eventsift.store.review import ReviewStore  # noqa: E402
from eventsift.web import create_app  # noqa: E402
from web_support import login, make_document, plain_document, put_three_reports  # noqa: E402


@pytest.fixture
def env(tmp_path):
    store = Store(str(tmp_path / "web.db"))
    put_three_reports(store)
    rs = ReviewStore(store)
    tokens = {role: rs.add_user(role + "1", role) for role in ("viewer", "reviewer", "admin")}
    client = TestClient(create_app(store, sync_interval=0))
    return {"store": store, "rs": rs, "tokens": tokens, "client": client}


def auth(env, role):
    return {"Authorization": f"Bearer {env['tokens'][role]}"}


PAGES = ["/", "/documents", "/documents/doc1", "/events", "/events/doc1/e1", "/actors/islamic-state",
         "/timeline", "/map"]


@pytest.mark.parametrize("path", PAGES)
def test_every_page_has_html_and_a_json_twin(env, path):
    client = env["client"]
    page = client.get(path)
    assert page.status_code == 200 and page.headers["content-type"].startswith("text/html")
    assert "default-src 'none'" in page.headers["content-security-policy"]
    twin = client.get(path + ".json")
    assert twin.status_code == 200 and twin.headers["content-type"] == "application/json"
    by_accept = client.get(path, headers={"Accept": "application/json"})
    assert by_accept.json() == twin.json()


def test_documents_search_and_filters(env):
    client = env["client"]
    assert client.get("/documents.json").json()["total"] == 3
    found = client.get("/api/documents", params={"q": "Aleppo convoy"}).json()
    assert [d["id"] for d in found["items"]] == ["doc3"]
    assert client.get("/api/documents", params={"q": "\"unbalanced (quote AND"}).json()["total"] == 0
    assert [d["id"] for d in client.get("/api/documents", params={"outlet": "Partisan"}).json()["items"]] == ["doc2"]
    dated = client.get("/api/documents", params={"from": "2021-01-01", "to": "2021-03-04"}).json()
    assert [d["id"] for d in dated["items"]] == ["doc1"]
    page = client.get("/documents", params={"q": "Mosul"})
    assert "doc1" in page.text and "doc2" in page.text and "doc3" not in page.text


def test_event_filters(env):
    client = env["client"]
    def ids(**params):
        return sorted(e["id"] for e in client.get("/api/events", params=params).json()["items"])
    assert ids() == ["doc1/e1", "doc2/e1", "doc3/e1"]
    assert ids(actor="rebels") == ["doc3/e1"]
    assert ids(actor="islamic-state") == ["doc1/e1", "doc2/e1"]
    assert ids(place="SYR") == ["doc3/e1"] and ids(place="mosul") == ["doc1/e1", "doc2/e1"]
    assert ids(type="Violence against civilians") == ["doc1/e1", "doc2/e1", "doc3/e1"]
    assert ids(type="Battles") == []
    assert ids(**{"from": "2021-01-01"}) == ["doc1/e1", "doc2/e1"]
    assert ids(**{"to": "2020-12-31"}) == ["doc3/e1"]


def test_event_page_shows_other_reports_and_their_disagreement(env):
    data = env["client"].get("/api/events/doc1/e1").json()
    assert {r["id"] for r in data["reports"]} == {"doc1/e1", "doc2/e1"}
    assert data["disagreement"]["fatalities"] == {"12": ["doc1/e1"], "30": ["doc2/e1"]}
    assert data["attribution"]["id"] == "q1"


def test_actor_has_aliases_and_a_timeline(env):
    data = env["client"].get("/api/actors/islamic-state").json()
    assert data["name"] == "Islamic State" and "IS" in data["aliases"]
    assert [e["id"] for e in data["timeline"]] == ["doc1/e1", "doc2/e1"]
    assert data["documents"] == 2
    assert env["client"].get("/api/actors/nobody").status_code == 404


def test_document_api_is_the_contract_plus_review_state(env):
    data = env["client"].get("/api/documents/doc1").json()
    stored = env["store"].get("doc1")
    for key in ("id", "text", "times", "actors", "places", "attributions"):
        assert data[key] == stored[key]
    assert data["review"]["events"]["unreviewed"] == 1
    assert data["events"][0]["review"]["state"] == "unreviewed"


def test_writes_need_a_reviewer(env):
    client = env["client"]
    body = {"status": "asserted"}
    anonymous = client.patch("/api/events/doc1/e1", json=body)
    assert anonymous.status_code == 401 and anonymous.json()["error"]["code"] == "unauthorized"
    viewer = client.patch("/api/events/doc1/e1", json=body, headers=auth(env, "viewer"))
    assert viewer.status_code == 403 and viewer.json()["error"]["code"] == "forbidden"
    bad_token = client.patch("/api/events/doc1/e1", json=body, headers={"Authorization": "Bearer nope"})
    assert bad_token.status_code == 401
    assert env["rs"].reviews_for("doc1") == []


def test_reviewer_corrects_an_event_and_evidence_stays(env):
    client = env["client"]
    answer = client.patch("/api/events/doc1/e1", json={"status": "asserted", "fatalities": {"best": 50}},
                          headers=auth(env, "reviewer"))
    assert answer.status_code == 200
    event = answer.json()
    assert event["status"] == "asserted" and event["fatalities"]["best"] == 50
    assert event["review"]["state"] == "corrected"
    assert event["review"]["fields"]["status"]["machine"] == "attributed"
    assert event["review"]["fields"]["fatalities"]["by"] == "reviewer1"
    # the machine output in the store is untouched; reads show reviewed values
    assert env["store"].get("doc1")["events"][0]["status"] == "attributed"
    assert client.get("/api/documents/doc1").json()["events"][0]["fatalities"]["best"] == 50
    listed = client.get("/api/events", params={"status": "asserted"}).json()["items"]
    assert [e["id"] for e in listed] == ["doc1/e1"] and listed[0]["review_state"] == "corrected"
    page = client.get("/events/doc1/e1")
    assert "corrected" in page.text and "50" in page.text


def test_accept_reject_and_field_verdicts(env):
    client, headers = env["client"], auth(env, "reviewer")
    assert client.patch("/api/events/doc2/e1", json={"review": "accept"}, headers=headers).json()["review"]["state"] == "accepted"
    rejected = client.patch("/api/events/doc3/e1", json={"review": "reject", "note": "not an event"}, headers=headers).json()
    assert rejected["review"]["state"] == "rejected" and rejected["review"]["verdict"]["note"] == "not an event"
    field = client.patch("/api/events/doc2/e1", json={"reject_fields": ["location"]}, headers=headers).json()
    assert field["location"] is None and field["review"]["fields"]["location"]["machine"]["name"] == "Mosul"
    reopened = client.patch("/api/events/doc3/e1", json={"review": "reopen"}, headers=headers).json()
    assert reopened["review"]["state"] == "unreviewed"


def test_framing_span_marked_wrong(env):
    client = env["client"]
    item = env["store"].get("doc1")["framing"][0]
    body = {"start": item["start"], "end": item["end"], "technique": item["technique"], "review": "wrong"}
    answer = client.patch("/api/documents/doc1/framing", json=body, headers=auth(env, "reviewer"))
    assert answer.status_code == 200 and answer.json()["review"]["state"] == "wrong"
    doc = client.get("/api/documents/doc1").json()
    assert doc["framing"][0]["review"]["state"] == "wrong" and doc["review"]["framing_wrong"] == 1


@pytest.mark.parametrize("body, status, code", [
    ({"status": "maybe"}, 422, "invalid_review"),
    ({"fatalities": -3}, 422, "invalid_review"),
    ({"fatalities": {"best": 5, "high": 2}}, 422, "invalid_review"),
    ({"date": "2021-02-30"}, 422, "invalid_review"),
    ({"colour": "red"}, 422, "invalid_review"),
    ({}, 422, "invalid_review"),
    ([1, 2], 422, "invalid_review"),
])
def test_bad_corrections_are_refused_with_one_error_shape(env, body, status, code):
    answer = env["client"].patch("/api/events/doc1/e1", json=body, headers=auth(env, "reviewer"))
    assert answer.status_code == status
    error = answer.json()["error"]
    assert error["code"] == code and error["status"] == status and error["message"]


def test_other_errors_share_the_shape(env):
    client, headers = env["client"], auth(env, "reviewer")
    cases = [
        (client.patch("/api/events/doc1/e9", json={"status": "asserted"}, headers=headers), 404),
        (client.patch("/api/events/nodoc/e1", json={"status": "asserted"}, headers=headers), 404),
        (client.patch("/api/events/doc1/e1", content=b"{not json", headers={**headers, "Content-Type": "application/json"}), 400),
        (client.patch("/api/events/doc1/e1", content=b"status=x", headers={**headers, "Content-Type": "text/plain"}), 415),
        (client.get("/api/events", params={"limit": "lots"}), 400),
        (client.get("/api/events", params={"from": "yesterday"}), 400),
        (client.get("/api/documents/missing"), 404),
        (client.get("/api/whatever"), 404),
        (client.get("/documents/missing.json"), 404),
    ]
    for answer, status in cases:
        assert answer.status_code == status, answer.text
        assert set(answer.json()) == {"error"} and set(answer.json()["error"]) == {"status", "code", "message"}


def test_audit_log_records_who_when_before_after(env):
    client = env["client"]
    client.patch("/api/events/doc1/e1", json={"fatalities": 40}, headers=auth(env, "reviewer"))
    assert client.get("/api/audit").status_code == 401
    assert client.get("/api/audit", headers=auth(env, "reviewer")).status_code == 403
    rows = client.get("/api/audit", headers=auth(env, "admin")).json()["items"]
    entry = next(r for r in rows if r["action"] == "event.review")
    assert entry["user"] == "reviewer1" and entry["target"] == "event:doc1/e1" and entry["at"]
    assert entry["before"]["fatalities"]["best"] == 12 and entry["after"]["fatalities"]["best"] == 40
    assert {"field": "fatalities", "before": "12", "after": "40"} in entry["changes"]
    assert any(r["action"] == "user.add" for r in rows)


def test_browser_login_session_and_csrf(env):
    client = env["client"]
    page = client.get("/login")
    csrf = page.text.split('name="csrf" value="')[1].split('"')[0]
    refused = client.post("/login", data={"csrf": "forged", "token": env["tokens"]["reviewer"]})
    assert refused.status_code == 403
    wrong = client.post("/login", data={"csrf": csrf, "token": "nope"})
    assert wrong.status_code == 401
    logged = client.post("/login", data={"csrf": csrf, "token": env["tokens"]["reviewer"], "next": "//evil.example"},
                         follow_redirects=False)
    assert logged.status_code == 303 and logged.headers["location"] == "/"
    old, csrf = csrf, client.get("/events").text.split('name="csrf" value="')[1].split('"')[0]
    assert csrf != old  # a new CSRF token once logged in
    form = {"event_id": "doc1/e1", "status": "hedged", "action": ""}
    assert client.post("/review/event", data=form).status_code == 403  # no CSRF token
    assert client.patch("/api/events/doc1/e1", json={"status": "hedged"}).status_code == 403  # cookie, no header
    saved = client.post("/review/event", data={**form, "csrf": csrf}, follow_redirects=False)
    assert saved.status_code == 303 and saved.headers["location"] == "/events/doc1%2Fe1"
    assert client.get("/api/events/doc1/e1").json()["event"]["status"] == "hedged"
    via_header = client.patch("/api/events/doc1/e1", json={"status": "denied"}, headers={"X-CSRF-Token": csrf})
    assert via_header.status_code == 200
    client.post("/logout", data={"csrf": csrf})
    assert client.post("/review/event", data={**form, "csrf": csrf}).status_code == 401


def test_viewer_session_cannot_write(env):
    client = env["client"]
    csrf = login(client, env["tokens"]["viewer"])
    answer = client.post("/review/event", data={"csrf": csrf, "event_id": "doc1/e1", "action": "accept"})
    assert answer.status_code == 403


def test_exports_carry_reviewed_values(env):
    rs, headers, client = env["rs"], auth(env, "reviewer"), env["client"]
    client.patch("/api/events/doc1/e1", json={"fatalities": 7}, headers=headers)
    client.patch("/api/events/doc3/e1", json={"review": "reject"}, headers=headers)
    assert rs.reviewed_document("doc1", export=True)["events"][0]["fatalities"]["best"] == 7
    assert rs.reviewed_document("doc3", export=True)["events"] == []
    # the same function works on any contract dict and the reviews list
    doc = env["store"].get("doc1")
    assert apply_reviews(doc, rs.reviews_for("doc1"))["events"][0]["fatalities"]["best"] == 7
    assert doc["events"][0]["fatalities"]["best"] == 12


def test_reviews_of_a_reanalysed_document_are_not_misapplied(env):
    rs, store = env["rs"], env["store"]
    rs.review_event("doc1/e1", {"status": "denied"}, {"name": "reviewer1"})
    changed = plain_document("doc1", 1)
    changed["text"] = "Moved. " + changed["text"]
    changed = make_document("doc1", changed["text"])
    assert store.put(changed) == "replaced"
    event = rs.reviewed_document("doc1")["events"][0]
    assert event["status"] == "attributed" and event["review"]["stale"] == 1
    search = env["client"].get("/api/documents", params={"q": "moved"}).json()  # re-indexed for search too
    assert [d["id"] for d in search["items"]] == ["doc1"]
    assert env["client"].get("/api/documents", params={"q": "Mosul"}).json()["total"] == 2


def test_new_documents_appear_without_restart(env):
    env["store"].put(plain_document("doc4", 4, published="2022-01-01"))
    assert env["client"].get("/api/documents").json()["items"][0]["id"] == "doc4"


def test_json_twin_is_the_same_view(env):
    data = env["client"].get("/events.json", params={"actor": "rebels"}).json()
    assert data["total"] == 1 and data["filters"]["actor"] == "rebels"
    assert json.dumps(data)  # plain JSON, no template objects


def test_docs_cover_every_address_and_option():
    from pathlib import Path

    from eventsift.cli import main
    from eventsift.web.app import routes

    doc = (Path(__file__).resolve().parent.parent / "docs" / "web.md").read_text()
    for route in routes():
        path = route.path.replace("{doc_id:path}", "{id}").replace("{event_id:path}", "{doc_id}/{event_id}")
        path = path.replace("{key:path}", "{key}")
        if path.startswith(("/static", "/api/{rest", "/review/")):
            continue
        assert f"`{path}" in doc or f" {path}" in doc, path
    assert "users remove" in doc
    for command in [main.commands["serve"], *main.commands["users"].commands.values()]:
        for param in command.params:
            for opt in getattr(param, "opts", []):
                if opt.startswith("--"):
                    assert opt in doc, (command.name, opt)


def test_bulk_accept_from_the_events_page(env):
    client = env["client"]
    csrf = login(client, env["tokens"]["reviewer"])
    page = client.get("/events")
    assert 'name="event_id" value="doc1/e1"' in page.text
    answer = client.post("/review/bulk", data={"csrf": csrf, "action": "accept", "event_id": ["doc1/e1", "doc2/e1"],
                                               "back": "/events?type=Protests"}, follow_redirects=False)
    assert answer.status_code == 303 and answer.headers["location"] == "/events?type=Protests"
    states = {e["id"]: e["review_state"] for e in client.get("/api/events").json()["items"]}
    assert states == {"doc1/e1": "accepted", "doc2/e1": "accepted", "doc3/e1": "unreviewed"}
    assert client.post("/review/bulk", data={"csrf": csrf, "action": "delete", "event_id": "doc3/e1"}).status_code == 422


def test_users_add_prints_a_working_token(env, tmp_path):
    from click.testing import CliRunner

    from eventsift.cli import main

    db = env["store"].target
    result = CliRunner().invoke(main, ["users", "add", "bob", "--role", "reviewer", "--db", db])
    assert result.exit_code == 0, result.output
    token = result.stdout.strip().splitlines()[0]
    answer = env["client"].patch("/api/events/doc1/e1", json={"review": "accept"},
                                 headers={"Authorization": f"Bearer {token}"})
    assert answer.status_code == 200 and answer.json()["review"]["by"] == "bob"
    assert token not in json.dumps(env["rs"].list_users())
    again = CliRunner().invoke(main, ["users", "add", "bob", "--role", "viewer", "--db", db])
    assert again.exit_code == 2 and "exists" in again.output
    listed = CliRunner().invoke(main, ["users", "list", "--db", db])
    assert "bob" in listed.output and "reviewer" in listed.output
    assert CliRunner().invoke(main, ["users", "remove", "bob", "--db", db]).exit_code == 0
    revoked = env["client"].get("/api/audit", headers={"Authorization": f"Bearer {token}"})
    assert revoked.status_code == 401
    assert CliRunner().invoke(main, ["users", "remove", "bob", "--db", db]).exit_code == 2


def test_live_server_indexes_new_documents_in_the_background(tmp_path):
    """Under a server, requests never index; a background thread picks up documents ingested meanwhile."""
    import time

    import httpx2
    pytest.importorskip("uvicorn")
    from web_support import LiveServer

    store = Store(str(tmp_path / "live.db"))
    store.put(plain_document("early", 1))
    app = create_app(store, sync_interval=0.2)
    with LiveServer(app) as server:
        assert app.state.background_sync
        store.put(plain_document("late", 2, published="2022-02-02"))
        deadline, ids = time.monotonic() + 15, []
        while time.monotonic() < deadline and "late" not in ids:
            ids = [d["id"] for d in httpx2.get(f"{server.url}/api/documents").json()["items"]]
            time.sleep(0.1)
        assert ids == ["late", "early"]
    assert not app.state.background_sync


def test_timeline_and_map_follow_reviews_and_new_documents(env):
    client, headers = env["client"], auth(env, "reviewer")
    def total(path, key):
        return sum(row["n"] for row in client.get(path).json()[key])
    assert total("/timeline.json", "months") == 3 and total("/map.json", "places") == 3
    client.patch("/api/events/doc3/e1", json={"review": "reject"}, headers=headers)
    assert total("/timeline.json", "months") == 2 and total("/map.json", "places") == 2
    env["store"].put(plain_document("doc4", 4))
    assert total("/timeline.json", "months") == 3 and total("/map.json", "places") == 3
