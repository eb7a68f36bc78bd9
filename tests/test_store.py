"""The store on SQLite and PostgreSQL: idempotent writes, replacement of changed documents with their
derived rows, recorded migrations, indexed queries, alias merging."""
from __future__ import annotations

import pytest

from _stores import actor, contract, event

TEXT_A = "Gunmen attacked Camp Ashraf in Diyala, killing 47 residents, officials said.\n"
TEXT_B = "Militants of the Red Hand killed 9 villagers near Kandahar.\n"


@pytest.fixture
def store(backend_store):
    return backend_store


def doc_a(text=TEXT_A, doc_id="doc-a"):
    return contract(text, [event(text, "attacked", day="2013-09-01", killed=47, country="IRQ", location="Camp Ashraf")],
                    doc_id=doc_id, published="2013-09-02")


def test_put_is_idempotent_by_sha(store):
    assert store.put(doc_a()) == "added"
    assert store.put(doc_a()) == "unchanged"
    assert store.count() == 1
    assert store.status()["counts"]["events"] == 1


def test_changed_document_replaces_its_analysis_and_rows(store):
    store.put(doc_a())
    changed = TEXT_A.replace("47", "52") + "A second paragraph.\n"
    new = contract(changed, [event(changed, "attacked", day="2013-09-01", killed=52, country="IRQ"),
                             event(changed, "killing", event_id="e2", killed=52, country="IRQ")],
                   doc_id="doc-a", published="2013-09-02")
    assert store.put(new) == "replaced"
    assert store.count() == 1
    from eventsift.corpus.queries import find_events

    rows = find_events(store)
    assert sorted(r["ref"] for r in rows) == ["doc-a/e1", "doc-a/e2"]
    assert {r["fatalities"] for r in rows} == {52}
    assert store.get("doc-a")["text"] == changed


def test_migrations_are_recorded_and_safe_to_rerun(store):
    from eventsift.store import Store

    assert {1, 2} <= set(store.migrations())
    again = Store(store.target)
    assert again.migrate() == []
    assert again.migrations() == store.migrations()
    again.close()


def test_failures_are_listed_and_cleared_by_success(store):
    store.record_failure("bad.txt", "empty input")
    store.record_failure("bad.txt", "empty input")
    assert [f["input"] for f in store.status()["failures"]] == ["bad.txt"]
    good = doc_a()
    good["source"]["path"] = "bad.txt"
    store.put(good)
    assert store.failures() == []


def test_event_filters_use_normalised_rows(store):
    from eventsift.corpus.queries import EventFilter, find_events

    store.put(doc_a())
    b = contract(TEXT_B, [event(TEXT_B, "killed", day="2014-03-02", killed=9, country="AFG", location="Kandahar",
                                actor1="Red Hand")],
                 actors=[actor(TEXT_B, "a1", "Red Hand", "ner:red hand", "Red Hand")], doc_id="doc-b")
    store.put(b)
    assert [e["doc_id"] for e in find_events(store, EventFilter(place="Afghanistan"))] == ["doc-b"]
    assert [e["doc_id"] for e in find_events(store, EventFilter(place="IRQ"))] == ["doc-a"]
    assert [e["doc_id"] for e in find_events(store, EventFilter(place="kandahar"))] == ["doc-b"]
    assert [e["doc_id"] for e in find_events(store, EventFilter(actor="red hand"))] == ["doc-b"]
    assert [e["doc_id"] for e in find_events(store, EventFilter(date_from="2014-01-01"))] == ["doc-b"]
    assert [e["doc_id"] for e in find_events(store, EventFilter(date_to="2013-12-31"))] == ["doc-a"]
    assert len(find_events(store, EventFilter(type="violence"))) == 2
    assert find_events(store, EventFilter(type="Protests")) == []


def test_actors_merge_across_documents_through_aliases(store):
    from eventsift.corpus.queries import list_actors, timeline

    one = "The Ashraf Brigade attacked a checkpoint, killing 3.\n"
    two = "Fighters of Ashraf Brigade shelled the town, killing 5.\n"
    first = contract(one, [event(one, "attacked", day="2015-01-01", killed=3, actor1="Ashraf Brigade")],
                     actors=[actor(one, "a1", "Ashraf Brigade", "ashraf-brigade", "Ashraf Brigade")], doc_id="one")
    # the second document did not resolve the actor: its key is a bare entity key, merged through the alias
    second = contract(two, [event(two, "shelled", day="2015-02-01", killed=5, actor1="Ashraf Brigade")],
                      actors=[actor(two, "a1", "Ashraf Brigade", "ner:ashraf brigade", "Ashraf Brigade")], doc_id="two")
    store.put(first)
    store.put(second)
    rows = [a for a in list_actors(store) if a["key"] == "ashraf-brigade"]
    assert rows and rows[0]["documents"] == 2
    days = [e["day"] for e in timeline(store, "Ashraf Brigade")["events"]]
    assert days == ["2015-01-01", "2015-02-01"]


def test_snapshot_compares_content_not_timestamps(store):
    store.put(doc_a())
    snap = store.snapshot()
    assert snap["documents"] and snap["events"]
    assert all("ingested_at" not in str(row) for row in snap["documents"])
