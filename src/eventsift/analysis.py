"""The state one document is in while the stages run, and what a stage is.

Its own module so that the stages (which take an :class:`Analysis`) and the runner in ``pipeline.py`` (which
imports the stages) both depend on it and not on each other.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable

from .model import Actor, Attribution, Document, DocumentResult, Event, Framing, Place, Span, TimeValue
from .settings import Settings
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
            tier=self.settings.tier,
        )


@dataclass(frozen=True)
class Stage:
    name: str
    run: Callable[[Analysis], None]
    requires: tuple[str, ...] = ()
    assigns: tuple[str, ...] = ()
