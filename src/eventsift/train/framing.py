"""Train the framing models on PTC train and write them to ``resources/`` (``make train-framing``).

Two models: the token CRF that finds spans, and the span classifier that names their technique
(a logistic regression from scikit-learn on the gold spans, exported as plain arrays).
Reproducible: the split is fixed (``ptc.split``), CRFsuite's L-BFGS and scikit-learn's lbfgs are
deterministic, and every decoding setting is chosen on a fixed part of the training articles
(every 10th of them), never on the validation articles. Run as ``python -m eventsift.train.framing``.
"""
from __future__ import annotations

import argparse
import itertools
import json
import time
from pathlib import Path

from ..model import TECHNIQUES
from ..stages import framing_classifier as fc
from ..stages import framing_model as fm
from . import ptc

RESOURCES = Path(__file__).resolve().parent.parent / "resources"
THRESHOLDS = [0.15, 0.2, 0.25, 0.3, 0.35, 0.4]
#: First-pass runs of one sentence at most this many tokens apart are joined.
GAPS = [0, 2, 5]
TECHNIQUE_THRESHOLDS = [0.1, 0.15, 0.2, 0.3, None]
#: Weight of the span classifier against the CRF's own technique shares, and the runner-up's floor.
CLASSIFIER_WEIGHTS = [0.0, 0.5, 0.7, 0.85, 1.0]
SECOND_TECHNIQUE = [None, 0.25, 0.3, 0.4]
CLASSIFIER_C = 1.0
AUGMENT = False
#: Techniques whose F1 on the tuning part stays under this are flagged experimental (low confidence).
EXPERIMENTAL_F1 = 0.12
PARAMS = {"c1": 1.0, "c2": 0.01, "max_iterations": 120, "feature.minfreq": 3,
          "feature.possible_transitions": True}


def token_labels(doc, spans: list[tuple[str, int, int]]) -> list[str]:
    """Each token's label: the technique of the shortest gold span that covers it, else ``O``."""
    labels = []
    ordered = sorted(spans, key=lambda s: s[2] - s[1])
    for tok in doc:
        start, end = tok.idx, tok.idx + len(tok.text)
        label = fm.OUTSIDE
        if not tok.is_space:
            for tech, s, e in ordered:
                if s <= start and end <= e + 1 and start < e:
                    label = tech
                    break
        labels.append(label)
    return labels


def train(docs, articles, out: Path, params: dict | None = None, verbose: bool = False) -> None:
    import pycrfsuite

    trainer = pycrfsuite.Trainer(verbose=verbose)
    for doc, art in zip(docs, articles):
        trainer.append(fm.token_features(doc), token_labels(doc, art.spans))
    trainer.set_params({**PARAMS, **(params or {})})
    trainer.train(str(out))


def _spans(doc, tagged) -> list[tuple[str, int, int]]:
    return [(t.technique, doc[t.start].idx, doc[t.end - 1].idx + len(doc[t.end - 1].text)) for t in tagged]


def gold_span_samples(docs, articles) -> tuple[list[dict], list[str]]:
    """Span-classifier features and technique of every gold span (one sample per span and technique)."""
    X, y = [], []
    for doc, art in zip(docs, articles):
        info = fc.DocInfo(doc, art.text)
        for tech, start, end in art.spans:
            span = doc.char_span(start, end, alignment_mode="expand")
            if span is None or not len(span):
                continue
            # The CRF's spans rarely match gold exactly: also learn from the span a token shorter
            # at either end, so the classifier sees spans like those it will be given.
            variants = [(span.start, span.end)]
            if AUGMENT and len(span) >= 3:
                variants += [(span.start + 1, span.end), (span.start, span.end - 1)]
            for a, b in variants:
                X.append(fc.span_features(info, a, b))
                y.append(tech)
    return X, y


def train_classifier(docs, articles, out: Path | None = None):
    """A multinomial logistic regression on the gold spans, as (vocabulary, coef, intercept, classes)."""
    import numpy as np
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    X, y = gold_span_samples(docs, articles)
    vec = DictVectorizer(dtype=np.float64)
    matrix = vec.fit_transform(X)
    lr = LogisticRegression(C=CLASSIFIER_C, max_iter=2000).fit(matrix, y)
    names = vec.get_feature_names_out()
    vocab = {str(w): i for i, w in enumerate(names)}
    coef, intercept, classes = lr.coef_.astype(np.float32), lr.intercept_.astype(np.float32), list(lr.classes_)
    if out is not None:
        np.savez_compressed(out, vocab=np.array(names, dtype=str), coef=coef, intercept=intercept,
                            classes=np.array(classes, dtype=str))
    return vocab, coef.astype(np.float64), intercept.astype(np.float64), classes


def choose_thresholds(model: Path, docs, articles, classifier=None) -> tuple[dict, dict, ptc.Spans]:
    """The decoding settings with the best sum of span F1 and span+technique F1 on ``articles``.

    Settings: the CRF's span and per-technique thresholds and, with a ``classifier``, its weight
    against the CRF's technique shares and the floor for a second technique.
    """
    import pycrfsuite

    tg = pycrfsuite.Tagger()
    tg.open(str(model))
    gold = {a.id: a.spans for a in articles}
    probs = [(doc, art, fm.marginals(tg, fm.token_features(doc)), fc.DocInfo(doc, art.text))
             for doc, art in zip(docs, articles)]
    cache: dict = {}
    table, preds = {}, {}
    weights = CLASSIFIER_WEIGHTS if classifier is not None else [None]
    seconds = SECOND_TECHNIQUE if classifier is not None else [None]
    for th, th2, gap in itertools.product(THRESHOLDS, TECHNIQUE_THRESHOLDS, GAPS):
        decoded = []
        for doc, art, pr, info in probs:
            tagged = fm.decode(doc, pr, th, th2, gap)
            first = [t for t in tagged if t.scores]
            missing = [t for t in first if (art.id, t.start, t.end) not in cache]
            for t, p in zip(missing, fc.probabilities([fc.span_features(info, t.start, t.end) for t in missing],
                                                      classifier) if classifier is not None else []):
                cache[(art.id, t.start, t.end)] = p
            decoded.append((doc, art, tagged, [cache.get((art.id, t.start, t.end)) for t in first]))
        for w in weights:
            for sec in seconds:
                if w is None:
                    pred = {art.id: _spans(doc, tagged) for doc, art, tagged, _ in decoded}
                else:
                    pred = {art.id: _spans(doc, fc.assign(None, tagged, w, sec, probs=cp))
                            for doc, art, tagged, cp in decoded}
                key = (th, th2, gap, w, sec)
                table[key] = (ptc.score(pred, gold).f1, ptc.score(pred, gold, techniques=True).f1)
                preds[key] = pred
    best = max(table, key=lambda k: table[k][0] + table[k][1])
    settings = {"threshold": best[0], "technique_threshold": best[1], "gap": best[2]}
    if classifier is not None:
        settings["classifier"] = {"weight": best[3], "second": best[4]}
    return settings, table, preds[best]


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", help="PTC folder (default ../shared/data/ptc-train)")
    ap.add_argument("--out", default=str(RESOURCES), help="folder for framing_crf.bin and framing_crf.json")
    ap.add_argument("--verbose", action="store_true")
    ap.add_argument("--tune-crf", help="reuse this CRF, trained earlier on the same 9/10 of the training articles, "
                                       "for tuning instead of training it again (a shortcut when only the "
                                       "classifier or decoding changed)")
    ap.add_argument("--keep-crf", action="store_true",
                    help="keep the CRF already in --out instead of retraining it on all training articles")
    args = ap.parse_args(argv)
    t0 = time.time()
    articles = ptc.read_articles(args.data)
    train_arts, valid_arts = ptc.split(articles)
    docs = dict(zip([a.id for a in articles], ptc.parsed(articles)))
    # Threshold on a part of train: every 10th training article (index 4, 14, ...) is held back once.
    fit = [a for i, a in enumerate(train_arts) if i % 10 != 4]
    tune = [a for i, a in enumerate(train_arts) if i % 10 == 4]
    out = Path(args.out)
    tmp = out / (fm.MODEL_FILE + ".tune")
    if args.tune_crf:
        tmp = Path(args.tune_crf)
    else:
        train([docs[a.id] for a in fit], fit, tmp, verbose=args.verbose)
    clf = train_classifier([docs[a.id] for a in fit], fit)
    settings, table, pred = choose_thresholds(tmp, [docs[a.id] for a in tune], tune, clf)
    best = tuple(settings.get(k) for k in ("threshold", "technique_threshold", "gap")) + \
        tuple(settings["classifier"].get(k) for k in ("weight", "second"))
    if not args.tune_crf:
        tmp.unlink()
    gold = {a.id: a.spans for a in tune}
    per_technique = {t: ptc.score(pred, gold, only=t) for t in TECHNIQUES}
    experimental = sorted(t for t, sc in per_technique.items() if sc.f1 < EXPERIMENTAL_F1)
    print(f"settings {settings}: span F1, span+technique F1 on the tuning part "
          f"{table[best]}; experimental: {experimental}")
    train_classifier([docs[a.id] for a in train_arts], train_arts, out / fc.CLASSIFIER_FILE)
    if not args.keep_crf:
        train([docs[a.id] for a in train_arts], train_arts, out / fm.MODEL_FILE, verbose=args.verbose)
    info = {
        "_note": "Linear-chain CRF and span technique classifier (framing_techniques.npz) trained by the "
                 "eventsift team on PTC train (SemEval-2020 Task 11) with `make train-framing`; validation "
                 "articles (every 10th by sorted id) were not used for training or tuning.",
        **settings,
        "experimental": experimental,
        "params": PARAMS,
        "classifier_C": CLASSIFIER_C,
        "train_articles": len(train_arts),
        "validation_articles": len(valid_arts),
        "tuning_articles": len(tune),
        "tuning_per_technique_f1": {t: round(sc.f1, 4) for t, sc in per_technique.items()},
        "tuning": [[*k, round(v[0], 4), round(v[1], 4)] for k, v in table.items()],
    }
    (out / fm.MODEL_INFO).write_text(json.dumps(info, indent=1) + "\n", encoding="utf-8")
    print(f"wrote {out / fm.MODEL_FILE} in {time.time() - t0:.0f}s")


if __name__ == "__main__":
    main()
