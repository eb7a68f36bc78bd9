"""Helpers for the store, corpus and ingest tests: stores on SQLite and (when available) PostgreSQL,
and hand-built contract dicts so most tests need no spaCy parse."""
from __future__ import annotations

import hashlib
import os
import uuid

import pytest

POSTGRES_ENV = "EVENTSIFT_TEST_POSTGRES"
BACKENDS = ["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)]


def store_target(backend: str, tmp_path) -> str:
    """A fresh, empty store: an SQLite file, or a new schema in the test PostgreSQL database."""
    if backend == "sqlite":
        return str(tmp_path / "store.db")
    url = os.environ.get(POSTGRES_ENV)
    if not url:
        pytest.skip(f"{POSTGRES_ENV} is not set (.ci/run starts a local PostgreSQL server)")
    from sqlalchemy import create_engine, text

    schema = "t_" + uuid.uuid4().hex[:12]
    engine = create_engine(url.replace("postgresql://", "postgresql+psycopg://", 1))
    with engine.begin() as conn:
        conn.execute(text(f"CREATE SCHEMA {schema}"))
    engine.dispose()
    return f"{url}?options=-csearch_path%3D{schema}"


def span(text: str, piece: str, start_at: int = 0) -> dict:
    start = text.index(piece, start_at)
    return {"start": start, "end": start + len(piece), "text": piece}


def contract(text: str, events: list[dict], actors: list[dict] = (), places: list[dict] = (),
             doc_id: str | None = None, published: str | None = None, outlet: str | None = None,
             attributions: list[dict] = ()) -> dict:
    """A minimal contract dict as the pipeline would write it."""
    sha = hashlib.sha256(text.encode()).hexdigest()
    source = {"path": f"{sha[:8]}.txt", "sha256": sha, "format": "text"}
    if outlet:
        source["outlet"] = outlet
    return {"schema": "eventsift.document/1", "id": doc_id or sha[:16], "title": text.split("\n")[0],
            "published": published, "source": source, "text": text, "times": [], "actors": list(actors),
            "places": list(places), "attributions": list(attributions), "events": events, "framing": []}


def event(text: str, trigger: str, event_id: str = "e1", event_type: str = "Violence against civilians",
          day: str | None = None, killed: int | None = None, country: str | None = None,
          location: str | None = None, actor1: str | None = None, actor2: str | None = None,
          status: str = "asserted", attribution_id: str | None = None, lat=None, lon=None) -> dict:
    trig = span(text, trigger)
    sentence_start = text.rfind("\n", 0, trig["start"]) + 1
    sentence_end = text.find("\n", trig["end"])
    sentence_end = len(text) if sentence_end < 0 else sentence_end
    return {
        "id": event_id, "event_type": event_type, "sub_event_type": "Attack", "trigger": trig,
        "status": status, "confidence": 0.7,
        "sentence": {"start": sentence_start, "end": sentence_end, "text": text[sentence_start:sentence_end]},
        "actor1": {"name": actor1, "actor_id": actor1 and "a1", "span": None} if actor1 else None,
        "actor2": {"name": actor2, "actor_id": None, "span": None} if actor2 else None,
        "fatalities": {"best": killed, "low": None, "high": None, "span": span(text, str(killed))} if killed else None,
        "injured": None,
        "date": {"value": day, "span": None} if day else None,
        "location": {"name": location, "country_iso3": country, "admin1": None, "lat": lat, "lon": lon,
                     "precision": None, "span": None} if location or country else None,
        "attribution_id": attribution_id,
    }


def actor(text: str, actor_id: str, name: str, key: str | None, mention: str, aliases=()) -> dict:
    return {"id": actor_id, "name": name, "kind": "armed_group", "aliases": list(aliases) or [mention],
            "mentions": [span(text, mention)], "key": key}


CAMP_ASHRAF_WIRE = "BAGHDAD - Gunmen attacked Camp Ashraf in Diyala on Sunday, killing 47 residents.\n"
CAMP_ASHRAF_PARTISAN = "Militias stormed Camp Ashraf in Diyala and murdered 52 members of the PMOI.\n"
BASRA_BOMBING = "A car bomb exploded in a Basra market, killing 12 shoppers.\n"


def shared_event_reports() -> tuple[dict, dict, dict]:
    """Two reports of one event (47 and 52 killed, the second attributed) and one report of another."""
    w1, w2, w3 = CAMP_ASHRAF_WIRE, CAMP_ASHRAF_PARTISAN, BASRA_BOMBING
    a = contract(w1, [event(w1, "attacked", day="2013-09-01", killed=47, country="IRQ", location="Camp Ashraf",
                            lat=33.99, lon=44.81)], doc_id="wire", outlet="Wire")
    b = contract(w2, [event(w2, "murdered", day="2013-09-01", killed=52, country="IRQ", location="Camp Ashraf",
                            status="attributed", attribution_id="q1")],
                 doc_id="partisan", outlet="Partisan",
                 attributions=[{"id": "q1", "content": None, "kind": "indirect",
                                "source": {"start": 0, "end": 8, "text": "Militias"},
                                "cue": None, "source_actor_id": None, "date": None}])
    c = contract(w3, [event(w3, "exploded", event_type="Explosions/Remote violence", day="2013-09-01", killed=12,
                            country="IRQ", location="Basra")], doc_id="basra", outlet="Wire")
    return a, b, c
