"""Read PolNeAR (text + brat attributions) and cache its spaCy parses on disk.

PolNeAR stays in ../shared/data/polnear; nothing of it enters the repository.
Parsing 900 articles takes minutes on this machine, so the parses are kept in a
DocBin under /tmp (keyed by split and model) and re-used by the evaluation and
the training script. EVENTSIFT_POLNEAR points at another folder of the same layout
(e.g. a held-back test split); its parses are not cached.
"""
from __future__ import annotations

import json
import os
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DATA = Path(os.environ.get("EVENTSIFT_POLNEAR", ROOT.parent / "shared" / "data" / "polnear"))
CACHE = Path(os.environ.get("EVENTSIFT_CACHE", "/tmp/eventsift-cache"))
DEFAULT_DATA = ROOT.parent / "shared" / "data" / "polnear"
sys.path.insert(0, str(ROOT / "src"))


@dataclass
class GoldAttribution:
    content: list[tuple[int, int]]
    source: list[tuple[int, int]] = field(default_factory=list)
    cue: list[tuple[int, int]] = field(default_factory=list)

    @property
    def content_chars(self) -> set[int]:
        return {i for s, e in self.content for i in range(s, e)}


@dataclass
class Article:
    name: str
    text: str
    published: str | None
    gold: list[GoldAttribution]


def _ranges(field_: str) -> list[tuple[int, int]]:
    out = []
    for part in field_.split(";"):
        s, e = part.split()
        out.append((int(s), int(e)))
    return out


def read_ann(path: Path) -> list[GoldAttribution]:
    """Attributions of one brat file: E lines join Source, Cue and Content text-bound annotations."""
    spans: dict[str, list[tuple[int, int]]] = {}
    events = []
    for line in path.read_text(encoding="utf-8").splitlines():
        cols = line.split("\t")
        if len(cols) < 2:
            continue  # the rest of a span text that ran over a line break
        if line.startswith("T"):
            tid, info = cols[0], cols[1]
            label, ranges = info.split(" ", 1)
            spans[tid] = _ranges(ranges)
        elif line.startswith("E"):
            events.append(cols[1].split())
    gold = []
    for args in events:
        roles = dict(a.split(":", 1) for a in args)
        if "Content" not in roles:
            continue
        gold.append(GoldAttribution(
            content=spans[roles["Content"]],
            source=spans.get(roles.get("Source", ""), []),
            cue=spans.get(roles.get("Cue", ""), [])))
    return gold


def _dates() -> dict[str, str]:
    out = {}
    meta = DATA / "metadata.tsv"
    if not meta.exists():
        return out
    for line in meta.read_text(encoding="utf-8").splitlines()[1:]:
        cols = line.split("\t")
        out[cols[1]] = cols[5]
    return out


def articles(split: str, limit: int | None = None) -> list[Article]:
    dates = _dates()
    texts = sorted((DATA / split / "text").glob("*.txt"))
    if limit:
        texts = texts[:limit]
    anns = {p.name.rsplit("_", 1)[0]: p for p in (DATA / split / "attributions").glob("*.ann")}
    out = []
    for path in texts:
        name = path.stem
        text = path.read_text(encoding="utf-8")
        gold = read_ann(anns[name]) if name in anns else []
        out.append(Article(name, text, dates.get(name), gold))
    return out


def parsed(split: str, limit: int | None = None, every: int = 1, model: str | None = None):
    """(articles, spaCy docs) for a split, parsing once and caching the DocBin under /tmp.

    With ``limit``/``every`` and no cache yet, only that subset is parsed (and not cached),
    so a quick check never pays for the whole split."""
    from spacy.tokens import DocBin

    from eventsift import nlp as nlp_loader
    from eventsift.settings import Settings

    model = model or Settings().model
    nlp = nlp_loader.load(model)
    arts = articles(split)
    path = CACHE / f"polnear-{split}-{model}.spacy" if DATA == DEFAULT_DATA else None
    subset = arts[::every][:limit] if limit else arts[::every]
    docs = list(DocBin().from_disk(path).get_docs(nlp.vocab)) if path is not None and path.exists() else []
    if docs and (len(docs) != len(arts) or any(d.text != a.text for d, a in zip(docs, arts))):
        docs = []  # a stale cache: parse again
    if docs:
        pass
    elif len(subset) < len(arts) or path is None:  # a subset, or data other than ours: parse, do not cache
        return subset, list(nlp.pipe((a.text for a in subset), batch_size=16))
    else:
        CACHE.mkdir(parents=True, exist_ok=True)
        t0 = time.perf_counter()
        docs = list(nlp.pipe((a.text for a in arts), batch_size=16))
        seconds = time.perf_counter() - t0
        DocBin(store_user_data=False, docs=docs).to_disk(path)
        (CACHE / f"polnear-{split}-{model}.json").write_text(json.dumps({"parse_seconds": seconds}))
    docs = docs[::every]
    return subset, (docs[:limit] if limit else docs)


def parse_seconds(split: str, model: str | None = None) -> float | None:
    from eventsift.settings import Settings

    path = CACHE / f"polnear-{split}-{model or Settings().model}.json"
    return json.loads(path.read_text())["parse_seconds"] if path.exists() else None


if __name__ == "__main__":
    for split in sys.argv[1:] or ["dev", "train"]:
        arts, docs = parsed(split)
        print(split, len(arts), "articles", sum(len(a.gold) for a in arts), "attributions",
              "parse s:", parse_seconds(split))
