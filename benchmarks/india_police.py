"""Sentence-level KILL on IndiaPoliceEvents (Halterman et al., Findings of ACL 2021): did police kill someone?

Each article of ``../shared/data/india-police-events/docs.jsonl`` is analysed whole (with its publication
date from ``doc-dates.jsonl``); each gold sentence is located in the article's text. A sentence is
predicted KILL when an event told in it has someone killed (a toll above 0, or a killing cue) and police
or other state forces as its actor1, or no actor1 while the sentence names the police ("died in police
firing"). Precision, recall and F1 are over sentences, as the corpus' sentence task scores them.
"""
from __future__ import annotations

import json
import re
from pathlib import Path

DATA = Path(__file__).resolve().parents[2] / "shared" / "data" / "india-police-events"
POLICE = re.compile(r"(?i)\b(police|policemen|policeman|cops?|constables?|officers?|security forces|army|troops|"
                    r"jawans?|paramilitary|crpf|rapid action force|raf|srp|bsf)\b")
STATE_KINDS = {"state_forces"}


def read(every: int = 1) -> list[dict]:
    """Articles with their sentences located: ``{"id", "text", "published", "sents": [(start, end, labels)]}``;
    ``every``: keep every n-th article (by file order) for a quicker run."""
    dates = {}
    for line in (DATA / "doc-dates.jsonl").read_text(encoding="utf-8").splitlines():
        row = json.loads(line)
        dates[row["doc_id"]] = row["date"]
    sents: dict[int, list[dict]] = {}
    for line in (DATA / "sents.jsonl").read_text(encoding="utf-8").splitlines():
        row = json.loads(line)
        sents.setdefault(row["doc_id"], []).append(row)
    docs = []
    for k, line in enumerate((DATA / "docs.jsonl").read_text(encoding="utf-8").splitlines()):
        if k % every:
            continue
        row = json.loads(line)
        text, pos, located = row["doc_text"], 0, []
        for s in sorted(sents.get(row["doc_id"], []), key=lambda s: s["sent_id"]):
            start = text.find(s["sent_text"], pos)
            if start < 0:
                continue
            located.append((start, start + len(s["sent_text"]), s["sent_labels"]))
            pos = start + len(s["sent_text"])
        docs.append({"id": row["doc_id"], "text": text, "published": dates.get(row["doc_id"]), "sents": located})
    return docs


def police_kill(result, start: int, end: int, text: str) -> bool:
    """Whether the result tells of police killing someone in ``text[start:end]``."""
    kinds = {a.id: a.kind for a in result.actors}
    for event in result.events:
        where = event.sentence or event.trigger
        if where.end <= start or where.start >= end:
            continue
        killed = (event.fatalities is not None and event.fatalities.best > 0) or \
            re.search(r"(?i)\b(kill|shot dead|died|dead|death)", event.trigger.text)
        if not killed:
            continue
        actor = event.actor1
        if actor is not None and kinds.get(actor.actor_id) in STATE_KINDS:
            return True
        if actor is None or actor.actor_id is None:
            if POLICE.search(text, start, end):
                return True
        elif actor.span is not None and POLICE.search(actor.span.text):
            return True
    return False


def score(docs: list[dict], results, label: str = "KILL") -> dict:
    tp = fp = fn = 0
    for doc, result in zip(docs, results):
        for start, end, labels in doc["sents"]:
            guess = police_kill(result, start, end, doc["text"])
            gold = label in labels
            tp += guess and gold
            fp += guess and not gold
            fn += gold and not guess
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"precision": round(p, 3), "recall": round(r, 3), "f1": round(f, 3), "gold_sentences": tp + fn,
            "articles": len(docs)}


def evaluate(every: int = 1) -> dict | None:
    """Analyse the articles with the default pipeline and score sentence-level KILL (None without the data)."""
    if not (DATA / "docs.jsonl").exists():
        return None
    from eventsift.model import Document
    from eventsift.pipeline import Pipeline

    docs = read(every)
    pipeline = Pipeline()
    results = pipeline.analyze_many([Document(text=d["text"], published=d["published"]) for d in docs])
    return score(docs, list(results))
