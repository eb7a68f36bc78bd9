"""Candidate clusters for a new event record: a blocking index over type x date window x place.

A record is filed under keys ``family|time|country``: ``time`` is each week its date window touches
(``W:<week number>``), or, for a record no date pins down, the years its text names (``UY:2013``) and
``U``; ``country`` is each country it is placed in, and ``*`` (any place). A dated record is also filed
under its years (``Y:2013``) so undated reports of the same year can find it. A new record looks up the
same keys (and the undated ones of its years) and takes the clusters filed most recently under each (at
most ``PER_KEY``), so the work per record stays flat however large the store grows: the country keys
find the events of its place even when the ``*`` key of a busy week holds many more. A dated record
with a country looks only under its countries' weeks (and the undated keys); records with no date or
no country also look under ``*``.

Two indexes with one behaviour: ``MemoryIndex`` (a full rebuild, the ECB+ evaluation) and ``SqlIndex``
(the store's ``cluster_index`` table, the incremental path). Both order by filing sequence, so the
same records in the same order give the same candidates.
"""
from __future__ import annotations

from collections import defaultdict

from sqlalchemy import select

from ..store.schema import cluster_index

#: Clusters taken per key, newest first.
PER_KEY = 40
#: Windows wider than this many weeks are filed by year only.
MAX_WEEKS = 6


def _times(record) -> tuple[list[str], list[str]]:
    """(time parts the record is filed under, time parts it looks up)."""
    years = sorted({d[2:] for d in record.dates | record.lead_dates if d.startswith("y:")})
    if record.lo is None:
        own = [f"UY:{y}" for y in years] + ["U"]
        return own, own + [f"Y:{y}" for y in years]
    first, last = record.lo.toordinal() // 7, record.hi.toordinal() // 7
    weeks = [f"W:{w}" for w in range(first, last + 1)] if last - first < MAX_WEEKS else []
    span = sorted({str(record.lo.year), str(record.hi.year)})
    filed = weeks + [f"Y:{y}" for y in span]
    return filed, weeks + [f"UY:{y}" for y in span] + ["U"] + ([] if weeks else [f"Y:{y}" for y in span])


def keys(record) -> tuple[list[str], list[str]]:
    """(keys the record is filed under, keys it looks up), each without repeats, in a fixed order."""
    filed_t, query_t = _times(record)
    places = sorted(record.countries) + ["*"]
    filed = [f"{record.family}|{t}|{c}" for t in filed_t for c in places]
    # a placed, dated record looks only in its countries' weeks; the rest also in the any-place keys
    looked = places[:-1] if record.countries and record.lo is not None else places
    query = [f"{record.family}|{t}|{c}" for t in query_t for c in (places if t[0] == "U" else looked)]
    return list(dict.fromkeys(filed)), list(dict.fromkeys(query))


def _union(per_key) -> list[str]:
    """The first ``PER_KEY`` distinct clusters of each key's newest-first ids, keys in order, without repeats."""
    out: dict[str, None] = {}
    for cids in per_key:
        seen: dict[str, None] = {}
        for cid in cids:
            if cid not in seen:
                seen[cid] = None
                if len(seen) == PER_KEY:
                    break
        out.update(seen)
    return list(out)


class MemoryIndex:
    def __init__(self):
        self.by_key: dict[str, list[str]] = defaultdict(list)

    def candidates(self, query: list[str]) -> list[str]:
        return _union(reversed(self.by_key.get(key, [])[-PER_KEY * 4:]) for key in query)

    def add(self, filed: list[str], cid: str, ref: str, doc_id: str) -> list[dict]:
        for key in filed:
            self.by_key[key].append(cid)
        return [{"key": k, "cluster_id": cid, "ref": ref, "doc_id": doc_id} for k in filed]


class SqlIndex:
    """The same index read from the store within an open transaction ``conn``."""

    def __init__(self, conn):
        self.conn = conn

    def candidates(self, query: list[str]) -> list[str]:
        # newest first; a few rows per cluster at most, so PER_KEY * 4 rows find PER_KEY clusters
        return _union(self.conn.scalars(select(cluster_index.c.cluster_id).where(cluster_index.c.key == key)
                                        .order_by(cluster_index.c.id.desc()).limit(PER_KEY * 4)) for key in query)

    def add(self, filed: list[str], cid: str, ref: str, doc_id: str) -> list[dict]:
        from sqlalchemy import insert

        rows = [{"key": k, "cluster_id": cid, "ref": ref, "doc_id": doc_id} for k in filed]
        if rows:
            self.conn.execute(insert(cluster_index), rows)
        return rows
