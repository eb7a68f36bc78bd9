"""Shared fixtures: one spaCy pipeline per test session, paths to the shared data."""
from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
SEED = SHARED / "seed" / "000_4de60838964a4e63.txt"
SCHEMA = SHARED / "contract" / "document.schema.json"
EXAMPLES = ROOT / "examples"


@pytest.fixture(scope="session")
def pipeline():
    from eventsift.pipeline import Pipeline

    return Pipeline()


@pytest.fixture(scope="session")
def seed_result(pipeline):
    if not SEED.exists():
        pytest.skip("../shared/seed is not present")
    from eventsift.ingest.readers import read_documents

    (document,) = list(read_documents([str(SEED)]))
    return pipeline.analyze(document).to_dict()


@pytest.fixture
def rules_only(monkeypatch):
    """Type events by the cue rules alone (the event-type model off), for tests of what the rules read."""
    monkeypatch.setenv("EVENTSIFT_EVENT_MODEL", "off")


@pytest.fixture
def analyse(pipeline):
    """Analyse a text (with an optional publication date) and return the contract dict."""
    from eventsift.model import Document

    def run(text: str, published: str | None = None) -> dict:
        return pipeline.analyze(Document(text=text, published=published)).to_dict()

    return run


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def backend_store(request, tmp_path):
    """An empty store on SQLite, and on PostgreSQL when the test server is available."""
    from _stores import store_target
    from eventsift.store import Store

    store = Store(store_target(request.param, tmp_path))
    yield store
    store.close()
