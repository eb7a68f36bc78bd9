"""The read indexes behind the web pages (``web_*`` tables), kept up to date from the store.

They are derived data: reviewed values, one row per document, event and actor mention,
rebuilt from ``documents`` and ``reviews``. :meth:`IndexMaintenance.sync_index` only touches
documents that are new or whose bytes changed (their sha256 is not yet in the index).
"""
from __future__ import annotations

import json
import time

from sqlalchemy import delete, func, insert, select, text, update

from ..corpus.features import actor_keys, best_day
from ..record import upgrade
from ..review import apply_reviews
from .review_schema import actor_index, doc_index, event_index, reviews
from .schema import doc_actors, documents


def document_actor_keys(conn, document: dict) -> dict[str, str]:
    """Local actor id -> the one cross-document key the CLI and the web share: the corpus's key, merged
    through aliases when the document is stored, else the key it would get."""
    keys = actor_keys(document)
    keys.update(conn.execute(select(doc_actors.c.actor_id, doc_actors.c.key)
                             .where(doc_actors.c.doc_id == document["id"])).all())
    return keys


class IndexMaintenance:
    """Mixed into ``ReviewStore``: needs ``engine``, ``sqlite``, ``_retrying``, ``_bump``,
    ``_sync_lock`` and ``_last_sync`` from it."""

    def sync_index(self, max_docs: int | None = None, min_interval: float = 0.0) -> int:
        """Index documents that are new or changed since the last sync; returns how many."""
        if min_interval and time.monotonic() - self._last_sync < min_interval:
            return 0
        if not self._sync_lock.acquire(blocking=not min_interval):
            return 0  # another request thread is indexing; serve what is indexed
        try:
            self._last_sync = time.monotonic()
            return self._sync(max_docs)
        finally:
            self._sync_lock.release()

    def _sync(self, max_docs: int | None) -> int:
        with self.engine.connect() as conn:
            # new or changed bytes show up as a sha256 the index has not seen; both sides are index scans
            fresh = select(documents.c.sha256).except_(select(doc_index.c.sha256)).subquery()
            stale = select(documents.c.id, doc_index.c.doc_id.label("known")).select_from(
                documents.outerjoin(doc_index, doc_index.c.doc_id == documents.c.id)).where(
                documents.c.sha256.in_(select(fresh.c.sha256)))
            if max_docs:
                stale = stale.limit(max_docs)
            todo = [(r.id, r.known is not None) for r in conn.execute(stale)]
            gone = list(conn.scalars(select(doc_index.c.doc_id).where(
                ~doc_index.c.doc_id.in_(select(documents.c.id)))))
        done = 0
        for start in range(0, len(todo), 200):
            batch = todo[start:start + 200]
            with self.engine.connect() as conn:
                rows = conn.execute(select(documents.c.id, documents.c.analysis, documents.c.outlet).where(
                    documents.c.id.in_([d for d, _ in batch])))
                loaded = {r.id: (upgrade(json.loads(r.analysis)), r.outlet) for r in rows}
                all_reviews = {}
                for r in conn.execute(select(reviews).where(reviews.c.doc_id.in_(list(loaded))).order_by(reviews.c.id)):
                    all_reviews.setdefault(r.doc_id, []).append(dict(r._mapping))

            def work(conn, batch=batch, loaded=loaded, all_reviews=all_reviews):
                for doc_id, known in batch:
                    if doc_id in loaded:
                        document, outlet = loaded[doc_id]
                        document.setdefault("source", {}).setdefault("outlet", outlet)
                        self._index_document(conn, document, all_reviews.get(doc_id, []), replace=known)
                self._bump(conn)
            self._retrying(work)
            done += len(batch)
        if gone:
            self._retrying(lambda conn: [self._drop_document(conn, d) for d in gone] + [self._bump(conn)])
        if self.sqlite and done >= 500:  # fresh statistics so the planner picks the selective index
            self._retrying(lambda conn: [conn.exec_driver_sql(f"ANALYZE {table}")
                                         for table in ("web_event_index", "web_doc_index")])
        return done

    def _drop_document(self, conn, doc_id: str) -> None:
        if self.sqlite:  # first, while the rowid can still be looked up
            conn.execute(text("DELETE FROM web_doc_fts WHERE rowid = (SELECT rowid FROM web_doc_index WHERE doc_id = :d)"),
                         {"d": doc_id})
        for table in (doc_index, event_index, actor_index):
            conn.execute(delete(table).where(table.c.doc_id == doc_id))

    def _index_document(self, conn, document: dict, doc_reviews: list[dict], replace: bool) -> None:
        """Write one document's rows into the read indexes (reviewed values, not raw ones)."""
        reviewed = apply_reviews(document, doc_reviews)
        source = document.get("source") or {}
        keys = document_actor_keys(conn, document)

        def actor_key(role):
            return keys.get((role or {}).get("actor_id") or "")
        text_ = document.get("text") or ""
        row = {"doc_id": document["id"], "sha256": source.get("sha256") or "", "title": document.get("title"),
               "published": document.get("published"), "outlet": source.get("outlet"), "url": source.get("url"),
               "path": source.get("path"), "n_events": len(document.get("events", [])),
               "n_reviews": len(doc_reviews), "snippet": " ".join(text_[:400].split())[:240]}
        # checked inside the write transaction, so two indexers never insert the same rows twice
        exists = conn.scalar(select(func.count()).select_from(doc_index).where(doc_index.c.doc_id == document["id"]))
        if exists or replace:
            conn.execute(delete(event_index).where(event_index.c.doc_id == document["id"]))
            conn.execute(delete(actor_index).where(actor_index.c.doc_id == document["id"]))
        if exists:
            conn.execute(update(doc_index).where(doc_index.c.doc_id == document["id"]).values(**row))
        else:
            conn.execute(insert(doc_index).values(**row))
        if self.sqlite:
            rowid = conn.scalar(text("SELECT rowid FROM web_doc_index WHERE doc_id = :d"), {"d": document["id"]})
            if exists:
                conn.execute(text("DELETE FROM web_doc_fts WHERE rowid = :r"), {"r": rowid})
            conn.execute(text("INSERT INTO web_doc_fts (rowid, title, text) VALUES (:r, :t, :x)"),
                         {"r": rowid, "t": document.get("title") or "", "x": text_})
        event_rows = []
        for e in reviewed["events"]:
            location, fatalities = e.get("location") or {}, e.get("fatalities") or {}
            event_rows.append({
                "doc_id": document["id"], "event_id": e["id"], "event_type": e.get("event_type"),
                "sub_event_type": e.get("sub_event_type"), "status": e.get("status"),
                "date": (e.get("date") or {}).get("value"),
                "day": best_day((e.get("date") or {}).get("value"), document.get("published")),
                "actor1": (e.get("actor1") or {}).get("name"), "actor1_key": actor_key(e.get("actor1")),
                "actor2": (e.get("actor2") or {}).get("name"), "actor2_key": actor_key(e.get("actor2")),
                "place": location.get("name"), "country": location.get("country_iso3"),
                "lat": location.get("lat"), "lon": location.get("lon"), "fatalities": fatalities.get("best"),
                "confidence": e.get("confidence"), "trigger": (e.get("trigger") or {}).get("text"),
                "review_state": e["review"]["state"], "published": document.get("published"),
                "outlet": source.get("outlet")})
        if event_rows:
            conn.execute(insert(event_index), event_rows)
        actor_rows = {}
        for a in document.get("actors", []):
            key = keys[a["id"]]
            actor_rows[(key, a["id"])] = {"key": key, "doc_id": document["id"], "local_id": a["id"],
                                          "name": a["name"], "kind": a.get("kind"),
                                          "aliases": json.dumps(a.get("aliases") or [], ensure_ascii=False)}
        if actor_rows:
            conn.execute(insert(actor_index), list(actor_rows.values()))
