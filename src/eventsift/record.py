"""The stored record of an analysis: contract JSON <-> the typed model, with versioned migrations.

``DocumentResult.to_dict`` writes a record with its ``record_version``
(``RECORD_VERSION`` in model.py: bump it with a new entry in ``MIGRATIONS``); ``from_record`` upgrades an older stored dict step by step (one
migration per change of the record) and rebuilds the dataclasses of
``model.py`` from it, so a stored analysis can be read back as the same objects
the pipeline made. The conversion follows the dataclasses' own type hints, so
a field added to the model is carried without touching this module.
"""
from __future__ import annotations

import types
import typing
from dataclasses import MISSING, fields, is_dataclass
from functools import lru_cache
from typing import Any, Callable

from . import model
from .headline import headline_of
from .model import LAYERS, RECORD_VERSION, Document, DocumentResult, Span


def _v1_to_v2(record: dict) -> dict:
    """Version 2 recorded the tier that made the analysis; everything before was the fast tier."""
    record.setdefault("tier", "fast")
    return record


def _v2_to_v3(record: dict) -> dict:
    """Version 3 recorded the analyser (version and models) and titled every document by its headline."""
    record.setdefault("analyzer", None)
    if not record.get("title"):
        record["title"] = headline_of(record.get("text", ""))
    return record


#: from version -> the function that upgrades a record of that version to the next one.
MIGRATIONS: dict[int, Callable[[dict], dict]] = {1: _v1_to_v2, 2: _v2_to_v3}


def record_version(record: dict) -> int:
    """The version of a stored record: written since version 3, inferred for older ones."""
    if "record_version" in record:
        return int(record["record_version"])
    return 2 if "tier" in record else 1


def upgrade(record: dict) -> dict:
    """A copy of ``record`` migrated to ``RECORD_VERSION``; a record from a newer eventsift is refused."""
    record = dict(record)
    version = record_version(record)
    if version > RECORD_VERSION:
        raise ValueError(f"record version {version} is newer than this eventsift reads ({RECORD_VERSION})")
    while version < RECORD_VERSION:
        record = MIGRATIONS[version](record)
        version += 1
    record["record_version"] = RECORD_VERSION
    return record


@lru_cache(maxsize=None)
def _hints(cls: type) -> dict[str, Any]:
    return typing.get_type_hints(cls, vars(model))


def _build(hint: Any, value: Any) -> Any:
    """``value`` (plain JSON) as the type ``hint`` names: dataclasses, lists of them, optionals."""
    if value is None:
        return None
    origin = typing.get_origin(hint)
    if origin in (typing.Union, types.UnionType):
        options = [h for h in typing.get_args(hint) if h is not type(None)]
        return _build(options[0], value) if len(options) == 1 else value
    if origin in (list, tuple):
        (inner, *_) = typing.get_args(hint) or (Any,)
        return [_build(inner, v) for v in value]
    if isinstance(hint, type) and is_dataclass(hint):
        return _dataclass(hint, value)
    return value


def _dataclass(cls: type, value: dict) -> Any:
    if cls is Span:
        return Span(value["start"], value["end"], value["text"])
    flat = cls in (model.TimeValue, model.Framing)  # their span is written inline (start, end, text)
    hints = _hints(cls)
    kwargs = {}
    for f in fields(cls):
        if f.metadata.get("internal"):
            continue
        if flat and f.name == "span":
            kwargs["span"] = Span(value["start"], value["end"], value["text"])
        elif f.name in value:
            kwargs[f.name] = _build(hints[f.name], value[f.name])
        elif f.default is MISSING and f.default_factory is MISSING:
            raise ValueError(f"{cls.__name__} record lacks {f.name!r}")
    return cls(**kwargs)


def from_record(record: dict) -> DocumentResult:
    """The typed analysis of a stored (or freshly written) contract dict of any record version."""
    record = upgrade(record)
    document = Document(text=record["text"], id=record["id"], title=record.get("title"),
                        published=record.get("published"), source=dict(record.get("source") or {}))
    layer_types = {f.name: _hints(DocumentResult)[f.name] for f in fields(DocumentResult) if f.name in LAYERS}
    layers = {name: _build(layer_types[name], record.get(name) or []) for name in LAYERS}
    return DocumentResult(document=document, tier=record.get("tier", "fast"), analyzer=record.get("analyzer"),
                          **layers)
