"""Hand-built contract documents and stores for the web tests (no spaCy needed)."""
from __future__ import annotations

import hashlib
import socket
import threading
import time


def span(text: str, needle: str, nth: int = 0) -> dict:
    start = -1
    for _ in range(nth + 1):
        start = text.index(needle, start + 1)
    return {"start": start, "end": start + len(needle), "text": needle}


def make_document(doc_id: str, text: str, published: str = "2021-03-04", outlet: str | None = "Wire",
                  title: str | None = None, place: str = "Mosul", country: str = "IRQ",
                  actor: str = "Islamic State", victim: str = "villagers", killed: int | None = 12,
                  url: str | None = None) -> dict:
    """A small but complete contract document whose spans all point into ``text``.

    ``text`` must contain the actor, the place, the victim, the words "attacked", "said" and
    "brutal", and the date "March 2".
    """
    sha = hashlib.sha256(text.encode("utf-8")).hexdigest()
    source = {"sha256": sha, "format": "text", "outlet": outlet}
    if url:
        source["url"] = url
    return {
        "schema": "eventsift.document/1", "id": doc_id, "title": title, "published": published,
        "source": source, "text": text,
        "times": [{**span(text, "March 2"), "type": "DATE", "value": published[:4] + "-03-02"}],
        "actors": [
            {"id": "a1", "name": actor, "kind": "armed_group", "aliases": ["IS"], "mentions": [span(text, actor)],
             "key": actor.lower().replace(" ", "-")},
            {"id": "a2", "name": "Police", "kind": "state_forces", "aliases": [], "mentions": [span(text, "police")],
             "key": "police"},
        ],
        "places": [{"id": "p1", "span": span(text, place), "name": place, "country_iso3": country, "admin1": None,
                    "lat": 36.34, "lon": 43.13, "precision": 1, "feature": "city"}],
        "attributions": [{"id": "q1", "content": span(text, f"{actor} attacked"), "kind": "indirect",
                          "source": span(text, "police"), "cue": span(text, "said"), "source_actor_id": "a2",
                          "date": None}],
        "events": [{
            "id": "e1", "event_type": "Violence against civilians", "sub_event_type": "Attack",
            "trigger": span(text, "attacked"), "status": "attributed", "confidence": 0.8,
            "sentence": span(text, text.split("\n")[0]),
            "actor1": {"name": actor, "actor_id": "a1", "span": span(text, actor)},
            "actor2": {"name": victim, "actor_id": None, "span": span(text, victim)},
            "fatalities": None if killed is None else {"best": killed, "low": killed, "high": None, "span": None},
            "injured": None, "date": {"value": published[:4] + "-03-02", "span": span(text, "March 2")},
            "location": {"name": place, "country_iso3": country, "admin1": None, "lat": 36.34, "lon": 43.13,
                         "precision": 1, "span": span(text, place)},
            "attribution_id": "q1"}],
        "framing": [{**span(text, "brutal"), "technique": "Loaded_Language", "confidence": 0.7,
                     "target_actor_id": "a1", "triggers": ["brutal"]}],
    }


def login(client, token) -> str:
    """Log in through the form; returns the session's new CSRF token."""
    csrf = client.get("/login").text.split('name="csrf" value="')[1].split('"')[0]
    assert client.post("/login", data={"csrf": csrf, "token": token}, follow_redirects=False).status_code == 303
    return client.get("/").text.split('name="csrf" value="')[1].split('"')[0]


def put_three_reports(store) -> None:
    """Two reports of one Mosul attack (tolls 12 and 30) and one of an Aleppo ambush, in one store."""
    store.put(plain_document("doc1", 1, published="2021-03-04", outlet="Wire"))
    text2 = ("The police said Islamic State attacked villagers in Mosul on March 2, a brutal attack; "
             "officials put the dead at 30.\nEnd.")
    store.put(make_document("doc2", text2, published="2021-03-05", outlet="Partisan", killed=30))
    text3 = "Rebels attacked a convoy near Aleppo on March 2, said police, in a brutal ambush of soldiers.\n"
    store.put(make_document("doc3", text3, published="2020-07-01", outlet="Wire", place="Aleppo", country="SYR",
                            actor="Rebels", victim="soldiers", killed=None))


def plain_document(doc_id: str, n: int = 0, **kwargs) -> dict:
    text = (f"The police said Islamic State attacked villagers near Mosul on March 2, a brutal raid "
            f"that killed 12 people. Report number {n}.\nMore text follows here.")
    return make_document(doc_id, text, **kwargs)


HOSTILE_TEXT = (
    "<script>alert('x1')</script> The police said Islamic State attacked villagers near Mosul on March 2.\n"
    "<img src=x onerror=\"alert('x2')\"> a brutal raid \" onmouseover=\"alert('x3')\" '><svg onload=alert('x4')>\n"
    "\u202eevil reversed text\u202c and Arabic: \u0642\u062a\u0644 \u0639\u0634\u0631\u0629 \u0623\u0634\u062e\u0627\u0635\n"
    + "A" * 20000 + "\n</textarea></title><!-- end\n"
)
HOSTILE_ID = "h<i>\"'&/x"


def hostile_document() -> dict:
    return make_document(HOSTILE_ID, HOSTILE_TEXT, title="<script>alert('title')</script>\u202eevil",
                         outlet="<b onmouseover=alert(5)>Outlet</b>", url="javascript:alert('url')")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class LiveServer:
    """uvicorn serving an app on 127.0.0.1 in a thread, for the browser tests."""

    def __init__(self, app):
        import uvicorn

        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=self.port, log_level="warning"))
        self.thread = threading.Thread(target=self.server.run, daemon=True)

    def __enter__(self):
        self.thread.start()
        deadline = time.monotonic() + 15
        while not self.server.started:
            if time.monotonic() > deadline or not self.thread.is_alive():
                raise RuntimeError("test server did not start")
            time.sleep(0.05)
        return self

    def __exit__(self, *exc):
        self.server.should_exit = True
        self.thread.join(timeout=10)
