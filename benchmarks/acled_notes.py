"""Score the event layer on real ACLED notes (``eventsift.train.acled``): the main event of each note.

The main event is the first event the pipeline reports. Fields scored, as the issue defines them:
event type and sub-type (accuracy), fatalities exact (no event or no toll counts as 0) and exact where
someone died, country (ISO3), admin1 (accents, case and unit words folded), and the date where the note
names its day; the distance from ACLED's coordinates is reported as a median in km.
"""
from __future__ import annotations

import math
from collections import Counter

from eventsift.train import acled


def km(lat1, lon1, lat2, lon2) -> float:
    """Great-circle distance in km."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    a = math.sin((p2 - p1) / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(math.radians(lon2 - lon1) / 2) ** 2
    return 2 * 6371.0 * math.asin(min(1.0, math.sqrt(a)))


def predicted(result) -> dict:
    """The scored fields of a result's main event (None where there is no event)."""
    if not result.events:
        return {"event_type": None, "sub_event_type": None, "fatalities": 0, "injured": 0, "country": None,
                "admin1": None, "date": None, "lat": None, "lon": None}
    e = result.events[0]
    loc = e.location
    return {"event_type": e.event_type, "sub_event_type": e.sub_event_type,
            "fatalities": e.fatalities.best if e.fatalities else 0,
            "injured": e.injured.best if e.injured else 0,
            "country": loc.country_iso3 if loc else None, "admin1": loc.admin1 if loc else None,
            "date": e.date.value if e.date else None,
            "lat": loc.lat if loc else None, "lon": loc.lon if loc else None}


def score(notes: list[acled.Note], results, plain) -> dict:
    """Per-field accuracy of the main events against the notes' gold."""
    n = len(notes)
    ok = Counter()
    killed = killed_ok = dated = dated_ok = 0
    distances = []
    for note, result in zip(notes, results):
        p = predicted(result)
        ok["event_type"] += p["event_type"] == note.event_type
        ok["sub_event_type"] += p["sub_event_type"] == note.sub_event_type
        ok["fatalities"] += p["fatalities"] == note.fatalities
        ok["country"] += p["country"] == note.iso3
        ok["admin1"] += bool(p["admin1"]) and plain(p["admin1"]) == plain(note.admin1)
        ok["any_event"] += bool(result.events)
        if note.fatalities > 0:
            killed += 1
            killed_ok += p["fatalities"] == note.fatalities
        if note.names_day:
            dated += 1
            dated_ok += bool(p["date"]) and p["date"][:10] == note.event_date
        if p["lat"] is not None and note.latitude is not None:
            distances.append(km(p["lat"], p["lon"], note.latitude, note.longitude))
    scores = {k: round(ok[k] / n, 3) for k in ("event_type", "sub_event_type", "fatalities", "country", "admin1",
                                                "any_event")}
    scores["fatalities_where_killed"] = round(killed_ok / killed, 3) if killed else None
    scores["date_where_named"] = round(dated_ok / dated, 3) if dated else None
    distances.sort()
    scores["median_km"] = round(distances[len(distances) // 2], 1) if distances else None
    scores["located"] = round(len(distances) / n, 3) if n else None
    scores["n"] = n
    return scores


def confusion(notes: list[acled.Note], results, field: str = "sub_event_type") -> dict[str, Counter]:
    """gold -> Counter of predictions, for the confusion matrix."""
    table: dict[str, Counter] = {}
    for note, result in zip(notes, results):
        table.setdefault(getattr(note, field), Counter())[predicted(result)[field] or "(none)"] += 1
    return table


def errors(notes: list[acled.Note], results, field: str, plain, limit: int = 40) -> list[str]:
    """Readable lines for wrong values of one field (for development notes only)."""
    lines = []
    for note, result in zip(notes, results):
        p = predicted(result)
        if field == "date" and not note.names_day:
            continue
        gold = {"country": note.iso3, "date": note.event_date}.get(field, getattr(note, field, None))
        got = p[field][:10] if field == "date" and p[field] else p[field]
        wrong = plain(got or "") != plain(gold or "") if field == "admin1" else got != gold
        if wrong:
            lines.append(f"[{field}] gold={gold!r} pred={got!r} :: {note.text[:220]}")
        if len(lines) >= limit:
            break
    return lines


def training_report(resource: str) -> tuple[dict, dict] | None:
    """(the whole report, its chosen setting's cross-validated and leave-one-country-out figures) of a model
    trained on acled-dev (``event_types.json``, ``actor_roles.json``); None when it is not shipped."""
    from eventsift.resources import load_json

    try:
        report = load_json(resource)
    except FileNotFoundError:
        return None
    key = report["chosen"]
    loco = report["leave_one_country_out"][key]
    return report, {"cv": report["cv"][key], "leave_one_country_out": loco["mean"],
                    "per_country": {k: v for k, v in loco.items() if k != "mean"}, "setting": key}
