"""One flat row per event: ACLED-like columns, then provenance and the evidence of each field."""
from __future__ import annotations

COLUMNS = [
    "event_id", "event_date", "year", "event_type", "sub_event_type", "status",
    "actor1", "actor2", "country", "admin1", "location", "latitude", "longitude",
    "fatalities", "injured", "source", "said_by", "notes", "cluster_id",
    "document_id", "source_url", "source_path", "title", "published",
    "evidence_trigger", "evidence_date", "evidence_location", "evidence_actor1", "evidence_actor2",
    "evidence_fatalities", "evidence_injured", "evidence_said_by",
    "review_state", "reviewed_fields", "reviewed_by", "reviewed_at",
]


def _source(event: dict) -> str | None:
    outlet = event.get("outlet") or ""
    return outlet if not outlet.startswith("doc:") else (event.get("url") or event.get("path"))


def flat_row(event: dict) -> dict:
    """The export row of one event (as returned by ``corpus.queries``, reviews applied by ``corpus.reviewed``)."""
    evidence = event.get("evidence") or {}
    review = event.get("review") or {}
    day = event.get("date")
    return {
        "event_id": event["ref"],
        "event_date": day,
        "year": int(day[:4]) if day else None,
        "event_type": event["event_type"],
        "sub_event_type": event.get("sub_event_type"),
        "status": event.get("status"),
        "actor1": event.get("actor1"),
        "actor2": event.get("actor2"),
        "country": event.get("country"),
        "admin1": event.get("admin1"),
        "location": event.get("location"),
        "latitude": event.get("lat"),
        "longitude": event.get("lon"),
        "fatalities": event.get("fatalities"),
        "injured": event.get("injured"),
        "source": _source(event),
        "said_by": event.get("said_by"),
        "notes": evidence.get("sentence"),
        "cluster_id": event.get("cluster_id"),
        "document_id": event["doc_id"],
        "source_url": event.get("url"),
        "source_path": event.get("path"),
        "title": event.get("title"),
        "published": event.get("published"),
        **{f"evidence_{k}": evidence.get(k) for k in
           ("trigger", "date", "location", "actor1", "actor2", "fatalities", "injured", "said_by")},
        "review_state": review.get("state", "unreviewed"),
        "reviewed_fields": ",".join(review.get("fields") or []) or None,
        "reviewed_by": review.get("by"),
        "reviewed_at": review.get("at"),
    }
