"""Reviewed values for the corpus's event rows (exports, clusters), from the web app's reviews.

The ``events`` table holds what the machine extracted; reviewers' corrections live
beside it in ``reviews`` (see :mod:`eventsift.review`). This module folds the
reviews into event rows a page at a time: one query finds the page's reviewed
documents, and only those are loaded, so unreviewed rows cost nothing. A reviewed
event is re-derived from the reviewed contract event with the same code that
wrote the row (``features.event_rows``), so a corrected field gets the new value
and loses the machine's evidence text (a reviewer's value has no span in the text).
"""
from __future__ import annotations

import json
from typing import Iterable, Iterator

from sqlalchemy import select

from ..review import reviewed_event
from ..store.review_schema import reviews
from .features import actor_keys, event_rows, family_of

#: Row keys that each reviewable field of a contract event feeds.
ROW_KEYS = {
    "event_type": ("event_type",),
    "sub_event_type": ("sub_event_type",),
    "status": ("status",),
    "actor1": ("actor1",),
    "actor2": ("actor2",),
    "fatalities": ("fatalities",),
    "injured": ("injured",),
    "date": ("date",),
    "location": ("country", "admin1", "location", "lat", "lon"),
    "attribution_id": ("said_by",),
}
EVIDENCE_KEY = {"attribution_id": "said_by"}
UNREVIEWED = {"state": "unreviewed", "fields": [], "by": None, "at": None}


def split_ref(row: dict) -> tuple[str, str]:
    """(document id, event id) of an event row (``ref`` is "<doc id>/<event id>")."""
    if row.get("event_id"):
        return row["doc_id"], row["event_id"]
    doc_id, _, event_id = row["ref"].rpartition("/")
    return doc_id, event_id


def _reviews_by_event(conn, doc_ids: list[str]) -> dict[tuple[str, str], list[dict]]:
    found: dict[tuple[str, str], list[dict]] = {}
    for start in range(0, len(doc_ids), 500):
        query = select(reviews).where(reviews.c.target == "event", reviews.c.doc_id.in_(doc_ids[start:start + 500]))
        for r in conn.execute(query.order_by(reviews.c.id)):
            found.setdefault((r.doc_id, r.target_id), []).append(dict(r._mapping))
    return found


def _overlay(row: dict, document: dict, event: dict, event_reviews: list[dict]) -> dict:
    """A copy of ``row`` with the reviewed values of ``event`` and a ``review`` summary."""
    done = reviewed_event(event, event_reviews)
    info = done["review"]
    out = dict(row)
    changed = [f for f, v in info["fields"].items() if v["action"] in ("correct", "reject")]
    if changed:
        keys = actor_keys(document)
        (fresh,) = event_rows({**document, "events": [done]}, keys)
        evidence = dict(out.get("evidence") or {})
        fresh_evidence = json.loads(fresh["evidence"])
        for field in changed:
            for key in ROW_KEYS.get(field, ()):
                out[key] = fresh[key]
            name = EVIDENCE_KEY.get(field, field)
            if name in evidence or name in fresh_evidence:
                evidence[name] = fresh_evidence.get(name)
        if "date" in changed:  # a reviewer may give a month or a year; keep it as given
            out["date"] = (done.get("date") or {}).get("value")
        if "event_type" in changed:
            out["family"] = family_of(out["event_type"])
        out["evidence"] = evidence
    out["review"] = {"state": info["state"], "fields": sorted(changed), "by": info.get("by"), "at": info.get("at")}
    return out


def apply_to_rows(store, rows: list[dict]) -> list[dict]:
    """Copies of event rows with their reviews applied; each gets a ``review`` summary
    (state unreviewed/accepted/corrected/rejected, fields changed, by, at)."""
    if not rows:
        return []
    ids = [split_ref(r) for r in rows]
    with store.engine.connect() as conn:
        found = _reviews_by_event(conn, sorted({d for d, _ in ids}))
    documents: dict[str, dict] = {}
    out = []
    for row, (doc_id, event_id) in zip(rows, ids):
        event_reviews = found.get((doc_id, event_id))
        if not event_reviews:
            out.append({**row, "review": dict(UNREVIEWED)})
            continue
        if doc_id not in documents:
            documents[doc_id] = store.get(doc_id)
        event = next((e for e in documents[doc_id].get("events", []) if e["id"] == event_id), None)
        if event is None:  # the document changed under the row; nothing to apply
            out.append({**row, "review": dict(UNREVIEWED)})
            continue
        out.append(_overlay(row, documents[doc_id], event, event_reviews))
    return out


def reviewed_rows(store, rows: Iterable[dict], page: int = 500, keep_rejected: bool = False) -> Iterator[dict]:
    """Stream event rows with their reviews applied; rejected events are left out unless ``keep_rejected``."""
    batch: list[dict] = []

    def flush():
        for row in apply_to_rows(store, batch):
            if keep_rejected or row["review"]["state"] != "rejected":
                yield row
        batch.clear()

    for row in rows:
        batch.append(row)
        if len(batch) >= page:
            yield from flush()
    yield from flush()
