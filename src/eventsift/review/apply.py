"""Fold stored reviews into a copy of a contract document.

Later reviews win; ``reopen`` forgets everything said before about that event or span.
A review names the machine span it was made against (the event's trigger, the framing
span); if a re-analysis moved things, the review is reported as stale instead of being
applied to a different event.
"""
from __future__ import annotations

import copy
import json
from typing import Iterable


def event_key(event: dict) -> str:
    return event["id"]


def framing_key(item: dict) -> str:
    return f"{item['start']}:{item['end']}:{item['technique']}"


def event_anchor(event: dict) -> str:
    trigger = event.get("trigger") or {}
    return json.dumps([trigger.get("start"), trigger.get("end"), trigger.get("text")], ensure_ascii=False)


def framing_anchor(item: dict) -> str:
    return json.dumps([item.get("start"), item.get("end"), item.get("text")], ensure_ascii=False)


def _by(review: dict) -> dict:
    return {"by": review["user"], "at": review["at"], "note": review.get("note")}


def _value(review: dict):
    value = review.get("value")
    return json.loads(value) if isinstance(value, str) else value


def reviewed_event(event: dict, reviews: Iterable[dict]) -> dict:
    """A copy of ``event`` with its reviews applied and a ``review`` object describing them.

    ``reviews`` are this event's reviews in the order they were made.
    """
    out = copy.deepcopy(event)
    verdict, fields, stale, last = None, {}, 0, None
    anchor = event_anchor(event)
    for review in reviews:
        if review.get("anchor") and review["anchor"] != anchor:
            stale += 1
            continue
        last = review
        if review["field"] is None:
            if review["action"] == "reopen":
                verdict, fields = None, {}
            else:
                verdict = {"action": review["action"], **_by(review)}
        else:
            fields[review["field"]] = {"action": review["action"], "value": _value(review), **_by(review)}
    info = {"state": "unreviewed", "fields": {}, "stale": stale}
    for name, field in fields.items():
        machine = event.get(name)
        if field["action"] == "correct":
            out[name] = field["value"]
        elif field["action"] == "reject":
            out[name] = None
        info["fields"][name] = {"action": field["action"], "machine": machine, "by": field["by"],
                                "at": field["at"], "note": field["note"]}
    if verdict and verdict["action"] == "reject":
        info["state"] = "rejected"
    elif any(f["action"] in ("correct", "reject") for f in fields.values()):
        info["state"] = "corrected"
    elif verdict or fields:
        info["state"] = "accepted"
    if verdict:
        info["verdict"] = verdict
    if last:
        info["by"], info["at"] = last["user"], last["at"]
    out["review"] = info
    return out


def _reviewed_framing(item: dict, reviews: list[dict]) -> dict:
    out = dict(item)
    state, last, stale = "unreviewed", None, 0
    for review in reviews:
        if review.get("anchor") and review["anchor"] != framing_anchor(item):
            stale += 1
            continue
        state = {"wrong": "wrong", "accept": "accepted", "reopen": "unreviewed"}.get(review["action"], state)
        last = review
    out["review"] = {"state": state, "stale": stale}
    if last:
        out["review"].update(by=last["user"], at=last["at"], note=last.get("note"))
    return out


def apply_reviews(document: dict, reviews: Iterable[dict], export: bool = False) -> dict:
    """A copy of a contract document with ``reviews`` applied (the stored one is not touched).

    Each event and framing span gets a ``review`` object; the document gets a summary.
    With ``export=True`` rejected events and framing marked wrong are left out, so an
    export carries only what reviewers did not throw away.
    """
    by_target: dict[tuple[str, str], list[dict]] = {}
    for review in reviews:
        by_target.setdefault((review["target"], review["target_id"]), []).append(review)
    out = {k: v for k, v in document.items() if k not in ("events", "framing")}
    events = [reviewed_event(e, by_target.get(("event", event_key(e)), [])) for e in document.get("events", [])]
    framing = [_reviewed_framing(f, by_target.get(("framing", framing_key(f)), []))
               for f in document.get("framing", [])]
    states = [e["review"]["state"] for e in events]
    known = {("event", event_key(e)) for e in document.get("events", [])}
    known |= {("framing", framing_key(f)) for f in document.get("framing", [])}
    out["review"] = {
        "events": {s: states.count(s) for s in ("unreviewed", "accepted", "corrected", "rejected")},
        "framing_wrong": sum(f["review"]["state"] == "wrong" for f in framing),
        "reviews": sum(len(v) for v in by_target.values()),
        "orphaned": sum(len(v) for k, v in by_target.items() if k not in known),
    }
    if export:
        events = [e for e in events if e["review"]["state"] != "rejected"]
        framing = [f for f in framing if f["review"]["state"] != "wrong"]
    out["events"], out["framing"] = events, framing
    return out


def _short(value) -> str | None:
    if isinstance(value, dict):
        for key in ("best", "value", "name", "state"):
            if key in value:
                return str(value[key])
        return json.dumps(value, ensure_ascii=False)[:80]
    return None if value is None else str(value)


def changes(before: dict | None, after: dict | None) -> list[dict]:
    """What a review changed, field by field, in short readable values (for the audit log)."""
    before, after = before or {}, after or {}
    out = []
    for key in sorted(set(before) | set(after)):
        if key == "review":
            continue
        if before.get(key) != after.get(key):
            out.append({"field": key, "before": _short(before.get(key)), "after": _short(after.get(key))})
    state_before = (before.get("review") or {}).get("state")
    state_after = (after.get("review") or {}).get("state")
    if state_before != state_after:
        out.append({"field": "review", "before": state_before, "after": state_after})
    return out
