"""Speed: documents per second of the whole ``analyze`` against a bare spaCy ``nlp.pipe``.

Runs on real texts (PolNeAR train by default), reports the ratio of the whole
pipeline to the parse alone, the time of each stage, and peak memory (RSS).

    python benchmarks/speed.py [--docs 200] [--texts DIR] [--tier fast|accurate] [--json]
    python benchmarks/speed.py --ingest 10000 [--workers 1 2] [--json]
    python benchmarks/speed.py --docs 840 --long 600000 [--json]

``--ingest N`` measures the corpus path instead: ``eventsift ingest`` of N
documents (real texts repeated, each copy varied so its sha256 differs) into a
fresh SQLite store, at each worker count: documents/s, the ratio of time per
document to the bare spaCy parse, and resident memory: the peak of all
processes together (writer, workers, helpers; RSS and PSS, sampled four times a
second) and the writer's and largest worker's RSS as the store grows, so one can
see that it stays flat.

``--long CHARS`` times each stage on one document of CHARS characters, to show that
long inputs cost in proportion to their length.
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


def measure(texts: list[str], tier: str = "fast") -> dict:
    from eventsift.model import Document
    from eventsift.pipeline import Analysis, Pipeline
    from eventsift.settings import Settings

    pipeline = Pipeline(Settings(tier=tier))
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
        "tier": tier,
        "torch_imported": "torch" in sys.modules,
    }


def write_corpus(texts: list[str], n: int, folder: Path) -> None:
    """n distinct documents from the texts: copy k of a text gets a varied closing line."""
    folder.mkdir(parents=True, exist_ok=True)
    for i in range(n):
        text = texts[i % len(texts)]
        copy = i // len(texts)
        (folder / f"{i:06d}.txt").write_text(text + (f"\n\n(Copy {copy} of this report, item {i}.)\n" if copy else ""),
                                             encoding="utf-8")


class MemoryWatch:
    """Samples the memory of this process and all its children together, several times a second.

    RSS counts a shared library page once in every process that maps it, so the sum of RSS over
    processes overstates what the machine holds; PSS shares such pages out and sums to the real
    total. Both are reported; the sum of RSS is the conservative figure."""

    def __init__(self, interval: float = 0.25, pss_every: int = 8):
        import threading

        import psutil

        self.me = psutil.Process()
        self.interval, self.pss_every = interval, pss_every
        self.peak = {"writer_rss_mb": 0.0, "worker_rss_mb": 0.0, "total_rss_mb": 0.0, "total_pss_mb": 0.0}
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def now(self) -> tuple[float, float]:
        """(this process's RSS, the largest child's RSS) in MB, right now."""
        rss = [c.memory_info().rss for c in self._children()]
        return self.me.memory_info().rss / 2**20, (max(rss) / 2**20 if rss else 0.0)

    def _children(self):
        import psutil

        alive = []
        for child in self.me.children(recursive=True):
            try:
                child.memory_info()
                alive.append(child)
            except psutil.Error:
                pass
        return alive

    def _sample(self, with_pss: bool) -> None:
        import psutil

        processes = [self.me, *self._children()]
        rss, pss, largest_child = 0, 0, 0
        for process in processes:
            try:
                info = process.memory_full_info() if with_pss else process.memory_info()
            except psutil.Error:
                continue
            rss += info.rss
            pss += getattr(info, "pss", 0)
            if process is not self.me:
                largest_child = max(largest_child, info.rss)
        peak = self.peak
        peak["writer_rss_mb"] = max(peak["writer_rss_mb"], self.me.memory_info().rss / 2**20)
        peak["worker_rss_mb"] = max(peak["worker_rss_mb"], largest_child / 2**20)
        peak["total_rss_mb"] = max(peak["total_rss_mb"], rss / 2**20)
        if with_pss:
            peak["total_pss_mb"] = max(peak["total_pss_mb"], pss / 2**20)

    def _run(self) -> None:
        tick = 0
        while not self._stop.wait(self.interval):
            self._sample(with_pss=tick % self.pss_every == 0)
            tick += 1

    def __enter__(self):
        self._thread.start()
        return self

    def __exit__(self, *exc):
        self._stop.set()
        self._thread.join()
        self.peak = {k: round(v, 1) for k, v in self.peak.items()}


def measure_ingest(texts: list[str], n: int, workers: int, parse_seconds_per_doc: float) -> dict:
    import shutil
    import tempfile

    from eventsift.ingest.run import ingest
    from eventsift.store import Store

    tmp = Path(tempfile.mkdtemp(prefix="eventsift-bench-"))
    try:
        write_corpus(texts, n, tmp / "in")
        store = Store(str(tmp / "bench.db"))
        samples = []
        marks = {int(n * f) for f in (0.1, 0.25, 0.5, 0.75, 1.0)}
        with MemoryWatch() as watch:
            def progress(done: int, _failures: int) -> None:
                if done in marks and not any(s["documents"] == done for s in samples):
                    writer, worker = watch.now()
                    samples.append({"documents": done, "writer_rss_mb": round(writer, 1),
                                    "worker_rss_mb": round(worker, 1)})

            start = time.perf_counter()
            report = ingest([str(tmp / "in")], store, workers=workers, progress=progress)
            seconds = time.perf_counter() - start
        stored = store.count()
        store.close()
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    per_doc = seconds / n
    return {
        "workers": workers, "documents": n, "stored": stored, "seconds": round(seconds, 2),
        "docs_per_second": round(n / seconds, 2),
        "ratio_to_bare_parse": round(per_doc / parse_seconds_per_doc, 3) if workers == 1 else None,
        "peak_writer_rss_mb": watch.peak["writer_rss_mb"], "peak_worker_rss_mb": watch.peak["worker_rss_mb"],
        "peak_total_rss_mb": watch.peak["total_rss_mb"], "peak_total_pss_mb": watch.peak["total_pss_mb"],
        "rss_as_store_grows": samples, "failures": len(report.failures),
    }


def measure_long(texts: list[str], chars: int) -> dict:
    """One document of ``chars`` characters (the texts joined by blank lines): seconds per stage, peak RSS."""
    from eventsift.model import Document
    from eventsift.parse import parse_many
    from eventsift.pipeline import Analysis, Pipeline

    text = "\n\n".join(texts)
    while len(text) < chars:
        text += "\n\n" + text
    text = text[:chars]
    pipeline = Pipeline()
    pipeline.analyze(Document(text="Warm-up: police said two people were killed in Kabul on Monday."))
    seconds = {}
    with MemoryWatch() as watch:
        start = time.perf_counter()
        s = pipeline.settings
        doc = next(parse_many(pipeline.nlp, [text], batch_size=s.batch_size, batch_chars=s.batch_chars,
                              segment_chars=s.segment_chars))
        seconds["parse"] = time.perf_counter() - start
        analysis = Analysis(document=Document(text=text), doc=doc, settings=s)
        for stage in pipeline.stages:
            start = time.perf_counter()
            stage.run(analysis)
            seconds[stage.name] = time.perf_counter() - start
    return {"characters": chars, "seconds": {k: round(v, 2) for k, v in seconds.items()},
            "peak_rss_mb": watch.peak["total_rss_mb"]}


def bare_parse_seconds_per_doc(texts: list[str]) -> float:
    from eventsift.pipeline import Pipeline

    nlp = Pipeline().nlp
    list(nlp.pipe(texts[:5]))
    start = time.perf_counter()
    for _ in nlp.pipe(texts, batch_size=16):
        pass
    return (time.perf_counter() - start) / len(texts)


def main_ingest(args) -> None:
    texts = load_texts(args.texts, args.docs)
    parse = bare_parse_seconds_per_doc(texts)
    runs = [measure_ingest(texts, args.ingest, w, parse) for w in args.workers]
    one = next((r for r in runs if r["workers"] == 1), None)
    for run in runs:
        run["speedup_over_one_worker"] = round(run["docs_per_second"] / one["docs_per_second"], 3) if one else None
    result = {"bare_parse_seconds_per_doc": round(parse, 4), "runs": runs}
    if args.json:
        print(json.dumps(result, indent=2))
        return
    print(f"bare spaCy parse: {1 / parse:.2f} docs/s ({len(texts)} distinct texts)")
    for r in runs:
        print(f"ingest {r['documents']} docs, {r['workers']} worker(s): {r['docs_per_second']} docs/s"
              + (f", {r['ratio_to_bare_parse']}x bare parse time per doc" if r["ratio_to_bare_parse"] else "")
              + (f", {r['speedup_over_one_worker']}x one worker" if r["speedup_over_one_worker"] else "")
              + f"; peak RSS writer {r['peak_writer_rss_mb']} MB, largest worker {r['peak_worker_rss_mb']} MB,"
              f" all processes together {r['peak_total_rss_mb']} MB (PSS {r['peak_total_pss_mb']} MB)")
        for sample in r["rss_as_store_grows"]:
            print(f"    at {sample['documents']:>6} docs: writer {sample['writer_rss_mb']} MB,"
                  f" largest worker {sample['worker_rss_mb']} MB")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=200, help="how many texts to use")
    parser.add_argument("--texts", type=Path, default=DEFAULT_TEXTS, help="folder of .txt files")
    parser.add_argument("--json", action="store_true", help="print JSON only")
    parser.add_argument("--tier", choices=("fast", "accurate"), default="fast",
                        help="the tier to time (accurate needs the accurate extra)")
    parser.add_argument("--ingest", type=int, default=None, metavar="N",
                        help="measure `ingest` of N documents (the texts repeated and varied) instead")
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2], help="worker counts for --ingest")
    parser.add_argument("--long", type=int, default=None, metavar="CHARS",
                        help="time each stage on ONE document of CHARS characters (the texts joined) instead")
    args = parser.parse_args()
    if args.long:
        result = measure_long(load_texts(args.texts, args.docs), args.long)
        if args.json:
            print(json.dumps(result, indent=2))
            return
        print(f"one document of {result['characters']:,} characters; peak RSS {result['peak_rss_mb']} MB")
        for name, seconds in result["seconds"].items():
            print(f"  {name:<16} {seconds:8.2f} s")
        return
    if args.ingest:
        main_ingest(args)
        return
    result = measure(load_texts(args.texts, args.docs), args.tier)
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
