"""Which analyser made a stored analysis: the package version and a digest of the shipped models.

Recorded with every analysis so ``eventsift reanalyze`` can tell which stored
documents an improved model has not seen yet. The digest covers the files in
``resources/`` (models, lexicons, gazetteer tables), so retraining a model
changes it even when the version number does not.
"""
from __future__ import annotations

import hashlib
from functools import lru_cache
from pathlib import Path

VERSION = "0.2.0"
RESOURCES = Path(__file__).resolve().parent / "resources"


@lru_cache(maxsize=1)
def models_digest() -> str:
    """12 hex digits of the sha256 over the resource files' names and bytes, in name order."""
    digest = hashlib.sha256()
    for path in sorted(p for p in RESOURCES.rglob("*") if p.is_file() and "__pycache__" not in p.parts):
        digest.update(path.relative_to(RESOURCES).as_posix().encode("utf-8") + b"\0")
        digest.update(path.read_bytes())
    return digest.hexdigest()[:12]


def stamp() -> dict:
    """The ``analyzer`` object written into each analysis."""
    return {"version": VERSION, "models": models_digest()}


def label(analyzer: dict | None) -> str | None:
    """The stamp as one short string, "0.2.0+1a2b3c4d5e6f", as the store records it; None for no stamp."""
    if not analyzer:
        return None
    return f"{analyzer.get('version')}+{analyzer.get('models')}"


def version_key(stamp_label: str | None) -> tuple:
    """A sortable key for a dotted version or a label ("0.10.1" after "0.9"); None sorts first."""
    if not stamp_label:
        return ()
    return tuple(int(part) if part.isdigit() else 0 for part in stamp_label.split("+")[0].split("."))
