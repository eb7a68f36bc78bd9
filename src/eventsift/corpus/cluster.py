"""Same event, many reports: group event records that describe one real-world event.

Two records can only match when they are of the same family (violence, unrest,
strategic), their date windows overlap and their countries, when both are known,
share one. Among those, evidence adds up: a shared sub-national place, shared
actors (roles or actors named in the event's sentence), shared capitalised names
near the trigger, the same day, similar tolls. Pairs scoring at least
``THRESHOLD`` are linked, best first, unless a reviewer's split forbids it
(``cannot_link``); a cluster is a connected group.

Written here rather than taken from a library because the blocking (by shared
feature and date window), the evidence rules and the reviewer constraints are the
whole job; a generic clustering package would add none of them. Candidate pairs
come from an inverted index over features, swept by date, so the cost grows with
the number of plausible pairs, not the square of the corpus.
"""
from __future__ import annotations

import hashlib
import json
from collections import Counter, defaultdict
from dataclasses import dataclass
from datetime import date

from sqlalchemy import delete, insert, select, update

from ..errors import NotFound, StoreError
from ..store.schema import cannot_link, cluster_members, clusters, corpus_state, documents, events

THRESHOLD = 2.0
#: At most this many later records are compared per record and shared feature.
MAX_COMPARISONS = 60


@dataclass
class Record:
    ref: str
    doc_id: str
    family: str
    lo: date
    hi: date
    day: date | None
    countries: frozenset
    places: frozenset
    actors: frozenset
    names: frozenset
    days: frozenset
    fatalities: int | None
    outlet: str


def record_of(row) -> Record:
    features = json.loads(row.features)
    return Record(
        ref=row.ref, doc_id=row.doc_id, family=row.family,
        lo=date.fromisoformat(row.date_lo), hi=date.fromisoformat(row.date_hi),
        day=date.fromisoformat(row.date) if row.date else None,
        countries=frozenset(features["countries"]), places=frozenset(features["places"]),
        actors=frozenset(features["actors"]), names=frozenset(features["names"]),
        days=frozenset(date.fromisoformat(d) for d in features.get("days", [])),
        fatalities=row.fatalities, outlet=row.outlet or f"doc:{row.doc_id}",
    )


#: A shared city is weaker evidence than a shared site or village: big cities have many events a day.
PLACE_WEIGHT = {"site": 1.0, "city": 0.75, "admin1": 0.5}


def place_overlap(a: Record, b: Record) -> set[str]:
    """a's places that b names, as a resolved place or (when the place stage missed it) as a capitalised name."""
    return {p for p in a.places if p in b.places or p.split(":", 1)[1] in b.names}


def score(a: Record, b: Record) -> float | None:
    """How strongly two records look like one event; None when they cannot be."""
    if a.family != b.family or a.hi < b.lo or b.hi < a.lo:
        return None
    if a.countries and b.countries and not a.countries & b.countries:
        return None
    total = 0.0
    if a.countries & b.countries:
        total += 0.5
    shared_places = place_overlap(a, b) | place_overlap(b, a)
    if shared_places:
        total += max(PLACE_WEIGHT.get(p.split(":", 1)[0], 1.0) for p in shared_places)
    elif a.places and b.places:
        total -= 1.0
    total += min(2, len(a.actors & b.actors))
    shared_names = len((a.names & b.names) - {p.split(":", 1)[1] for p in shared_places})
    total += 1.0 if shared_names >= 3 else 0.5 if shared_names >= 1 else 0.0
    if a.days and b.days:
        gap = min(abs((x - y).days) for x in a.days for y in b.days)
        total += 1.0 if gap == 0 else 0.5 if gap == 1 else 0.0
    if a.fatalities and b.fatalities and max(a.fatalities, b.fatalities) <= 1.5 * min(a.fatalities, b.fatalities):
        total += 0.5
    return total


def _tokens(record: Record) -> list[str]:
    return ([f"c:{c}" for c in record.countries] + [f"p:{p}" for p in record.places]
            + [f"a:{a}" for a in record.actors] + [f"n:{n}" for n in record.names]
            + [f"n:{p.split(':', 1)[1]}" for p in record.places])


def candidate_pairs(records: list[Record]) -> set[tuple[int, int]]:
    """Index pairs that share a feature and whose date windows overlap."""
    buckets: dict[tuple[str, str], list[int]] = defaultdict(list)
    for i, record in enumerate(records):
        for token in _tokens(record):
            buckets[(record.family, token)].append(i)
    pairs = set()
    for members in buckets.values():
        if len(members) < 2:
            continue
        members.sort(key=lambda i: (records[i].lo, records[i].ref))
        for pos, i in enumerate(members):
            hi = records[i].hi
            for j in members[pos + 1:pos + 1 + MAX_COMPARISONS]:
                if records[j].lo > hi:
                    break
                pairs.add((i, j) if i < j else (j, i))
    return pairs


def group(records: list[Record], forbidden: set[frozenset]) -> list[list[Record]]:
    """Link the best-scoring pairs first, never joining groups a reviewer split apart."""
    scored = []
    for i, j in candidate_pairs(records):
        s = score(records[i], records[j])
        if s is not None and s >= THRESHOLD:
            scored.append((-s, records[i].ref, records[j].ref, i, j))
    scored.sort()
    parent = list(range(len(records)))
    members = {i: {i} for i in range(len(records))}
    banned = defaultdict(set)
    for pair in forbidden:
        a, b = tuple(pair)
        banned[a].add(b)
        banned[b].add(a)

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for _, _, _, i, j in scored:
        ri, rj = find(i), find(j)
        if ri == rj:
            continue
        if banned and any(records[k].ref in banned for k in members[ri]):
            refs_j = {records[k].ref for k in members[rj]}
            if any(banned[records[k].ref] & refs_j for k in members[ri]):
                continue
        if len(members[ri]) < len(members[rj]):
            ri, rj = rj, ri
        parent[rj] = ri
        members[ri] |= members.pop(rj)
    groups = [sorted((records[k] for k in ks), key=lambda r: r.ref) for ks in members.values()]
    return sorted(groups, key=lambda g: g[0].ref)


def cluster_id(group_records: list[Record]) -> str:
    return "c" + hashlib.sha1(group_records[0].ref.encode("utf-8")).hexdigest()[:12]


def rebuild(store) -> dict:
    """Cluster every dated event record again and store the result in one transaction."""
    with store.engine.begin() as conn:
        rows = conn.execute(select(events.c.ref, events.c.doc_id, events.c.family, events.c.date_lo,
                                   events.c.date_hi, events.c.date, events.c.features, events.c.fatalities,
                                   events.c.outlet, events.c.event_type, events.c.country)
                            .where(events.c.date_lo.is_not(None)).order_by(events.c.ref)).all()
        by_ref = {r.ref: r for r in rows}
        records = [record_of(r) for r in rows]
        forbidden = {frozenset((a, b)) for a, b in conn.execute(select(cannot_link.c.a, cannot_link.c.b))}
        groups = group(records, forbidden)
        conn.execute(delete(cluster_members))
        conn.execute(delete(clusters))
        cluster_rows, member_rows = [], []
        for g in groups:
            cid = cluster_id(g)
            rows_g = [by_ref[r.ref] for r in g]
            days = Counter(r.date for r in rows_g if r.date)
            cluster_rows.append({
                "id": cid, "family": g[0].family,
                "event_type": Counter(r.event_type for r in rows_g).most_common(1)[0][0],
                "date": days.most_common(1)[0][0] if days else min(r.date_hi for r in rows_g),
                "country": (Counter(r.country for r in rows_g if r.country).most_common(1) or [(None, 0)])[0][0],
                "n_reports": len(g), "n_documents": len({r.doc_id for r in g}),
                "n_sources": len({r.outlet for r in g}),
            })
            member_rows.extend({"cluster_id": cid, "ref": r.ref, "doc_id": r.doc_id} for r in g)
        for i in range(0, len(cluster_rows), 5000):
            conn.execute(insert(clusters), cluster_rows[i:i + 5000])
        for i in range(0, len(member_rows), 5000):
            conn.execute(insert(cluster_members), member_rows[i:i + 5000])
        if conn.execute(update(corpus_state).where(corpus_state.c.name == "clusters").values(value="fresh")).rowcount == 0:
            conn.execute(insert(corpus_state).values(name="clusters", value="fresh"))
    multi = sum(1 for c in cluster_rows if c["n_documents"] > 1)
    return {"records": len(records), "clusters": len(cluster_rows), "multi_document": multi}


def ensure_fresh(store) -> None:
    """Rebuild the clusters if documents changed since they were last built."""
    if store.clusters_stale():
        rebuild(store)


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
    with store.engine.begin() as conn:
        existing = {(a, b) for a, b in conn.execute(select(cannot_link.c.a, cannot_link.c.b))}
        new = {tuple(sorted((a, b))) for a in moved for b in staying} - existing
        if new:
            conn.execute(insert(cannot_link), [{"a": a, "b": b} for a, b in sorted(new)])
        if conn.execute(update(corpus_state).where(corpus_state.c.name == "clusters").values(value="stale")).rowcount == 0:
            conn.execute(insert(corpus_state).values(name="clusters", value="stale"))
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
    return {**dict(head._mapping), "reports": reports, "disagreements": disagreements(standing)}


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
