"""Evaluate event records: per-field accuracy against known answers.

Two gold sources:

* ``benchmarks/data/event_reports_{dev,heldout}.jsonl`` -- short conflict-monitoring notes written by
  the eventsift team, each with the ACLED event type, sub-event type, fatalities, country (ISO3),
  admin1 (alternative spellings separated by ``|``) and date. ``heldout`` was written before any
  tuning and is not used to tune rules.
* ``../shared/data/plover`` -- PLOVER gold records (event category, source and target actors). PLOVER
  categories that have an ACLED counterpart are mapped (``PLOVER_TO_ACLED``) and scored on event type;
  roles are scored by overlap of the gold source/target text with actor1/actor2; records whose
  category has no ACLED counterpart (DEMAND, REJECT, ...) score whether we (rightly) stay silent.

The primary event of a note is the first event found in it. Run:
``PYTHONPATH=src python benchmarks/evaluate_events.py [--json] [--split dev|dev4|heldout|heldout2|heldout3|heldout3a|heldout3b|all]
[--plover-half a|b|all] [--limit N] [--errors]``. ``heldout2`` is a second held-out set written before the
second round of rules (read for errors from the third round on); ``heldout3`` is a third, written blind to the
code in the third round to look like a random sample of real notes: its even lines (``heldout3a``) may be read
for errors, its odd lines (``heldout3b``) are only ever scored; ``dev4`` is a development set written in the third
round by a helper who had not seen the code; PLOVER half ``a`` (even positions) is the one rules may be tuned on, ``b`` is only scored
(``--errors`` prints PLOVER mistakes for half ``a`` only).
"""
from __future__ import annotations

import argparse
import hashlib
import json
import re
import sys
import time
import unicodedata
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "benchmarks" / "data"
PLOVER = ROOT.parent / "shared" / "data" / "plover" / "PLOVER_GSR_CAMEO.txt"
FIELDS = ("event_type", "sub_event_type", "fatalities", "country", "admin1", "date")

#: PLOVER category (and mode) -> ACLED (event type, sub-event type); None: no ACLED event.
PLOVER_TO_ACLED = {
    ("ASSAULT", "explosives"): ("Explosions/Remote violence", "Remote explosive/landmine/IED"),
    ("ASSAULT", "suicide-attack"): ("Explosions/Remote violence", "Suicide bomb"),
    ("ASSAULT", "sexual"): ("Violence against civilians", "Sexual violence"),
    ("ASSAULT", "*"): ("Violence against civilians", "Attack"),
    ("FIGHT", "heavy-weapons"): ("Explosions/Remote violence", "Shelling/artillery/missile attack"),
    ("FIGHT", "explosives"): ("Explosions/Remote violence", "Remote explosive/landmine/IED"),
    ("FIGHT", "*"): ("Battles", "Armed clash"),
    ("PROTEST", "riot"): ("Riots", "Violent demonstration"),
    ("PROTEST", "riot-spon"): ("Riots", "Violent demonstration"),
    ("PROTEST", "*"): ("Protests", "Peaceful protest"),
    ("COERCE", "arrest"): ("Strategic developments", "Arrests"),
    ("COERCE", "detain"): ("Strategic developments", "Arrests"),
    ("COERCE", "destroy"): ("Strategic developments", "Looting/property destruction"),
    ("AGREE", "*"): ("Strategic developments", "Agreement"),
    ("MOBILIZE", "*"): ("Strategic developments", "Change to group/activity"),
}
SILENT = {"DEMAND", "REJECT", "DISAPPROVE", "SUPPORT", "CONCEDE", "AID", "INVESTIGATE", "CONSULT", "COOPERATE",
          "SANCTION", "RETREAT"}
VIOLENT_TYPES = {"Battles", "Explosions/Remote violence", "Violence against civilians", "Riots"}


def plain(name: str | None) -> str:
    """Compare admin1 names loosely: accents, case, 'province'/'state'... and 'al-' folded away."""
    if not name:
        return ""
    s = unicodedata.normalize("NFKD", name)
    s = "".join(c for c in s if not unicodedata.combining(c)).lower()
    s = re.sub(r"[-'`’]", " ", s)
    s = re.sub(r"\b(province|state|region|governorate|oblast|department|district|city|prefecture|muhafazat)\b", " ", s)
    s = re.sub(r"^\s*(al|ar|as|an|ad|ash)\s+", " ", s)
    return re.sub(r"\s+", "", s)


SPLITS = {"dev": ["dev"], "dev4": ["dev4"], "heldout": ["heldout"], "heldout2": ["heldout2"], "heldout3": ["heldout3"],
          "heldout3a": ["heldout3"], "heldout3b": ["heldout3"], "all": ["dev", "heldout"]}


def load_reports(split: str) -> list[dict]:
    """The notes of ``split``; ``heldout3a``/``heldout3b`` are the even/odd lines of the third held-out set
    (``a`` may be read for errors, ``b`` is only scored)."""
    rows = []
    for name in SPLITS[split]:
        path = DATA / f"event_reports_{name}.jsonl"
        rows += [dict(json.loads(line), split=name) for line in path.read_text(encoding="utf-8").splitlines()
                 if line.strip()]
    if split.startswith("heldout3") and split != "heldout3":
        rows = rows[0 if split.endswith("a") else 1::2]
    return rows


def parse_cached(nlp, texts: list[str]):
    """spaCy docs for ``texts``, cached on disk under /tmp so re-runs skip the parse."""
    from spacy.tokens import DocBin

    key = hashlib.sha256(("\x00".join(texts) + nlp.meta.get("name", "") + str(nlp.pipe_names)).encode()).hexdigest()[:16]
    cache = Path("/tmp") / f"eventsift_events_{key}.spacy"
    if cache.exists():
        return list(DocBin().from_disk(cache).get_docs(nlp.vocab)), 0.0
    start = time.perf_counter()
    docs = list(nlp.pipe(texts, batch_size=32))
    elapsed = time.perf_counter() - start
    DocBin(store_user_data=True, docs=docs).to_disk(cache)
    return docs, elapsed


def analyse(texts: list[str], published: list[str | None] | None = None):
    """(results, parse seconds, stage seconds) for ``texts``."""
    from eventsift.model import Document
    from eventsift.pipeline import Pipeline

    pipeline = Pipeline()
    docs, parse_seconds = parse_cached(pipeline.nlp, texts)
    results = []
    start = time.perf_counter()
    for i, (text, doc) in enumerate(zip(texts, docs)):
        document = Document(text=text, published=(published or [None] * len(texts))[i])
        results.append(pipeline.run_stages(document, doc).to_dict())
    return results, parse_seconds, time.perf_counter() - start


def predicted(result: dict) -> dict:
    events = result["events"]
    if not events:
        return {f: None for f in FIELDS}
    e = events[0]
    loc = e.get("location") or {}
    return {
        "event_type": e["event_type"],
        "sub_event_type": e["sub_event_type"],
        "fatalities": (e.get("fatalities") or {}).get("best", 0),
        "country": loc.get("country_iso3"),
        "admin1": loc.get("admin1"),
        "date": (e.get("date") or {}).get("value"),
    }


def field_ok(name: str, gold: dict, pred: dict) -> bool:
    if name == "admin1":
        return plain(pred["admin1"]) in {plain(a) for a in gold["admin1"].split("|")}
    return pred[name] == gold[name]


def score_reports(split: str, limit: int | None = None, show_errors: bool = False) -> dict:
    rows = load_reports(split)[:limit]
    results, _, _ = analyse([r["text"] for r in rows])
    correct = {f: 0 for f in FIELDS}
    killed = killed_ok = 0
    extra = 0
    for row, result in zip(rows, results):
        pred = predicted(result)
        extra += max(0, len(result["events"]) - 1)
        for f in FIELDS:
            ok = field_ok(f, row, pred)
            correct[f] += ok
            if not ok and show_errors:
                print(f"[{f}] gold={row[f]!r} pred={pred[f]!r} :: {row['text'][:150]}", file=sys.stderr)
        if row["fatalities"] > 0:
            killed += 1
            killed_ok += field_ok("fatalities", row, pred)
    n = len(rows)
    scores = {f: round(correct[f] / n, 3) for f in FIELDS}
    scores["fatalities_where_killed"] = round(killed_ok / killed, 3) if killed else None
    scores["extra_events_per_note"] = round(extra / n, 3)
    scores["n"] = n
    return scores


def plover_records() -> list[dict]:
    data = json.loads(PLOVER.read_text(encoding="utf-8"))
    return [r for r in data if r.get("text") and r["event"] != "DOCUMENT"]


def plover_gold(record: dict):
    event, mode = record["event"], record.get("mode") or ""
    return PLOVER_TO_ACLED.get((event, mode)) or PLOVER_TO_ACLED.get((event, "*"))


def _actor_texts(value) -> list[str]:
    if not value or isinstance(value, str):
        return []
    return [a["actorText"] for a in value if a.get("actorText")]


def _role_hits(role: dict | None, golds: list[str]) -> bool:
    if not role or not role.get("span"):
        return False
    text = role["span"]["text"].lower()
    return any(g.lower() in text or text in g.lower() for g in golds)


def plover_half(records: list[dict], half: str) -> list[dict]:
    """A fixed split of the PLOVER records: ``a`` = even positions (tuned on), ``b`` = odd (only scored)."""
    if half == "all":
        return records
    return records[0 if half == "a" else 1::2]


def score_plover(limit: int | None = None, half: str = "all", show_errors: bool = False) -> dict | None:
    if not PLOVER.exists():
        return None
    records = plover_half(plover_records(), half)[:limit]
    results, _, _ = analyse([r["text"] for r in records])
    typed = type_ok = sub_ok = 0
    silent = silent_ok = 0
    src = src_ok = tgt = tgt_ok = 0
    for record, result in zip(records, results):
        gold = plover_gold(record)
        events = result["events"]
        if gold is not None:
            typed += 1
            if show_errors and not any(e["sub_event_type"] == gold[1] for e in events):
                got = [(e["event_type"], e["sub_event_type"]) for e in events]
                print(f"[plover type] gold={gold} pred={got} :: {record['text'][:200]}", file=sys.stderr)
            if events:
                type_ok += any(e["event_type"] == gold[0] for e in events)
                sub_ok += any(e["sub_event_type"] == gold[1] for e in events)
                first = next((e for e in events if e["event_type"] == gold[0]), events[0])
                sources, targets = _actor_texts(record.get("source")), _actor_texts(record.get("target"))
                if sources:
                    src += 1
                    src_ok += _role_hits(first.get("actor1"), sources)
                if targets:
                    tgt += 1
                    tgt_ok += _role_hits(first.get("actor2"), targets)
                if show_errors and (sources and not _role_hits(first.get("actor1"), sources) or
                                    targets and not _role_hits(first.get("actor2"), targets)):
                    a1 = (first.get("actor1") or {}).get("span") or {}
                    a2 = (first.get("actor2") or {}).get("span") or {}
                    print(f"[plover roles] gold={sources}->{targets} pred={a1.get('text')!r}->{a2.get('text')!r}"
                          f" :: {record['text'][:200]}", file=sys.stderr)
        elif record["event"] in SILENT:
            silent += 1
            violent = [e["sub_event_type"] for e in events if e["event_type"] in VIOLENT_TYPES]
            silent_ok += not violent
            if show_errors and violent:
                print(f"[plover silent] {record['event']} pred={violent} :: {record['text'][:200]}", file=sys.stderr)
    return {
        "mapped_records": typed,
        "event_type": round(type_ok / typed, 3) if typed else None,
        "sub_event_type": round(sub_ok / typed, 3) if typed else None,
        "actor1_source": round(src_ok / src, 3) if src else None,
        "actor2_target": round(tgt_ok / tgt, 3) if tgt else None,
        "no_violent_event_when_none": round(silent_ok / silent, 3) if silent else None,
        "silent_records": silent,
        "half": half,
    }


def main(argv: list[str] | None = None) -> dict:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", action="store_true", help="print the metrics as JSON")
    parser.add_argument("--split", default="all", choices=tuple(SPLITS))
    parser.add_argument("--limit", type=int, default=None, help="score only the first N records of each set")
    parser.add_argument("--errors", action="store_true", help="print every wrong field to stderr")
    parser.add_argument("--plover-half", default="all", choices=("a", "b", "all"),
                        help="PLOVER records at even (a, tuned on) or odd (b, only scored) positions, or all")
    args = parser.parse_args(argv)
    metrics = {"reports": score_reports(args.split, args.limit, args.errors),
               "plover": score_plover(args.limit, args.plover_half, args.errors and args.plover_half == "a")}
    if args.split == "all":
        metrics["reports_heldout"] = score_reports("heldout", args.limit)
        metrics["reports_heldout2"] = score_reports("heldout2", args.limit)
        metrics["reports_dev4"] = score_reports("dev4", args.limit)
        metrics["reports_heldout3a"] = score_reports("heldout3a", args.limit)
        metrics["reports_heldout3b"] = score_reports("heldout3b", args.limit)
    if args.json:
        print(json.dumps(metrics, indent=2))
    else:
        for name, scores in metrics.items():
            if scores is None:
                print(f"{name}: data not present")
                continue
            print(f"{name}: " + ", ".join(f"{k}={v}" for k, v in scores.items()))
    return metrics


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT / "src"))
    main()
