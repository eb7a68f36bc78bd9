"""Speed: documents per second of the whole ``analyze`` against a bare spaCy ``nlp.pipe``.

Runs on real texts (PolNeAR train by default), reports the ratio of the whole
pipeline to the parse alone, the time of each stage, and peak memory (RSS).

    python benchmarks/speed.py [--docs 200] [--texts DIR] [--json]
"""
from __future__ import annotations

import argparse
import json
import resource
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_TEXTS = ROOT.parent / "shared" / "data" / "polnear" / "train" / "text"


def load_texts(folder: Path, n: int) -> list[str]:
    files = sorted(folder.glob("*.txt"))[:n]
    if not files:
        sys.exit(f"no .txt files in {folder}")
    return [f.read_text(encoding="utf-8") for f in files]


def measure(texts: list[str]) -> dict:
    from eventsift.model import Document
    from eventsift.pipeline import Analysis, Pipeline

    pipeline = Pipeline()
    nlp = pipeline.nlp
    list(nlp.pipe(texts[:5]))  # warm-up: model and resources loaded once
    documents = [Document(text=t) for t in texts]
    for d in documents[:3]:
        pipeline.analyze(d)

    start = time.perf_counter()
    docs = list(nlp.pipe(texts, batch_size=pipeline.settings.batch_size))
    parse_seconds = time.perf_counter() - start

    stage_seconds = {s.name: 0.0 for s in pipeline.stages}
    start = time.perf_counter()
    for document, doc in zip(documents, docs):
        analysis = Analysis(document=document, doc=doc, settings=pipeline.settings)
        for stage in pipeline.stages:
            t = time.perf_counter()
            stage.run(analysis)
            stage_seconds[stage.name] += time.perf_counter() - t
        analysis.result().to_dict()
    stages_total = time.perf_counter() - start

    start = time.perf_counter()
    for _ in pipeline.analyze_many(documents):
        pass
    whole_seconds = time.perf_counter() - start
    chars = sum(len(t) for t in texts)
    return {
        "documents": len(texts),
        "characters": chars,
        "parse_seconds": round(parse_seconds, 3),
        "whole_seconds": round(whole_seconds, 3),
        "docs_per_second": round(len(texts) / whole_seconds, 2),
        "ratio_whole_to_parse": round(whole_seconds / parse_seconds, 3),
        "stage_share_of_parse": {k: round(v / parse_seconds, 4) for k, v in stage_seconds.items()},
        "stages_share_of_parse": round(stages_total / parse_seconds, 4),
        "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=200, help="how many texts to use")
    parser.add_argument("--texts", type=Path, default=DEFAULT_TEXTS, help="folder of .txt files")
    parser.add_argument("--json", action="store_true", help="print JSON only")
    args = parser.parse_args()
    result = measure(load_texts(args.texts, args.docs))
    if args.json:
        print(json.dumps(result, indent=2))
        return
    print(f"{result['documents']} documents, {result['characters']:,} characters")
    print(f"bare spaCy nlp.pipe : {result['parse_seconds']:.2f} s")
    print(f"whole analyze       : {result['whole_seconds']:.2f} s  ({result['docs_per_second']} docs/s)")
    print(f"ratio whole / parse : {result['ratio_whole_to_parse']:.3f}")
    for name, share in result["stage_share_of_parse"].items():
        print(f"  stage {name:<16} {100 * share:6.2f} % of parse time")
    print(f"peak RSS            : {result['peak_rss_mb']} MB")


if __name__ == "__main__":
    main()
