"""Same-event clustering: pairwise precision/recall/F1 over documents on reports written by the team.

Ingests benchmarks/data/shared_events/ into a throwaway store, clusters the
events, and counts document pairs: a pair is predicted linked when some cluster
holds event records of both, and gold-linked when gold.json gives them a shared
event. Also reports how many multi-report events end up whole in one cluster.

    python benchmarks/evaluate_clusters.py [--json]
"""
from __future__ import annotations

import argparse
import json
import sys
import tempfile
from itertools import combinations
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "benchmarks" / "data" / "shared_events"


def evaluate(folder: Path = DATA) -> dict:
    from eventsift.corpus.cluster import list_clusters
    from eventsift.ingest.run import ingest
    from eventsift.store import Store
    from eventsift.store.schema import cluster_members, documents
    from sqlalchemy import select

    gold = {k: set(v) for k, v in json.loads((folder / "gold.json").read_text()).items() if not k.startswith("_")}
    with tempfile.TemporaryDirectory() as tmp:
        store = Store(str(Path(tmp) / "eval.db"))
        report = ingest([str(folder)], store)
        if report.failures:
            raise SystemExit(f"failed inputs: {report.failures}")
        with store.engine.connect() as conn:
            name_of = {i: Path(p).name for i, p in conn.execute(select(documents.c.id, documents.c.path))}
            members = conn.execute(select(cluster_members.c.cluster_id, cluster_members.c.doc_id)).all()
        clusters = {c["id"] for c in list_clusters(store)}
        store.close()
    docs_in: dict[str, set[str]] = {}
    for cid, doc_id in members:
        if cid in clusters:
            docs_in.setdefault(cid, set()).add(name_of[doc_id])
    predicted = {frozenset(p) for docs in docs_in.values() for p in combinations(sorted(docs), 2)}
    names = sorted(gold)
    expected = {frozenset((a, b)) for a, b in combinations(names, 2) if gold[a] & gold[b]}
    true_positive = len(predicted & expected)
    precision = true_positive / len(predicted) if predicted else 0.0
    recall = true_positive / len(expected) if expected else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    main_events: dict[str, set[str]] = {}
    for name, events in gold.items():
        for event in events:
            main_events.setdefault(event, set()).add(name)
    multi = {e: docs for e, docs in main_events.items() if len(docs) > 1}
    whole = sorted(e for e, docs in multi.items() if any(docs <= d for d in docs_in.values()))
    return {
        "documents": len(gold), "gold_pairs": len(expected), "predicted_pairs": len(predicted),
        "precision": round(precision, 3), "recall": round(recall, 3), "f1": round(f1, 3),
        "multi_report_events": len(multi), "events_whole_in_one_cluster": len(whole),
        "wrong_pairs": sorted(sorted(p) for p in predicted - expected),
        "missed_pairs": sorted(sorted(p) for p in expected - predicted),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", action="store_true", help="print JSON only")
    args = parser.parse_args()
    result = evaluate()
    if args.json:
        print(json.dumps(result, indent=2))
        return
    print(f"{result['documents']} reports, {result['gold_pairs']} gold document pairs, "
          f"{result['predicted_pairs']} predicted")
    print(f"pairwise precision {result['precision']:.3f}  recall {result['recall']:.3f}  F1 {result['f1']:.3f}")
    print(f"events reported more than once kept whole in one cluster: "
          f"{result['events_whole_in_one_cluster']} of {result['multi_report_events']}")
    for label in ("wrong_pairs", "missed_pairs"):
        for a, b in result[label]:
            print(f"  {label[:-6]:<6} {a}  {b}", file=sys.stdout)


if __name__ == "__main__":
    main()
