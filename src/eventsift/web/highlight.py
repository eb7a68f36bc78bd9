"""Cut a document's text into segments, each knowing which layer annotations cover it.

Layers overlap freely (an actor inside an attribution inside a framing span), so instead
of nesting tags the text is cut at every span boundary; a segment lists the annotations
covering it. The template escapes each segment's text, and the annotation details travel
as JSON data for the hover panel; nothing from the document is ever inserted as markup.
"""
from __future__ import annotations

from ..model import LAYERS as RECORD_LAYERS, Span
from ..record import from_record
from ..review.apply import event_key, framing_key

#: The layers a document page highlights: every layer of the record, the actors and places first.
LAYERS = ("actors", "places") + tuple(layer for layer in RECORD_LAYERS if layer not in ("actors", "places"))


def _span_ok(text: str, span: Span | None) -> bool:
    return span is not None and 0 <= span.start < span.end <= len(text)


def _review_states(document: dict) -> tuple[dict[str, str], dict[str, str]]:
    """The review state of each event and framing span of a reviewed document, by their review keys."""
    events = {event_key(e): (e.get("review") or {}).get("state") for e in document.get("events", [])}
    framing = {framing_key(f): (f.get("review") or {}).get("state") for f in document.get("framing", [])}
    return events, framing


def annotations(document: dict) -> list[dict]:
    """Every highlighted span of a (reviewed) contract document with what to show on hover."""
    r = from_record(document)
    text = r.document.text
    event_states, framing_states = _review_states(document)
    actors = {a.id: a for a in r.actors}
    attributions = {a.id: a for a in r.attributions}
    out: list[dict] = []

    def add(layer, span, label, details, part=None, state=None):
        if _span_ok(text, span):
            out.append({"n": len(out), "layer": layer, "start": span.start, "end": span.end,
                        "label": label, "details": {k: v for k, v in details.items() if v not in (None, "", [])},
                        "part": part, "state": state})

    def speaker(attribution) -> str | None:
        actor = actors.get(attribution.source_actor_id or "")
        return actor.name if actor else (attribution.source.text if attribution.source else None)

    for actor in r.actors:
        for mention in actor.mentions:
            add("actors", mention, actor.name, {"kind": actor.kind, "key": actor.key, "aliases": ", ".join(actor.aliases)})
    for place in r.places:
        coords = f"{place.lat:.3f}, {place.lon:.3f}" if place.lat is not None and place.lon is not None else None
        add("places", place.span, place.name, {"country": place.country_iso3, "admin1": place.admin1,
                                               "coordinates": coords, "precision": place.precision})
    for time in r.times:
        add("times", time.span, time.value, {"type": time.type, "normalised": time.value})
    for attribution in r.attributions:
        who = speaker(attribution)
        details = {"kind": attribution.kind, "who says so": who,
                   "cue": attribution.cue.text if attribution.cue else None, "said on": attribution.date}
        add("attributions", attribution.content, f"claim by {who or 'unknown source'}", details, "content")
        add("attributions", attribution.source, f"source: {who}", details, "source")
        add("attributions", attribution.cue, "attribution cue", details, "cue")
    for event in r.events:
        attribution = attributions.get(event.attribution_id or "")
        says = speaker(attribution) if attribution else None
        state = event_states.get(event.id)
        add("events", event.trigger, f"{event.event_type} / {event.sub_event_type}", {
            "event": event.id, "status": event.status, "confidence": event.confidence,
            "who says so": says or ("the document" if event.status == "asserted" else None),
            "actor1": event.actor1.name if event.actor1 else None, "actor2": event.actor2.name if event.actor2 else None,
            "date": event.date.value if event.date else None, "place": event.location.name if event.location else None,
            "fatalities": event.fatalities.best if event.fatalities else None, "review": state}, state=state)
    for item in r.framing:
        state = framing_states.get(framing_key(item.to_dict()))
        add("framing", item.span, item.technique, {
            "technique": item.technique, "confidence": item.confidence, "why": ", ".join(item.triggers),
            "review": state}, state=state)
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
