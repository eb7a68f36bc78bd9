"""Exports of the corpus's events: CSV (ACLED-like columns), JSONL, GeoJSON points, Parquet.

Every row keeps its way back to the evidence: document id, source URL or path,
and the source text that supports each field. Rows stream from the store a page
at a time, so an export never holds the corpus in memory.

Exports carry reviewed values: reviewers' corrections (web app, ``PATCH
/api/events/{id}``) replace the machine's values, events a reviewer rejected are
left out, and the ``review_state``/``reviewed_fields``/``reviewed_by``/``reviewed_at``
columns say which rows a person checked.
"""
from __future__ import annotations

from typing import Callable, Iterable

from .rows import COLUMNS, flat_row
from .writers import write_csv, write_geojson, write_jsonl, write_parquet

Exporter = Callable[[Iterable[dict], str], int]

EXPORTERS: dict[str, Exporter] = {
    "csv": write_csv,
    "jsonl": write_jsonl,
    "geojson": write_geojson,
    "parquet": write_parquet,
}


def export_events(store, fmt: str, path: str, flt=None) -> int:
    """Write the events matching ``flt`` to ``path`` ('-' is standard output, not for parquet); returns the count.

    Reviews are applied first; the status filter is checked on the reviewed status
    (the other filters select on the machine's values).
    """
    from ..corpus.queries import EventFilter, iter_reviewed_events

    return EXPORTERS[fmt](iter_reviewed_events(store, flt or EventFilter()), path)


__all__ = ["COLUMNS", "EXPORTERS", "export_events", "flat_row"]
