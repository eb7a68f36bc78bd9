"""Score the attribution stage on PolNeAR (dev by default).

Metric (docs/attribution.md has the long form):
- A predicted and a gold attribution match when their content characters overlap by at least
  tau of the longer one (|P & G| / max(|P|, |G|) >= tau); the gold content is the union of its
  (possibly discontinuous) pieces. Pairs are matched one-to-one, greedily by that ratio.
- P/R/F1 over attributions at tau = 0.3 and 0.8.
- Source accuracy: over matched pairs (tau = 0.3) whose gold attribution has a source, the share
  whose predicted source span shares at least one character with the gold source.
  Cue accuracy: the same for cues (every gold attribution has a cue).
- Direct-quote recall: gold attributions whose content opens with a quotation mark, matched at
  tau = 0.3 (and 0.8). Direct-only F1 matches only predictions of kind "direct" to those gold
  quotes (tau = 0.3), the figure comparable to a quote-only regex baseline.
- Speed: N articles are parsed afresh and the attribution stage is timed on them (best of 3), so
  both figures are taken under the same machine load; the share is attribution / parse.

Run: PYTHONPATH=src python benchmarks/evaluate_attribution.py [--split dev] [--limit N] [--every K] [--json]
A blind set with the same layout: EVENTSIFT_POLNEAR=/path/to/polnear ... --split test
"""
from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from polnear import DATA, Article, parsed  # noqa: E402

QUOTE_OPEN = "\"“‘'"


def _chars(spans) -> set[int]:
    return {i for s, e in spans for i in range(s, e)}


def is_direct(article: Article, gold) -> bool:
    s, e = gold.content[0]
    return article.text[s:e].lstrip()[:1] in QUOTE_OPEN


def match(pred_contents: list[set[int]], gold_contents: list[set[int]], tau: float) -> list[tuple[int, int]]:
    """One-to-one pairs (pred index, gold index) whose overlap ratio is >= tau, greedy by ratio."""
    pairs = []
    for i, p in enumerate(pred_contents):
        for j, g in enumerate(gold_contents):
            if not p or not g:
                continue
            inter = len(p & g)
            if inter and inter / max(len(p), len(g)) >= tau:
                pairs.append((inter / max(len(p), len(g)), i, j))
    pairs.sort(reverse=True)
    used_p, used_g, out = set(), set(), []
    for _, i, j in pairs:
        if i not in used_p and j not in used_g:
            used_p.add(i)
            used_g.add(j)
            out.append((i, j))
    return out


class Scorer:
    def __init__(self):
        self.n_pred = 0
        self.n_gold = 0
        self.tp = {0.3: 0, 0.8: 0}
        self.direct_gold = 0
        self.direct_hit = {0.3: 0, 0.8: 0}
        self.source_total = self.source_ok = 0
        self.cue_total = self.cue_ok = 0
        self.direct_pred = self.direct_pair = 0

    def add(self, article: Article, predicted) -> None:
        pred = [_chars([(a.content.start, a.content.end)]) for a in predicted]
        gold = [g.content_chars for g in article.gold]
        self.n_pred += len(pred)
        self.n_gold += len(gold)
        direct = [is_direct(article, g) for g in article.gold]
        self.direct_gold += sum(direct)
        pred_direct = [p for p, a in zip(pred, predicted) if a.kind == "direct"]
        self.direct_pred += len(pred_direct)
        self.direct_pair += len(match(pred_direct, [g for g, d in zip(gold, direct) if d], 0.3))
        for tau in (0.3, 0.8):
            pairs = match(pred, gold, tau)
            self.tp[tau] += len(pairs)
            self.direct_hit[tau] += sum(direct[j] for _, j in pairs)
            if tau != 0.3:
                continue
            for i, j in pairs:
                p, g = predicted[i], article.gold[j]
                if g.source:
                    self.source_total += 1
                    if p.source is not None and _chars([(p.source.start, p.source.end)]) & _chars(g.source):
                        self.source_ok += 1
                if g.cue:
                    self.cue_total += 1
                    if p.cue is not None and _chars([(p.cue.start, p.cue.end)]) & _chars(g.cue):
                        self.cue_ok += 1

    def metrics(self) -> dict:
        out = {"predicted": self.n_pred, "gold": self.n_gold}
        for tau in (0.3, 0.8):
            tp = self.tp[tau]
            p = tp / self.n_pred if self.n_pred else 0.0
            r = tp / self.n_gold if self.n_gold else 0.0
            f = 2 * p * r / (p + r) if p + r else 0.0
            out[f"tau{tau}"] = {"precision": round(p, 4), "recall": round(r, 4), "f1": round(f, 4)}
            out[f"direct_recall_tau{tau}"] = round(self.direct_hit[tau] / self.direct_gold, 4) if self.direct_gold else 0.0
        out["direct_gold"] = self.direct_gold
        p = self.direct_pair / self.direct_pred if self.direct_pred else 0.0
        r = self.direct_pair / self.direct_gold if self.direct_gold else 0.0
        out["direct_only_f1_tau0.3"] = round(2 * p * r / (p + r), 4) if p + r else 0.0
        out["source_accuracy"] = round(self.source_ok / self.source_total, 4) if self.source_total else 0.0
        out["cue_accuracy"] = round(self.cue_ok / self.cue_total, 4) if self.cue_total else 0.0
        return out


def analyse_articles(arts, docs, keep: bool = False):
    """Run the stages attribution needs on cached parses; return attributions and attribution seconds
    (or, with ``keep``, the analyses just before the attribution stage)."""
    from eventsift.model import Document
    from eventsift.pipeline import Analysis
    from eventsift.stages import actors, attribution, times

    results, seconds = [], 0.0
    for art, doc in zip(arts, docs):
        analysis = Analysis(document=Document(text=art.text, published=art.published), doc=doc)
        times.STAGE.run(analysis)
        actors.STAGE.run(analysis)
        if keep:
            results.append(analysis)
            continue
        t0 = time.perf_counter()
        attribution.STAGE.run(analysis)
        seconds += time.perf_counter() - t0
        results.append(analysis.attributions)
    return results if keep else (results, seconds)


def speed(split: str = "dev", n: int = 20) -> dict:
    """Parse n articles now and time the attribution stage on them, under the same machine load."""
    from eventsift import nlp as nlp_loader
    from eventsift.settings import Settings

    from polnear import articles

    arts = articles(split)[:n]
    nlp = nlp_loader.load(Settings().model)
    t0 = time.perf_counter()
    docs = list(nlp.pipe((a.text for a in arts), batch_size=16))
    parse = time.perf_counter() - t0
    analyse_articles(arts[:1], docs[:1])  # load the model resources once, outside the timing
    runs = [analyse_articles(arts, docs)[1] for _ in range(3)]
    return {"speed_articles": n, "speed_parse_seconds": round(parse, 3),
            "speed_attribution_seconds": round(min(runs), 3), "attribution_share_of_parse": round(min(runs) / parse, 4)}


def evaluate(split: str = "dev", limit: int | None = None, every: int = 1) -> dict:
    arts, docs = parsed(split, limit, every)
    predictions, seconds = analyse_articles(arts, docs)
    scorer = Scorer()
    for art, pred in zip(arts, predictions):
        scorer.add(art, pred)
    out = scorer.metrics()
    out["split"] = split
    out["articles"] = len(arts)
    out["attribution_seconds"] = round(seconds, 3)
    return out


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--split", default="dev", help="a folder of the PolNeAR layout: train, dev, test…")
    ap.add_argument("--limit", type=int, default=None, help="only the first N articles")
    ap.add_argument("--every", type=int, default=1, help="only every Nth article (a spread-out subset)")
    ap.add_argument("--speed", type=int, default=20, metavar="N",
                    help="re-parse N articles to time attribution against the parse (0: skip)")
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args(argv)
    if not (DATA / args.split / "text").exists():
        print(f"PolNeAR split {args.split!r} not found under {DATA}", file=sys.stderr)
        return 2
    out = evaluate(args.split, args.limit, args.every)
    if args.speed:
        out.update(speed(args.split, args.speed))
    if args.json:
        print(json.dumps(out, indent=2))
    else:
        for key, value in out.items():
            print(f"{key:28} {value}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
