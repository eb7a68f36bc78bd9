"""Stage registry and runner.

A stage is a plain function ``run(analysis)`` that reads some layers of an
:class:`Analysis` and adds one. Stages declare ``requires`` and ``assigns``;
the registry checks the order once, and the runner is a short loop.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable, Iterable, Iterator

from .model import (
    Actor, Attribution, Document, DocumentResult, Event, Framing, Place, Span, TimeValue,
)
from .settings import Settings
from . import nlp as nlp_loader
from .parse import parse_many
from .spanindex import SpanIndex


@dataclass
class Analysis:
    """The working state of one document while the stages run."""

    document: Document
    doc: object  # the spaCy Doc: parsed once, shared by every stage
    settings: Settings = field(default_factory=Settings)
    times: list[TimeValue] = field(default_factory=list)
    actors: list[Actor] = field(default_factory=list)
    places: list[Place] = field(default_factory=list)
    attributions: list[Attribution] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    framing: list[Framing] = field(default_factory=list)
    _indexes: dict = field(default_factory=dict, repr=False, compare=False)

    @property
    def text(self) -> str:
        return self.document.text

    def overlapping(self, layer: str, start: int, end: int) -> list:
        """Items of a layer (``times``, ``places``, or ``mentions``: ``(span, actor)`` pairs) whose span shares a
        character with ``[start, end)``, in the layer's own order. Indexed once per state of the layer (its
        length and identity; a stage that replaces items in place must not rely on an index built before), so a
        stage asking this for every event stays linear in long documents."""
        return self._lookup(layer, start, end, inside=False)

    def within(self, layer: str, start: int, end: int) -> list:
        """Items of a layer whose span lies inside ``[start, end)``, in the layer's own order."""
        return self._lookup(layer, start, end, inside=True)

    def _lookup(self, layer: str, start: int, end: int, inside: bool) -> list:
        mentions = layer == "mentions"
        state = (len(self.actors), sum(len(a.mentions) for a in self.actors)) if mentions else \
            (len(getattr(self, layer)), id(getattr(self, layer)))
        cached = self._indexes.get(layer)
        if cached is None or cached[0] != state:
            items = [(m, a) for a in self.actors for m in a.mentions] if mentions else getattr(self, layer)
            spans = [item[0] if mentions else item.span for item in items]
            cached = (state, items, SpanIndex((span.start, span.end, i) for i, span in enumerate(spans)))
            self._indexes[layer] = cached
        _, items, index = cached
        hits = (i for s, e, i in index.overlapping(start, end) if not inside or start <= s and e <= end)
        return [items[i] for i in sorted(hits)]

    def span(self, start: int, end: int) -> Span:
        return Span.of(self.document.text, start, end)

    def result(self) -> DocumentResult:
        return DocumentResult(
            document=self.document,
            times=sorted(self.times, key=lambda t: (t.span.start, t.span.end)),
            actors=self.actors,
            places=sorted(self.places, key=lambda p: p.span.start),
            attributions=self.attributions,
            events=self.events,
            framing=sorted(self.framing, key=lambda f: (f.span.start, f.span.end)),
        )


@dataclass(frozen=True)
class Stage:
    name: str
    run: Callable[[Analysis], None]
    requires: tuple[str, ...] = ()
    assigns: tuple[str, ...] = ()


def default_stages() -> list[Stage]:
    """The stages in the order they run; the one place where stages are registered."""
    from .stages import actors, attribution, events, framing, places, times

    return [
        times.STAGE,
        actors.STAGE,
        places.STAGE,
        attribution.STAGE,
        times.REANCHOR_STAGE,
        events.STAGE,
        framing.STAGE,
    ]


def check_order(stages: list[Stage]) -> None:
    """Raise if a stage requires a layer that no earlier stage assigns."""
    available = {"doc", "document"}
    for stage in stages:
        missing = set(stage.requires) - available
        if missing:
            raise ValueError(f"stage {stage.name} requires {sorted(missing)} before it runs")
        available |= set(stage.assigns)


class Pipeline:
    """Parse once, run every stage, return the contract result."""

    def __init__(self, settings: Settings | None = None, stages: list[Stage] | None = None):
        self.settings = settings or Settings()
        self.stages = stages if stages is not None else default_stages()
        check_order(self.stages)

    @property
    def nlp(self):
        return nlp_loader.load(self.settings.model)

    def run_stages(self, document: Document, doc) -> DocumentResult:
        analysis = Analysis(document=document, doc=doc, settings=self.settings)
        for stage in self.stages:
            stage.run(analysis)
        return analysis.result()

    def analyze(self, document: Document) -> DocumentResult:
        return next(self.analyze_many([document]))

    def analyze_many(self, documents: Iterable[Document]) -> Iterator[DocumentResult]:
        """Analyse documents in order, parsing them in length-bounded batches (see ``eventsift.parse``)."""
        docs = list(documents) if not isinstance(documents, list) else documents
        s = self.settings
        parsed = parse_many(self.nlp, (d.text for d in docs), batch_size=s.batch_size, batch_chars=s.batch_chars,
                            segment_chars=s.segment_chars)
        for document, doc in zip(docs, parsed):
            yield self.run_stages(document, doc)


def analyze(text: str, published: str | None = None, title: str | None = None,
            settings: Settings | None = None) -> dict:
    """Analyse one text and return the contract JSON as a dict."""
    from .ingest.text import published_from_header

    published = published or published_from_header(text)
    document = Document(text=text, title=title, published=published)
    return _shared_pipeline(settings or Settings()).analyze(document).to_dict()


_PIPELINES: dict[Settings, Pipeline] = {}


def _shared_pipeline(settings: Settings) -> Pipeline:
    if settings not in _PIPELINES:
        _PIPELINES[settings] = Pipeline(settings)
    return _PIPELINES[settings]
