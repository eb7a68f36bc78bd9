"""Reviews made while an ingest writes to the same SQLite store are all kept."""
from __future__ import annotations

import threading


from eventsift.store import Store
from eventsift.store.review import ReviewStore
from web_support import plain_document

REVIEWERS, REVIEWS_EACH, INGESTED = 3, 25, 150


def test_reviews_during_an_ingest_are_all_kept(tmp_path):
    path = str(tmp_path / "busy.db")
    setup = Store(path)
    for n in range(REVIEWERS):
        setup.put(plain_document(f"target{n}", 1000 + n))
    rs = ReviewStore(setup)
    names = [f"rev{n}" for n in range(REVIEWERS)]
    for name in names:
        rs.add_user(name, "reviewer")
    rs.sync_index()
    errors: list[BaseException] = []
    start = threading.Barrier(REVIEWERS + 3)

    def ingest():
        store = Store(path)  # its own engine and connections, as a separate `eventsift ingest` would have
        start.wait()
        for n in range(INGESTED):
            store.put(plain_document(f"bulk{n}", n))

    def indexer():
        reader = ReviewStore(Store(path))
        start.wait()
        for _ in range(10):
            reader.sync_index()

    def review(n: int):
        mine = ReviewStore(Store(path))
        start.wait()
        for i in range(REVIEWS_EACH):
            mine.review_event(f"target{n}/e1", {"fatalities": i + 1}, {"name": names[n]})

    def guarded(fn, *args):
        try:
            fn(*args)
        except BaseException as exc:  # collected and re-raised in the test thread
            errors.append(exc)

    # two indexers, as two server processes would have, racing over the same new documents
    threads = [threading.Thread(target=guarded, args=(ingest,)), threading.Thread(target=guarded, args=(indexer,)),
               threading.Thread(target=guarded, args=(indexer,))]
    threads += [threading.Thread(target=guarded, args=(review, n)) for n in range(REVIEWERS)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=120)
    if errors:
        raise errors[0]
    assert setup.count() == REVIEWERS + INGESTED
    for n in range(REVIEWERS):
        kept = rs.reviews_for(f"target{n}")
        assert [r["user"] for r in kept] == [names[n]] * REVIEWS_EACH
        assert rs.reviewed_document(f"target{n}")["events"][0]["fatalities"]["best"] == REVIEWS_EACH
    audit = [r for r in rs.audit(limit=1000) if r["action"] == "event.review"]
    assert len(audit) == REVIEWERS * REVIEWS_EACH
    rs.sync_index()
    from eventsift.store import review_queries as q
    assert q.search_documents(rs)["total"] == REVIEWERS + INGESTED
