"""The Propaganda Techniques Corpus (PTC, SemEval-2020 Task 11): reading, splitting, parsing once.

The corpus stays outside the repository (``../shared/data/ptc-train``); this module only reads it.
Parsed spaCy docs are cached as a DocBin under the system temp folder so that training and
evaluation parse each article once, with the same pipeline the product uses.
"""
from __future__ import annotations

import hashlib
import os
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

DEFAULT_DIR = Path(__file__).resolve().parents[3].parent / "shared" / "data" / "ptc-train"


@dataclass
class Article:
    id: str
    text: str
    #: Gold spans as (technique, start, end), end exclusive.
    spans: list[tuple[str, int, int]] = field(default_factory=list)


def ptc_dir(path: str | os.PathLike | None = None) -> Path:
    return Path(path or os.environ.get("EVENTSIFT_PTC", DEFAULT_DIR))


def read_articles(path: str | os.PathLike | None = None) -> list[Article]:
    """Every article with its gold technique spans, sorted by numeric id."""
    root = ptc_dir(path)
    articles = []
    for txt in sorted((root / "articles").glob("article*.txt"), key=lambda p: int(p.stem[7:])):
        art_id = txt.stem[7:]
        # newline="" keeps "\r" if any: PTC offsets count every character as stored.
        with open(txt, encoding="utf-8", newline="") as fh:
            text = fh.read()
        spans = []
        labels = root / "labels" / f"article{art_id}.task2-TC.labels"
        if labels.exists():
            for line in labels.read_text(encoding="utf-8").splitlines():
                if line.strip():
                    _, technique, start, end = line.split("\t")
                    spans.append((technique, int(start), int(end)))
        articles.append(Article(art_id, text, sorted(spans, key=lambda s: (s[1], s[2], s[0]))))
    return articles


def split(articles: list[Article]) -> tuple[list[Article], list[Article]]:
    """(train, validation): articles sorted by numeric id, every 10th one (index 9, 19, ...) validates."""
    ordered = sorted(articles, key=lambda a: int(a.id))
    train = [a for i, a in enumerate(ordered) if i % 10 != 9]
    valid = [a for i, a in enumerate(ordered) if i % 10 == 9]
    return train, valid


def parsed(articles: list[Article], model: str | None = None, cache_dir: str | None = None) -> list:
    """spaCy Docs of the articles, parsed once with the product's pipeline and cached one file per article."""
    from spacy.tokens import DocBin

    from .. import nlp as nlp_loader
    from ..settings import Settings

    model = model or Settings().model
    nlp = nlp_loader.load(model)
    folder = Path(cache_dir or tempfile.gettempdir()) / "eventsift-ptc-docs"
    folder.mkdir(parents=True, exist_ok=True)

    def path(art: Article) -> Path:
        return folder / (hashlib.sha256((model + "\0" + art.text).encode()).hexdigest()[:20] + ".spacy")

    missing = [a for a in articles if not path(a).exists()]
    for art, doc in zip(missing, nlp.pipe((a.text for a in missing), batch_size=16)):
        DocBin(store_user_data=False, docs=[doc]).to_disk(path(art))
    return [next(DocBin().from_disk(path(a)).get_docs(nlp.vocab)) for a in articles]


# --- SemEval-2020 Task 11 span scoring -------------------------------------------------------
# P = sum over predicted s and gold t of |s∩t| / |s|, divided by the number of predicted spans;
# R = the same sum with |t| as the divisor, divided by the number of gold spans. Overlapping
# spans of one article are merged first (per technique when techniques must agree).

Spans = dict  # article id -> list of (technique, start, end)


def merge(intervals: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Overlapping intervals joined; touching ones stay apart."""
    out: list[list[int]] = []
    for start, end in sorted(intervals):
        if end <= start:
            continue
        if out and start < out[-1][1]:
            out[-1][1] = max(out[-1][1], end)
        else:
            out.append([start, end])
    return [(s, e) for s, e in out]


def _sums(pred: list[tuple[int, int]], gold: list[tuple[int, int]]) -> tuple[float, float]:
    p = r = 0.0
    for s0, s1 in pred:
        for t0, t1 in gold:
            inter = min(s1, t1) - max(s0, t0)
            if inter > 0:
                p += inter / (s1 - s0)
                r += inter / (t1 - t0)
    return p, r


@dataclass
class Score:
    precision: float
    recall: float
    f1: float
    predicted: int
    gold: int

    def as_dict(self) -> dict:
        return {"precision": round(self.precision, 4), "recall": round(self.recall, 4), "f1": round(self.f1, 4),
                "predicted": self.predicted, "gold": self.gold}


def _score(psum: float, rsum: float, n_pred: int, n_gold: int) -> Score:
    p = psum / n_pred if n_pred else 0.0
    r = rsum / n_gold if n_gold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return Score(p, r, f, n_pred, n_gold)


def score(pred: Spans, gold: Spans, techniques: bool = False, only: str | None = None) -> Score:
    """The SemEval-2020 span metric; ``techniques`` requires labels to agree; ``only`` keeps one technique."""
    psum = rsum = 0.0
    n_pred = n_gold = 0
    for art in set(pred) | set(gold):
        groups: dict[str, tuple[list, list]] = {}
        for which, source in ((0, pred.get(art, ())), (1, gold.get(art, ()))):
            for tech, start, end in source:
                if only is not None and tech != only:
                    continue
                key = tech if techniques or only else ""
                groups.setdefault(key, ([], []))[which].append((start, end))
        for p_list, g_list in groups.values():
            p_m, g_m = merge(p_list), merge(g_list)
            n_pred += len(p_m)
            n_gold += len(g_m)
            a, b = _sums(p_m, g_m)
            psum += a
            rsum += b
    return _score(psum, rsum, n_pred, n_gold)


def misses(pred: Spans, gold: Spans) -> dict:
    """Where the span score is lost (techniques ignored, spans merged as in ``score``): the share of
    predicted spans that touch no gold span and of gold spans touched by none, and for those that do
    touch, the mean share of the prediction that is gold and of the gold span that is predicted."""
    touching_p, touching_g, n_pred, n_gold = [], [], 0, 0
    for art in set(pred) | set(gold):
        p_m = merge([(s, e) for _, s, e in pred.get(art, ())])
        g_m = merge([(s, e) for _, s, e in gold.get(art, ())])
        n_pred, n_gold = n_pred + len(p_m), n_gold + len(g_m)
        for span in p_m:
            share = _sums([span], g_m)[0]
            if share:
                touching_p.append(share)
        for span in g_m:
            share = _sums(p_m, [span])[1]
            if share:
                touching_g.append(share)
    return {"pred_touching_no_gold": round(1 - len(touching_p) / n_pred, 4) if n_pred else 0.0,
            "gold_touched_by_none": round(1 - len(touching_g) / n_gold, 4) if n_gold else 0.0,
            "pred_share_in_gold": round(sum(touching_p) / len(touching_p), 4) if touching_p else 0.0,
            "gold_share_predicted": round(sum(touching_g) / len(touching_g), 4) if touching_g else 0.0}
