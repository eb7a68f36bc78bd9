"""Same event, many reports: group event records that describe one real-world event.

Each record is clustered once, when it arrives: its candidate clusters come from a blocking index
(``corpus/blocking.py``: type x date window x place), each candidate is scored by the pairwise model
(``corpus/pairwise.py``, learnt from ECB+ chains) against its members, and the record joins the best
cluster whose link (the best pair, or the mean, as the shipped model says) reaches the model's
threshold, unless a reviewer's split forbids it (``cannot_link``); otherwise it starts a cluster.

Ingesting documents therefore assigns only their new records (``ensure_fresh``) and never recomputes
the store. ``rebuild`` clusters everything again in the order the records were first clustered, with
an in-memory copy of the same index, so it gives the same clusters as the incremental path (a test
asserts it); it differs only where a reviewer's split now forbids a link.

Written here rather than taken from a library because the blocking, the vetoes and the reviewer
constraints are the whole job; a generic clustering package would add none of them.
"""
from __future__ import annotations

import hashlib
import json
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta

from sqlalchemy import delete, func, insert, select, update

from ..errors import NotFound, StoreError
from ..store.schema import (
    cannot_link, cluster_index, cluster_members, cluster_state, clusters, corpus_state, documents, events,
)
from . import blocking
from .pairwise import PairModel, shipped

#: A record is compared with at most this many members of a candidate cluster (in ref order).
MAX_MEMBERS = 50


@dataclass
class Record:
    ref: str
    doc_id: str
    family: str
    lo: date | None
    hi: date | None
    day: date | None
    countries: frozenset
    places: frozenset
    actors: frozenset
    names: frozenset
    days: frozenset
    fatalities: int | None
    outlet: str
    event_type: str = ""
    dates: frozenset = frozenset()
    words: dict = field(default_factory=dict)
    lead_words: dict = field(default_factory=dict)
    lead_names: tuple = ()
    lead_dates: frozenset = frozenset()


def _day(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None


def record_from(ref: str, doc_id: str, family: str, event_type: str, date_lo, date_hi, own_date,
                features: dict, fatalities, outlet: str | None) -> Record:
    return Record(
        ref=ref, doc_id=doc_id, family=family, lo=_day(date_lo), hi=_day(date_hi), day=_day(own_date),
        countries=frozenset(features["countries"]), places=frozenset(features["places"]),
        actors=frozenset(features["actors"]), names=frozenset(features["names"]),
        days=frozenset(date.fromisoformat(d) for d in features.get("days", [])),
        fatalities=fatalities, outlet=outlet or f"doc:{doc_id}", event_type=event_type or "",
        dates=frozenset(features.get("dates", [])), words=features.get("words", {}),
        lead_words=features.get("lead_words", {}), lead_names=tuple(features.get("lead_names", [])),
        lead_dates=frozenset(features.get("lead_dates", [])),
    )


def record_of(row) -> Record:
    """A record from an ``events`` row (or a dict with the same keys)."""
    get = row.get if isinstance(row, dict) else lambda k: getattr(row, k)
    return record_from(get("ref"), get("doc_id"), get("family"), get("event_type"), get("date_lo"),
                       get("date_hi"), get("date"), json.loads(get("features")), get("fatalities"), get("outlet"))


def score(a: Record, b: Record, model: PairModel | None = None) -> float | None:
    """How strongly two records look like one event (the pairwise model's log-odds); None when they cannot be."""
    return (model or shipped()).score(a, b)


def threshold(model: PairModel | None = None) -> float:
    return (model or shipped()).threshold


def new_cluster_id(ref: str) -> str:
    """A cluster is named after the record that started it, so its id never changes as it grows."""
    return "c" + hashlib.sha1(ref.encode("utf-8")).hexdigest()[:12]


class Clusterer:
    """Assigns records one at a time. ``members(cids)`` gives the records of clusters; ``index`` is a
    ``blocking.MemoryIndex`` or ``blocking.SqlIndex``; ``banned`` maps a ref to refs it may never join."""

    def __init__(self, index, members, banned: dict[str, set[str]], model: PairModel | None = None):
        self.index, self.members, self.banned = index, members, banned
        self.model = model or shipped()

    def link(self, record: Record, cluster: list[Record]) -> float | None:
        if self.banned.get(record.ref) and any(m.ref in self.banned[record.ref] for m in cluster):
            return None
        scores = [self.model.score(record, m) for m in sorted(cluster, key=lambda r: r.ref)[:MAX_MEMBERS]]
        if self.model.linkage == "mean":
            return None if any(s is None for s in scores) else sum(scores) / len(scores)
        valid = [s for s in scores if s is not None]
        return max(valid) if valid else None

    def assign(self, record: Record) -> str:
        filed, query = blocking.keys(record)
        candidates = self.index.candidates(query)
        best, best_link = None, self.model.threshold
        by_cluster = self.members(candidates) if candidates else {}
        for cid in candidates:
            link = self.link(record, by_cluster.get(cid, []))
            if link is not None and link >= best_link and (best is None or link > best_link):
                best, best_link = cid, link
        cid = best or new_cluster_id(record.ref)
        self.index.add(filed, cid, record.ref, record.doc_id)
        return cid


def cluster_records(records: list[Record], forbidden: set[frozenset] = frozenset(),
                    model: PairModel | None = None) -> dict[str, str]:
    """ref -> cluster id for records clustered in the given order, in memory (rebuild, evaluation)."""
    by_cluster: dict[str, list[Record]] = defaultdict(list)
    assigned: dict[str, str] = {}
    clusterer = Clusterer(blocking.MemoryIndex(), lambda cids: {c: by_cluster[c] for c in cids},
                          _banned(forbidden), model)
    for record in records:
        cid = clusterer.assign(record)
        by_cluster[cid].append(record)
        assigned[record.ref] = cid
    return assigned


def group(records: list[Record], forbidden: set[frozenset] = frozenset(),
          model: PairModel | None = None) -> list[list[Record]]:
    """The records (in the given order) as groups, each sorted by ref, the groups by their first ref."""
    assigned = cluster_records(records, forbidden, model)
    groups: dict[str, list[Record]] = defaultdict(list)
    for record in records:
        groups[assigned[record.ref]].append(record)
    return sorted((sorted(g, key=lambda r: r.ref) for g in groups.values()), key=lambda g: g[0].ref)


def _banned(forbidden) -> dict[str, set[str]]:
    banned: dict[str, set[str]] = defaultdict(set)
    for pair in forbidden:
        a, b = tuple(pair)
        banned[a].add(b)
        banned[b].add(a)
    return banned


EVENT_COLUMNS = (events.c.ref, events.c.doc_id, events.c.family, events.c.date_lo, events.c.date_hi, events.c.date,
                 events.c.features, events.c.fatalities, events.c.outlet, events.c.event_type, events.c.country)


def _mark(conn, value: str) -> None:
    if conn.execute(update(corpus_state).where(corpus_state.c.name == "clusters").values(value=value)).rowcount == 0:
        conn.execute(insert(corpus_state).values(name="clusters", value=value))


def _cluster_row(cid: str, rows_g: list) -> dict:
    days = Counter(r.date for r in rows_g if r.date)
    his = [r.date_hi for r in rows_g if r.date_hi]
    return {
        "id": cid, "family": rows_g[0].family,
        "event_type": Counter(r.event_type for r in rows_g).most_common(1)[0][0],
        "date": days.most_common(1)[0][0] if days else (min(his) if his else None),
        "country": (Counter(r.country for r in rows_g if r.country).most_common(1) or [(None, 0)])[0][0],
        "n_reports": len(rows_g), "n_documents": len({r.doc_id for r in rows_g}),
        "n_sources": len({r.outlet or f"doc:{r.doc_id}" for r in rows_g}),
    }


def _order(conn) -> dict[str, int]:
    """ref -> the position it was first clustered in, for the records clustered now."""
    return dict(conn.execute(select(cluster_index.c.ref, func.min(cluster_index.c.id))
                             .join(cluster_members, cluster_members.c.ref == cluster_index.c.ref)
                             .group_by(cluster_index.c.ref)).all())


def _pending(conn, full: bool = False) -> list:
    """Event rows not clustered yet, in (document, ref) order: one ingest clusters its new documents in the
    same order however many workers stored them.

    Looks only at documents ingested (or replaced) since the last clustering, an indexed range; ``full``
    looks at every event."""
    query = (select(*EVENT_COLUMNS).outerjoin(cluster_members, cluster_members.c.ref == events.c.ref)
             .where(cluster_members.c.ref.is_(None)).order_by(events.c.doc_id, events.c.ref))
    mark = conn.scalar(select(cluster_state.c.at).where(cluster_state.c.name == "clustered_until"))
    if full or mark is None:
        return conn.execute(query).all()
    # a moment early: SQLite keeps whole seconds, so the last second is looked at again (its clustered
    # records are left out by the join)
    since = mark - timedelta(microseconds=1)
    recent = list(conn.scalars(select(documents.c.id).where(documents.c.ingested_at >= since)))  # the index
    rows = []
    for i in range(0, len(recent), 500):
        rows.extend(conn.execute(query.where(events.c.doc_id.in_(recent[i:i + 500]))).all())
    return sorted(rows, key=lambda r: (r.doc_id, r.ref))


def _set_mark(conn) -> None:
    latest = conn.scalar(select(func.max(documents.c.ingested_at)))
    if latest is None:
        return
    if conn.execute(update(cluster_state).where(cluster_state.c.name == "clustered_until")
                    .values(at=latest)).rowcount == 0:
        conn.execute(insert(cluster_state).values(name="clustered_until", at=latest))


def _forbidden(conn) -> set[frozenset]:
    return {frozenset((a, b)) for a, b in conn.execute(select(cannot_link.c.a, cannot_link.c.b))}


def rebuild(store) -> dict:
    """Cluster every event record again, in the order they were first clustered (new ones last), in one
    transaction: the same clusters the incremental path built, except where a reviewer's split now says no."""
    def work(conn) -> dict:
        order = _order(conn)
        rows = conn.execute(select(*EVENT_COLUMNS).order_by(events.c.ref)).all()
        pending = [r.ref for r in _pending(conn, full=True)]
        position = {ref: (1, i) for i, ref in enumerate(pending)}
        rows.sort(key=lambda r: (0, order[r.ref]) if r.ref in order else position.get(r.ref, (2, 0)))
        by_ref = {r.ref: r for r in rows}
        records = [record_of(r) for r in rows]
        index = blocking.MemoryIndex()
        by_cluster: dict[str, list[Record]] = defaultdict(list)
        clusterer = Clusterer(index, lambda cids: {c: by_cluster[c] for c in cids}, _banned(_forbidden(conn)))
        index_rows = []
        for record in records:
            filed, _ = blocking.keys(record)
            cid = clusterer.assign(record)
            by_cluster[cid].append(record)
            index_rows.extend({"key": k, "cluster_id": cid, "ref": record.ref, "doc_id": record.doc_id} for k in filed)
        for table in (cluster_members, clusters, cluster_index):
            conn.execute(delete(table))
        cluster_rows = [_cluster_row(cid, [by_ref[r.ref] for r in g]) for cid, g in by_cluster.items()]
        member_rows = [{"cluster_id": cid, "ref": r.ref, "doc_id": r.doc_id} for cid, g in by_cluster.items() for r in g]
        for table, batch in ((clusters, cluster_rows), (cluster_members, member_rows), (cluster_index, index_rows)):
            for i in range(0, len(batch), 5000):
                conn.execute(insert(table), batch[i:i + 5000])
        _set_mark(conn)
        _mark(conn, "fresh")
        multi = sum(1 for c in cluster_rows if c["n_documents"] > 1)
        return {"records": len(records), "clusters": len(cluster_rows), "multi_document": multi}
    return store.write(work)


def _sql_members(conn):
    def members(cids: list[str]) -> dict[str, list[Record]]:
        out: dict[str, list[Record]] = defaultdict(list)
        for i in range(0, len(cids), 500):
            rows = conn.execute(select(cluster_members.c.cluster_id, *EVENT_COLUMNS)
                                .join(events, events.c.ref == cluster_members.c.ref)
                                .where(cluster_members.c.cluster_id.in_(cids[i:i + 500]))).all()
            for row in rows:
                out[row.cluster_id].append(record_of(row))
        return out
    return members


def assign_pending(store) -> dict:
    """Cluster the records stored since the last clustering, one by one, against the blocking index;
    nothing already clustered is recomputed. Returns how many records were assigned."""
    def work(conn) -> dict:
        pending = _pending(conn)
        if pending:
            docs = sorted({r.doc_id for r in pending})
            touched = set()
            for i in range(0, len(docs), 500):  # a replaced document's old index rows and the clusters it left
                stale = cluster_index.c.doc_id.in_(docs[i:i + 500])
                touched |= set(conn.scalars(select(cluster_index.c.cluster_id).where(stale).distinct()))
                conn.execute(delete(cluster_index).where(stale))
            banned: dict[str, set[str]] = defaultdict(set)
            refs = [r.ref for r in pending]
            for i in range(0, len(refs), 500):
                chunk = refs[i:i + 500]
                for a, b in conn.execute(select(cannot_link.c.a, cannot_link.c.b)
                                         .where(cannot_link.c.a.in_(chunk) | cannot_link.c.b.in_(chunk))):
                    banned[a].add(b)
                    banned[b].add(a)
            clusterer = Clusterer(blocking.SqlIndex(conn), _sql_members(conn), banned)
            for row in pending:
                cid = clusterer.assign(record_of(row))
                conn.execute(insert(cluster_members).values(cluster_id=cid, ref=row.ref, doc_id=row.doc_id))
                touched.add(cid)
            _refresh(conn, sorted(touched))
        _set_mark(conn)
        _mark(conn, "fresh")
        return {"assigned": len(pending)}
    return store.write(work)


def _refresh(conn, cids: list[str]) -> None:
    """Recompute the summary rows of these clusters from their members."""
    for i in range(0, len(cids), 500):
        chunk = cids[i:i + 500]
        rows = conn.execute(select(cluster_members.c.cluster_id, *EVENT_COLUMNS)
                            .join(events, events.c.ref == cluster_members.c.ref)
                            .where(cluster_members.c.cluster_id.in_(chunk))).all()
        by_cluster = defaultdict(list)
        for r in rows:
            by_cluster[r.cluster_id].append(r)
        conn.execute(delete(clusters).where(clusters.c.id.in_(chunk)))
        fresh = [_cluster_row(cid, g) for cid, g in by_cluster.items()]
        if fresh:
            conn.execute(insert(clusters), fresh)


def ensure_fresh(store) -> None:
    """Cluster the records stored since the last clustering (incrementally) if documents changed."""
    if store.clusters_stale():
        assign_pending(store)


def split(store, cid: str, parts: list[str]) -> list[str]:
    """Move the reports named in ``parts`` (event refs "doc/e1" or document ids) out of cluster ``cid``.

    The split is stored as pairs that may never be linked again, so it survives
    every later rebuild. Returns the ids of the clusters the old members are now in.
    """
    ensure_fresh(store)
    with store.engine.connect() as conn:
        refs = list(conn.scalars(select(cluster_members.c.ref).where(cluster_members.c.cluster_id == cid)
                                 .order_by(cluster_members.c.ref)))
    if not refs:
        raise NotFound(f"no cluster {cid!r}; `eventsift clusters --all` lists them")
    wanted = set(parts)
    moved = [r for r in refs if r in wanted or r.split("/", 1)[0] in wanted]
    unknown = [p for p in parts if not any(r == p or r.split("/", 1)[0] == p for r in refs)]
    if unknown:
        raise StoreError(f"not in cluster {cid}: {', '.join(unknown)}")
    staying = [r for r in refs if r not in moved]
    if not moved or not staying:
        raise StoreError("a split must leave reports on both sides; name some, not all, of the cluster's reports")
    def forbid(conn) -> None:
        existing = {(a, b) for a, b in conn.execute(select(cannot_link.c.a, cannot_link.c.b))}
        new = {tuple(sorted((a, b))) for a in moved for b in staying} - existing
        if new:
            conn.execute(insert(cannot_link), [{"a": a, "b": b} for a, b in sorted(new)])
        if conn.execute(update(corpus_state).where(corpus_state.c.name == "clusters").values(value="stale")).rowcount == 0:
            conn.execute(insert(corpus_state).values(name="clusters", value="stale"))
    store.write(forbid)
    rebuild(store)
    with store.engine.connect() as conn:
        return sorted(set(conn.scalars(select(cluster_members.c.cluster_id).where(cluster_members.c.ref.in_(refs)))))


def list_clusters(store, min_documents: int = 2, limit: int | None = None) -> list[dict]:
    """Clusters with at least ``min_documents`` documents, most corroborated first."""
    ensure_fresh(store)
    query = (select(clusters).where(clusters.c.n_documents >= min_documents)
             .order_by(clusters.c.n_sources.desc(), clusters.c.n_reports.desc(), clusters.c.date, clusters.c.id))
    if limit:
        query = query.limit(limit)
    with store.engine.connect() as conn:
        return [dict(r._mapping) for r in conn.execute(query)]


def cluster_of(store, ref: str) -> str | None:
    with store.engine.connect() as conn:
        return conn.scalar(select(cluster_members.c.cluster_id).where(cluster_members.c.ref == ref))


DISPUTED = (("fatalities", "fatalities"), ("injured", "injured"), ("actor1", "perpetrator"),
            ("actor2", "target"), ("date", "date"), ("location", "location"))


def cluster_view(store, cid: str, rebuild: bool = True) -> dict:
    """One cluster: its reports, how many independent sources, and where they disagree and who says what.

    Reports carry reviewed values (``corpus.reviewed``) and a ``review`` summary; a report a
    reviewer rejected stays listed but is left out of the disagreements. ``rebuild=False``
    reads the clusters as last built (the web app must not re-cluster inside a request).
    """
    from .reviewed import apply_to_rows

    if rebuild:
        ensure_fresh(store)
    with store.engine.connect() as conn:
        head = conn.execute(select(clusters).where(clusters.c.id == cid)).first()
        if head is None:
            raise NotFound(f"no cluster {cid!r}; `eventsift clusters --all` lists them")
        rows = conn.execute(
            select(events, documents.c.title, documents.c.url, documents.c.path, documents.c.published)
            .join(cluster_members, cluster_members.c.ref == events.c.ref)
            .join(documents, documents.c.id == events.c.doc_id)
            .where(cluster_members.c.cluster_id == cid).order_by(documents.c.published, events.c.ref)).all()
    reports = []
    for r in rows:
        evidence = json.loads(r.evidence)
        reports.append({
            "ref": r.ref, "doc_id": r.doc_id, "title": r.title, "published": r.published, "outlet": r.outlet,
            "url": r.url, "path": r.path, "event_type": r.event_type, "sub_event_type": r.sub_event_type,
            "status": r.status, "trigger": evidence.get("trigger"), "date": r.date, "location": r.location,
            "country": r.country, "fatalities": r.fatalities, "injured": r.injured, "actor1": r.actor1,
            "actor2": r.actor2, "said_by": r.said_by, "evidence": evidence,
        })
    reports = apply_to_rows(store, reports)
    standing = [r for r in reports if r["review"]["state"] != "rejected"]
    return {**dict(head._mapping), "reports": reports, "disagreements": disagreements(standing),
            "why_joined": why_joined([record_of(r) for r in rows])}


def why_joined(records: list[Record], model: PairModel | None = None) -> list[dict]:
    """For each report after the first, the report of another document it is most like and the pairwise
    model's strongest reasons (shared place, date, names, toll, wording): what joined them."""
    model = model or shipped()
    out = []
    for i, record in enumerate(records[1:], 1):
        best = None
        for other in records[:i]:
            if other.doc_id == record.doc_id:
                continue
            s = model.score(record, other)
            if s is not None and (best is None or s > best[0]):
                best = (s, other)
        if best:
            out.append({"ref": record.ref, "with": best[1].ref, "log_odds": round(best[0], 2),
                        "reasons": model.explain(record, best[1])})
    return out


def disagreements(reports: list[dict]) -> dict[str, list[dict]]:
    """For each field with more than one value among the reports: each value with who says it
    (``reviewed`` when a reviewer set that value rather than the source text)."""
    out = {}
    for field, label in DISPUTED:
        values: dict[str, dict] = {}
        for report in reports:
            value = report.get(field)
            if value in (None, ""):
                continue
            key = str(value).strip().lower()
            entry = values.setdefault(key, {"value": value, "reports": []})
            entry["reports"].append({
                "doc_id": report["doc_id"], "ref": report["ref"], "outlet": report["outlet"],
                "said_by": report["said_by"], "evidence": report["evidence"].get(field),
                "reviewed": field in (report.get("review") or {}).get("fields", ()),
            })
        if len(values) > 1:
            out[label] = sorted(values.values(), key=lambda v: str(v["value"]))
    return out
