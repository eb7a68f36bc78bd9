"""ECB+ (``../shared/data/ecbplus``): documents, gold, the unread split, and eventsift's analysis of each text.

* ``UNREAD`` topics (about a fifth, chosen by a hash of the topic id, fixed here) are never read nor tuned on:
  training and model selection use leave-topics-out cross-validation over the other topics; the unread
  topics are scored once, at the end (``evaluate_clusters.py --part unread``).
* A document's **main event** (the gold for document B-cubed) is its topic and sub-topic: the ECB+
  design is that the documents of one sub-topic report one seminal event, and the two sub-topics of a
  topic are look-alike but different events (two earthquakes, two rehab check-ins).
* The gold **event mentions** for CoNLL F1 are the action mentions (``kind == "action"``) in the
  sentences ECB+ selected for coreference (``coref_sentences``), with their cross-document chain;
  a mention in no chain is a singleton.
* ECB+ texts carry no publication date: each is analysed with ``published=None`` so dates come from
  the text alone (what a follow-up report would give us too).

Analyses are cached as JSON lines in ``$EVENTSIFT_ECB_CACHE`` (default ``/tmp/eventsift-ecbplus``) keyed by
the text's hash; parsing all 982 texts takes a few minutes.

    PYTHONPATH=src nice python -m eventsift.train.ecbplus      # fill the cache, print counts
"""
from __future__ import annotations

import hashlib
import json
import os
import sys
from pathlib import Path

DATA = Path(os.environ.get("EVENTSIFT_ECBPLUS", Path(__file__).resolve().parents[3].parent / "shared" / "data" / "ecbplus"))
CACHE = Path(os.environ.get("EVENTSIFT_ECB_CACHE", "/tmp/eventsift-ecbplus"))


def is_unread(topic: str) -> bool:
    """The final-check topics: about one in five, by the first byte of the topic id's SHA-1."""
    return hashlib.sha1(f"ecbplus-topic-{topic}".encode()).digest()[0] % 5 == 0


def available(folder: Path = DATA) -> bool:
    return (folder / "docs.jsonl").exists() and (folder / "mentions.jsonl").exists()


def load_docs(folder: Path = DATA) -> list[dict]:
    with open(folder / "docs.jsonl", encoding="utf-8") as fh:
        return [json.loads(line) for line in fh]


def load_mentions(folder: Path = DATA) -> list[dict]:
    with open(folder / "mentions.jsonl", encoding="utf-8") as fh:
        return [json.loads(line) for line in fh]


def part_of(docs: list[dict], part: str) -> list[dict]:
    """``dev`` (topics for training and cross-validation), ``unread`` (the final check) or ``all``."""
    if part == "all":
        return docs
    want = part == "unread"
    return [d for d in docs if is_unread(d["topic"]) == want]


def main_event(doc: dict) -> str:
    return f"{doc['topic']}/{doc['subtopic']}"


def gold_action_mentions(docs: list[dict], mentions: list[dict]) -> dict[str, list[dict]]:
    """Per document: its action mentions in the coreference sentences, each with a ``gold`` chain key."""
    selected = {d["id"]: set(d.get("coref_sentences") or []) for d in docs}
    out: dict[str, list[dict]] = {d["id"]: [] for d in docs}
    for m in mentions:
        if m["doc"] not in out or m["kind"] != "action" or m["sentence"] not in selected[m["doc"]]:
            continue
        gold = m["chain"] or f"single:{m['doc']}/{m['m_id']}"
        out[m["doc"]].append({**m, "gold": gold})
    return out


def document_record(result: dict):
    """The record of a document's main event: its lead (opening lines) with the features a stored event
    record carries, placed, dated and tolled by eventsift's first event when it found one. Its family is
    "other": ECB+ is not all political violence, and a document has no single event type."""
    from eventsift.corpus.cluster import record_of
    from eventsift.corpus.features import actor_keys, event_rows, lead_end

    text = result["text"]
    first = (result.get("events") or [{}])[0]
    lead = {"start": 0, "end": lead_end(text), "text": text[:lead_end(text)]}
    pseudo = {"id": "lead", "event_type": "Other", "trigger": lead, "sentence": lead,
              **{k: first[k] for k in ("location", "date", "fatalities", "injured") if first.get(k)}}
    (row,) = event_rows({**result, "events": [pseudo]}, actor_keys(result))
    return record_of(row)


def event_records(result: dict) -> list:
    """The records eventsift stores for the document's events (what the store clusters)."""
    from eventsift.corpus.cluster import record_of
    from eventsift.corpus.features import actor_keys, event_rows

    return [record_of(row) for row in event_rows(result, actor_keys(result))]


def _key(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:16]


def analyses(docs: list[dict], cache: Path = CACHE, progress: bool = False) -> dict[str, dict]:
    """doc id -> eventsift's contract JSON of the text (cached)."""
    from eventsift.model import Document
    from eventsift.pipeline import Pipeline

    cache.mkdir(parents=True, exist_ok=True)
    store = cache / "analyses.jsonl"
    cached: dict[str, dict] = {}
    if store.exists():
        with open(store, encoding="utf-8") as fh:
            for line in fh:
                row = json.loads(line)
                cached[row["key"]] = row["result"]
    todo = [d for d in docs if _key(d["text"]) not in cached]
    if todo:
        pipeline = Pipeline()
        documents = [Document(text=d["text"], id=d["id"], source={"url": d.get("url")} if d.get("url") else {})
                     for d in todo]
        with open(store, "a", encoding="utf-8") as fh:
            for n, result in enumerate(pipeline.analyze_many(documents), 1):
                data = result.to_dict()
                key = _key(data["text"])
                cached[key] = data
                fh.write(json.dumps({"key": key, "result": data}, ensure_ascii=False) + "\n")
                if progress and n % 50 == 0:
                    print(f"  analysed {n}/{len(todo)}", file=sys.stderr, flush=True)
    out = {}
    for d in docs:
        result = dict(cached[_key(d["text"])])
        result["id"] = d["id"]
        out[d["id"]] = result
    return out


def main() -> None:
    docs = load_docs()
    results = analyses(docs, progress=True)
    unread = sorted({d["topic"] for d in docs if is_unread(d["topic"])}, key=int)
    n_events = sum(len(r.get("events", [])) for r in results.values())
    print(f"{len(docs)} documents, {len(results)} analysed, {n_events} events; unread topics: {', '.join(unread)}")


if __name__ == "__main__":
    main()
