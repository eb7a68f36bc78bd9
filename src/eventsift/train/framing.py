"""Train the framing CRF on PTC train and write it to ``resources/`` (``make train-framing``).

Reproducible: the split is fixed (``ptc.split``), CRFsuite's L-BFGS is deterministic, and the
decision threshold is chosen on a fixed part of the training articles (every 10th of them),
never on the validation articles. Run as ``python -m eventsift.train.framing``.
"""
from __future__ import annotations

import argparse
import json
import time
from pathlib import Path

from ..model import TECHNIQUES
from ..stages import framing_model as fm
from . import ptc

RESOURCES = Path(__file__).resolve().parent.parent / "resources"
THRESHOLDS = [0.2, 0.25, 0.3, 0.35, 0.4, 0.45, 0.5]
TECHNIQUE_THRESHOLDS = [0.1, 0.15, 0.2, 0.3, None]
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


def choose_thresholds(model: Path, docs, articles) -> tuple[float, float | None, dict, ptc.Spans]:
    """The (span, technique) thresholds with the best sum of span F1 and span+technique F1."""
    import pycrfsuite

    tg = pycrfsuite.Tagger()
    tg.open(str(model))
    gold = {a.id: a.spans for a in articles}
    probs = [(doc, art, fm.marginals(tg, fm.token_features(doc))) for doc, art in zip(docs, articles)]
    table, preds = {}, {}
    for th in THRESHOLDS:
        for th2 in TECHNIQUE_THRESHOLDS:
            pred = {art.id: _spans(doc, fm.decode(doc, pr, th, th2)) for doc, art, pr in probs}
            table[(th, th2)] = (ptc.score(pred, gold).f1, ptc.score(pred, gold, techniques=True).f1)
            preds[(th, th2)] = pred
    best = max(table, key=lambda k: table[k][0] + table[k][1])
    return best[0], best[1], table, preds[best]


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", help="PTC folder (default ../shared/data/ptc-train)")
    ap.add_argument("--out", default=str(RESOURCES), help="folder for framing_crf.bin and framing_crf.json")
    ap.add_argument("--verbose", action="store_true")
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
    train([docs[a.id] for a in fit], fit, tmp, verbose=args.verbose)
    threshold, technique_threshold, table, pred = choose_thresholds(tmp, [docs[a.id] for a in tune], tune)
    tmp.unlink()
    gold = {a.id: a.spans for a in tune}
    per_technique = {t: ptc.score(pred, gold, only=t) for t in TECHNIQUES}
    experimental = sorted(t for t, sc in per_technique.items() if sc.f1 < EXPERIMENTAL_F1)
    print(f"thresholds {threshold}, {technique_threshold}: span F1, span+technique F1 on the tuning part "
          f"{table[(threshold, technique_threshold)]}; experimental: {experimental}")
    train([docs[a.id] for a in train_arts], train_arts, out / fm.MODEL_FILE, verbose=args.verbose)
    info = {
        "_note": "Linear-chain CRF trained by the eventsift team on PTC train (SemEval-2020 Task 11) with "
                 "`make train-framing`; validation articles (every 10th by sorted id) were not used.",
        "threshold": threshold,
        "technique_threshold": technique_threshold,
        "experimental": experimental,
        "params": PARAMS,
        "train_articles": len(train_arts),
        "validation_articles": len(valid_arts),
        "tuning_articles": len(tune),
        "tuning_per_technique_f1": {t: round(sc.f1, 4) for t, sc in per_technique.items()},
        "tuning": [[k[0], k[1], round(v[0], 4), round(v[1], 4)] for k, v in table.items()],
    }
    (out / fm.MODEL_INFO).write_text(json.dumps(info, indent=1) + "\n", encoding="utf-8")
    print(f"wrote {out / fm.MODEL_FILE} in {time.time() - t0:.0f}s")


if __name__ == "__main__":
    main()
