"""Framing against PTC (SemEval-2020 Task 11) with the task's span metric.

Scores the whole pipeline's framing layer on the validation articles of ../shared/data/ptc-train
(every 10th article by sorted id, never trained on), or on every article of another PTC-format
folder (``--data DIR --split all``, e.g. a blind test set). Prints span P/R/F1 (techniques
ignored), span+technique P/R/F1, where the span score is lost (``ptc.misses``), and P/R/F1 per technique.
``--tier accurate`` scores the accurate tier (the head on the MiniLM encoder, ``stages.framing_accurate``)
and prints it beside the fast tier, each with its 5-fold cross-validation estimate on the training
articles (from its model file), and the published anchors.

    python benchmarks/evaluate_framing.py [--json] [--speed] [--data DIR] [--split validation|train|all]
                                          [--tier fast|accurate]
"""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "src"))

from eventsift.model import TECHNIQUES, Document  # noqa: E402
from eventsift.pipeline import Pipeline  # noqa: E402
from eventsift.resources import load_json  # noqa: E402
from eventsift.settings import Settings  # noqa: E402
from eventsift.stages import framing  # noqa: E402
from eventsift.train import ptc  # noqa: E402


def choose(articles, split: str, limit: int | None = None):
    train, valid = ptc.split(articles)
    chosen = {"validation": valid, "train": train, "all": articles}[split]
    return chosen[:limit] if limit else chosen


#: Published figures on SemEval-2020 Task 11 / NLP4IF-2019 (../shared/data/README.md).
ANCHORS = {"span_f1": 0.51, "span_technique_f1": 0.25}


def predict(articles, use_model: bool = True, use_rules: bool = True, tier: str = "fast") -> ptc.Spans:
    """Run every stage (the framing stage with the chosen layers) on each article, parsed once."""
    stages = [s for s in Pipeline().stages if s.name != "framing"]
    pipeline = Pipeline(Settings(tier=tier), stages=stages)
    out: ptc.Spans = {}
    from eventsift.pipeline import Analysis

    for art, doc in zip(articles, ptc.parsed(articles)):
        analysis = Analysis(document=Document(text=art.text, id=art.id), doc=doc, settings=pipeline.settings)
        for stage in pipeline.stages:
            stage.run(analysis)
        found = framing.find_framing(analysis, use_model=use_model, use_rules=use_rules)
        out[art.id] = [(f.technique, f.span.start, f.span.end) for f in found]
    return out


def cross_validated(tier: str) -> dict:
    """The tier's 5-fold cross-validation estimate on the training articles, as its training recorded it."""
    if tier == "accurate":
        cv = load_json("framing_accurate.json")["cv"]
        return {"span_f1": cv["span_f1"], "span_technique_f1": cv["span_technique_f1"]}
    info = load_json("framing_crf.json")
    return {"span_f1": info["cv_span_f1"], "span_technique_f1": info["cv_span_technique_f1"]}


def evaluate(articles, use_model: bool = True, use_rules: bool = True, tier: str = "fast") -> dict:
    gold = {a.id: a.spans for a in articles}
    pred = predict(articles, use_model, use_rules, tier)
    return {
        "tier": tier,
        "articles": len(articles),
        "span": ptc.score(pred, gold).as_dict(),
        "span_technique": ptc.score(pred, gold, techniques=True).as_dict(),
        "misses": ptc.misses(pred, gold),
        "per_technique": {t: ptc.score(pred, gold, only=t).as_dict() for t in TECHNIQUES},
    }


def speed(articles, tier: str = "fast") -> dict:
    """Seconds spent parsing the articles with spaCy vs. running the framing stage on the parsed docs, and
    the process's peak memory."""
    import resource
    import time

    from eventsift.pipeline import Analysis

    pipeline = Pipeline(Settings(tier=tier))
    nlp = pipeline.nlp
    framing.find_framing(Analysis(document=Document(text="Warm up."), doc=nlp("Warm up."), settings=pipeline.settings))
    parse = stage = 0.0
    for art in articles:
        t0 = time.perf_counter()
        doc = nlp(art.text)
        parse += time.perf_counter() - t0
        analysis = Analysis(document=Document(text=art.text, id=art.id), doc=doc, settings=pipeline.settings)
        for st in pipeline.stages:
            if st.name == "framing":
                t0 = time.perf_counter()
                st.run(analysis)
                stage += time.perf_counter() - t0
            else:
                st.run(analysis)
    return {"articles": len(articles), "parse_s": round(parse, 3), "framing_s": round(stage, 3),
            "framing_share_of_parse": round(stage / parse, 3) if parse else None,
            "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", help="PTC-format folder (articles/, labels/); default ../shared/data/ptc-train")
    ap.add_argument("--split", choices=("validation", "train", "all"), default="validation")
    ap.add_argument("--limit", type=int, help="score only the first N chosen articles")
    ap.add_argument("--no-rules", action="store_true", help="the trained model alone")
    ap.add_argument("--no-model", action="store_true", help="the rules alone")
    ap.add_argument("--json", action="store_true", help="print the metrics as JSON")
    ap.add_argument("--speed", action="store_true", help="also time the framing stage against the spaCy parse")
    ap.add_argument("--tier", choices=("fast", "accurate"), default="fast",
                    help="accurate: the head on the MiniLM encoder (needs the accurate extra), beside the fast tier")
    args = ap.parse_args(argv)
    root = ptc.ptc_dir(args.data)
    if not (root / "articles").is_dir():
        print(f"no PTC data at {root}; nothing to evaluate", file=sys.stderr)
        return 0
    articles = choose(ptc.read_articles(root), args.split, args.limit)
    if args.tier == "accurate":
        from eventsift.stages import framing_accurate

        if not framing_accurate.available():
            print("no accurate framing head in resources/ (make train-framing-accurate)", file=sys.stderr)
            return 2
    result = evaluate(articles, use_model=not args.no_model, use_rules=not args.no_rules, tier=args.tier)
    if args.tier == "accurate":
        fast = evaluate(articles, use_model=not args.no_model, use_rules=not args.no_rules)
        result["compare"] = {tier: {"cv": cross_validated(tier), args.split: {k: r[k]["f1"] for k in
                                                                              ("span", "span_technique")}}
                             for tier, r in (("fast", fast), ("accurate", result))}
        result["anchors"] = ANCHORS
    if args.speed:
        result["speed"] = speed(articles, args.tier)
    if args.json:
        print(json.dumps(result, indent=2))
        return 0
    print(f"PTC {args.split}: {result['articles']} articles, {args.tier} tier")
    for key, name in (("span", "span (technique ignored)"), ("span_technique", "span + technique")):
        s = result[key]
        print(f"  {name:26s} P {s['precision']:.3f}  R {s['recall']:.3f}  F1 {s['f1']:.3f}"
              f"  (pred {s['predicted']}, gold {s['gold']})")
    m = result["misses"]
    print(f"  misses: {100 * m['pred_touching_no_gold']:.0f}% of predicted spans touch no gold span, "
          f"{100 * m['gold_touched_by_none']:.0f}% of gold spans are touched by none; where they touch, "
          f"{m['pred_share_in_gold']:.2f} of a prediction is gold and {m['gold_share_predicted']:.2f} of a gold span "
          "is predicted")
    if "speed" in result:
        sp = result["speed"]
        print(f"  speed: parse {sp['parse_s']}s, framing {sp['framing_s']}s "
              f"= {100 * sp['framing_share_of_parse']:.1f}% of the parse; peak memory {sp['peak_rss_mb']} MB")
    if "compare" in result:
        print(f"  F1 by tier (CV: 5-fold on the training articles; {args.split}: these articles)")
        print(f"    {'tier':9s} {'CV span':>8s} {'CV span+tech':>13s} {args.split + ' span':>17s} "
              f"{args.split + ' span+tech':>22s}")
        for tier, row in result["compare"].items():
            cv, here = row["cv"], row[args.split]
            print(f"    {tier:9s} {cv['span_f1']:8.3f} {cv['span_technique_f1']:13.3f} {here['span']:17.3f} "
                  f"{here['span_technique']:22.3f}")
        print(f"    anchors: best SemEval-2020 span F1 {ANCHORS['span_f1']}, best NLP4IF-2019 span+technique F1 "
              f"{ANCHORS['span_technique_f1']}")
    print("  per technique:")
    for tech, s in result["per_technique"].items():
        print(f"    {tech:36s} P {s['precision']:.3f}  R {s['recall']:.3f}  F1 {s['f1']:.3f}"
              f"  (pred {s['predicted']}, gold {s['gold']})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
