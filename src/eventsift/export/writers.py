"""The four writers. Each takes event dicts and a path ('-' = stdout for the text formats); returns the count."""
from __future__ import annotations

import csv
import json
import sys
from contextlib import contextmanager
from itertools import islice
from typing import Iterable

from ..errors import EventsiftError
from .rows import COLUMNS, flat_row


@contextmanager
def _text_out(path: str):
    if path == "-":
        yield sys.stdout
        sys.stdout.flush()
        return
    with open(path, "w", encoding="utf-8", newline="") as stream:
        yield stream


def write_csv(events: Iterable[dict], path: str) -> int:
    n = 0
    with _text_out(path) as stream:
        writer = csv.DictWriter(stream, fieldnames=COLUMNS)
        writer.writeheader()
        for event in events:
            writer.writerow(flat_row(event))
            n += 1
    return n


def write_jsonl(events: Iterable[dict], path: str) -> int:
    n = 0
    with _text_out(path) as stream:
        for event in events:
            stream.write(json.dumps(flat_row(event), ensure_ascii=False) + "\n")
            n += 1
    return n


def _feature(event: dict) -> dict:
    row = flat_row(event)
    lon, lat = row.pop("longitude"), row.pop("latitude")
    return {"type": "Feature", "geometry": {"type": "Point", "coordinates": [lon, lat]}, "properties": row}


def write_geojson(events: Iterable[dict], path: str) -> int:
    """A FeatureCollection of points; events without coordinates are left out (they cannot be mapped)."""
    n = 0
    with _text_out(path) as stream:
        stream.write('{"type": "FeatureCollection", "features": [\n')
        for event in events:
            if event.get("lat") is None or event.get("lon") is None:
                continue
            stream.write((",\n" if n else "") + json.dumps(_feature(event), ensure_ascii=False))
            n += 1
        stream.write("\n]}\n")
    return n


def write_parquet(events: Iterable[dict], path: str, batch: int = 5000) -> int:
    try:
        import pyarrow as pa
        import pyarrow.parquet as pq
    except ImportError:
        raise EventsiftError("Parquet export needs pyarrow: pip install 'eventsift[scale]'") from None
    if path == "-":
        raise EventsiftError("Parquet is binary: give a file with --output")
    ints = {"year", "fatalities", "injured"}
    floats = {"latitude", "longitude"}
    schema = pa.schema([(c, pa.int64() if c in ints else pa.float64() if c in floats else pa.string())
                        for c in COLUMNS])
    n = 0
    rows = (flat_row(e) for e in events)
    with pq.ParquetWriter(path, schema) as writer:
        while True:
            chunk = list(islice(rows, batch))
            if not chunk and n:
                break
            table = pa.Table.from_pylist(chunk, schema=schema)
            writer.write_table(table)
            n += len(chunk)
            if not chunk:
                break
    return n
