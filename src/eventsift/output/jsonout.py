"""JSON (one object, or an array for several documents) and JSON Lines."""
from __future__ import annotations

import json
from typing import Iterable, TextIO


def write_json(results: Iterable[dict], stream: TextIO) -> None:
    items = list(results)
    value = items[0] if len(items) == 1 else items
    json.dump(value, stream, ensure_ascii=False, indent=2)
    stream.write("\n")


def write_jsonl(results: Iterable[dict], stream: TextIO) -> None:
    for item in results:
        stream.write(json.dumps(item, ensure_ascii=False))
        stream.write("\n")
        stream.flush()
