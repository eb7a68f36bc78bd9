"""Exports of the corpus's events: CSV (ACLED-like columns), JSONL, GeoJSON points, Parquet.

Every row keeps its way back to the evidence: document id, source URL or path,
and the source text that supports each field. Rows stream from the store a page
at a time, so an export never holds the corpus in memory.
"""
from __future__ import annotations

from typing import Callable, Iterable, Iterator

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
    """Write the events matching ``flt`` to ``path`` ('-' is standard output, not for parquet); returns the count."""
    from ..corpus.queries import EventFilter, iter_events

    return EXPORTERS[fmt](iter_events(store, flt or EventFilter()), path)


__all__ = ["COLUMNS", "EXPORTERS", "export_events", "flat_row"]
