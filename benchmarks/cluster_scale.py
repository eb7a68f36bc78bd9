"""Cost of clustering one new document as the store grows: 1k, 10k, 100k stored event records.

Generated records (not real text): events over a fixed two years in 30 countries and 600 towns, so the
store gets denser, not just longer, as it grows -- the harder case for blocking. The stored records are
written already clustered (members and blocking index in bulk, as a rebuild would leave them); then
``--new`` documents of 3 events each (a third of them reports of a stored event) are put one at a time
and clustered incrementally (``corpus.cluster.ensure_fresh``). Reports the median time per document of
the clustering step and of the whole put + cluster, and the peak Python memory of the clustering step.

    PYTHONPATH=src nice python benchmarks/cluster_scale.py [--sizes 1000 10000 100000] [--new 40] [--json]
"""
from __future__ import annotations

import argparse
import json
import random
import statistics
import tempfile
import time
import tracemalloc
from datetime import date, datetime, timedelta
from pathlib import Path

START = date(2024, 1, 1)
#: The stored documents were ingested earlier, one a second from here (a bulk insert would put them all in
#: the current second, which the incremental path re-reads).
FILLED_AT = datetime(2025, 1, 1)
DAYS = 730
VOCAB = [f"w{i}" for i in range(3000)]
NAMES = [f"name{i}" for i in range(5000)]


def _event(rng: random.Random, doc_id: str, n: int, like: dict | None = None) -> dict:
    if like:
        base = dict(like)
        base.update(ref=f"{doc_id}/e{n}", doc_id=doc_id, event_id=f"e{n}", outlet=f"outlet{rng.randrange(50)}")
        return base
    country = f"C{rng.randrange(30):02d}"
    town = f"city:town{rng.randrange(600)}"
    day = START + timedelta(days=rng.randrange(DAYS))
    words = {w: rng.randint(1, 3) for w in rng.sample(VOCAB, 12)}
    names = rng.sample(NAMES, 3)
    features = {"countries": [country], "places": [town], "actors": [f"ner:{names[0]}"], "names": names[1:],
                "days": [day.isoformat()], "dates": [f"y:{day.year}"], "words": words, "lead_words": words,
                "lead_names": names, "lead_dates": [f"y:{day.year}"]}
    family = rng.choice(["violence", "violence", "unrest", "strategic"])
    return {
        "ref": f"{doc_id}/e{n}", "doc_id": doc_id, "event_id": f"e{n}", "event_type": "Battles", "sub_event_type": None,
        "family": family, "status": "asserted", "confidence": 0.9, "date": day.isoformat(), "day": day.isoformat(),
        "date_lo": (day - timedelta(days=1)).isoformat(), "date_hi": (day + timedelta(days=1)).isoformat(),
        "country": country, "admin1": None, "location": town[5:], "lat": None, "lon": None,
        "fatalities": rng.choice([None, 1, 2, 5]), "injured": None, "actor1_key": None, "actor1": None,
        "actor2_key": None, "actor2": None, "said_by": None, "outlet": f"outlet{rng.randrange(50)}",
        "features": json.dumps(features), "evidence": "{}",
    }


def _fill(store, size: int, rng: random.Random) -> list[dict]:
    """``size`` stored records in clusters of 1-3, written in bulk with their blocking index."""
    from sqlalchemy import insert

    from eventsift.corpus import blocking
    from eventsift.corpus.cluster import _cluster_row, new_cluster_id, record_of
    from eventsift.store.schema import cluster_index, cluster_members, clusters, documents, events

    rows, docs, members, index, heads = [], [], [], [], []
    while len(rows) < size:
        doc_id = f"d{len(docs):06d}"
        docs.append({"id": doc_id, "sha256": f"{len(docs):064d}", "text": "", "analysis": "{}", "n_events": 1,
                     "ingested_at": FILLED_AT + timedelta(seconds=len(docs))})
        like = heads[rng.randrange(len(heads))] if heads and rng.random() < 0.5 else None
        row = _event(rng, doc_id, 1, like)
        rows.append(row)
        cid = like["_cid"] if like else new_cluster_id(row["ref"])
        if not like:
            heads.append({**row, "_cid": cid})
        members.append({"cluster_id": cid, "ref": row["ref"], "doc_id": doc_id})
        filed, _ = blocking.keys(record_of(row))
        index.extend({"key": k, "cluster_id": cid, "ref": row["ref"], "doc_id": doc_id} for k in filed)
    by_cluster: dict[str, list] = {}
    for m, r in zip(members, rows):
        by_cluster.setdefault(m["cluster_id"], []).append(type("Row", (), r))
    cluster_rows = [_cluster_row(cid, g) for cid, g in by_cluster.items()]
    with store.engine.begin() as conn:
        for table, batch in ((documents, docs), (events, [{k: v for k, v in r.items()} for r in rows]),
                             (cluster_members, members), (cluster_index, index), (clusters, cluster_rows)):
            for i in range(0, len(batch), 5000):
                conn.execute(insert(table), batch[i:i + 5000])
    return [{k: v for k, v in h.items() if k != "_cid"} for h in heads]


def _put(store, doc_id: str, events_rows: list[dict]) -> None:
    from sqlalchemy import insert

    from eventsift.corpus.cluster import _mark
    from eventsift.store.schema import documents, events

    with store.engine.begin() as conn:
        conn.execute(insert(documents).values(id=doc_id, sha256=doc_id.ljust(64, "x"), text="", analysis="{}",
                                              n_events=len(events_rows)))
        conn.execute(insert(events), events_rows)
        _mark(conn, "stale")


def measure(size: int, new: int, seed: int = 7) -> dict:
    from eventsift.corpus.cluster import ensure_fresh
    from eventsift.store import Store

    rng = random.Random(seed)
    with tempfile.TemporaryDirectory() as tmp:
        store = Store(str(Path(tmp) / "scale.db"))
        t0 = time.perf_counter()
        heads = _fill(store, size, rng)
        fill_s = time.perf_counter() - t0
        ensure_fresh(store)  # nothing pending: marks fresh
        cluster_times, total_times, peaks = [], [], []
        for i in range(new):
            doc_id = f"new{i:05d}"
            rows = [_event(rng, doc_id, n, heads[rng.randrange(len(heads))] if n == 1 and i % 3 == 0 else None)
                    for n in range(1, 4)]
            t0 = time.perf_counter()
            _put(store, doc_id, rows)
            t1 = time.perf_counter()
            tracemalloc.start()
            ensure_fresh(store)
            peaks.append(tracemalloc.get_traced_memory()[1])
            tracemalloc.stop()
            t2 = time.perf_counter()
            cluster_times.append(t2 - t1)
            total_times.append(t2 - t0)
        store.close()
    return {"stored_events": size, "new_documents": new, "fill_seconds": round(fill_s, 1),
            "cluster_ms_per_doc": round(statistics.median(cluster_times) * 1000, 2),
            "put_and_cluster_ms_per_doc": round(statistics.median(total_times) * 1000, 2),
            "peak_python_kib": round(max(peaks) / 1024)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000, 100000])
    parser.add_argument("--new", type=int, default=40)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    results = [measure(size, args.new) for size in args.sizes]
    if len(results) > 1:
        ratio = results[-1]["cluster_ms_per_doc"] / results[0]["cluster_ms_per_doc"]
        results.append({"ratio_last_to_first": round(ratio, 2)})
    if args.json:
        print(json.dumps(results, indent=2))
        return
    for r in results:
        print(r)


if __name__ == "__main__":
    main()
