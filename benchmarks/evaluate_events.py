"""Evaluate the event layer on real, independently annotated text (``../shared/data``).

Three sources, each skipped cleanly when absent:

* ``acled-dev`` -- real ACLED notes (``eventsift.train.acled``): the main event of each note against ACLED's
  event type, sub-type, fatalities, country, admin1 and date (``acled_notes.py``). ``unread`` is the fifth of
  the country-months never read nor tuned on; ``dev`` the rest, read for errors (its type figures are
  in-sample for the shipped event-type model, whose cross-validated and leave-one-country-out figures
  come from its training report, ``resources/event_types.json``, printed beside them).
* ``india-police-events`` -- real Times of India articles: sentence-level KILL (did police kill someone?),
  precision, recall and F1 (``india_police.py``).
* ``plover`` -- PLOVER gold records: event category mapped to ACLED types, source/target overlap with
  actor1/actor2, and silence on categories with no ACLED counterpart.

With ``--actors``, the main event's roles are also scored in ACLED's terms (issue 20, ``acled_actors.py``):
category and ACLED-style name of actor1 and actor2, and no actor2 where ACLED has none, on each part
scored, with the role model's cross-validated and leave-one-country-out figures beside them
(``resources/actor_roles.json``).

Run: ``PYTHONPATH=src python benchmarks/evaluate_events.py [--acled unread|dev|both|none]
[--india-every N] [--no-plover] [--plover-half a|b|all] [--json] [--errors FIELD] [--actors]``.
The team-written notes in ``tests/data/event_reports_*.jsonl`` are unit-test fixtures
(``tests/test_events_fixtures.py``); no quality figure is quoted from them.
"""
from __future__ import annotations

import argparse
import json
import re
import sys
import time
import unicodedata
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PLOVER = ROOT.parent / "shared" / "data" / "plover" / "PLOVER_GSR_CAMEO.txt"

#: Targets of the events issue, printed beside the measured figures.
TARGETS = {"event_type": 0.92, "sub_event_type": 0.85, "fatalities": 0.95, "fatalities_where_killed": 0.85,
           "country": 0.97, "admin1": 0.85, "date_where_named": 0.97}
#: Targets of the actors issue (20).
ACTOR_TARGETS = {"actor1_category": 0.90, "actor2_category": 0.85, "actor1_name": 0.75, "actor2_name": 0.70,
                 "no_actor2_when_none": 0.85}

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


def score_acled(part: str, show_errors: str | None = None, actors: dict | None = None) -> dict | None:
    """Field accuracy of the main events of one part (``unread`` or ``dev``) of acled-dev; with ``actors`` (a
    dict), the roles' scores in ACLED's terms are put there under the part's name."""
    from eventsift.train import acled

    import acled_notes

    if not (acled.acled_dir() / "notes.csv").exists():
        return None
    notes = acled.read_notes()
    notes = acled.unread(notes) if part == "unread" else acled.development(notes)
    start = time.perf_counter()
    results = acled.analyse_notes(notes)
    scores = acled_notes.score(notes, results, plain)
    if actors is not None:
        import acled_actors

        actors[part] = acled_actors.score(notes, results)
        if show_errors in ("actor1", "actor2") and part == "dev":  # never the unread part
            for line in acled_actors.errors(notes, results, int(show_errors[-1])):
                print(line, file=sys.stderr)
    scores["seconds"] = round(time.perf_counter() - start, 1)
    if show_errors and part == "dev":  # the unread part is never read for errors
        for line in acled_notes.errors(notes, results, show_errors, plain):
            print(line, file=sys.stderr)
    if part == "unread":
        table = acled_notes.confusion(notes, results, "event_type")
        scores["confusion_event_type"] = {gold: dict(row.most_common()) for gold, row in sorted(table.items())}
    return scores


def model_report() -> dict | None:
    """The event-type model's cross-validated and leave-one-country-out figures (its training report)."""
    import acled_notes

    found = acled_notes.training_report("event_types.json")
    if found is None:
        return None
    report, figures = found
    figures["per_country"] = {k: {"sub_event_type": v["sub_event_type"], "event_type": v["event_type"]}
                              for k, v in figures["per_country"].items()}
    return {**figures, "rules_alone": report["rules"]}


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


def _role_hits(role, golds: list[str]) -> bool:
    if role is None or role.span is None:
        return False
    text = role.span.text.lower()
    return any(g.lower() in text or text in g.lower() for g in golds)


def plover_half(records: list[dict], half: str) -> list[dict]:
    """A fixed split of the PLOVER records: ``a`` = even positions (tuned on), ``b`` = odd (only scored)."""
    if half == "all":
        return records
    return records[0 if half == "a" else 1::2]


def score_plover(half: str = "all") -> dict | None:
    if not PLOVER.exists():
        return None
    from eventsift.model import Document
    from eventsift.pipeline import Pipeline

    records = plover_half(plover_records(), half)
    results = list(Pipeline().analyze_many([Document(text=r["text"]) for r in records]))
    typed = type_ok = sub_ok = silent = silent_ok = src = src_ok = tgt = tgt_ok = 0
    for record, result in zip(records, results):
        gold = plover_gold(record)
        events = result.events
        if gold is not None:
            typed += 1
            if events:
                type_ok += any(e.event_type == gold[0] for e in events)
                sub_ok += any(e.sub_event_type == gold[1] for e in events)
                first = next((e for e in events if e.event_type == gold[0]), events[0])
                sources, targets = _actor_texts(record.get("source")), _actor_texts(record.get("target"))
                if sources:
                    src += 1
                    src_ok += _role_hits(first.actor1, sources)
                if targets:
                    tgt += 1
                    tgt_ok += _role_hits(first.actor2, targets)
        elif record["event"] in SILENT:
            silent += 1
            silent_ok += not [e for e in events if e.event_type in VIOLENT_TYPES]
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
    parser.add_argument("--acled", default="both", choices=("unread", "dev", "both", "none"),
                        help="which part of acled-dev to score (default both)")
    parser.add_argument("--india-every", type=int, default=1,
                        help="score every N-th IndiaPoliceEvents article (0: skip; default 1, all)")
    parser.add_argument("--no-plover", action="store_true", help="skip PLOVER")
    parser.add_argument("--plover-half", default="all", choices=("a", "b", "all"),
                        help="PLOVER records at even (a, tuned on) or odd (b, only scored) positions, or all")
    parser.add_argument("--errors", metavar="FIELD", default=None,
                        help="print wrong values of FIELD (event_type, sub_event_type, fatalities, country, admin1, "
                             "date; actor1, actor2 with --actors) on the dev part to stderr")
    parser.add_argument("--actors", action="store_true",
                        help="also score the main event's roles in ACLED's terms (category, ACLED name)")
    args = parser.parse_args(argv)
    sys.path.insert(0, str(ROOT / "benchmarks"))
    metrics: dict = {"targets": TARGETS}
    actors = {} if args.actors else None
    if args.acled in ("unread", "both"):
        metrics["acled_unread"] = score_acled("unread", actors=actors)
    if args.acled in ("dev", "both"):
        metrics["acled_dev"] = score_acled("dev", args.errors, actors)
    if args.acled != "none":
        metrics["event_type_model"] = model_report()
    if actors is not None and args.acled != "none":
        import acled_actors

        metrics["actors"] = {"targets": ACTOR_TARGETS, **{f"acled_{k}": v for k, v in actors.items()},
                             "model": acled_actors.model_report()}
    if args.india_every:
        import india_police

        metrics["india_police_kill"] = india_police.evaluate(args.india_every)
    if not args.no_plover:
        metrics["plover"] = score_plover(args.plover_half)
    if args.json:
        print(json.dumps(metrics, indent=2))
    else:
        for name, scores in metrics.items():
            if scores is None:
                print(f"{name}: data not present")
            elif name == "actors":
                for part, figures in scores.items():
                    if part.startswith("acled"):
                        print(f"actors {part}: " + ", ".join(
                            f"{k}={v}" + (f" (target {ACTOR_TARGETS[k]})" if k in ACTOR_TARGETS else "")
                            for k, v in (figures or {}).items()))
                model = scores.get("model") or {}
                print(f"actors model ({model.get('setting')}): CV {json.dumps(model.get('cv'))}, "
                      f"leave-one-country-out {json.dumps(model.get('leave_one_country_out'))}")
            elif name.startswith("acled"):
                print(f"{name}: " + ", ".join(
                    f"{k}={v}" + (f" (target {TARGETS[k]})" if k in TARGETS else "")
                    for k, v in scores.items() if not k.startswith("confusion")))
            else:
                print(f"{name}: {json.dumps(scores)}")
    return metrics


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT / "src"))
    main()
