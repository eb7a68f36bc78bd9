"""Score the time tagger on TimeML gold (TimeBank + AQUAINT) with the TempEval-3 metrics.

    PYTHONPATH=src python benchmarks/evaluate_times.py [--data ../shared/data/timeml] [--json] [--errors N]
    PYTHONPATH=src python benchmarks/evaluate_times.py --heldout   # our own held-out passages

Metrics, as the TempEval-3 scorer defines them:
- strict P/R/F1: a system time whose extent equals a gold extent;
- relaxed P/R/F1: a system time that overlaps a gold time (one-to-one);
- type F1 and value F1: relaxed F1 x the share of relaxed matches whose type (value) is right.

The tagger runs on the plain text inside <TEXT>, anchored at the document's DCT; no spaCy.
An interval of ours ("from 2009 to 2016" -> 2009/2016) is scored as its two endpoint TIMEX3s,
which is how TimeML annotates it (see ``eventsift.stages.times.timex3_view``).
"""
from __future__ import annotations

import argparse
import json
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from eventsift.ingest.timeml import GoldTimex, read_timeml  # noqa: E402
from eventsift.stages.times import find_times, parse_anchor, timex3_view  # noqa: E402

DEFAULT_DATA = ROOT.parent / "shared" / "data" / "timeml"


@dataclass
class Tally:
    gold: int = 0
    system: int = 0
    strict: int = 0
    relaxed: int = 0
    type_ok: int = 0
    value_ok: int = 0
    errors: list = field(default_factory=list)

    def add(self, other: "Tally") -> None:
        for name in ("gold", "system", "strict", "relaxed", "type_ok", "value_ok"):
            setattr(self, name, getattr(self, name) + getattr(other, name))
        self.errors += other.errors

    def metrics(self) -> dict:
        def f1(hits: int) -> float:
            p = hits / self.system if self.system else 0.0
            r = hits / self.gold if self.gold else 0.0
            return 2 * p * r / (p + r) if p + r else 0.0

        relaxed_p = self.relaxed / self.system if self.system else 0.0
        relaxed_r = self.relaxed / self.gold if self.gold else 0.0
        return {
            "gold": self.gold, "system": self.system,
            "strict_f1": round(100 * f1(self.strict), 2),
            "relaxed_p": round(100 * relaxed_p, 2), "relaxed_r": round(100 * relaxed_r, 2),
            "relaxed_f1": round(100 * f1(self.relaxed), 2),
            "type_f1": round(100 * f1(self.type_ok), 2),
            "value_f1": round(100 * f1(self.value_ok), 2),
            "value_accuracy": round(100 * self.value_ok / self.relaxed, 2) if self.relaxed else 0.0,
        }


def score_document(markup: str, name: str = "", doc=None) -> Tally:
    text, dct, gold = read_timeml(markup)
    system = timex3_view(text, find_times(text, parse_anchor(dct), doc=doc))
    return score_times(text, gold, system, name)


def parse_all(texts: list[str]) -> list:
    """spaCy parses of ``texts`` (as the pipeline makes them, without NER, which the tagger does not
    read), cached in the temp directory so that repeated evaluations do not parse again."""
    import hashlib
    import tempfile

    import spacy
    from spacy.tokens import DocBin

    from eventsift import nlp
    from eventsift.settings import Settings

    model = Settings().model
    key = hashlib.sha1("\0".join([model, spacy.__version__, *texts]).encode()).hexdigest()[:16]
    cache = Path(tempfile.gettempdir()) / f"eventsift-times-parse-{key}.spacy"
    language = nlp.load(model)
    if cache.exists():
        docs = list(DocBin().from_disk(cache).get_docs(language.vocab))
        if [d.text for d in docs] == texts:
            return docs
    with language.select_pipes(disable=[p for p in language.pipe_names if p == "ner"]):
        docs = list(language.pipe(texts, batch_size=16))
    DocBin(attrs=["ORTH", "TAG", "POS", "DEP", "HEAD", "LEMMA", "MORPH", "SENT_START", "SPACY"],
           docs=docs).to_disk(cache)
    return docs


def score_times(text: str, gold: list, system: list, name: str = "") -> Tally:
    """Match system times to gold TIMEX3s (one to one, overlap; an exact extent preferred) and count."""
    tally = Tally(gold=len(gold), system=len(system))
    used: set[int] = set()
    for g in gold:
        match = None
        for i, s in enumerate(system):
            if i not in used and s.span.start < g.end and g.start < s.span.end:
                if match is None or (s.span.start, s.span.end) == (g.start, g.end):
                    match = i
        if match is None:
            context = text[max(0, g.start - 30):g.end + 30].replace("\n", " ")
            tally.errors.append(("missed", name, g.text, g.type, g.value, context, ""))
            continue
        used.add(match)
        s = system[match]
        tally.relaxed += 1
        tally.strict += (s.span.start, s.span.end) == (g.start, g.end)
        tally.type_ok += s.type == g.type
        tally.value_ok += s.value == g.value
        if s.value != g.value or s.type != g.type or (s.span.start, s.span.end) != (g.start, g.end):
            tally.errors.append(("wrong", name, g.text, g.type, g.value, s.span.text, f"{s.type} {s.value}"))
    for i, s in enumerate(system):
        if i not in used:
            context = text[max(0, s.span.start - 30):s.span.end + 30].replace("\n", " ")
            tally.errors.append(("spurious", name, s.span.text, s.type, s.value, context, ""))
    return tally


def evaluate(data: Path = DEFAULT_DATA, corpora: tuple[str, ...] = ("TimeBank", "AQUAINT"),
             limit: int | None = None, parse: bool = True) -> dict:
    """Metrics per corpus and overall, plus the tagger's time per document (parse excluded).

    With ``parse`` (the default, as in the pipeline) each document's spaCy parse is given to the
    tagger for the tense of governing verbs; without it the tagger falls back to cue words."""
    result: dict = {}
    total = Tally()
    seconds = 0.0
    documents = 0
    for corpus in corpora:
        tally = Tally()
        paths = sorted((data / corpus).glob("*.tml"))[:limit]
        markups = [path.read_text(encoding="utf-8") for path in paths]
        docs = parse_all([read_timeml(m)[0] for m in markups]) if parse else [None] * len(markups)
        for path, markup, doc in zip(paths, markups, docs):
            started = time.perf_counter()
            doc_tally = score_document(markup, path.name, doc)
            seconds += time.perf_counter() - started
            documents += 1
            tally.add(doc_tally)
        result[corpus] = tally.metrics()
        result[corpus]["documents"] = len(sorted((data / corpus).glob("*.tml"))[:limit])
        total.add(tally)
        result.setdefault("_errors", []).extend(tally.errors)
    result["all"] = total.metrics()
    result["all"]["ms_per_document"] = round(1000 * seconds / max(documents, 1), 2)
    return result


HELDOUT = ROOT / "benchmarks" / "data" / "times_heldout" / "passages.jsonl"


def read_heldout(path: Path = HELDOUT) -> list[tuple[str, str, str, list[GoldTimex]]]:
    """(id, text, DCT, gold) per passage; each gold extent is found in the text after the previous one."""
    passages = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        item = json.loads(line)
        text, gold, pos = item["text"], [], 0
        for extent, type_, value in item["timex"]:
            start = text.index(extent, pos)
            pos = start + len(extent)
            gold.append(GoldTimex(start, pos, extent, type_, value))
        passages.append((item["id"], text, item["dct"], gold))
    return passages


def evaluate_heldout(path: Path = HELDOUT, pipeline=None) -> dict:
    """Metrics on our held-out passages, run through the pipeline (parse, attribution, re-anchoring)."""
    from eventsift.model import Document
    from eventsift.pipeline import Pipeline

    pipeline = pipeline or Pipeline()
    passages = read_heldout(path)
    documents = [Document(text=text, published=dct) for _, text, dct, _ in passages]
    tally = Tally()
    for (name, text, _, gold), result in zip(passages, pipeline.analyze_many(documents)):
        tally.add(score_times(text, gold, timex3_view(text, result.times), name))
    metrics = tally.metrics()
    metrics["documents"] = len(passages)
    return {"heldout": metrics, "_errors": tally.errors}


def speed(data: Path = DEFAULT_DATA, every: int = 4) -> dict:
    """Tagger time against spaCy parse time on every ``every``-th document (the issue's budget: <= 10%)."""
    from eventsift import nlp
    from eventsift.settings import Settings

    texts = [read_timeml(p.read_text(encoding="utf-8"))[:2]
             for p in sorted(data.glob("*/*.tml"))[::every]]
    parse = nlp.load(Settings().model)
    parse(texts[0][0])
    started = time.perf_counter()
    docs = [parse(text) for text, _ in texts]
    spacy_seconds = time.perf_counter() - started
    started = time.perf_counter()
    for (text, dct), doc in zip(texts, docs):
        find_times(text, parse_anchor(dct), doc=doc)  # as the stage runs it: with the shared parse
    tagger_seconds = time.perf_counter() - started
    return {"documents": len(texts), "spacy_ms_per_document": round(1000 * spacy_seconds / len(texts), 2),
            "tagger_ms_per_document": round(1000 * tagger_seconds / len(texts), 2),
            "tagger_share_of_parse": round(tagger_seconds / spacy_seconds, 4)}


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--json", action="store_true", help="print the metrics as JSON")
    parser.add_argument("--errors", type=int, default=0, help="print up to N errors of each kind")
    parser.add_argument("--corpus", action="append", help="TimeBank or AQUAINT (default both)")
    parser.add_argument("--speed", action="store_true", help="also time the tagger against the spaCy parse")
    parser.add_argument("--no-parse", action="store_true",
                        help="run the tagger without the spaCy parse (tense from cue words only)")
    parser.add_argument("--heldout", action="store_true",
                        help="score only our held-out passages (benchmarks/data/times_heldout, full pipeline)")
    args = parser.parse_args(argv)
    if args.heldout:
        result = evaluate_heldout()
    else:
        if not args.data.exists():
            sys.exit(f"no TimeML data at {args.data}")
        result = evaluate(args.data, tuple(args.corpus) if args.corpus else ("TimeBank", "AQUAINT"),
                          parse=not args.no_parse)
    errors = result.pop("_errors", [])
    if args.speed:
        result["speed"] = speed(args.data)
    if args.json:
        print(json.dumps(result, indent=2))
    else:
        print(f"{'corpus':<10} {'gold':>5} {'sys':>5} {'strict':>7} {'relaxP':>7} {'relaxR':>7} {'relaxF1':>7}"
              f" {'typeF1':>7} {'valueF1':>7}")
        for name, m in result.items():
            if name == "speed":
                continue
            print(f"{name:<10} {m['gold']:>5} {m['system']:>5} {m['strict_f1']:>7} {m['relaxed_p']:>7}"
                  f" {m['relaxed_r']:>7} {m['relaxed_f1']:>7} {m['type_f1']:>7} {m['value_f1']:>7}")
        print("HeidelTime (TempEval-3 platinum): relaxed F1 90.3, value F1 77.6")
        if "all" in result:
            print(f"tagger time: {result['all']['ms_per_document']} ms per document (with scoring)")
        if args.speed:
            sp = result["speed"]
            print(f"speed on {sp['documents']} documents: spaCy parse {sp['spacy_ms_per_document']} ms, tagger "
                  f"{sp['tagger_ms_per_document']} ms per document = {100 * sp['tagger_share_of_parse']:.1f}% of the parse")
    if args.errors:
        for kind in ("missed", "spurious", "wrong"):
            rows = [e for e in errors if e[0] == kind]
            print(f"\n== {kind} ({len(rows)})")
            for row in rows[:args.errors]:
                print(" | ".join(str(x) for x in row[1:]))


if __name__ == "__main__":
    main()
