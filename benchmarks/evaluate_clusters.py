"""Same event across sources on ECB+ (``../shared/data/ecbplus``): document B-cubed and mention CoNLL F1.

Definitions (``eventsift.train.ecbplus``):

* **Document B-cubed** -- each document's main event is its ECB+ topic and sub-topic; a document is
  represented by its lead record (``document_record``) and the records are clustered by the store's own
  code (``corpus.cluster.cluster_records``: blocking index, pairwise model, vetoes), in document-id order.
* **CoNLL F1** (mean of MUC, B-cubed, CEAF-e F1, ``eventsift.train.coref``) over the action mentions of the
  coreference sentences, gold chains as the key:
  - *gold mentions*: the gold action mentions, chained when they are in one predicted document cluster and
    share the stem of their first word (the usual same-lemma rule, inside our clusters);
  - *predicted mentions, store path*: eventsift's event triggers (one per stored event record), clustered
    as the store clusters event records; a trigger overlapping a gold action mention stands for it;
  - *predicted mentions, by document cluster*: the same triggers chained by document cluster and stem.
* ``--part cv``: the development topics, out of fold (5 folds by topic; each fold clustered by a model
  fitted on the other folds with the shipped settings). ``--part unread``: the fifth of topics never read,
  scored with the shipped model (run once, at the end).

Baselines: all singletons; all documents of one topic together (knows the topic); for mentions, the
same-stem rule inside gold topics. Published: ECB+ event coreference CoNLL F1 85.7 with gold mentions
(Cattan et al. 2021 and later work report 80-86; see docs/corpus.md).

    PYTHONPATH=src nice python benchmarks/evaluate_clusters.py [--part cv|unread] [--json]

``evaluate()`` keeps the old check on the team-written reports of ``benchmarks/data/shared_events``
(pairwise document P/R/F1), a unit-test fixture for ``tests/test_floors_corpus.py`` only.
"""
from __future__ import annotations

import argparse
import json
import re
import sys
import tempfile
import time
from itertools import combinations
from pathlib import Path

PUBLISHED_CONLL_GOLD = 85.7
ROOT = Path(__file__).resolve().parent.parent
#: Reports written by the team: a unit-test fixture (tests/test_floors_corpus.py), never a quality figure.
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




def _stem_of(text: str) -> str:
    from eventsift.corpus.features import stem

    words = re.findall(r"[A-Za-z]+", text.lower()) or [text.lower()]
    return stem(words[0])


def _fold_models(docs, records):
    """fold -> a model fitted on the other development folds, with the shipped C, linkage and threshold."""
    from eventsift.corpus import pairwise
    from eventsift.train import clusters as tc

    shipped = pairwise.shipped()
    train_pairs = tc.pairs(docs, records)
    topic = {d["id"]: d["topic"] for d in docs}
    feats = [(a, b, pairwise.features(records[a], records[b]), y) for a, b, y in train_pairs]
    out = {}
    for fold in range(tc.FOLDS):
        rows = [(f, y) for a, b, f, y in feats if tc.fold_of(topic[a]) != fold and tc.fold_of(topic[b]) != fold]
        base = tc.fit([f for f, _ in rows], [y for _, y in rows], shipped.info.get("C", 1.0))
        out[fold] = pairwise.PairModel(base.weights, base.intercept, shipped.threshold, shipped.linkage)
    return out


def _groups(docs, part):
    from eventsift.corpus import pairwise
    from eventsift.train import clusters as tc

    if part == "unread":
        return [(docs, pairwise.shipped())]
    return None if not docs else [([d for d in docs if tc.fold_of(d["topic"]) == f], m)
                                  for f, m in _fold_models(docs, _records(docs)).items()]


_CACHE: dict = {}


def _records(docs):
    from eventsift.train import ecbplus

    analyses = _CACHE.setdefault("analyses", ecbplus.analyses(docs))
    return {d["id"]: ecbplus.document_record(analyses[d["id"]]) for d in docs}


def evaluate_ecbplus(part: str = "cv") -> dict:
    from eventsift.corpus.cluster import cluster_records
    from eventsift.train import coref, ecbplus

    started = time.time()
    all_docs = ecbplus.load_docs()
    docs = ecbplus.part_of(all_docs, "dev" if part == "cv" else "unread")
    _CACHE["analyses"] = ecbplus.analyses(docs)
    records = _records(docs)
    gold_mentions = ecbplus.gold_action_mentions(docs, ecbplus.load_mentions())
    doc_cluster: dict[str, str] = {}
    event_cluster: dict[str, str] = {}
    events_of: dict[str, list] = {}
    for group_docs, model in _groups(docs, part):
        ordered = sorted(group_docs, key=lambda d: d["id"])
        assigned = cluster_records([records[d["id"]] for d in ordered], model=model)
        doc_cluster.update({d["id"]: assigned[records[d["id"]].ref] for d in ordered})
        evs = []
        for d in ordered:
            events_of[d["id"]] = ecbplus.event_records(_CACHE["analyses"][d["id"]])
            evs.extend(events_of[d["id"]])
        event_cluster.update(cluster_records(evs, model=model))

    key_docs = {d["id"]: ecbplus.main_event(d) for d in docs}
    doc_scores = {
        "eventsift": coref.bcubed(key_docs, doc_cluster),
        "baseline_singletons": coref.bcubed(key_docs, {d["id"]: d["id"] for d in docs}),
        "baseline_topic_together": coref.bcubed(key_docs, {d["id"]: d["topic"] for d in docs}),
    }
    # mentions
    key = {}
    topic_of = {d["id"]: d["topic"] for d in docs}
    for doc_id, ms in gold_mentions.items():
        for m in ms:
            key[(doc_id, m["start"], m["end"])] = m["gold"]
    gold_resp = {(doc_id, m["start"], m["end"]): (doc_cluster[doc_id], _stem_of(m["text"]))
                 for doc_id, ms in gold_mentions.items() for m in ms}
    lemma_topic = {(doc_id, m["start"], m["end"]): (topic_of[doc_id], _stem_of(m["text"]))
                   for doc_id, ms in gold_mentions.items() for m in ms}
    store_resp, doc_resp, matched = {}, {}, 0
    coref_sents = {d["id"]: set(d.get("coref_sentences") or []) for d in docs}
    line_starts = {d["id"]: [0] + [i + 1 for i, ch in enumerate(d["text"]) if ch == "\n"] for d in docs}
    for doc_id, recs in events_of.items():
        analysis = _CACHE["analyses"][doc_id]
        triggers = {e["id"]: e["trigger"] for e in analysis.get("events", [])}
        for rec in recs:
            trig = triggers[rec.ref.split("/", 1)[1]]
            sentence = sum(1 for s in line_starts[doc_id] if s <= trig["start"]) - 1
            if sentence not in coref_sents[doc_id]:
                continue
            gold = next((m for m in gold_mentions[doc_id] if m["start"] < trig["end"] and trig["start"] < m["end"]),
                        None)
            mention = (doc_id, gold["start"], gold["end"]) if gold else (doc_id, trig["start"], trig["end"])
            if mention in store_resp:
                continue
            matched += gold is not None
            store_resp[mention] = event_cluster[rec.ref]
            doc_resp[mention] = (doc_cluster[doc_id], _stem_of(trig["text"]))

    def rounded(s):
        return {k: (round(v * 100, 1) if isinstance(v, float) else {kk: round(vv * 100, 1) for kk, vv in v.items()})
                for k, v in s.items()}

    return {
        "part": part, "documents": len(docs), "topics": len({d["topic"] for d in docs}),
        "gold_main_events": len(set(key_docs.values())),
        "document_bcubed": {k: {kk: round(vv, 3) for kk, vv in v.items()} for k, v in doc_scores.items()},
        "mentions": {
            "gold_action_mentions": len(key), "predicted_mentions": len(store_resp),
            "predicted_matching_gold": matched,
            "gold_mentions": rounded(coref.conll(key, gold_resp)),
            "baseline_gold_mentions_same_stem_in_topic": rounded(coref.conll(key, lemma_topic)),
            "predicted_mentions_store_path": rounded(coref.conll(key, store_resp)),
            "predicted_mentions_by_document_cluster": rounded(coref.conll(key, doc_resp)),
            "published_conll_gold_mentions": PUBLISHED_CONLL_GOLD,
        },
        "seconds": round(time.time() - started, 1),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--part", choices=("cv", "unread"), default="cv")
    parser.add_argument("--json", action="store_true", help="print JSON only")
    args = parser.parse_args()
    from eventsift.train import ecbplus

    if not ecbplus.available():
        raise SystemExit(f"no ECB+ at {ecbplus.DATA}")
    result = evaluate_ecbplus(args.part)
    if args.json:
        print(json.dumps(result, indent=2))
        return
    print(f"ECB+ {result['part']}: {result['documents']} documents, {result['topics']} topics, "
          f"{result['gold_main_events']} main events")
    for name, s in result["document_bcubed"].items():
        print(f"  document B-cubed {name:<24} P {s['p']:.3f}  R {s['r']:.3f}  F1 {s['f1']:.3f}")
    m = result["mentions"]
    print(f"  {m['gold_action_mentions']} gold action mentions; {m['predicted_mentions']} predicted "
          f"({m['predicted_matching_gold']} on a gold mention)")
    for name in ("gold_mentions", "baseline_gold_mentions_same_stem_in_topic", "predicted_mentions_store_path",
                 "predicted_mentions_by_document_cluster"):
        s = m[name]
        print(f"  CoNLL F1 {name:<44} {s['conll_f1']:5.1f}  (MUC {s['muc']['f1']}, B3 {s['bcubed']['f1']}, "
              f"CEAF-e {s['ceafe']['f1']})")
    print(f"  published: CoNLL F1 {m['published_conll_gold_mentions']} with gold mentions", file=sys.stdout)


if __name__ == "__main__":
    main()
