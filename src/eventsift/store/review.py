"""Users, reviews, the audit log and the read indexes, on top of a :class:`Store`.

Writes on SQLite start with ``BEGIN IMMEDIATE`` so a review racing an ingest waits for
the write lock (busy timeout) instead of failing half-way; a locked database is retried
a few times before giving up with a clear error. The read indexes (``web_*`` tables) are
derived from ``documents`` and ``reviews`` and brought up to date by :meth:`sync_index`,
which only touches documents that are new or whose bytes changed.
"""
from __future__ import annotations

import hashlib
import json
import re
import secrets
import threading
import time
from datetime import datetime, timezone

from sqlalchemy import delete, func, insert, or_, select, text, update
from sqlalchemy.exc import IntegrityError, OperationalError

from ..errors import NotFound, StoreError
from ..review import apply_reviews, parse_event_patch, parse_framing_patch
from ..review.apply import event_anchor, event_key, framing_anchor, framing_key, reviewed_event
from .db import Store
from .review_schema import actor_index, audit_log, doc_index, event_index, reviews, users, web_secrets
from .schema import documents

ROLES = ("viewer", "reviewer", "admin")
_RANK = {role: n for n, role in enumerate(ROLES)}


def now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="milliseconds")


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def has_role(user: dict | None, role: str) -> bool:
    return user is not None and _RANK.get(user["role"], -1) >= _RANK[role]


def slug(name: str) -> str:
    """A stable, URL-safe key for an actor known only by its name."""
    return re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")[:120] or "unnamed"


def split_event_id(global_id: str) -> tuple[str, str]:
    """``DOCID:EVENTID`` -> (doc id, event id); event ids never contain a colon."""
    doc_id, sep, event_id = global_id.rpartition(":")
    if not sep or not doc_id or not event_id:
        raise NotFound(f"event id {global_id!r} should look like DOCUMENT_ID:e1")
    return doc_id, event_id


class ReviewStore:
    """Review, user and audit operations on one store; shared by the web app and the CLI."""

    def __init__(self, store: Store):
        self.store = store
        self.engine = store.engine
        self.sqlite = self.engine.dialect.name == "sqlite"
        self._last_sync = 0.0
        self._sync_lock = threading.Lock()
        self._cache: dict = {}

    # ---------------------------------------------------------------- transactions
    def _retrying(self, work):
        """Run ``work(conn)`` in a write transaction, retrying when the database was locked."""
        for attempt in range(6):
            try:
                with self.engine.begin() as conn:
                    if self.sqlite:
                        conn.exec_driver_sql("BEGIN IMMEDIATE")
                    return work(conn)
            except OperationalError as exc:
                if "locked" not in str(exc) or attempt == 5:
                    raise StoreError(f"store is busy, try again later ({exc.orig})") from None
                time.sleep(0.2 * (attempt + 1))

    # ---------------------------------------------------------------- users
    def add_user(self, name: str, role: str, by: str = "cli") -> str:
        """Create a user and return its token (shown once; only its hash is stored)."""
        if role not in ROLES:
            raise StoreError(f"role must be one of {', '.join(ROLES)}")
        if not re.fullmatch(r"[\w.@-]{1,100}", name):
            raise StoreError("user names are 1-100 letters, digits or . @ _ -")
        token = secrets.token_urlsafe(32)

        def work(conn):
            conn.execute(insert(users).values(name=name, role=role, token_hash=token_hash(token), created_at=now()))
            self._audit(conn, by, "user.add", f"user:{name}", None, {"name": name, "role": role})
        try:
            self._retrying(work)
        except IntegrityError:
            raise StoreError(f"user {name!r} exists already") from None
        return token

    def remove_user(self, name: str, by: str = "cli") -> None:
        """Delete a user: its token stops working at once; its reviews and audit rows stay."""
        def work(conn):
            row = conn.execute(select(users.c.name, users.c.role).where(users.c.name == name)).first()
            if row is None:
                raise NotFound(f"no user {name!r}")
            conn.execute(delete(users).where(users.c.name == name))
            self._audit(conn, by, "user.remove", f"user:{name}", dict(row._mapping), None)
        self._retrying(work)

    def list_users(self) -> list[dict]:
        with self.engine.connect() as conn:
            rows = conn.execute(select(users.c.name, users.c.role, users.c.created_at).order_by(users.c.name))
            return [dict(r._mapping) for r in rows]

    def user_for_token(self, token: str) -> dict | None:
        if not token:
            return None
        with self.engine.connect() as conn:
            row = conn.execute(select(users.c.name, users.c.role).where(
                users.c.token_hash == token_hash(token))).first()
        return dict(row._mapping) if row else None

    def user(self, name: str) -> dict | None:
        with self.engine.connect() as conn:
            row = conn.execute(select(users.c.name, users.c.role).where(users.c.name == name)).first()
        return dict(row._mapping) if row else None

    def secret(self) -> str:
        """The key that signs browser sessions, made once per store so sessions survive restarts."""
        with self.engine.connect() as conn:
            value = conn.scalar(select(web_secrets.c.value).where(web_secrets.c.name == "session"))
        if value:
            return value

        def work(conn):
            existing = conn.scalar(select(web_secrets.c.value).where(web_secrets.c.name == "session"))
            if existing:
                return existing
            fresh = secrets.token_hex(32)
            conn.execute(insert(web_secrets).values(name="session", value=fresh))
            return fresh
        return self._retrying(work)

    # ---------------------------------------------------------------- generation
    def generation(self) -> int:
        """A number that changes whenever the indexes change (any process); keys cached aggregates."""
        with self.engine.connect() as conn:
            value = conn.scalar(select(web_secrets.c.value).where(web_secrets.c.name == "generation"))
        return int(value or 0)

    def _bump(self, conn) -> None:
        """Called inside the write transaction that changed the indexes."""
        value = conn.scalar(select(web_secrets.c.value).where(web_secrets.c.name == "generation"))
        if value is None:
            conn.execute(insert(web_secrets).values(name="generation", value="1"))
        else:
            conn.execute(update(web_secrets).where(web_secrets.c.name == "generation").values(value=str(int(value) + 1)))

    def cached(self, key, compute):
        """``compute()`` once per generation of the indexes (per process)."""
        full_key = (self.generation(), key)
        if full_key not in self._cache:
            if len(self._cache) > 256:
                self._cache.clear()
            self._cache[full_key] = compute()
        return self._cache[full_key]

    # ---------------------------------------------------------------- reviews
    def reviews_for(self, doc_id: str, conn=None) -> list[dict]:
        query = select(reviews).where(reviews.c.doc_id == doc_id).order_by(reviews.c.id)
        if conn is not None:
            return [dict(r._mapping) for r in conn.execute(query)]
        with self.engine.connect() as c:
            return [dict(r._mapping) for r in c.execute(query)]

    def reviewed_document(self, doc_id: str, export: bool = False) -> dict:
        """The contract JSON of a document with its reviews applied (see ``apply_reviews``)."""
        document = self.store.get(doc_id)
        return apply_reviews(document, self.reviews_for(document["id"]), export=export)

    def review_event(self, global_id: str, body, user: dict) -> dict:
        """Apply a reviewer's PATCH body to one event; returns the reviewed event."""
        doc_id, event_id = split_event_id(global_id)
        document = self.store.get(doc_id)
        event = next((e for e in document.get("events", []) if event_key(e) == event_id), None)
        if event is None:
            raise NotFound(f"document {document['id']} has no event {event_id!r}")
        ops = parse_event_patch(body, event, document)
        target = f"event:{document['id']}:{event_id}"

        def work(conn):
            earlier = [r for r in self.reviews_for(document["id"], conn)
                       if r["target"] == "event" and r["target_id"] == event_id]
            before = reviewed_event(event, earlier)
            stamp = now()
            for op in ops:
                conn.execute(insert(reviews).values(
                    doc_id=document["id"], target="event", target_id=event_id, field=op["field"],
                    action=op["action"], value=None if op["value"] is None else json.dumps(op["value"]),
                    anchor=event_anchor(event), note=op["note"], user=user["name"], at=stamp))
            after = reviewed_event(event, [r for r in self.reviews_for(document["id"], conn)
                                           if r["target"] == "event" and r["target_id"] == event_id])
            self._audit(conn, user["name"], "event.review", target, before, after, stamp)
            self._index_document(conn, document, self.reviews_for(document["id"], conn), replace=True)
            self._bump(conn)
            return after
        return self._retrying(work)

    def review_framing(self, doc_id: str, body, user: dict) -> dict:
        """Accept a framing span or mark it wrong; returns the reviewed span."""
        document = self.store.get(doc_id)
        request = parse_framing_patch(body)
        item = next((f for f in document.get("framing", []) if f["start"] == request["start"]
                     and f["end"] == request["end"] and f["technique"] == request["technique"]), None)
        if item is None:
            raise NotFound(f"document {document['id']} has no {request['technique']} span at "
                           f"{request['start']}:{request['end']}")
        key = framing_key(item)

        def work(conn):
            def current():
                found = [r for r in self.reviews_for(document["id"], conn)
                         if r["target"] == "framing" and r["target_id"] == key]
                doc = apply_reviews({"events": [], "framing": [item]}, found)
                return doc["framing"][0]
            before = current()
            stamp = now()
            conn.execute(insert(reviews).values(
                doc_id=document["id"], target="framing", target_id=key, field=None, action=request["action"],
                anchor=framing_anchor(item), note=request["note"], user=user["name"], at=stamp))
            after = current()
            self._audit(conn, user["name"], "framing.review", f"framing:{document['id']}:{key}", before, after, stamp)
            self._index_document(conn, document, self.reviews_for(document["id"], conn), replace=True)
            self._bump(conn)
            return after
        return self._retrying(work)

    # ---------------------------------------------------------------- audit
    def _audit(self, conn, user: str, action: str, target: str, before, after, at: str | None = None) -> None:
        conn.execute(insert(audit_log).values(
            at=at or now(), user=user, action=action, target=target,
            before=None if before is None else json.dumps(before, ensure_ascii=False),
            after=None if after is None else json.dumps(after, ensure_ascii=False)))

    def audit(self, limit: int = 100, offset: int = 0, target: str | None = None) -> list[dict]:
        query = select(audit_log).order_by(audit_log.c.id.desc()).limit(limit).offset(offset)
        if target:
            query = query.where(audit_log.c.target.startswith(target, autoescape=True))
        with self.engine.connect() as conn:
            rows = [dict(r._mapping) for r in conn.execute(query)]
        for row in rows:
            row["before"] = json.loads(row["before"]) if row["before"] else None
            row["after"] = json.loads(row["after"]) if row["after"] else None
        return rows

    # ---------------------------------------------------------------- indexes
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
                loaded = {r.id: (json.loads(r.analysis), r.outlet) for r in rows}
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
            with self.engine.begin() as conn:
                conn.exec_driver_sql("ANALYZE web_event_index")
                conn.exec_driver_sql("ANALYZE web_doc_index")
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
        actors = {a["id"]: a for a in document.get("actors", [])}

        def actor_key(role):
            if not role:
                return None
            actor = actors.get(role.get("actor_id"))
            if actor is not None:
                return actor.get("key") or slug(actor["name"])
            return slug(role.get("name") or "")
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
            key = a.get("key") or slug(a["name"])
            actor_rows[(key, a["id"])] = {"key": key, "doc_id": document["id"], "local_id": a["id"],
                                          "name": a["name"], "kind": a.get("kind"),
                                          "aliases": json.dumps(a.get("aliases") or [], ensure_ascii=False)}
        if actor_rows:
            conn.execute(insert(actor_index), list(actor_rows.values()))


def review_store(target: str) -> ReviewStore:
    return ReviewStore(Store(target))


__all__ = ["ReviewStore", "ROLES", "has_role", "review_store", "split_event_id", "slug", "now"]
