"""Questions across the corpus: which events, which actors, an actor's timeline.

All of them run on the indexed, normalised tables, so they stay fast at tens of
thousands of documents; the CLI, the exports and the web app share them.
"""
from __future__ import annotations

import json
from collections import Counter, defaultdict
from dataclasses import dataclass, replace
from itertools import islice

from sqlalchemy import and_, func, or_, select

from ..errors import NotFound
from ..store.schema import actor_aliases, cluster_members, doc_actors, documents, event_actors, events
from ..textutil import fold


@dataclass(frozen=True)
class EventFilter:
    """Filters for :func:`find_events`; every one is optional. Dates are ISO days, inclusive."""

    actor: str | None = None
    place: str | None = None
    type: str | None = None
    date_from: str | None = None
    date_to: str | None = None
    status: str | None = None
    cluster: str | None = None


def actor_keys_for(conn, name: str) -> set[str]:
    """The cross-document keys an actor name, alias or key refers to."""
    folded = fold(name)
    keys = set(conn.scalars(select(doc_actors.c.key).where(
        or_(doc_actors.c.key == name, doc_actors.c.key == f"ner:{folded}", func.lower(doc_actors.c.name) == name.lower())
    ).distinct()))
    keys |= set(conn.scalars(select(actor_aliases.c.key).where(actor_aliases.c.alias == folded)))
    return keys


def _country_codes(place: str) -> set[str]:
    codes = {place.upper()} if len(place) == 3 and place.isalpha() else set()
    try:
        import pycountry

        found = pycountry.countries.lookup(place)
        codes.add(found.alpha_3)
    except (LookupError, ImportError):
        pass
    return codes


def event_query(conn, flt: EventFilter):
    """A SELECT over ``events`` (joined to its document) with the filter applied."""
    query = select(events, documents.c.title, documents.c.url, documents.c.path, documents.c.published,
                   cluster_members.c.cluster_id) \
        .join(documents, documents.c.id == events.c.doc_id) \
        .outerjoin(cluster_members, cluster_members.c.ref == events.c.ref)
    if flt.actor:
        keys = actor_keys_for(conn, flt.actor)
        refs = select(event_actors.c.ref).where(event_actors.c.key.in_(sorted(keys) or ["\x00"]))
        query = query.where(events.c.ref.in_(refs))
    if flt.place:
        like = f"%{flt.place.lower()}%"
        conditions = [func.lower(events.c.location).like(like), func.lower(events.c.admin1).like(like)]
        codes = _country_codes(flt.place)
        if codes:
            conditions.append(events.c.country.in_(sorted(codes)))
        query = query.where(or_(*conditions))
    if flt.type:
        wanted = flt.type.lower()
        query = query.where(or_(func.lower(events.c.event_type) == wanted, func.lower(events.c.sub_event_type) == wanted,
                                events.c.family == wanted, func.lower(events.c.event_type).like(f"{wanted}%")))
    if flt.date_from:
        query = query.where(events.c.day >= flt.date_from)
    if flt.date_to:
        query = query.where(events.c.day <= flt.date_to)
    if flt.status:
        query = query.where(events.c.status == flt.status)
    if flt.cluster:
        query = query.where(cluster_members.c.cluster_id == flt.cluster)
    return query


def row_to_event(row) -> dict:
    """One event row as a plain dict, with its evidence decoded."""
    out = dict(row._mapping)
    out["evidence"] = json.loads(out["evidence"])
    out["features"] = json.loads(out["features"])
    return out


def find_events(store, flt: EventFilter = EventFilter(), limit: int | None = None, offset: int = 0) -> list[dict]:
    """Events matching the filter, in date order (undated last)."""
    from .cluster import ensure_fresh

    ensure_fresh(store)
    with store.engine.connect() as conn:
        query = event_query(conn, flt).order_by(events.c.day.is_(None), events.c.day, events.c.ref).offset(offset)
        if limit:
            query = query.limit(limit)
        return [row_to_event(r) for r in conn.execute(query)]


def iter_events(store, flt: EventFilter = EventFilter(), page: int = 2000):
    """Every matching event, a page at a time, so exports never hold the whole corpus."""
    from .cluster import ensure_fresh

    ensure_fresh(store)
    last = ("", "")
    while True:
        with store.engine.connect() as conn:
            day = func.coalesce(events.c.day, "9999-99-99")
            query = event_query(conn, flt).where(
                or_(day > last[0], and_(day == last[0], events.c.ref > last[1]))
            ).order_by(day, events.c.ref).limit(page)
            rows = [row_to_event(r) for r in conn.execute(query)]
        if not rows:
            return
        yield from rows
        last = (rows[-1]["day"] or "9999-99-99", rows[-1]["ref"])


def iter_reviewed_events(store, flt: EventFilter = EventFilter()):
    """Every matching event with reviewers' corrections applied and rejected events left out: what the CLI,
    the exports and the cluster view show. The status filter is checked on the reviewed status; the other
    filters select on the machine's values."""
    from .reviewed import reviewed_rows

    rows = reviewed_rows(store, iter_events(store, replace(flt, status=None)))
    return (r for r in rows if r.get("status") == flt.status) if flt.status else rows


def reviewed_events(store, flt: EventFilter = EventFilter(), limit: int | None = None) -> list[dict]:
    """:func:`iter_reviewed_events` as a list of at most ``limit`` events."""
    return list(islice(iter_reviewed_events(store, flt), limit))


def list_actors(store, limit: int | None = None, kind: str | None = None) -> list[dict]:
    """Actors across documents under their merged keys, the most widely reported first."""
    with store.engine.connect() as conn:
        query = select(doc_actors.c.key, doc_actors.c.name, doc_actors.c.kind, doc_actors.c.aliases,
                       doc_actors.c.doc_id, doc_actors.c.mentions)
        if kind:
            query = query.where(doc_actors.c.kind == kind)
        grouped: dict[str, dict] = {}
        names: dict[str, Counter] = defaultdict(Counter)
        for row in conn.execute(query):
            entry = grouped.setdefault(row.key, {"key": row.key, "kinds": Counter(), "aliases": set(),
                                                 "documents": 0, "mentions": 0})
            names[row.key][row.name] += 1
            entry["kinds"][row.kind] += 1
            entry["aliases"] |= set(json.loads(row.aliases)) | {row.name}
            entry["documents"] += 1
            entry["mentions"] += row.mentions
        event_counts = dict(conn.execute(select(event_actors.c.key, func.count()).group_by(event_actors.c.key)).all())
    out = []
    for key, entry in grouped.items():
        name = names[key].most_common(1)[0][0]
        out.append({"key": key, "name": name, "kind": entry["kinds"].most_common(1)[0][0],
                    "aliases": sorted(entry["aliases"] - {name}), "documents": entry["documents"],
                    "mentions": entry["mentions"], "events": event_counts.get(key, 0)})
    out.sort(key=lambda a: (-a["documents"], -a["events"], a["name"].lower()))
    return out[:limit] if limit else out


def timeline(store, actor: str) -> dict:
    """An actor's events in date order, each with its sources, status and cluster."""
    with store.engine.connect() as conn:
        keys = actor_keys_for(conn, actor)
    if not keys:
        raise NotFound(f"no actor {actor!r} in {store.target}; `eventsift actors` lists them")
    profile = [a for a in list_actors(store) if a["key"] in keys]
    rows = reviewed_events(store, EventFilter(actor=actor))
    roles: dict[str, str] = {}
    with store.engine.connect() as conn:
        for ref, role in conn.execute(select(event_actors.c.ref, event_actors.c.role)
                                      .where(event_actors.c.key.in_(sorted(keys)))):
            if role != "mentioned" or ref not in roles:
                roles[ref] = role
    for row in rows:
        row["role"] = roles.get(row["ref"])
    return {"actor": profile[0] if len(profile) == 1 else {"keys": sorted(keys), "profiles": profile},
            "events": rows}
