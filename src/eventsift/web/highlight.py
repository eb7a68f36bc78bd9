"""Cut a document's text into segments, each knowing which layer annotations cover it.

Layers overlap freely (an actor inside an attribution inside a framing span), so instead
of nesting tags the text is cut at every span boundary; a segment lists the annotations
covering it. The template escapes each segment's text, and the annotation details travel
as JSON data for the hover panel; nothing from the document is ever inserted as markup.
"""
from __future__ import annotations

from ..model import LAYERS as RECORD_LAYERS

#: The layers a document page highlights: every layer of the record, the actors and places first.
LAYERS = ("actors", "places") + tuple(layer for layer in RECORD_LAYERS if layer not in ("actors", "places"))


def _span_ok(text: str, span) -> bool:
    return (isinstance(span, dict) and isinstance(span.get("start"), int) and isinstance(span.get("end"), int)
            and 0 <= span["start"] < span["end"] <= len(text))


def annotations(document: dict) -> list[dict]:
    """Every highlighted span of a (reviewed) contract document with what to show on hover."""
    text = document.get("text") or ""
    actors = {a["id"]: a for a in document.get("actors", [])}
    attributions = {a["id"]: a for a in document.get("attributions", [])}
    out: list[dict] = []

    def add(layer, span, label, details, part=None, state=None):
        if _span_ok(text, span):
            out.append({"n": len(out), "layer": layer, "start": span["start"], "end": span["end"],
                        "label": label, "details": {k: v for k, v in details.items() if v not in (None, "", [])},
                        "part": part, "state": state})

    for actor in document.get("actors", []):
        for mention in actor.get("mentions", []):
            add("actors", mention, actor["name"], {"kind": actor.get("kind"), "key": actor.get("key"),
                                                    "aliases": ", ".join(actor.get("aliases") or [])})
    for place in document.get("places", []):
        coords = f"{place['lat']:.3f}, {place['lon']:.3f}" if place.get("lat") is not None and place.get("lon") is not None else None
        add("places", place.get("span"), place["name"], {"country": place.get("country_iso3"),
                                                         "admin1": place.get("admin1"), "coordinates": coords,
                                                         "precision": place.get("precision")})
    for time in document.get("times", []):
        add("times", time, time.get("value", ""), {"type": time.get("type"), "normalised": time.get("value")})
    for attribution in document.get("attributions", []):
        source = attribution.get("source") or {}
        actor = actors.get(attribution.get("source_actor_id"))
        who = actor["name"] if actor else source.get("text")
        details = {"kind": attribution.get("kind"), "who says so": who,
                   "cue": (attribution.get("cue") or {}).get("text"), "said on": attribution.get("date")}
        add("attributions", attribution.get("content"), f"claim by {who or 'unknown source'}", details, "content")
        add("attributions", attribution.get("source"), f"source: {who}", details, "source")
        add("attributions", attribution.get("cue"), "attribution cue", details, "cue")
    for event in document.get("events", []):
        attribution = attributions.get(event.get("attribution_id"))
        says = None
        if attribution:
            actor = actors.get(attribution.get("source_actor_id"))
            says = actor["name"] if actor else (attribution.get("source") or {}).get("text")
        fatalities = event.get("fatalities") or {}
        review = event.get("review") or {}
        add("events", event.get("trigger"), f"{event.get('event_type')} / {event.get('sub_event_type')}", {
            "event": event.get("id"), "status": event.get("status"), "confidence": event.get("confidence"),
            "who says so": says or ("the document" if event.get("status") == "asserted" else None),
            "actor1": (event.get("actor1") or {}).get("name"), "actor2": (event.get("actor2") or {}).get("name"),
            "date": (event.get("date") or {}).get("value"), "place": (event.get("location") or {}).get("name"),
            "fatalities": fatalities.get("best"), "review": review.get("state")}, state=review.get("state"))
    for item in document.get("framing", []):
        review = item.get("review") or {}
        add("framing", item, item.get("technique", ""), {
            "technique": item.get("technique"), "confidence": item.get("confidence"),
            "why": ", ".join(item.get("triggers") or []), "review": review.get("state")}, state=review.get("state"))
    return out


def segments(text: str, notes: list[dict]) -> list[dict]:
    """The text cut at every annotation boundary: [{"text", "notes": [n...], "classes": [...]}]."""
    cuts = sorted({0, len(text)} | {a["start"] for a in notes} | {a["end"] for a in notes})
    starts: dict[int, list[dict]] = {}
    for note in notes:
        starts.setdefault(note["start"], []).append(note)
    active: list[dict] = []
    out = []
    for a, b in zip(cuts, cuts[1:]):
        active = [n for n in active if n["end"] > a] + starts.get(a, [])
        classes = sorted({f"l-{n['layer']}" for n in active} | {f"p-{n['part']}" for n in active if n["part"]}
                         | {f"r-{n['state']}" for n in active if n["state"] in ("rejected", "wrong", "corrected", "accepted")})
        out.append({"text": text[a:b], "notes": [n["n"] for n in active], "classes": classes,
                    "title": "; ".join(f"{n['layer']}: {n['label']}" for n in active)})
    return out
