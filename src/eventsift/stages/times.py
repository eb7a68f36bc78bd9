"""Time expressions layer: TIMEX3 times found on the raw text, anchored at the publication date.

The tagger itself lives in :mod:`eventsift.timex` (pure Python; it reads the shared spaCy
parse only for the tense of the verb a time hangs from, so it costs little next to the
parse). This stage runs it once over the document;
``REANCHOR_STAGE`` later re-resolves relative times inside attributed content
that carries its own date ("the NCRI revealed on September 2, 2013: '... on
Tuesday, August 27 ...'" -> 2013-08-27, not the article's year).
"""
from __future__ import annotations

from ..analysis import Analysis, Stage
from ..timex import find_times, parse_anchor, timex3_view

__all__ = ["STAGE", "REANCHOR_STAGE", "find_times", "parse_anchor", "timex3_view"]


def _run(analysis: Analysis) -> None:
    # the shared parse gives each weekday or month the tense of the verb it hangs from
    analysis.times = find_times(analysis.text, parse_anchor(analysis.document.published), doc=analysis.doc)


def _reanchor(analysis: Analysis) -> None:
    """Relative times inside a dated quote are resolved from the quote's date."""
    text = analysis.text
    for attribution in analysis.attributions:
        anchor = parse_anchor(attribution.date)
        if anchor is None:
            continue
        inside = [t for t in analysis.times if attribution.content.contains(t.span)]
        if not any(t.relative for t in inside):
            continue
        fresh = {(t.span.start, t.span.end): t
                 for t in find_times(text, anchor, attribution.content.start, attribution.content.end,
                                     doc=analysis.doc)}
        for i, t in enumerate(analysis.times):
            if t in inside and t.relative and (t.span.start, t.span.end) in fresh:
                analysis.times[i] = fresh[(t.span.start, t.span.end)]


STAGE = Stage("times", _run, requires=("document",), assigns=("times",))
REANCHOR_STAGE = Stage("time_anchoring", _reanchor, requires=("times", "attributions"), assigns=("times",))
