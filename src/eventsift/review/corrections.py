"""Turn a reviewer's request (a JSON object) into checked review operations.

Checks live here, not in the web layer, so the API, the HTML forms and any script
share one set of rules and one set of messages.
"""
from __future__ import annotations

import re
from datetime import date

from ..errors import EventsiftError
from ..model import EVENT_TYPES, STATUSES

#: Event fields a reviewer may correct, reject or accept.
EDITABLE_FIELDS = ("event_type", "sub_event_type", "status", "actor1", "actor2", "fatalities", "injured",
                   "date", "location", "attribution_id")
EVENT_VERDICTS = ("accept", "reject", "reopen")
FRAMING_VERDICTS = ("accept", "wrong", "reopen")
_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")


class ReviewError(EventsiftError):
    """A review request that cannot be applied; the message says which part and why."""


def _count(field: str, value, machine):
    if isinstance(value, bool):
        raise ReviewError(f"{field}: give a number of people, not true/false")
    if isinstance(value, int):
        value = {"best": value}
    if not isinstance(value, dict):
        raise ReviewError(f"{field}: give a number or an object like {{\"best\": 50}}")
    unknown = set(value) - {"best", "low", "high"}
    if unknown:
        raise ReviewError(f"{field}: unknown key(s) {sorted(unknown)}; use best, low, high")
    merged = {k: v for k, v in (machine or {}).items() if k in ("best", "low", "high")}
    if "best" in value:  # a new best makes the machine's range meaningless unless restated
        merged.pop("low", None), merged.pop("high", None)
    merged.update(value)
    for key in ("best", "low", "high"):
        v = merged.get(key)
        if v is not None and (isinstance(v, bool) or not isinstance(v, int) or v < 0):
            raise ReviewError(f"{field}.{key}: must be a whole number of people, 0 or more")
    if merged.get("best") is None:
        raise ReviewError(f"{field}: best is required")
    low, best, high = merged.get("low"), merged["best"], merged.get("high")
    if (low is not None and low > best) or (high is not None and high < best):
        raise ReviewError(f"{field}: need low <= best <= high")
    return {"best": best, "low": low, "high": high, "span": None}


def _date(field: str, value, machine):
    if isinstance(value, dict):
        value = value.get("value")
    if not isinstance(value, str) or not _DATE.match(value):
        raise ReviewError(f"{field}: give a date like 2020-01-02 (or 2020-01, 2020)")
    try:
        date.fromisoformat((value + "-01-01")[:10] if len(value) < 10 else value)
    except ValueError:
        raise ReviewError(f"{field}: {value} is not a real date") from None
    return {"value": value, "span": None}


def _role(field: str, value, machine):
    if isinstance(value, str):
        value = {"name": value}
    if not isinstance(value, dict) or not isinstance(value.get("name"), str) or not value["name"].strip():
        raise ReviewError(f"{field}: give a name, or an object with a name")
    if set(value) - {"name", "actor_id"}:
        raise ReviewError(f"{field}: only name and actor_id can be corrected")
    return {"name": value["name"].strip()[:300], "actor_id": value.get("actor_id"), "span": None}


def _location(field: str, value, machine):
    if isinstance(value, str):
        value = {"name": value}
    if not isinstance(value, dict):
        raise ReviewError(f"{field}: give a place name or an object with a name")
    allowed = {"name", "country_iso3", "admin1", "lat", "lon", "precision"}
    if set(value) - allowed:
        raise ReviewError(f"{field}: unknown key(s) {sorted(set(value) - allowed)}")
    merged = {k: v for k, v in (machine or {}).items() if k in allowed}
    if "name" in value:  # a new place: the machine's coordinates belong to the old one
        merged = {}
    merged.update(value)
    if not isinstance(merged.get("name"), str) or not merged["name"].strip():
        raise ReviewError(f"{field}: name is required")
    iso = merged.get("country_iso3")
    if iso is not None and not (isinstance(iso, str) and re.fullmatch(r"[A-Z]{3}", iso)):
        raise ReviewError(f"{field}.country_iso3: three capital letters, e.g. IRQ")
    for key, bound in (("lat", 90), ("lon", 180)):
        v = merged.get(key)
        if v is not None and (isinstance(v, bool) or not isinstance(v, (int, float)) or abs(v) > bound):
            raise ReviewError(f"{field}.{key}: a number between -{bound} and {bound}")
    if merged.get("precision") not in (None, 1, 2, 3):
        raise ReviewError(f"{field}.precision: 1, 2 or 3")
    return {"name": merged["name"].strip()[:300], "country_iso3": iso, "admin1": merged.get("admin1"),
            "lat": merged.get("lat"), "lon": merged.get("lon"), "precision": merged.get("precision"),
            "span": None}


def _choice(options):
    def check(field: str, value, machine):
        if value not in options:
            raise ReviewError(f"{field}: one of {', '.join(options)}")
        return value
    return check


def _text(field: str, value, machine):
    if not isinstance(value, str) or not value.strip() or len(value) > 200:
        raise ReviewError(f"{field}: a short text")
    return value.strip()


_CHECKS = {
    "event_type": _choice(EVENT_TYPES), "sub_event_type": _text, "status": _choice(STATUSES),
    "actor1": _role, "actor2": _role, "fatalities": _count, "injured": _count, "date": _date,
    "location": _location,
}


def parse_event_patch(body, event: dict, document: dict) -> list[dict]:
    """Review operations for one event from a PATCH body.

    Field keys correct that field (``{"status": "asserted"}``, ``{"fatalities": {"best": 50}}``;
    ``null`` rejects the machine's value). ``"review"`` is a verdict on the whole event
    (accept, reject, reopen); ``"accept_fields"`` / ``"reject_fields"`` list fields judged
    right or wrong as they stand; ``"note"`` is kept with every operation.
    """
    if not isinstance(body, dict) or not body:
        raise ReviewError("send a JSON object with the fields to correct, e.g. {\"status\": \"asserted\"}")
    note = body.get("note")
    if note is not None and (not isinstance(note, str) or len(note) > 2000):
        raise ReviewError("note: a text of at most 2000 characters")
    ops: list[dict] = []
    for key, value in body.items():
        if key == "note":
            continue
        if key == "review":
            if value not in EVENT_VERDICTS:
                raise ReviewError(f"review: one of {', '.join(EVENT_VERDICTS)}")
            ops.append({"field": None, "action": value, "value": None})
        elif key in ("accept_fields", "reject_fields"):
            if not isinstance(value, list) or not all(v in EDITABLE_FIELDS for v in value):
                raise ReviewError(f"{key}: a list of fields among {', '.join(EDITABLE_FIELDS)}")
            ops += [{"field": f, "action": key.split("_")[0], "value": None} for f in value]
        elif key in EDITABLE_FIELDS:
            if value is None:
                ops.append({"field": key, "action": "reject", "value": None})
            elif key == "attribution_id":
                known = {a.get("id") for a in document.get("attributions", [])}
                if value not in known:
                    raise ReviewError(f"attribution_id: not an attribution of this document ({value!r})")
                ops.append({"field": key, "action": "correct", "value": value})
            else:
                ops.append({"field": key, "action": "correct", "value": _CHECKS[key](key, value, event.get(key))})
        else:
            raise ReviewError(f"{key}: not a field that can be reviewed; use {', '.join(EDITABLE_FIELDS)}, "
                              "review, accept_fields, reject_fields or note")
    for op in ops:
        op["note"] = note
    return ops


def parse_framing_patch(body) -> dict:
    """One verdict on a framing span: ``{"start", "end", "technique", "review": accept|wrong|reopen}``."""
    if not isinstance(body, dict):
        raise ReviewError("send a JSON object with start, end, technique and review")
    if body.get("review") not in FRAMING_VERDICTS:
        raise ReviewError(f"review: one of {', '.join(FRAMING_VERDICTS)}")
    start, end, technique = body.get("start"), body.get("end"), body.get("technique")
    if not (isinstance(start, int) and isinstance(end, int) and isinstance(technique, str)):
        raise ReviewError("start and end (numbers) and technique (text) name the framing span")
    note = body.get("note")
    return {"start": start, "end": end, "technique": technique, "action": body["review"],
            "note": note if isinstance(note, str) else None}
