"""Train the event-type model on real ACLED notes and write it to ``resources/`` (``make train-events``).

Only the development part of ``acled-dev`` is read (``eventsift.train.acled``: whole country-months; the
unread fifth is never touched here). The pipeline runs on every note with the model off, so the
features are the ones the rules and the parse give at run time (``stages/event_model.features``); each
note's first event (or, for a short note without cue events, its fallback candidate) is labelled with the
note's gold sub-event type. The regularisation strength C and the trust setting are chosen by
leave-one-country-out, since the blind sets hold countries we do not have; 5-fold cross-validation over whole
country-months is reported beside it, as are the rules' own figures on the same samples and the confusion
matrix, all written to ``resources/event_types.json``. Features seen in fewer
than ``MIN_COUNT`` training notes are dropped, which keeps the model small. scikit-learn's lbfgs is
deterministic, so a rerun writes the same weights. Run as ``python -m eventsift.train.events``.
"""
from __future__ import annotations

import argparse
import json
import os
import time
from collections import Counter
from pathlib import Path

from ..stages import event_model
from . import acled
from .linear import fit_linear

RESOURCES = Path(__file__).resolve().parent.parent / "resources"
C_GRID = [0.1, 0.3, 1.0]
#: The model overrides the rules only where it is at least this sure (0: always).
TRUST_GRID = [0.0, 0.4, 0.5, 0.6, 0.7, 0.8]
MIN_COUNT = 2


def samples(notes: list[acled.Note], progress: bool = True):
    """(features, gold sub-type, rule sub-type, note, event sentence) for every note whose pipeline run finds an
    event (with a fallback candidate for a short note without cue events)."""
    os.environ["EVENTSIFT_EVENT_MODEL"] = "train"  # the rules alone, and fallback candidates kept
    results = acled.analyse_notes(notes, progress=progress)
    out = []
    for note, result in zip(notes, results):
        if result.events and result.events[0].typing:
            event = result.events[0]
            out.append((event.typing, note.sub_event_type, event.sub_event_type, note, (event.sentence or event.trigger).text))
    return out


def prune(X: list[dict], least: int = MIN_COUNT) -> list[dict]:
    counts = Counter(k for x in X for k in x)
    return [{k: v for k, v in x.items() if counts[k] >= least} for x in X]


def predict(model, X: list[dict]) -> list[dict[str, float]]:
    """Each sample's class probabilities, computed as the stage computes them."""
    return [event_model.class_probabilities(model, x) for x in X]


def out_of_fold(data, fold_of, C: float) -> list[dict[str, float]]:
    """Out-of-fold probabilities: each fold (``fold_of`` per sample) scored by a model trained on the others."""
    probs: list = [None] * len(data)
    for fold in sorted(set(fold_of)):
        train = [i for i, f in enumerate(fold_of) if f != fold]
        test = [i for i, f in enumerate(fold_of) if f == fold]
        model = fit_linear(prune([data[i][0] for i in train]), [data[i][1] for i in train], C)
        for i, p in zip(test, predict(model, [data[i][0] for i in test])):
            probs[i] = p
    return probs


def decisions(data, probs, trust: float) -> list[str]:
    return [event_model.choose(p, d[2], trust) for p, d in zip(probs, data)]


def accuracy(data, preds, total: int) -> dict:
    """Sub-type and type accuracy over ``total`` notes (notes without an event count as wrong)."""
    types = event_model.SUB_EVENT_TYPES
    sub = sum(p == d[1] for p, d in zip(preds, data))
    typ = sum(types.get(p) == types[d[1]] for p, d in zip(preds, data))
    return {"sub_event_type": round(sub / total, 4), "event_type": round(typ / total, 4)}


def confusion(data, preds) -> dict[str, dict[str, int]]:
    table: dict[str, Counter] = {}
    for p, d in zip(preds, data):
        table.setdefault(d[1], Counter())[p] += 1
    return {gold: dict(row.most_common()) for gold, row in sorted(table.items())}


def by_country(data, notes: list[acled.Note], preds: list[str]) -> dict:
    """Accuracy per left-out country (over all its notes) with the rules' figures, and their weighted mean."""
    out: dict = {}
    countries = [d[3].iso3 for d in data]
    for country in acled.countries([d[3] for d in data]):
        test = [i for i, c in enumerate(countries) if c == country]
        n_country = sum(n.iso3 == country for n in notes)
        out[country] = {**accuracy([data[i] for i in test], [preds[i] for i in test], n_country),
                        "rules": accuracy([data[i] for i in test], [data[i][2] for i in test], n_country),
                        "notes": n_country}
    weight = sum(v["notes"] for v in out.values())
    if not weight:
        return {"mean": None}
    mean = {key: round(sum(v[key] * v["notes"] for v in out.values()) / weight, 4)
            for key in ("sub_event_type", "event_type")}
    mean["rules"] = {key: round(sum(v["rules"][key] * v["notes"] for v in out.values()) / weight, 4)
                     for key in ("sub_event_type", "event_type")}
    out["mean"] = mean
    return out


def main(argv: list[str] | None = None) -> dict:
    parser = argparse.ArgumentParser(description="Train the event-type model on acled-dev's development part.")
    parser.add_argument("--out", type=Path, default=RESOURCES, help="folder to write event_types.npz/.json to")
    parser.add_argument("--data", default=None, help="the acled-dev folder (default ../shared/data/acled-dev)")
    parser.add_argument("--accurate", action="store_true",
                        help="train the accurate tier's model (event_types_accurate.*): the same features plus the "
                             "event sentence's MiniLM embedding (needs the accurate extra)")
    args = parser.parse_args(argv)
    notes = acled.development(acled.read_notes(args.data))
    print(f"{len(notes)} development notes; running the pipeline (rules only)", flush=True)
    data = samples(notes)
    name = "event_types_accurate" if args.accurate else "event_types"
    if args.accurate:
        from ..encoder import load

        start = time.perf_counter()
        vectors = load().encode([d[4] for d in data])
        print(f"encoded {len(data)} event sentences in {time.perf_counter() - start:.0f} s", flush=True)
        data = [({**d[0], **event_model.embedding_features(v)},) + d[1:] for d, v in zip(data, vectors)]
    total = len(notes)
    print(f"{len(data)} notes with an event", flush=True)
    report: dict = {"notes": total, "samples": len(data), "min_count": MIN_COUNT,
                    "rules": accuracy(data, [d[2] for d in data], total), "cv": {}}
    folds = acled.folds([d[3] for d in data])
    countries = acled.countries([d[3] for d in data])
    country_fold = [countries.index(d[3].iso3) if d[3].iso3 in countries else -1 for d in data]
    best, best_key = -1.0, None
    report["leave_one_country_out"] = {}
    for C in C_GRID:
        start = time.perf_counter()
        cv_probs = out_of_fold(data, folds, C)
        loco_probs = out_of_fold(data, country_fold, C)  # fold -1 (small countries) is scored too
        for trust in TRUST_GRID:
            key = f"C={C} trust={trust}"
            cv = accuracy(data, decisions(data, cv_probs, trust), total)
            loco = by_country(data, notes, decisions(data, loco_probs, trust))
            report["cv"][key] = cv
            report["leave_one_country_out"][key] = loco
            print(f"{key}: 5-fold CV {cv}, leave-one-country-out {loco['mean']}", flush=True)
            # the blind sets hold countries and months we do not have: choose by leave-one-country-out
            if loco["mean"]["sub_event_type"] > best:
                best, best_key, best_c, best_trust = loco["mean"]["sub_event_type"], key, C, trust
                best_preds = decisions(data, cv_probs, trust)
        print(f"  ({time.perf_counter() - start:.0f} s)", flush=True)
    report["chosen"] = best_key
    report["C"], report["trust"] = best_c, best_trust
    report["confusion_cv"] = confusion(data, best_preds)
    args.out.mkdir(parents=True, exist_ok=True)
    start = time.perf_counter()
    fit_linear(prune([d[0] for d in data]), [d[1] for d in data], best_c, args.out / f"{name}.npz",
               extra={"trust": best_trust})
    report["fit_seconds"] = round(time.perf_counter() - start, 1)
    report["size_bytes"] = (args.out / f"{name}.npz").stat().st_size
    (args.out / f"{name}.json").write_text(json.dumps(report, indent=1) + "\n", encoding="utf-8")
    print(json.dumps({k: report[k] for k in ("notes", "samples", "rules", "chosen", "fit_seconds", "size_bytes")},
                     indent=1))
    print("CV:", report["cv"][best_key], "leave-one-country-out:", report["leave_one_country_out"][best_key]["mean"])
    return report


if __name__ == "__main__":
    main()
