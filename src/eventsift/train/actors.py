"""Train the ACLED role model on real notes and write it to ``resources/`` (``make train-actors``).

Only the development part of ``acled-dev`` is read (``eventsift.train.acled``; the unread fifth of
country-months is never touched here). The pipeline runs on every note with the role model off, so the
features are the parse's roles as the stage sees them before it labels them (``stages/actor_model``). Each
note's main event (its first) gives two samples: actor1 labelled with the class of ACLED's actor1
(``knowledge.acled_actors.name_class``: ``Protesters``, ``Military``, ``NAMED:Rebel group``...), actor2 with
the class of ACLED's actor2 or ``NONE``. One logistic regression per side. C is chosen by
leave-one-country-out (the blind sets hold other countries); 5-fold cross-validation over whole
country-months is reported beside it, both scored end to end as the benchmark scores them (category and
ACLED name of each role, ``score``), and written to ``resources/actor_roles.json``. Features seen in fewer
than ``MIN_COUNT`` notes are dropped. Run as ``python -m eventsift.train.actors``.
"""
from __future__ import annotations

import argparse
import json
import os
import time
from collections import Counter
from pathlib import Path

from ..knowledge import acled_actors as K
from ..stages import actor_model
from . import acled
from .linear import fit_linear

RESOURCES = Path(__file__).resolve().parent.parent / "resources"
#: 0.3 and 1.0 were also tried (session 7: leave-one-country-out actor1 name 0.671 and 0.615 against 0.699 at
#: 0.1, the rest alike or lower); the recipe keeps the grid to the chosen value so a rerun takes minutes.
C_GRID = [0.1]
MIN_COUNT = 3


def results_and_docs(notes: list[acled.Note], progress: bool = True):
    """The pipeline's results (role model off) and the parses of the notes."""
    from ..pipeline import Pipeline

    os.environ["EVENTSIFT_ACTOR_MODEL"] = "off"
    pipeline = Pipeline()
    results = acled.analyse_notes(notes, pipeline, progress=progress)
    docs = acled.parse_notes(pipeline.nlp, notes)
    return results, docs


def samples(notes, results, docs) -> list[dict]:
    """One sample per note with an event: its context, both sides' features and gold classes."""
    out = []
    for note, result, doc in zip(notes, results, docs):
        if not result.events:
            continue
        event = result.events[0]
        ctx = actor_model.Context(doc, result.document.text, event, result.actors)
        gold2 = K.name_class(note.actor2, note.country) if note.actor2 else "NONE"
        out.append({"note": note, "ctx": ctx, "iso3": actor_model.event_country(event, result.places),
                    "date": event.date.value if event.date else None,
                    "x1": actor_model.features(ctx, 1), "x2": actor_model.features(ctx, 2),
                    "y1": K.name_class(note.actor1, note.country), "y2": gold2})
    return out


def prune(X: list[dict], least: int = MIN_COUNT) -> list[dict]:
    counts = Counter(k for x in X for k in x)
    return [{k: v for k, v in x.items() if counts[k] >= least} for x in X]


def fit(data: list[dict], C: float, out: Path | None = None) -> dict:
    """Both sides' models on ``data`` (written to ``out`` as one npz when given)."""
    models = {side: fit_linear(prune([d[f"x{side}"] for d in data]), [d[f"y{side}"] for d in data], C)
              for side in (1, 2)}
    if out is not None:
        import numpy as np

        arrays = {}
        for side, (vocab, coef, intercept, classes) in models.items():
            names = sorted(vocab, key=vocab.get)
            arrays.update({f"vocab{side}": np.array(names, dtype=str), f"coef{side}": coef.astype(np.float32),
                           f"intercept{side}": intercept.astype(np.float32),
                           f"classes{side}": np.array([str(c) for c in classes], dtype=str)})
        np.savez_compressed(out, **arrays)
    return models


def predict(data: list[dict], models: dict) -> list[tuple]:
    """(actor1 decision, actor2 decision) per sample, as the stage decides."""
    return [tuple(actor_model.decide_roles(d["ctx"], d["iso3"], d["date"], models)) for d in data]


def score(notes: list[acled.Note], predicted: dict[str, tuple]) -> dict:
    """Role category and ACLED-name accuracy over ``notes`` (``predicted``: note id -> (actor1, actor2)
    as (category, acled_name) or None; a note without an event has neither). Names are compared after
    case/diacritic folding and without period markers, as the issue scores them."""
    ok = Counter()
    n = len(notes)
    with2 = sum(1 for x in notes if x.actor2)
    for note in notes:
        p1, p2 = predicted.get(note.id, (None, None))
        ok["actor1_category"] += p1 is not None and p1[0] == K.category_of(note.actor1, note.country)
        ok["actor1_name"] += p1 is not None and K.comparable(p1[1]) == K.comparable(note.actor1)
        if note.actor2:
            ok["actor2_category"] += p2 is not None and p2[0] == K.category_of(note.actor2, note.country)
            ok["actor2_name"] += p2 is not None and K.comparable(p2[1]) == K.comparable(note.actor2)
        else:
            ok["no_actor2_when_none"] += p2 is None
    out = {k: round(ok[k] / n, 4) for k in ("actor1_category", "actor1_name")}
    out.update({k: round(ok[k] / with2, 4) if with2 else None for k in ("actor2_category", "actor2_name")})
    out["no_actor2_when_none"] = round(ok["no_actor2_when_none"] / (n - with2), 4) if n > with2 else None
    out["notes"], out["with_actor2"] = n, with2
    return out


def as_pair(decision: dict | None):
    if decision is None:
        return None
    return decision["category"], decision["acled_name"]


def _scored(notes, data, preds) -> dict:
    return score(notes, {d["note"].id: (as_pair(a), as_pair(b)) for d, (a, b) in zip(data, preds)})


def out_of_fold(data: list[dict], fold_of: list, C: float) -> list[tuple]:
    preds: list = [None] * len(data)
    for fold in sorted(set(fold_of)):
        train = [d for d, f in zip(data, fold_of) if f != fold]
        test = [i for i, f in enumerate(fold_of) if f == fold]
        models = fit(train, C)
        for i, p in zip(test, predict([data[i] for i in test], models)):
            preds[i] = p
    return preds


def by_country(notes, data, preds) -> dict:
    out: dict = {}
    for country in acled.countries(notes):
        idx = [i for i, d in enumerate(data) if d["note"].iso3 == country]
        out[country] = _scored([x for x in notes if x.iso3 == country], [data[i] for i in idx], [preds[i] for i in idx])
    keys = ("actor1_category", "actor1_name", "actor2_category", "actor2_name", "no_actor2_when_none")
    weights = {"actor2_category": "with_actor2", "actor2_name": "with_actor2"}
    mean = {}
    for key in keys:
        w = weights.get(key, "notes")
        if key == "no_actor2_when_none":
            total = sum(v["notes"] - v["with_actor2"] for v in out.values())
            mean[key] = round(sum((v[key] or 0) * (v["notes"] - v["with_actor2"]) for v in out.values()) / total, 4)
        else:
            total = sum(v[w] for v in out.values())
            mean[key] = round(sum((v[key] or 0) * v[w] for v in out.values()) / total, 4)
    out["mean"] = mean
    return out


def main(argv: list[str] | None = None) -> dict:
    parser = argparse.ArgumentParser(description="Train the ACLED role model on acled-dev's development part.")
    parser.add_argument("--out", type=Path, default=RESOURCES, help="folder to write actor_roles.npz/.json to")
    parser.add_argument("--data", default=None, help="the acled-dev folder (default ../shared/data/acled-dev)")
    args = parser.parse_args(argv)
    notes = acled.development(acled.read_notes(args.data))
    print(f"{len(notes)} development notes; running the pipeline (role model off)", flush=True)
    results, docs = results_and_docs(notes)
    return train(notes, results, docs, args.out)


def train(notes, results, docs, out_dir: Path) -> dict:
    start = time.perf_counter()
    data = samples(notes, results, docs)
    print(f"{len(data)} notes with an event ({time.perf_counter() - start:.0f} s)", flush=True)
    folds = acled.folds([d["note"] for d in data])
    countries = acled.countries(notes)
    country_fold = [countries.index(d["note"].iso3) if d["note"].iso3 in countries else -1 for d in data]
    report: dict = {"notes": len(notes), "samples": len(data), "min_count": MIN_COUNT, "cv": {},
                    "leave_one_country_out": {}}
    best, best_c = -1.0, None
    for C in C_GRID:
        start = time.perf_counter()
        cv = _scored(notes, data, out_of_fold(data, folds, C))
        loco = by_country(notes, data, out_of_fold(data, country_fold, C))
        report["cv"][f"C={C}"], report["leave_one_country_out"][f"C={C}"] = cv, loco
        print(f"C={C}: CV {cv}\n  leave-one-country-out {loco['mean']} ({time.perf_counter() - start:.0f} s)",
              flush=True)
        mean = sum(loco["mean"].values())
        if mean > best:
            best, best_c = mean, C
    report["C"] = best_c
    report["chosen"] = f"C={best_c}"
    out_dir.mkdir(parents=True, exist_ok=True)
    start = time.perf_counter()
    fit(data, best_c, out_dir / "actor_roles.npz")
    report["fit_seconds"] = round(time.perf_counter() - start, 1)
    report["size_bytes"] = (out_dir / "actor_roles.npz").stat().st_size
    (out_dir / "actor_roles.json").write_text(json.dumps(report, indent=1) + "\n", encoding="utf-8")
    print("chosen", report["chosen"], "CV:", report["cv"][report["chosen"]],
          "leave-one-country-out:", report["leave_one_country_out"][report["chosen"]]["mean"])
    return report


if __name__ == "__main__":
    main()
