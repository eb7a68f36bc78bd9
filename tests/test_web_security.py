"""A hostile document renders as text, and the server keeps its safe defaults."""
from __future__ import annotations

from html.parser import HTMLParser
from urllib.parse import quote

import pytest

pytest.importorskip("starlette")
pytest.importorskip("httpx2")

from starlette.testclient import TestClient  # noqa: E402

from eventsift.store import Store  # noqa: E402
from eventsift.web import create_app  # noqa: E402
from web_support import HOSTILE_ID, HOSTILE_TEXT, hostile_document  # noqa: E402


class Tags(HTMLParser):
    def __init__(self):
        super().__init__()
        self.tags: list[tuple[str, dict]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))

    def handle_data(self, data):
        self.text.append(data)


def parse(html: str) -> Tags:
    parser = Tags()
    parser.feed(html)
    return parser


@pytest.fixture
def client(tmp_path):
    store = Store(str(tmp_path / "hostile.db"))
    store.put(hostile_document())
    return TestClient(create_app(store))


PAGES = ["/", "/documents", f"/documents/{quote(HOSTILE_ID, safe='')}", "/events",
         f"/events/{quote(HOSTILE_ID + '/e1', safe='')}", "/actors/islamic-state", "/timeline", "/map", "/clusters"]


@pytest.mark.parametrize("path", PAGES)
def test_hostile_document_makes_no_markup(client, path):
    page = client.get(path)
    assert page.status_code == 200
    parsed = parse(page.text)
    scripts = [attrs for tag, attrs in parsed.tags if tag == "script"]
    assert all(s.get("src") == "/static/app.js" or s.get("type") == "application/json" for s in scripts)
    for tag, attrs in parsed.tags:
        assert tag not in ("img", "iframe", "object", "embed", "textarea", "base", "meta") or (
            tag == "meta" and set(attrs) <= {"charset", "name", "content"})
        assert not [name for name in attrs if name.startswith("on")], (tag, attrs)
        for name in ("href", "src", "action"):
            assert not (attrs.get(name) or "").lower().startswith(("javascript:", "data:")), (tag, attrs)
    assert "<svg onload" not in page.text and "<script>alert" not in page.text


def test_hostile_text_is_shown_as_text(client):
    page = client.get(f"/documents/{quote(HOSTILE_ID, safe='')}")
    text = "".join(parse(page.text).text)
    assert "<script>alert('x1')</script>" in text
    assert "<img src=x onerror=\"alert('x2')\">" in text
    assert "A" * 20000 in text
    assert "\u202eevil reversed text" in text
    # the document's JSON data block cannot close its script element early
    block = page.text.split('id="notes-data">')[1].split("</script>")[0]
    assert "<" not in block


def test_hostile_text_round_trips_in_json(client):
    data = client.get(f"/api/documents/{quote(HOSTILE_ID, safe='')}").json()
    assert data["text"] == HOSTILE_TEXT and data["id"] == HOSTILE_ID


def test_security_headers(client):
    headers = client.get("/").headers
    assert "script-src 'self'" in headers["content-security-policy"]
    assert "frame-ancestors 'none'" in headers["content-security-policy"]
    assert headers["x-content-type-options"] == "nosniff"


def test_session_cookie_is_httponly_and_samesite(client):
    answer = client.get("/login")
    cookie = answer.headers["set-cookie"].lower()
    assert "httponly" in cookie and "samesite=lax" in cookie


def test_serve_binds_to_localhost_by_default():
    from eventsift.cli import main

    params = {p.name: p for p in main.commands["serve"].params}
    assert params["host"].default == "127.0.0.1"
