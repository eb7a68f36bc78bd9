"""Read queries behind the web pages and the API: documents, events, actors, timeline, map.

Every page reads through these functions, never through SQL of its own. They read the
``web_*`` indexes that :meth:`ReviewStore.sync_index` keeps (reviewed values, one row per
event), which keeps list and filter pages fast at 10,000 documents; an event's other
reports come from the corpus layer's same-event clusters (``corpus/cluster.py``) when
clustering has run for it, else from the same-date, same-place stand-in.
"""
from __future__ import annotations

import json
import re
from collections import Counter, defaultdict

from sqlalchemy import and_, func, literal_column, or_, select, text

from ..errors import NotFound
from ..refs import event_ref
from .review import ReviewStore, split_event_id
from .review_index import document_actor_keys
from .review_schema import actor_index, doc_index, event_index

MAX_LIMIT = 500


def _limit(limit: int | None, default: int) -> int:
    return max(1, min(int(limit or default), MAX_LIMIT))


def _fts_query(q: str) -> str | None:
    """User words as an FTS5 query that cannot be a syntax error: every word quoted, all required."""
    words = re.findall(r"\w+", q)
    return " ".join(f'"{w}"' for w in words[:20]) or None


def search_documents(rs: ReviewStore, q: str | None = None, outlet: str | None = None,
                     date_from: str | None = None, date_to: str | None = None,
                     limit: int | None = 50, offset: int = 0) -> dict:
    """Documents, newest first, matching words of ``q`` and the outlet/date filters."""
    conditions = []
    if q and q.strip():
        if rs.sqlite:
            match = _fts_query(q)
            if match is None:
                return {"total": 0, "items": []}
            rowids = text("SELECT rowid FROM web_doc_fts WHERE web_doc_fts MATCH :m").bindparams(m=match)
            conditions.append(literal_column("web_doc_index.rowid").in_(rowids.columns(literal_column("rowid"))))
        else:
            from .schema import documents
            like = f"%{q.strip()}%"
            conditions.append(doc_index.c.doc_id.in_(select(documents.c.id).where(
                or_(documents.c.text.ilike(like), documents.c.title.ilike(like)))))
    if outlet:
        conditions.append(doc_index.c.outlet == outlet)
    if date_from:
        conditions.append(doc_index.c.published >= date_from)
    if date_to:
        conditions.append(doc_index.c.published <= date_to + "\uffff")
    where = and_(*conditions) if conditions else None
    cols = [doc_index.c.doc_id.label("id"), doc_index.c.title, doc_index.c.published, doc_index.c.outlet,
            doc_index.c.url, doc_index.c.path, doc_index.c.n_events, doc_index.c.n_reviews, doc_index.c.snippet]
    searching = bool(q and q.strip())
    if searching:  # the matches are sorted anyway, so count them in the same pass
        cols.append(func.count().over().label("_total"))
    query = select(*cols).order_by(doc_index.c.published.desc(), doc_index.c.doc_id)
    count = select(func.count()).select_from(doc_index)
    if where is not None:
        query, count = query.where(where), count.where(where)
    query = query.limit(_limit(limit, 50)).offset(max(0, offset))
    with rs.engine.connect() as conn:
        items = [dict(r._mapping) for r in conn.execute(query)]
        if searching and items:
            total = items[0]["_total"]
        else:
            total = conn.scalar(count) if not searching or offset else 0
    for item in items:
        item.pop("_total", None)
    return {"total": total, "items": items}


def actor_keys_of(rs: ReviewStore, document: dict) -> dict[str, str]:
    """The cross-document key of each of a document's actors, for links to their pages."""
    with rs.engine.connect() as conn:
        return document_actor_keys(conn, document)


def outlets(rs: ReviewStore) -> list[str]:
    with rs.engine.connect() as conn:
        return [o for o in conn.scalars(select(doc_index.c.outlet).where(doc_index.c.outlet.is_not(None))
                                        .distinct().order_by(doc_index.c.outlet).limit(500))]


EVENT_COLUMNS = [c for c in event_index.c]


def _event_row(row) -> dict:
    item = dict(row._mapping)
    item["id"] = event_ref(item["doc_id"], item["event_id"])
    return item


def _names(rs: ReviewStore) -> dict:
    """Distinct actor keys with their names, and distinct places, once per index generation."""
    def compute():
        c = event_index.c
        with rs.engine.connect() as conn:
            actors: dict[str, set] = {}
            for key, name in conn.execute(select(c.actor1_key, c.actor1).distinct().union(
                    select(c.actor2_key, c.actor2).distinct())):
                if key:
                    actors.setdefault(key, set()).add((name or "").lower())
            places = [p for p in conn.scalars(select(c.place).distinct()) if p]
        return {"actors": actors, "places": places}
    return rs.cached("names", compute)


def _event_conditions(rs: ReviewStore, actor=None, place=None, type=None, date_from=None, date_to=None,
                      status=None, state=None, doc=None) -> list:
    """Filter conditions. An actor is a key or part of a name, a place part of a name or a country
    code; both are first resolved to the keys and place names they match (from a per-generation
    list), so the query itself always runs on indexes."""
    c = event_index.c
    conditions = []
    if actor:
        wanted = actor.lower()
        keys = [k for k, names in _names(rs)["actors"].items() if k == actor or any(wanted in n for n in names)]
        if len(keys) <= 500:
            conditions.append(or_(c.actor1_key.in_(keys), c.actor2_key.in_(keys)))
        else:  # a very vague fragment: scan
            conditions.append(or_(c.actor1.ilike(f"%{actor}%"), c.actor2.ilike(f"%{actor}%")))
    if place:
        wanted = place.lower()
        places = [p for p in _names(rs)["places"] if wanted in p.lower()]
        if len(places) <= 500:
            conditions.append(or_(c.place.in_(places), c.country == place.upper()))
        else:
            conditions.append(or_(c.place.ilike(f"%{place}%"), c.country == place.upper()))
    if type:
        conditions.append(or_(c.event_type == type, c.sub_event_type == type))
    if date_from:
        conditions.append(c.day >= date_from)
    if date_to:
        conditions.append(c.day <= date_to)
    if status:
        conditions.append(c.status == status)
    if state:
        conditions.append(c.review_state == state)
    if doc:
        conditions.append(c.doc_id == doc)
    return conditions


def list_events(rs: ReviewStore, limit: int | None = 100, offset: int = 0, **filters) -> dict:
    """Events (reviewed values), newest event date first; filters as in ``_event_conditions``."""
    conditions = _event_conditions(rs, **filters)
    query = select(*EVENT_COLUMNS).order_by(event_index.c.date.desc(), event_index.c.doc_id, event_index.c.event_id)
    count = select(func.count()).select_from(event_index)
    if conditions:
        query, count = query.where(and_(*conditions)), count.where(and_(*conditions))
    with rs.engine.connect() as conn:
        items = [_event_row(r) for r in conn.execute(query.limit(_limit(limit, 100)).offset(max(0, offset)))]
        total = conn.scalar(count)
    return {"total": total, "items": items}


def event_types(rs: ReviewStore) -> list[str]:
    with rs.engine.connect() as conn:
        return [t for t in conn.scalars(select(event_index.c.event_type).distinct().order_by(event_index.c.event_type)) if t]


#: Fields compared across reports of one event to show where sources disagree.
COMPARED = ("event_type", "status", "date", "actor1", "actor2", "place", "fatalities")


def event_cluster(rs: ReviewStore, row: dict, limit: int = 200) -> tuple[dict, list[dict]] | None:
    """The corpus cluster of this event as last built, and its reports (index rows, reviewed values).

    None when clustering has not run for this event (never run, or the document came in
    after the last run: ``eventsift ingest`` and every corpus command rebuild them). The
    clusters are read as they are; re-clustering is too heavy to run inside a page request.
    """
    from ..corpus.cluster import cluster_of, cluster_view

    cid = cluster_of(rs.store, f"{row['doc_id']}/{row['event_id']}")
    if cid is None:
        return None
    try:
        view = cluster_view(rs.store, cid, rebuild=False)
    except NotFound:
        return None
    members = {}
    for report in view["reports"][:limit]:
        doc_id, _, event_id = report["ref"].rpartition("/")
        members[(doc_id, event_id)] = report
    c = event_index.c
    pairs = [and_(c.doc_id == d, c.event_id == e) for d, e in members]
    with rs.engine.connect() as conn:
        rows = [_event_row(r) for r in conn.execute(select(*EVENT_COLUMNS).where(or_(*pairs)))]
    order = {key: n for n, key in enumerate(members)}
    rows.sort(key=lambda r: order[(r["doc_id"], r["event_id"])])
    for r in rows:
        r["said_by"] = members[(r["doc_id"], r["event_id"])]["said_by"]
    info = {k: view[k] for k in ("id", "event_type", "date", "country", "n_reports", "n_documents", "n_sources")}
    titles = {r["ref"]: r["title"] for r in view["reports"]}
    for values in view["disagreements"].values():
        for value in values:
            for who in value["reports"]:
                doc_id, _, event_id = who["ref"].rpartition("/")
                who["id"], who["title"] = event_ref(doc_id, event_id), titles.get(who["ref"])
                who["source"] = None if (who["outlet"] or "doc:").startswith("doc:") else who["outlet"]
    info["disagreements"] = view["disagreements"]
    info["stale"] = rs.store.clusters_stale()
    return info, rows


def candidate_reports(rs: ReviewStore, row: dict, limit: int = 50) -> list[dict]:
    """Reports of the same event in other documents: the stand-in used when the event has no cluster.

    A report is an event of another document with the same date and the same place (or country).
    """
    c = event_index.c
    if not row.get("date") or not (row.get("place") or row.get("country")):
        return []
    same_place = c.place == row["place"] if row.get("place") else c.country == row["country"]
    query = select(*EVENT_COLUMNS).where(c.date == row["date"], same_place, c.doc_id != row["doc_id"]).order_by(
        c.doc_id, c.event_id).limit(limit)
    with rs.engine.connect() as conn:
        return [_event_row(r) for r in conn.execute(query)]


def event_with_reports(rs: ReviewStore, global_id: str) -> dict:
    """One event (reviewed, with its evidence), the other reports of it and where they disagree."""
    doc_id, event_id = split_event_id(global_id)
    document = rs.reviewed_document(doc_id)
    event = next((e for e in document["events"] if e["id"] == event_id), None)
    if event is None:
        raise NotFound(f"document {document['id']} has no event {event_id!r}")
    with rs.engine.connect() as conn:
        row = conn.execute(select(*EVENT_COLUMNS).where(event_index.c.doc_id == document["id"],
                                                        event_index.c.event_id == event_id)).first()
    row = _event_row(row) if row else {"doc_id": document["id"], "event_id": event_id, "id": event_ref(document["id"], event_id)}
    clustered = event_cluster(rs, row)
    if clustered:
        cluster, reports = clustered
        if not any(r["id"] == row["id"] for r in reports):
            reports = [row] + reports
    else:
        cluster, reports = None, [row] + candidate_reports(rs, row)
    disagreement = {}
    for name in COMPARED:
        values = defaultdict(list)
        for report in reports:
            value = report.get(name)
            if value is not None:
                values[str(value)].append(report["id"])
        if len(values) > 1:
            disagreement[name] = dict(values)
    attribution = next((a for a in document.get("attributions", []) if a["id"] == event.get("attribution_id")), None)
    return {"id": row["id"], "document": {"id": document["id"], "title": document.get("title"),
                                          "published": document.get("published")},
            "event": event, "attribution": attribution, "reports": reports, "disagreement": disagreement,
            "reports_from": "cluster" if cluster else "same date and place", "cluster": cluster}


def actor_profile(rs: ReviewStore, key: str, limit: int = 500) -> dict:
    """An actor across documents: its names and aliases and a timeline of its events."""
    with rs.engine.connect() as conn:
        rows = [dict(r._mapping) for r in conn.execute(select(actor_index).where(actor_index.c.key == key).limit(5000))]
        events = [_event_row(r) for r in conn.execute(
            select(*EVENT_COLUMNS).where(or_(event_index.c.actor1_key == key, event_index.c.actor2_key == key))
            .order_by(event_index.c.date, event_index.c.doc_id).limit(limit))]
    if not rows and not events:
        raise NotFound(f"no actor {key!r} in the store")
    names = Counter(r["name"] for r in rows)
    aliases = Counter(a for r in rows for a in json.loads(r["aliases"] or "[]"))
    for e in events:
        for side in ("actor1", "actor2"):
            if e[f"{side}_key"] == key and e[side]:
                names[e[side]] += 0
    name = names.most_common(1)[0][0] if names else key
    return {"key": key, "name": name, "names": sorted(names), "aliases": sorted(aliases),
            "kinds": sorted({r["kind"] for r in rows if r["kind"]}),
            "documents": len({r["doc_id"] for r in rows} | {e["doc_id"] for e in events}),
            "timeline": events}


def timeline(rs: ReviewStore, **filters) -> dict:
    """Events per month and event type (reviewed values; rejected events left out).

    Cached until the indexes change: it aggregates every matching event."""
    return rs.cached(("timeline", tuple(sorted(filters.items()))), lambda: _timeline(rs, **filters))


def _timeline(rs: ReviewStore, **filters) -> dict:
    month = func.substr(event_index.c.date, 1, 7)
    conditions = _event_conditions(rs, **filters) + [event_index.c.date.is_not(None),
                                                 event_index.c.review_state != "rejected"]
    query = select(month.label("month"), event_index.c.event_type, func.count().label("n")).where(
        and_(*conditions)).group_by(month, event_index.c.event_type).order_by(month)
    with rs.engine.connect() as conn:
        rows = [dict(r._mapping) for r in conn.execute(query)]
    return {"months": rows}


def map_points(rs: ReviewStore, **filters) -> dict:
    """Events grouped by place: coordinates where known, else the country alone (cached like the timeline)."""
    return rs.cached(("map", tuple(sorted(filters.items()))), lambda: _map_points(rs, **filters))


def _map_points(rs: ReviewStore, **filters) -> dict:
    c = event_index.c
    conditions = _event_conditions(rs, **filters) + [c.review_state != "rejected",
                                                 or_(c.place.is_not(None), c.country.is_not(None))]
    query = select(c.place, c.country, func.avg(c.lat).label("lat"), func.avg(c.lon).label("lon"),
                   func.count().label("n")).where(and_(*conditions)).group_by(c.place, c.country).order_by(
        func.count().desc()).limit(1000)
    with rs.engine.connect() as conn:
        rows = [dict(r._mapping) for r in conn.execute(query)]
    return {"places": rows}
