"""Train the framing models on PTC train and write them to ``resources/`` (``make train-framing``).

Four models: the technique CRF and the inside/outside CRF that together find spans, the sentence
model that scales the inside probability, and the span classifier that names their technique (the
last two logistic regressions from scikit-learn, exported as plain arrays). Every decoding setting
(the sentence model's exponent, thresholds, run joining, the weight of the inside/outside CRF, the
classifier's weight and training spans, the span shapes) is chosen by 5-fold cross-validation on the
training articles: each fold's articles are decoded with models trained on the other four folds, and
the settings with the best pooled score win. The validation articles are never used.
Reproducible: the split and folds are fixed, CRFsuite's L-BFGS and scikit-learn's lbfgs are
deterministic. Trained CRFs are cached under the system temp folder (keyed by their training
articles, parameters and the feature code), so a rerun only decodes. Run as
``python -m eventsift.train.framing``.
"""
from __future__ import annotations

import argparse
import hashlib
import itertools
import json
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from ..model import TECHNIQUES
from ..stages import framing_classifier as fc
from ..stages import framing_model as fm
from ..stages import framing_sentences as fs
from . import ptc
from .linear import fit_linear

RESOURCES = Path(__file__).resolve().parent.parent / "resources"
FOLDS = 5
THRESHOLDS = [0.15, 0.2, 0.25, 0.3, 0.35]
#: First-pass runs of one sentence at most this many tokens apart are joined.
GAPS = [0, 5]
TECHNIQUE_THRESHOLDS = [0.3, None]
#: Weight of the inside/outside CRF's inside probability against the technique CRF's.
SPAN_WEIGHTS = [0.0, 0.5, 0.75, 1.0]
#: Weight of the span classifier against the CRF's own technique shares, and the runner-up's floor.
CLASSIFIER_WEIGHTS = [0.3, 0.5, 0.7, 0.85, 1.0]
SECOND_TECHNIQUE = [None, 0.3, 0.4, 0.5]
#: Classifier setting used while the span settings are chosen (the second step then tunes it).
DEFAULT_CLASSIFIER = (0.5, 0.4)
CLASSIFIER_C = 1.0
#: L2 strength of the sentence model (0.1 gave the best out-of-fold AUC of 0.1, 0.3 and 1: 0.747).
SENTENCE_C = 0.1
#: Exponents of the sentence model's scaling of the inside probability (0: not used), chosen first.
SENTENCE_WEIGHTS = [0.0, 0.5, 1.0, 1.5]
#: Span settings (inside/outside weight, threshold, technique threshold, gap) at which that exponent is chosen.
DEFAULT_SPAN = (0.5, 0.25, 0.3, 5)
AUGMENT = False
#: A technique whose median gold span covers one of these shares of its sentence or more is a clause
#: technique (its spans grow to their sentence; None: no technique is); one whose median covers
#: ``WORD_SHARE`` or less is a word technique (its long spans may be trimmed).
WHOLE_SENTENCE_SHARES = [None, 0.6, 0.45]
WORD_SHARE = 0.15
#: Word-technique spans longer than ``TRIM_LENGTH`` tokens keep the tokens at or above the threshold (None: no trim).
TRIM_LENGTH = 2
TRIM_THRESHOLDS = [None, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9]
#: Techniques whose cross-validated F1 on train stays under this are flagged experimental (low confidence).
EXPERIMENTAL_F1 = 0.15
PARAMS = {"c1": 1.0, "c2": 0.01, "max_iterations": 120, "feature.minfreq": 3,
          "feature.possible_transitions": True}
#: The inside/outside CRF: weaker L1 (0.3 beat 1.0 by 0.004-0.005 span F1 in 5-fold cross-validation on train).
SPAN_PARAMS = {**PARAMS, "c1": 0.3}
_PARAMS = {"technique": PARAMS, "span": SPAN_PARAMS}


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


def span_labels(doc, spans) -> list[str]:
    """``P`` for tokens inside some gold span, else ``O`` (the inside/outside CRF's labels)."""
    return [fm.OUTSIDE if lab == fm.OUTSIDE else fm.INSIDE for lab in token_labels(doc, spans)]


def train(docs, articles, out: Path, params: dict | None = None, verbose: bool = False,
          labeller=token_labels) -> None:
    import pycrfsuite

    trainer = pycrfsuite.Trainer(verbose=verbose)
    for doc, art in zip(docs, articles):
        trainer.append(fm.token_features(doc), labeller(doc, art.spans))
    trainer.set_params({**PARAMS, **(params or {})})
    trainer.train(str(out))


_DOCS: dict = {}  # article id -> parsed Doc, shared with forked training workers
_LABELLERS = {"technique": token_labels, "span": span_labels}


_DIGESTS: dict = {}  # (kind, article id) -> digest of the article's CRF training data


def _digest(kind: str, art) -> bytes:
    """What a CRF of ``kind`` learns from one article: its token features and labels."""
    key = (kind, art.id)
    if key not in _DIGESTS:
        doc = _DOCS[art.id]
        data = repr((fm.token_features(doc, art.text), _LABELLERS[kind](doc, art.spans)))
        _DIGESTS[key] = hashlib.sha256(data.encode()).digest()
    return _DIGESTS[key]


def _cache_path(kind: str, articles) -> Path:
    """Where the CRF of ``kind`` trained on ``articles`` is cached: keyed by its parameters and by the
    features and labels of every article, so a change to the feature code that changes no feature
    keeps the cache, and any change to a feature (code, lexicon, parse) trains anew."""
    key = hashlib.sha256()
    key.update(kind.encode() + b"\0" + json.dumps(_PARAMS[kind], sort_keys=True).encode() + b"\0")
    for art in articles:
        key.update(art.id.encode() + b"\0" + _digest(kind, art))
    folder = Path(tempfile.gettempdir()) / "eventsift-framing-crf"
    folder.mkdir(parents=True, exist_ok=True)
    return folder / f"{kind}-{key.hexdigest()[:20]}.bin"


def _train_cached(job) -> Path:
    kind, articles, path = job
    if not path.exists():
        tmp = path.with_suffix(".part")
        train([_DOCS[a.id] for a in articles], articles, tmp, params=_PARAMS[kind], labeller=_LABELLERS[kind])
        tmp.replace(path)
    return path


def train_all(jobs: list, workers: int) -> list[Path]:
    """Train (or take from the cache) every (kind, articles) CRF, ``workers`` at a time."""
    jobs = [(kind, arts, _cache_path(kind, arts)) for kind, arts in jobs]
    if workers <= 1:
        return [_train_cached(j) for j in jobs]
    import multiprocessing

    with ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("fork")) as pool:
        return list(pool.map(_train_cached, jobs))


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


def train_classifier(docs, articles, out: Path | None = None, extra: list | None = None):
    """A multinomial logistic regression on the gold spans, as (vocabulary, coef, intercept, classes).

    ``extra``: more (features, labels) sample lists, such as ``predicted_span_samples``.
    """
    X, y = gold_span_samples(docs, articles)
    for more_x, more_y in extra or ():
        X, y = X + more_x, y + more_y
    return fit_linear(X, y, CLASSIFIER_C, out)


def sentence_samples(doc, art) -> tuple[list[dict], list[int]]:
    """Sentence-model features of every sentence of an article, and 1 if a gold span overlaps it."""
    tokens = fm.Tokens(doc, art.text)
    X, y = [], []
    for a, b in fs.sentences(tokens):
        start, end = tokens.idx[a], tokens.end[b - 1]
        X.append(fs.sentence_features(tokens, a, b))
        y.append(int(any(min(end, e) > max(start, s) for _, s, e in art.spans)))
    return X, y


def train_sentence_model(docs, articles, out: Path | None = None):
    """The sentence model (``stages.framing_sentences``) as (vocabulary, coefficients, intercept)."""
    X, y = [], []
    for doc, art in zip(docs, articles):
        more_x, more_y = sentence_samples(doc, art)
        X, y = X + more_x, y + more_y
    vocab, coef, intercept, _ = fit_linear(X, y, SENTENCE_C, out)
    return vocab, coef[0].tolist(), float(intercept[0])


def full_marginals(model: Path, span_model: Path, docs) -> list:
    """Per doc: (label names, token × label matrix of the technique CRF, inside probabilities of the other)."""
    import numpy as np
    import pycrfsuite

    tg, ts = pycrfsuite.Tagger(), pycrfsuite.Tagger()
    tg.open(str(model))
    ts.open(str(span_model))
    labels = list(tg.labels())
    out = []
    for doc in docs:
        feats = fm.token_features(doc)
        tg.set(feats)
        matrix = np.array([[tg.marginal(lab, i) for lab in labels] for i in range(len(feats))], dtype=np.float64)
        out.append((labels, matrix, fm.inside_marginals(ts, feats)))
    return out


def _rows(marg, weight: float, floor: float) -> list[dict[str, float]]:
    """The marginal rows the run-time stage would see (``fm.marginals`` then ``fm.mix_inside``)."""
    labels, matrix, inside = marg
    o = labels.index(fm.OUTSIDE)
    rows = []
    for row, p_span in zip(matrix.tolist(), inside):
        p_in = (1.0 - weight) * (1.0 - row[o]) + weight * p_span
        rows.append(dict(zip(labels, row)) if p_in >= floor else {fm.OUTSIDE: row[o]})
    return fm.mix_inside(rows, inside, weight)


def technique_sizes(docs, articles) -> dict[str, float]:
    """Each technique's median share of its sentence that a gold span covers (Doubt 0.78, Loaded_Language 0.09)."""
    import statistics

    shares: dict[str, list[float]] = {}
    for doc, art in zip(docs, articles):
        info = fc.DocInfo(doc, art.text)
        for tech, start, end in art.spans:
            span = doc.char_span(start, end, alignment_mode="expand")
            if span is not None and len(span):
                size = info.sent_end[span.end - 1] - info.sent_start[span.start]
                shares.setdefault(tech, []).append(len(span) / size)
    return {t: statistics.median(v) for t, v in sorted(shares.items())}


def predicted_span_samples(doc, info, art, tagged) -> tuple[list[dict], list[str]]:
    """Classifier samples from the spans the CRFs proposed for an article they were not trained on:
    each labelled with the technique of the gold span it overlaps most, or ``NO_TECHNIQUE``."""
    X, y = [], []
    for t in tagged:
        if not t.scores:
            continue
        start, end = doc[t.start].idx, doc[t.end - 1].idx + len(doc[t.end - 1].text)
        overlaps = [(min(end, e) - max(start, s), tech) for tech, s, e in art.spans]
        best = max((o for o in overlaps if o[0] > 0), default=None)
        X.append(fc.span_features(info, t.start, t.end))
        y.append(best[1] if best else fc.NO_TECHNIQUE)
    return X, y


def shape_options(sizes: dict[str, float]) -> list[fm.Shape]:
    """Every shape of the grid: clause techniques by each share of ``WHOLE_SENTENCE_SHARES`` (None: none),
    word techniques (median share at most ``WORD_SHARE``) trimmed at each of ``TRIM_THRESHOLDS``."""
    words = frozenset(t for t, m in sizes.items() if m <= WORD_SHARE)
    wholes = [frozenset(t for t, m in sizes.items() if share is not None and m >= share)
              for share in WHOLE_SENTENCE_SHARES]
    return [fm.Shape(w, words, TRIM_LENGTH, th) for w in wholes for th in TRIM_THRESHOLDS]


def choose_settings(oof, articles, fold_of: dict, sizes: dict,
                    sentences: tuple[dict, float] | None = None) -> tuple[dict, dict, ptc.Spans, dict]:
    """The decoding settings with the best sum of span F1 and span+technique F1, pooled over all folds.

    ``oof``: article id -> (doc, DocInfo, marginals from the fold's CRFs); ``sentences``: what
    ``out_of_fold_sentences`` returns (without it the sentence model is left out).
    Four steps: the sentence model's exponent at ``DEFAULT_SPAN``; the span settings (inside/outside
    weight, thresholds, joining) with classifiers trained on gold spans and a default classifier
    setting; then classifiers trained on gold spans and on the spans those settings propose for the
    other folds' articles, and the classifier's weight and runner-up's floor with either; then the shape.
    Returns the settings, the table of scores, the best predictions and every article's proposed-span samples.
    """
    gold = {a.id: a.spans for a in articles}
    folds = sorted(set(fold_of.values()))

    def others(k):  # the articles outside fold k
        return [a for a in articles if fold_of[a.id] != k]

    gold_only = {k: train_classifier([oof[a.id][0] for a in others(k)], others(k)) for k in folds}
    cache: dict = {}

    def decoded(weight, th, th2, gap, classifiers, key):
        out = []
        for art in articles:
            doc, info, _ = oof[art.id]
            marg = margs[art.id]
            rows = _rows(marg, weight, min(t for t in (th, th2) if t is not None))
            tagged = fm.decode(doc, rows, th, th2, gap)
            first = [t for t in tagged if t.scores]
            missing = [t for t in first if (key, art.id, t.start, t.end) not in cache]
            feats = [fc.span_features(info, t.start, t.end) for t in missing]
            for t, p in zip(missing, fc.probabilities(feats, classifiers[fold_of[art.id]]) if feats else []):
                cache[(key, art.id, t.start, t.end)] = p
            out.append((doc, art, tagged, [cache[(key, art.id, t.start, t.end)] for t in first], rows))
        return out

    tables = {a.id: fm.Tokens(oof[a.id][0], a.text) for a in articles}

    def scored(dec, w, sec, shape=fm.Shape()):
        pred = {}
        for doc, art, tagged, cp, rows in dec:
            spans = fc.assign(None, tagged, w, sec, probs=cp)
            pred[art.id] = _spans(doc, fm.reshape(tables[art.id], spans, rows, shape))
        return (ptc.score(pred, gold).f1, ptc.score(pred, gold, techniques=True).f1), pred

    def scaled(exponent):  # every article's marginals with the sentence model's scaling
        if not exponent:
            return {a.id: oof[a.id][2] for a in articles}
        probs, mean = sentences
        out = {}
        for art in articles:
            labels, matrix, inside = oof[art.id][2]
            out[art.id] = (labels, matrix, fs.scale_inside(inside, probs[art.id], mean, exponent))
        return out

    table = {}
    for exponent in SENTENCE_WEIGHTS if sentences else [0.0]:
        margs = scaled(exponent)
        dec = decoded(*DEFAULT_SPAN, gold_only, "gold")
        table[(exponent, *DEFAULT_SPAN, *DEFAULT_CLASSIFIER, "gold", "")] = scored(dec, *DEFAULT_CLASSIFIER)[0]
    exponent = max(table, key=lambda k: sum(table[k]))[0]
    margs = scaled(exponent)
    for weight, th, th2, gap in itertools.product(SPAN_WEIGHTS, THRESHOLDS, TECHNIQUE_THRESHOLDS, GAPS):
        key = (exponent, weight, th, th2, gap, *DEFAULT_CLASSIFIER, "gold", "")
        if key not in table:
            table[key] = scored(decoded(weight, th, th2, gap, gold_only, "gold"), *DEFAULT_CLASSIFIER)[0]
    span_best = max((k for k in table if k[0] == exponent), key=lambda k: sum(table[k]))[1:5]
    samples = {art.id: predicted_span_samples(doc, oof[art.id][1], art, tagged)
               for doc, art, tagged, _, _ in decoded(*span_best, gold_only, "gold")}
    with_proposed = {k: train_classifier([oof[a.id][0] for a in others(k)], others(k),
                                         extra=[samples[a.id] for a in others(k)]) for k in folds}
    preds, decs = {}, {}
    for source, classifiers in (("gold", gold_only), ("gold+proposed", with_proposed)):
        decs[source] = decoded(*span_best, classifiers, source)
        for w, sec in itertools.product(CLASSIFIER_WEIGHTS, SECOND_TECHNIQUE):
            key = (exponent, *span_best, w, sec, source, json.dumps(fm.Shape().as_dict(), sort_keys=True))
            table[key], preds[key] = scored(decs[source], w, sec)
    w, sec, source = max(preds, key=lambda k: sum(table[k]))[5:8]
    for shape in shape_options(sizes):
        key = (exponent, *span_best, w, sec, source, json.dumps(shape.as_dict(), sort_keys=True))
        if key not in table:
            table[key], preds[key] = scored(decs[source], w, sec, shape)
    best = max(preds, key=lambda k: sum(table[k]))
    return settings_of(best), table, preds[best], samples


def out_of_fold_sentences(articles, fold_of: dict) -> tuple[dict, float]:
    """Article id -> each token's sentence probability from a sentence model trained on the other folds,
    and the mean probability of all the articles' sentences."""
    per_article, all_probs = {}, []
    for k in sorted(set(fold_of.values())):
        rest = [a for a in articles if fold_of[a.id] != k]
        model = train_sentence_model([_DOCS[a.id] for a in rest], rest)
        for art in (a for a in articles if fold_of[a.id] == k):
            tokens = fm.Tokens(_DOCS[art.id], art.text)
            per_article[art.id] = probs = fs.token_probabilities(tokens, model)
            all_probs.extend(probs[a] for a, _ in fs.sentences(tokens))
    return per_article, sum(all_probs) / len(all_probs)


def settings_of(key: tuple) -> dict:
    """The decoding settings a row key of the tuning table stands for (without the sentence model's mean)."""
    return {"sentence": {"weight": key[0]}, "span_weight": key[1], "threshold": key[2],
            "technique_threshold": key[3], "gap": key[4],
            "classifier": {"weight": key[5], "second": key[6], "trained_on": key[7]}, "shape": json.loads(key[8])}


def settings_key(settings: dict) -> tuple:
    """The tuning table's row key of ``settings`` (``settings_of`` reversed)."""
    clf = settings["classifier"]
    return (settings["sentence"]["weight"], settings["span_weight"], settings["threshold"],
            settings["technique_threshold"], settings["gap"], clf["weight"], clf["second"], clf["trained_on"],
            json.dumps(settings["shape"], sort_keys=True))


def info_json(info: dict) -> str:
    """The model info as indented JSON with each row of the tuning table on one line (hundreds of rows)."""
    rows = info.get("tuning", [])
    head = json.dumps({**info, "tuning": []}, indent=1)
    body = ",\n".join("  " + json.dumps(row) for row in rows)
    return head.replace('"tuning": []', '"tuning": [\n' + body + "\n ]") + "\n"


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", help="PTC folder (default ../shared/data/ptc-train)")
    ap.add_argument("--out", default=str(RESOURCES), help="folder for the model files")
    ap.add_argument("--workers", type=int, default=2, help="CRFs trained at once (default 2)")
    args = ap.parse_args(argv)
    t0 = time.time()
    articles = ptc.read_articles(args.data)
    train_arts, valid_arts = ptc.split(articles)
    _DOCS.update(zip([a.id for a in train_arts], ptc.parsed(train_arts)))
    fold_of = {a.id: i % FOLDS for i, a in enumerate(train_arts)}
    folds = [[a for a in train_arts if fold_of[a.id] != k] for k in range(FOLDS)]
    jobs = [(kind, arts) for arts in folds + [train_arts] for kind in ("technique", "span")]
    paths = train_all(jobs, args.workers)
    print(f"CRFs ready in {time.time() - t0:.0f}s", flush=True)
    oof = {}
    for k in range(FOLDS):
        held = [a for a in train_arts if fold_of[a.id] == k]
        margs = full_marginals(paths[2 * k], paths[2 * k + 1], [_DOCS[a.id] for a in held])
        for art, marg in zip(held, margs):
            oof[art.id] = (_DOCS[art.id], fc.DocInfo(_DOCS[art.id], art.text), marg)
    print(f"out-of-fold marginals in {time.time() - t0:.0f}s", flush=True)
    sentences = out_of_fold_sentences(train_arts, fold_of)
    mean = sentences[1]
    print(f"out-of-fold sentence probabilities in {time.time() - t0:.0f}s (mean {mean:.4f})", flush=True)
    sizes = technique_sizes([_DOCS[a.id] for a in train_arts], train_arts)
    settings, table, pred, samples = choose_settings(oof, train_arts, fold_of, sizes, sentences)
    settings["sentence"]["mean"] = round(mean, 6)
    clf = settings["classifier"]
    best = settings_key(settings)
    gold = {a.id: a.spans for a in train_arts}
    per_technique = {t: ptc.score(pred, gold, only=t) for t in TECHNIQUES}
    experimental = sorted(t for t, sc in per_technique.items() if sc.f1 < EXPERIMENTAL_F1)
    print(f"settings {settings}: span F1, span+technique F1 in {FOLDS}-fold cross-validation "
          f"{table[best]}; experimental: {experimental}", flush=True)
    out = Path(args.out)
    extra = list(samples.values()) if clf["trained_on"] == "gold+proposed" else None
    train_classifier([_DOCS[a.id] for a in train_arts], train_arts, out / fc.CLASSIFIER_FILE, extra=extra)
    train_sentence_model([_DOCS[a.id] for a in train_arts], train_arts, out / fs.SENTENCE_FILE)
    for path, name in ((paths[-2], fm.MODEL_FILE), (paths[-1], fm.SPAN_MODEL_FILE)):
        (out / name).write_bytes(path.read_bytes())
    info = {
        "_note": "Technique CRF (framing_crf.bin), inside/outside CRF (framing_span_crf.bin) and span technique "
                 "classifier (framing_techniques.npz) trained by the eventsift team on PTC train (SemEval-2020 "
                 "Task 11) with `make train-framing`; settings chosen by 5-fold cross-validation on the training "
                 "articles; validation articles (every 10th by sorted id) were not used for training or tuning.",
        **settings,
        "experimental": experimental,
        "params": PARAMS,
        "span_params": SPAN_PARAMS,
        "classifier_C": CLASSIFIER_C,
        "sentence_C": SENTENCE_C,
        "sentence_share": {t: round(m, 3) for t, m in sizes.items()},
        "train_articles": len(train_arts),
        "validation_articles": len(valid_arts),
        "folds": FOLDS,
        "cv_span_f1": round(table[best][0], 4),
        "cv_span_technique_f1": round(table[best][1], 4),
        "cv_per_technique": {t: sc.as_dict() for t, sc in per_technique.items()},
        "tuning_columns": ["sentence_weight", "span_weight", "threshold", "technique_threshold", "gap", "classifier_weight",
                           "second", "classifier_trained_on", "shape", "span_f1", "span_technique_f1"],
        "tuning": [[*k, round(v[0], 4), round(v[1], 4)] for k, v in table.items()],
    }
    (out / fm.MODEL_INFO).write_text(info_json(info), encoding="utf-8")
    print(f"wrote the framing models to {out} in {time.time() - t0:.0f}s")


if __name__ == "__main__":
    main()
