"""Stage registry and runner.

A stage is a plain function ``run(analysis)`` that reads some layers of an
:class:`Analysis` and adds one. Stages declare ``requires`` and ``assigns``;
the registry checks the order once, and the runner is a short loop.
"""
from __future__ import annotations

from typing import Iterable, Iterator

from .analysis import Analysis, Stage  # also imported from here by callers
from .model import Document, DocumentResult
from .settings import Settings
from . import nlp as nlp_loader
from .parse import parse_many


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
    return shared_pipeline(settings or Settings()).analyze(document).to_dict()


_PIPELINES: dict[Settings, Pipeline] = {}


def shared_pipeline(settings: Settings) -> Pipeline:
    """This process's one pipeline for these settings: loading spaCy and the models is the expensive part."""
    if settings not in _PIPELINES:
        _PIPELINES[settings] = Pipeline(settings)
    return _PIPELINES[settings]
