"""Users, reviews and the audit log, on top of a :class:`Store` (read indexes: review_index.py).

Every write goes through the store's one transaction function (``transactions.write``), so a
review racing an ingest waits for the write lock instead of failing half-way.
"""
from __future__ import annotations

import hashlib
import json
import re
import secrets
import threading
from datetime import datetime, timezone

from sqlalchemy import delete, insert, select, update
from sqlalchemy.exc import IntegrityError

from ..errors import NotFound, StoreError
from ..refs import event_ref, split_event_ref
from ..review import apply_reviews, parse_event_patch, parse_framing_patch
from ..review.apply import changes, event_anchor, event_key, framing_anchor, framing_key, reviewed_event
from .db import Store
from .review_index import IndexMaintenance
from .review_schema import audit_log, reviews, users, web_secrets

ROLES = ("viewer", "reviewer", "admin")
_RANK = {role: n for n, role in enumerate(ROLES)}


def now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="milliseconds")


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def has_role(user: dict | None, role: str) -> bool:
    return user is not None and _RANK.get(user["role"], -1) >= _RANK[role]


def split_event_id(global_id: str) -> tuple[str, str]:
    """``DOC/EVENT`` -> (doc id, event id): see ``refs.py``."""
    return split_event_ref(global_id)


class ReviewStore(IndexMaintenance):
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
        """Run ``work(conn)`` in the store's one kind of write transaction (``transactions.write``)."""
        return self.store.write(work)

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
        target = f"event:{event_ref(document['id'], event_id)}"

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

    def split_cluster(self, cid: str, parts: list[str], user: dict) -> list[str]:
        """Undo a wrong merge: move ``parts`` out of cluster ``cid`` for good (``corpus.cluster.split``), audited."""
        from ..corpus.cluster import split

        clusters = split(self.store, cid, parts)

        def work(conn):
            self._audit(conn, user["name"], "cluster.split", f"cluster:{cid}", {"moved": sorted(parts)},
                        {"clusters": clusters}, now())
            self._bump(conn)
        self._retrying(work)
        return clusters

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
            row["changes"] = changes(row["before"], row["after"])
        return rows


def review_store(target: str) -> ReviewStore:
    return ReviewStore(Store(target))


__all__ = ["ReviewStore", "ROLES", "has_role", "review_store", "split_event_id", "now"]
