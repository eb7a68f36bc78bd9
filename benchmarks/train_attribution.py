"""Train the attribution cue and content models on PolNeAR train; write resources/attribution_model.json.

Needs the `train` extra (scikit-learn). Models fit on nine tenths of train; the two
thresholds are the ones that give the best end-to-end attribution F1 (tau 0.3) on the
last tenth; then both models are refit on all of train. PolNeAR dev is never
read here, so it stays a fair validation set.

Run: make train-attribution   (or PYTHONPATH=src python benchmarks/train_attribution.py)
"""
from __future__ import annotations

import argparse
import json
import sys
import time
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from polnear import ROOT, parsed  # noqa: E402

from eventsift.stages import attribution_model as am  # noqa: E402
from eventsift.stages.quotes import find_quotes  # noqa: E402

OUT = ROOT / "src" / "eventsift" / "resources" / "attribution_model.json"


def gold_heads(doc, gold) -> dict[int, object]:
    """Token index of each gold cue's syntactic head -> the gold attribution."""
    heads = {}
    for g in gold:
        toks = set()
        for s, e in g.cue:
            span = doc.char_span(s, e, alignment_mode="expand")
            if span is not None:
                toks.update(t.i for t in span)
        if not toks:
            continue
        roots = [i for i in toks if doc[i].head.i not in toks or doc[i].head.i == i]
        roots.sort(key=lambda i: (doc[i].pos_ not in ("VERB", "NOUN", "ADJ", "ADP"), i))
        heads[roots[0]] = g
    return heads


def cue_nouns(arts, docs, at_least: int = 2) -> frozenset[str]:
    """Noun lemmas that head a gold cue at least twice ("statement", "claim")."""
    counts: dict[str, int] = {}
    for art, doc in zip(arts, docs):
        for i in gold_heads(doc, art.gold):
            if doc[i].pos_ in ("NOUN", "PROPN"):
                lemma = doc[i].lemma_.lower()
                counts[lemma] = counts.get(lemma, 0) + 1
    return frozenset(k for k, v in counts.items() if v >= at_least)


def examples(arts, docs, nouns: frozenset[str]):
    cue_x, cue_y, con_x, con_y = [], [], [], []
    for art, doc in zip(arts, docs):
        text = art.text
        mask = am.in_quote_mask(doc, find_quotes(text))
        quoted_sent = am.quote_sentences(doc, mask)
        heads = gold_heads(doc, art.gold)
        for tok in doc:
            if am.is_cue_candidate(tok, nouns):
                cue_x.append(am.cue_features(tok, mask, quoted_sent))
                cue_y.append(tok.i in heads)
        for i, g in heads.items():
            chars = g.content_chars
            for cand in am.content_candidates(doc[i], text):
                body = [k for k in range(cand.start, cand.end) if not text[k].isspace()]
                if not body:
                    continue
                share = sum(k in chars for k in body) / len(body)
                con_x.append(am.content_features(doc[i], cand, text, mask))
                con_y.append(share >= 0.5)
    return cue_x, cue_y, con_x, con_y


def _int32(matrix):
    """liblinear takes only 32-bit sparse indices."""
    matrix.indices = matrix.indices.astype("int32")
    matrix.indptr = matrix.indptr.astype("int32")
    return matrix


def fit(x, y, c: float, penalty: str = "l2"):
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    vec = DictVectorizer()
    matrix = _int32(vec.fit_transform([{f: 1 for f in feats} for feats in x]))
    model = LogisticRegression(C=c, l1_ratio=1.0 if penalty == "l1" else 0.0, max_iter=2000, solver="liblinear")
    model.fit(matrix, y)
    return vec, model


def to_weights(vec, model, prune: float) -> dict[str, float]:
    weights = {name: round(float(w), 4) for name, w in zip(vec.get_feature_names_out(), model.coef_[0])
               if abs(w) >= prune}
    weights["bias"] = round(weights.get("bias", 0.0) + float(model.intercept_[0]), 4)
    return weights


def best_threshold(vec, model, x, y) -> tuple[float, float]:
    probs = model.predict_proba(_int32(vec.transform([{f: 1 for f in feats} for feats in x])))[:, 1]
    best = (0.5, 0.0)
    for t in [i / 20 for i in range(4, 17)]:
        tp = sum(p >= t and g for p, g in zip(probs, y))
        fp = sum(p >= t and not g for p, g in zip(probs, y))
        fn = sum(p < t and g for p, g in zip(probs, y))
        f1 = 2 * tp / (2 * tp + fp + fn) if tp else 0.0
        if f1 > best[1]:
            best = (t, f1)
    return best


def end_to_end_thresholds(weights: dict, nouns, arts, docs) -> tuple[float, float, float]:
    """(cue, content) thresholds with the best attribution F1 (tau 0.3) on held-out articles, and that F1."""
    from evaluate_attribution import Scorer, analyse_articles

    from eventsift.stages.attribution import find_attributions

    analyses = analyse_articles(arts, docs, keep=True)
    best = (0.5, 0.5, -1.0)
    for cue_t in (0.15, 0.2, 0.25, 0.3, 0.35, 0.4, 0.45, 0.5):
        for content_t in (0.3, 0.4, 0.5):
            models = am.Models(am.Linear(weights["cue"], cue_t), am.Linear(weights["content"], content_t), nouns)
            scorer = Scorer()
            for art, analysis in zip(arts, analyses):
                scorer.add(art, find_attributions(analysis, models))
            f1 = scorer.metrics()["tau0.3"]["f1"]
            if f1 > best[2]:
                best = (cue_t, content_t, f1)
    return best


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--c", type=float, default=1.0, help="inverse regularisation strength")
    ap.add_argument("--prune", type=float, default=0.05, help="drop weights smaller than this")
    ap.add_argument("--penalty", default="l1", choices=("l1", "l2"), help="l1 keeps the shipped model small")
    ap.add_argument("--out", default=str(OUT))
    args = ap.parse_args(argv)
    t0 = time.perf_counter()
    arts, docs = parsed("train")
    cut = int(len(arts) * 0.9)
    nouns = cue_nouns(arts, docs)
    fit_part = examples(arts[:cut], docs[:cut], nouns)
    held = examples(arts[cut:], docs[cut:], nouns)
    held_weights = {}
    for name, (xi, yi) in {"cue": (0, 1), "content": (2, 3)}.items():
        vec, model = fit(fit_part[xi], fit_part[yi], args.c, args.penalty)
        threshold, f1 = best_threshold(vec, model, held[xi], held[yi])
        print(f"{name}: held-out example F1 {f1:.3f} at threshold {threshold}")
        held_weights[name] = to_weights(vec, model, args.prune)
    cue_t, content_t, f1 = end_to_end_thresholds(held_weights, nouns, arts[cut:], docs[cut:])
    thresholds = {"cue": cue_t, "content": content_t}
    print(f"held-out attribution F1 (tau 0.3) {f1:.3f} at cue threshold {cue_t}, content threshold {content_t}")
    full = [a + b for a, b in zip(fit_part, held)]
    out = {
        "_provenance": (
            "Logistic regression weights trained by eventsift's benchmarks/train_attribution.py on the PolNeAR v1.0.0 "
            f"train split ({len(arts)} articles; Newell, Margolin & Ruths, LREC 2018). Features from spaCy "
            f"{'en_core_web_sm'} parses. Trained {date.today().isoformat()} with C={args.c}, penalty={args.penalty}, prune={args.prune}."),
        "cue_nouns": sorted(nouns),
    }
    for name, (xi, yi) in {"cue": (0, 1), "content": (2, 3)}.items():
        vec, model = fit(full[xi], full[yi], args.c, args.penalty)
        out[name] = {"threshold": thresholds[name], "examples": len(full[yi]), "positives": int(sum(full[yi])),
                     "weights": to_weights(vec, model, args.prune)}
        print(f"{name}: {len(out[name]['weights'])} weights from {len(full[yi])} examples")
    Path(args.out).write_text(json.dumps(out, ensure_ascii=False, sort_keys=True) + "\n", encoding="utf-8")
    print(f"wrote {args.out} in {time.perf_counter() - t0:.0f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
