"""Incremental clustering: a new document is assigned against the blocking index, a full rebuild gives the
same clusters, a reviewer's split stays undone on re-ingest, and every exported event carries its cluster."""
from __future__ import annotations

import random
import sys
from pathlib import Path

import pytest

from _stores import shared_event_reports

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "benchmarks"))
import cluster_scale  # noqa: E402

sys.path.pop(0)


@pytest.fixture
def store(backend_store):
    return backend_store


def _memberships(store) -> dict[str, str]:
    from sqlalchemy import select

    from eventsift.store.schema import cluster_members

    with store.engine.connect() as conn:
        return dict(conn.execute(select(cluster_members.c.ref, cluster_members.c.cluster_id)).all())


def _generated_docs(n: int = 60):
    rng = random.Random(3)
    heads, docs = [], []
    for i in range(n):
        doc_id = f"g{i:04d}"
        like = heads[rng.randrange(len(heads))] if heads and i % 2 else None
        rows = [cluster_scale._event(rng, doc_id, 1, like), cluster_scale._event(rng, doc_id, 2)]
        heads.append(rows[1])
        docs.append((doc_id, rows))
    return docs


def test_rebuild_gives_the_incremental_clusters(store):
    from eventsift.corpus import cluster

    for doc_id, rows in _generated_docs():
        cluster_scale._put(store, doc_id, rows)
        cluster.ensure_fresh(store)  # one document at a time, as ingestion does
    incremental = _memberships(store)
    assert len(incremental) == 120
    sizes = sorted({cid: list(incremental.values()).count(cid) for cid in incremental.values()}.values())
    assert sizes[-1] >= 2 and sizes[0] == 1  # reports of one event joined, others alone
    cluster.rebuild(store)
    assert _memberships(store) == incremental
    assert not store.clusters_stale()


def test_ingesting_assigns_only_the_new_records(store):
    from eventsift.corpus import cluster

    docs = _generated_docs(20)
    for doc_id, rows in docs[:19]:
        cluster_scale._put(store, doc_id, rows)
    cluster.ensure_fresh(store)
    before = _memberships(store)
    cluster_scale._put(store, *docs[19])
    assert cluster.assign_pending(store) == {"assigned": 2}
    after = _memberships(store)
    assert {k: v for k, v in after.items() if k in before} == before
    assert set(after) - set(before) == {"g0019/e1", "g0019/e2"}


def test_a_split_stays_undone_when_a_report_is_ingested_again(store):
    from eventsift.corpus import cluster

    wire, partisan, basra = shared_event_reports()
    for doc in (wire, partisan, basra):
        store.put(doc)
    (merged,) = cluster.list_clusters(store)
    assert {r["reason"] for r in cluster.cluster_view(store, merged["id"])["why_joined"][0]["reasons"]}
    cluster.split(store, merged["id"], ["partisan"])
    again = dict(partisan, text=partisan["text"] + " ", source=dict(partisan["source"], sha256="f" * 64))
    assert store.put(again) == "replaced"
    cluster.ensure_fresh(store)
    assert cluster.list_clusters(store) == []
    assert cluster.cluster_of(store, "wire/e1") != cluster.cluster_of(store, "partisan/e1")
    cluster.rebuild(store)
    assert cluster.cluster_of(store, "wire/e1") != cluster.cluster_of(store, "partisan/e1")


def test_every_exported_event_has_a_cluster(store):
    from eventsift.corpus.queries import iter_events

    for doc in shared_event_reports():
        store.put(doc)
    rows = list(iter_events(store))
    assert rows and all(r["cluster_id"] for r in rows)
