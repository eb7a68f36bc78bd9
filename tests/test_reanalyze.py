"""Raw bytes kept by the store, headline titles, and `eventsift reanalyze` keeping reviews attached."""
from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest
from click.testing import CliRunner

from eventsift.analyzer import label, stamp, version_key
from eventsift.cli import main
from eventsift.headline import headline_of
from eventsift.ingest.reanalyze import carry_ids, needs_reanalysis, to_reanalyze
from eventsift.ingest.run import ingest
from eventsift.store import Store
from eventsift.store.review import ReviewStore

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"


def test_headline_is_the_first_headline_like_line():
    text = "Published: 2 September 2013\n\nGunmen storm a camp in Diyala\n\nBAGHDAD — Gunmen attacked a camp."
    assert headline_of(text) == "Gunmen storm a camp in Diyala"


def test_headline_falls_back_to_the_lead_without_dateline():
    text = "date 2020-01-01\n\nMOGADISHU, Somalia (Reuters) - Five people were killed on Monday. Police said so."
    assert headline_of(text) == "Five people were killed on Monday."
    assert headline_of("   \n\n") is None


def test_long_leads_are_cut_at_a_word():
    lead = "A " + "very " * 60 + "long sentence."
    title = headline_of(lead)
    assert title.endswith("…") and len(title) <= 121 and " ver…" not in title


def test_versions_sort_numerically_and_labels_carry_the_models():
    assert version_key("0.10.1") > version_key("0.9.0") > version_key(None)
    assert label(stamp()).startswith(stamp()["version"] + "+")
    assert needs_reanalysis("0.1.0+abc", None) and not needs_reanalysis(label(stamp()), None)
    assert needs_reanalysis("0.3.0+abc", "0.2.0") and not needs_reanalysis("0.1.0+abc", "0.2.0")


def _event(eid: str, start: int, text: str, killed: int | None = None) -> dict:
    return {"id": eid, "event_type": "Battles", "sub_event_type": "Armed clash",
            "trigger": {"start": start, "end": start + len(text), "text": text},
            "fatalities": None if killed is None else {"best": killed}}


def test_matched_events_keep_their_ids_and_changes_are_named():
    old = [_event("e1", 10, "attacked", 3), _event("e2", 50, "clashed")]
    new = [_event("e1", 50, "clashed"), _event("e2", 10, "attacked", 4), _event("e3", 90, "bombed")]
    change = carry_ids(old, new, same_text=True)
    assert [e["id"] for e in new] == ["e2", "e1", "e3"]
    assert change.changed == {"e1": ["fatalities"]} and change.added == ["e3"] and change.removed == []


def test_an_unmatched_new_event_never_takes_a_removed_events_id():
    old = [_event("e1", 10, "attacked"), _event("e2", 50, "clashed")]
    new = [_event("e1", 10, "attacked"), _event("e2", 120, "bombed")]
    change = carry_ids(old, new, same_text=True)
    assert change.removed == ["e2"] and change.added == ["e3"] and new[1]["id"] == "e3"


@pytest.fixture(scope="module")
def demo_store(tmp_path_factory, pipeline):
    store = Store(str(tmp_path_factory.mktemp("re") / "store.db"))
    report = ingest([str(EXAMPLES)], store)
    assert not report.failures
    return store


def test_raw_bytes_are_kept_compressed_once_per_hash(demo_store):
    first = sorted(EXAMPLES.glob("*.txt"))[0]
    stored = next(demo_store.get(row["id"]) for row in demo_store.list_documents()
                  if row["path"] and row["path"].endswith(first.name))
    assert demo_store.raw(stored["source"]["sha256"]) == first.read_bytes()
    assert ingest([str(first)], demo_store).outcomes["unchanged"] == 1
    with sqlite3.connect(demo_store.target) as conn:
        assert conn.execute("SELECT COUNT(*) FROM raw_inputs").fetchone()[0] == len(list(EXAMPLES.glob("*.txt")))


def test_documents_are_listed_by_their_headline(demo_store):
    titles = {row["title"] for row in demo_store.list_documents()}
    assert "US strike in Baghdad kills Iranian commander Soleimani" in titles
    assert all(t and not t.endswith(".txt") for t in titles)


def test_reanalyze_restores_an_older_analysis_and_keeps_reviews(demo_store):
    doc_id = next(row["id"] for row in demo_store.list_documents() if row["n_events"] >= 2)
    current = demo_store.get(doc_id)
    reviewer = ReviewStore(demo_store)
    target = current["events"][0]
    reviewer.review_event(f"{doc_id}:{target['id']}", {"fatalities": 99}, {"name": "reviewer1"})
    # an analysis from an older version: one event missing, one invented, ids shuffled
    older = json.loads(json.dumps(current))
    older["analyzer"] = {"version": "0.1.0", "models": "old"}
    kept = older["events"][0]
    older["events"] = [kept, {**_event("e7", 0, older["text"][:5]), "trigger": {"start": 0, "end": 5,
                                                                                "text": older["text"][:5]}}]
    demo_store.reanalysed(older)
    assert doc_id in to_reanalyze(demo_store)

    result = CliRunner().invoke(main, ["reanalyze", "--db", demo_store.target, "--format", "json"])
    assert result.exit_code == 0, result.output
    changes = {c["document"]: c for c in map(json.loads, result.stdout.splitlines())}
    change = changes[doc_id]
    assert change["removed"] == ["e7"] and len(change["added"]) == len(current["events"]) - 1
    assert change["reread_from_raw"] and not change["text_changed"]
    again = demo_store.get(doc_id)
    assert again["analyzer"] == stamp()
    assert next(e for e in again["events"] if e["trigger"] == kept["trigger"])["id"] == kept["id"]
    reviewed = reviewer.reviewed_document(doc_id)
    assert next(e for e in reviewed["events"] if e["id"] == target["id"])["fatalities"]["best"] == 99
    assert doc_id not in to_reanalyze(demo_store)
    assert "0 documents re-analysed" in CliRunner().invoke(main, ["reanalyze", "--db", demo_store.target]).stderr


def test_old_stores_get_the_new_columns_and_titles(tmp_path):
    path = tmp_path / "old.db"
    with sqlite3.connect(path) as conn:  # a store as version 0.1.0 left it (migrations 1 and 2)
        conn.executescript("""
            CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, applied_at DATETIME);
            CREATE TABLE documents (id VARCHAR(200) PRIMARY KEY, sha256 VARCHAR(64) NOT NULL UNIQUE, path TEXT,
                url TEXT, outlet TEXT, title TEXT, published VARCHAR(40), text TEXT NOT NULL, analysis TEXT NOT NULL,
                n_events INTEGER NOT NULL, ingested_at DATETIME);
            CREATE TABLE failures (input TEXT PRIMARY KEY, reason TEXT NOT NULL, at DATETIME);
            INSERT INTO schema_migrations (version) VALUES (1);
        """)
        text = "Published: 1 May 2020\n\nPolice disperse protest in Nairobi\n\nPolice fired tear gas."
        analysis = {"schema": "eventsift.document/1", "id": "d1", "title": None, "text": text, "events": [],
                    "source": {"sha256": "a" * 64}}
        conn.execute("INSERT INTO documents VALUES ('d1', ?, 'x.txt', NULL, NULL, NULL, '2020-05-01', ?, ?, 0, NULL)",
                     ("a" * 64, text, json.dumps(analysis)))
    store = Store(str(path))
    assert 3 in store.migrations()
    assert store.list_documents()[0]["title"] == "Police disperse protest in Nairobi"
    assert store.stored_versions() == [("d1", None)] and to_reanalyze(store) == ["d1"]
    assert store.raw("a" * 64) is None
