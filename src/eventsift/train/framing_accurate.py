"""Train the accurate tier's framing head on the MiniLM encoder (``make train-framing-accurate``).

The encoder (all-MiniLM-L6-v2, ``eventsift.encoder``) stays frozen; what is trained is a small head over
its word-piece states: ``stages.framing_accurate`` describes it. Every PTC article's states (all seven
hidden layers) are computed once and cached under the system temp folder (never in the repository).
Every setting (layers, head width, epochs, thresholds, run joining) is chosen by 5-fold cross-validation
over the training articles (the same folds as ``train.framing``): each fold is decoded by a head trained
on the other four, and the setting with the best pooled span F1 + span+technique F1 wins. The validation
articles (every 10th) are never used. The final head is trained on all training articles and written
to ``resources/framing_accurate.npz`` and ``.json``. Run as ``python -m eventsift.train.framing_accurate``.
"""
from __future__ import annotations

import argparse
import hashlib
import itertools
import json
import tempfile
import time
from pathlib import Path

import numpy as np

from ..model import TECHNIQUES
from ..stages import framing_accurate as fa
from . import ptc

RESOURCES = Path(__file__).resolve().parent.parent / "resources"
ALL_LAYERS = tuple(range(7))
FOLDS = 5
THRESHOLDS = [0.15, 0.2, 0.25, 0.3, 0.35, 0.4, 0.5]
#: Runs of inside words at most this many words apart (same line) are joined.
GAPS = [0, 1, 3]
#: A span's runner-up technique is reported too when its mean probability reaches this (None: never).
SECOND = [None, 0.3, 0.5]
#: Epochs after which each cross-validated head is scored (the best is the final head's).
SNAPSHOTS = (3, 6, 10)
BASE = {"layers": (6,), "hidden": 128, "kernel": 5, "dropout": 0.2, "lr": 2e-3, "weight_decay": 1e-4,
        "technique_weight": 1.0}
#: Head configurations compared by cross-validation. Only the base one was cross-validated in session 7
#: (about 25 minutes of CPU each on this machine); layers (3, 6) and (4,) (cheaper: 4 of the 6 layers run)
#: are the next to try, by adding them here.
CONFIGS = [BASE]


def _cache_path(art: ptc.Article) -> Path:
    folder = Path(tempfile.gettempdir()) / "eventsift-ptc-minilm"
    folder.mkdir(parents=True, exist_ok=True)
    return folder / (hashlib.sha256(art.text.encode()).hexdigest()[:20] + ".npz")


def cache_states(articles: list[ptc.Article], chunk: int = 8) -> None:
    """Compute and cache the word-piece states (all layers, float16) of the articles not cached yet."""
    missing = [a for a in articles if not _cache_path(a).exists()]
    if not missing:
        return
    from ..encoder import load

    enc = load()
    for b in range(0, len(missing), chunk):
        part = missing[b:b + chunk]
        for art, (offsets, states) in zip(part, enc.token_states([a.text for a in part], layers=ALL_LAYERS)):
            tmp = _cache_path(art).with_suffix(".tmp.npz")
            np.savez(tmp, offsets=offsets, states=states.astype(np.float16))
            tmp.rename(_cache_path(art))
        print(f"encoded {b + len(part)}/{len(missing)}", flush=True)


def piece_offsets(art: ptc.Article) -> np.ndarray:
    """The cached character offsets of one article's word pieces."""
    with np.load(_cache_path(art)) as data:
        return data["offsets"]


def states(art: ptc.Article, layers=(6,)) -> tuple[np.ndarray, np.ndarray]:
    """The cached (offsets, states of the given layers side by side, float32) of one article."""
    with np.load(_cache_path(art)) as data:
        full = data["states"]
        cols = np.concatenate([np.arange(k * 384, (k + 1) * 384) for k in layers])
        return data["offsets"], full[:, cols].astype(np.float32)


def targets(art: ptc.Article, offsets: np.ndarray) -> np.ndarray:
    """Each piece's targets ``(pieces, 1 + len(TECHNIQUES))``: inside any gold span, and inside one of each technique."""
    y = np.zeros((len(offsets), 1 + len(TECHNIQUES)), dtype=np.float32)
    if not len(offsets):
        return y
    for tech, start, end in art.spans:
        hit = (offsets[:, 0] < end) & (offsets[:, 1] > start)
        y[hit, 0] = 1.0
        y[hit, 1 + TECHNIQUES.index(tech)] = 1.0
    return y


def _module(width: int, hidden: int, kernel: int, dropout: float):
    import torch

    class Head(torch.nn.Module):
        """The head of ``stages.framing_accurate.forward``, in torch for training."""

        def __init__(self):
            super().__init__()
            self.inp = torch.nn.Linear(width, hidden)
            self.conv = torch.nn.Conv1d(hidden, hidden, kernel, padding=kernel // 2)
            self.out = torch.nn.Linear(hidden, 1 + len(TECHNIQUES))
            self.drop = torch.nn.Dropout(dropout)

        def forward(self, x):  # (batch, pieces, width) -> logits (batch, pieces, 15)
            h = torch.relu(self.inp(self.drop(x)))
            g = torch.relu(self.conv(h.transpose(1, 2)).transpose(1, 2)) + h
            return self.out(self.drop(g))

        def export(self) -> dict[str, np.ndarray]:
            w = self.conv.weight.detach().numpy()  # (out, in, k)
            return {"W1": self.inp.weight.detach().numpy().T.copy(), "b1": self.inp.bias.detach().numpy().copy(),
                    "W2": np.stack([w[:, :, j].T for j in range(w.shape[2])]).copy(),
                    "b2": self.conv.bias.detach().numpy().copy(),
                    "W3": self.out.weight.detach().numpy().T.copy(), "b3": self.out.bias.detach().numpy().copy()}

    return Head()


def _segments(data: list[tuple[np.ndarray, np.ndarray]], length: int):
    """Training pieces cut into segments of at most ``length`` pieces: (states, targets) pairs."""
    out = []
    for x, y in data:
        for b in range(0, len(x), length):
            out.append((x[b:b + length], y[b:b + length]))
    return out


def train_head(data: list[tuple[np.ndarray, np.ndarray]], config: dict, snapshots: tuple[int, ...],
               seed: int = 0) -> dict[int, dict[str, np.ndarray]]:
    """Train a head on (states, targets) of articles; its exported weights after each epoch in ``snapshots``.

    Loss: binary cross-entropy of the inside column over every piece, plus that of the technique columns
    over the inside pieces. Adam, segments of 256 pieces in batches of 16, a fixed seed."""
    import torch

    torch.manual_seed(seed)
    rng = np.random.default_rng(seed)
    model = _module(data[0][0].shape[1], config["hidden"], config["kernel"], config["dropout"])
    opt = torch.optim.AdamW(model.parameters(), lr=config["lr"], weight_decay=config["weight_decay"])
    segs = _segments(data, 256)
    out = {}
    bce = torch.nn.functional.binary_cross_entropy_with_logits
    for epoch in range(1, max(snapshots) + 1):
        model.train()
        order = rng.permutation(len(segs))
        for b in range(0, len(order), 16):
            batch = [segs[i] for i in order[b:b + 16]]
            n = max(len(x) for x, _ in batch)
            xs = torch.zeros((len(batch), n, batch[0][0].shape[1]))
            ys = torch.zeros((len(batch), n, 1 + len(TECHNIQUES)))
            mask = torch.zeros((len(batch), n))
            for r, (x, y) in enumerate(batch):
                xs[r, :len(x)] = torch.from_numpy(x)
                ys[r, :len(y)] = torch.from_numpy(y)
                mask[r, :len(x)] = 1
            logits = model(xs)
            inside = (bce(logits[..., 0], ys[..., 0], reduction="none") * mask).sum() / mask.sum()
            tmask = (mask * ys[..., 0]).unsqueeze(-1)
            tech = (bce(logits[..., 1:], ys[..., 1:], reduction="none") * tmask).sum() / tmask.sum().clamp(min=1)
            loss = inside + config["technique_weight"] * tech / len(TECHNIQUES) * 4
            opt.zero_grad()
            loss.backward()
            opt.step()
        if epoch in snapshots:
            model.eval()
            out[epoch] = model.export()
    return out


def load_data(articles: list[ptc.Article], layers) -> dict[str, tuple[np.ndarray, np.ndarray, np.ndarray]]:
    """Article id -> (piece offsets, states of the layers, targets) from the cache."""
    out = {}
    for art in articles:
        offsets, x = states(art, layers)
        out[art.id] = (offsets, x, targets(art, offsets))
    return out


def decoded(articles, offsets: dict, probs: dict, settings: dict, rules: ptc.Spans | None = None) -> ptc.Spans:
    """Article id -> decoded (technique, start, end), with the rule spans ``rules`` added if given."""
    return {a.id: [(r.technique, r.start, r.end) for r in fa.decode(a.text, offsets[a.id], probs[a.id], settings)]
            + list((rules or {}).get(a.id, ())) for a in articles}


def grid(articles, offsets: dict, probs: dict, rules: ptc.Spans | None = None) -> list[tuple[float, float, dict]]:
    """Pooled (span F1, span+technique F1, settings) of every decoding setting on out-of-fold probabilities."""
    gold = {a.id: a.spans for a in articles}
    rows = []
    for th, gap, second in itertools.product(THRESHOLDS, GAPS, SECOND):
        settings = {"threshold": th, "gap": gap, "second": second}
        pred = decoded(articles, offsets, probs, settings, rules)
        rows.append((ptc.score(pred, gold).f1, ptc.score(pred, gold, techniques=True).f1, settings))
    return rows


def rule_spans(articles) -> ptc.Spans:
    """The framing rules' spans of each article (``stages.framing`` without its model), every other stage run
    first on the cached parse as in the product."""
    from ..analysis import Analysis
    from ..model import Document
    from ..pipeline import Pipeline
    from ..stages import framing

    pipeline = Pipeline(stages=[s for s in Pipeline().stages if s.name != "framing"])
    out = {}
    for art, doc in zip(articles, ptc.parsed(articles)):
        analysis = Analysis(document=Document(text=art.text, id=art.id), doc=doc, settings=pipeline.settings)
        for stage in pipeline.stages:
            stage.run(analysis)
        out[art.id] = [(f.technique, f.span.start, f.span.end)
                       for f in framing.find_framing(analysis, use_model=False)]
    return out


def cross_validate(articles, fold_of: dict, config: dict, snapshots) -> dict[int, dict]:
    """Epoch -> article id -> out-of-fold per-piece probabilities, for one head configuration."""
    data = load_data(articles, config["layers"])
    probs: dict[int, dict] = {e: {} for e in snapshots}
    print(f"cross-validating {config}", flush=True)
    for k in sorted(set(fold_of.values())):
        rest = [(data[a.id][1], data[a.id][2]) for a in articles if fold_of[a.id] != k]
        heads = train_head(rest, config, snapshots)
        for art in (a for a in articles if fold_of[a.id] == k):
            for e, params in heads.items():
                probs[e][art.id] = fa.forward(params, data[art.id][1])
    return probs, data


def _cv_cache(config: dict, articles) -> Path:
    """Where one configuration's cross-validation table is kept (keyed by it, the articles and this code)."""
    key = hashlib.sha256(json.dumps([config, SNAPSHOTS, THRESHOLDS, GAPS, SECOND, FOLDS], sort_keys=True).encode())
    for art in articles:
        key.update(art.id.encode() + b"\0" + hashlib.sha256(art.text.encode()).digest())
    for module in (__file__, fa.__file__):
        key.update(Path(module).read_bytes())
    folder = Path(tempfile.gettempdir()) / "eventsift-framing-accurate-cv"
    folder.mkdir(parents=True, exist_ok=True)
    return folder / f"{key.hexdigest()[:20]}.json"


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", help="PTC folder (default ../shared/data/ptc-train)")
    ap.add_argument("--out", default=str(RESOURCES), help="folder for framing_accurate.npz and .json")
    ap.add_argument("--cache-only", action="store_true", help="only compute the encoder states")
    ap.add_argument("--threads", type=int, default=2, help="torch threads for training (default 2)")
    args = ap.parse_args(argv)
    import torch

    torch.set_num_threads(args.threads)
    started = time.time()
    articles = ptc.read_articles(args.data)
    train_arts, _ = ptc.split(articles)
    cache_states(train_arts)  # the validation articles are encoded by the evaluation, never here
    print(f"encoder states cached in {time.time() - started:.0f}s", flush=True)
    if args.cache_only:
        return
    fold_of = {a.id: i % FOLDS for i, a in enumerate(train_arts)}
    offsets = {a.id: piece_offsets(a) for a in train_arts}
    rules = None

    def key(row):
        return row["span_f1"] + row["span_technique_f1"]

    best, table = None, []
    for config in CONFIGS:
        t0 = time.time()
        done = _cv_cache(config, train_arts)
        if done.exists():  # this configuration was cross-validated on these articles by this code already
            rows = json.loads(done.read_text())
            for r in rows:
                r["config"] = config
        else:
            if rules is None:
                rules = rule_spans(train_arts)
                print(f"rule spans in {time.time() - started:.0f}s", flush=True)
            probs, _ = cross_validate(train_arts, fold_of, config, SNAPSHOTS)
            rows = [{"config": config, "epochs": epoch, "rules": with_rules, "settings": settings,
                     "span_f1": round(span, 4), "span_technique_f1": round(tech, 4)}
                    for epoch, oof in probs.items() for with_rules in (False, True)
                    for span, tech, settings in grid(train_arts, offsets, oof, rules if with_rules else None)]
            done.write_text(json.dumps([{**r, "config": None} for r in rows]))
        table += rows
        for epoch, with_rules in itertools.product(SNAPSHOTS, (False, True)):
            top = max((r for r in rows if r["epochs"] == epoch and r["rules"] == with_rules), key=key)
            if best is None or key(top) > key(best):
                best = top
            print(f"{config} epochs {epoch} rules {with_rules}: best {top['settings']} span F1 "
                  f"{top['span_f1']:.4f} span+technique F1 {top['span_technique_f1']:.4f}", flush=True)
        print(f"  ({time.time() - t0:.0f}s)", flush=True)
    config = best["config"]
    print(f"chosen: {config}, {best['epochs']} epochs, rules {best['rules']}, {best['settings']}: {FOLDS}-fold CV span F1 "
          f"{best['span_f1']:.4f}, span+technique F1 {best['span_technique_f1']:.4f}", flush=True)
    data = load_data(train_arts, config["layers"])
    params = train_head([(x, y) for _, x, y in data.values()], config, (best["epochs"],))[best["epochs"]]
    write_model(Path(args.out), best, table, params, len(train_arts), time.time() - started)


def write_model(out: Path, best: dict, table: list[dict], params: dict, n_train: int, seconds: float) -> None:
    """Write the head (float32 arrays) and its json: layers, settings, the CV estimate and tuning rows."""
    config = best["config"]
    np.savez_compressed(out / fa.MODEL_FILE, **{k: v.astype(np.float32) for k, v in params.items()})
    info = {"_note": "the accurate tier's framing head on all-MiniLM-L6-v2 word-piece states, trained on PTC "
                     "train by eventsift.train.framing_accurate; settings chosen by 5-fold CV on the training "
                     "articles (the validation articles never used)",
            "layers": list(config["layers"]), "config": {k: v for k, v in config.items() if k != "layers"},
            "epochs": best["epochs"], "settings": best["settings"], "rules": best["rules"],
            "cv": {"folds": FOLDS, "span_f1": best["span_f1"], "span_technique_f1": best["span_technique_f1"]},
            "tuning": [{k: (v if k != "config" else {**v, "layers": list(v["layers"])}) for k, v in r.items()}
                       for r in table if r["settings"] == best["settings"]],
            "training_articles": n_train, "training_seconds": round(seconds)}
    (out / fa.INFO_FILE).write_text(json.dumps(info, indent=1) + "\n", encoding="utf-8")
    print(f"wrote {out / fa.MODEL_FILE} in {seconds:.0f}s", flush=True)


if __name__ == "__main__":
    main()
