"""Store access through SQLAlchemy Core, so SQLite and PostgreSQL share one code path."""
from __future__ import annotations

import json
from pathlib import Path

from sqlalchemy import create_engine, event, insert, select, delete, update, func
from sqlalchemy.engine import Engine
from sqlalchemy.exc import SQLAlchemyError

from ..errors import NotFound, StoreError
from .schema import MIGRATIONS, documents, failures, metadata, migrations_table


def engine_for(target: str) -> Engine:
    """An engine for a path (SQLite, WAL mode) or a database URL."""
    if "://" not in target:
        path = Path(target)
        if path.parent and not path.parent.exists():
            raise StoreError(f"{target}: folder {path.parent} does not exist")
        target = f"sqlite:///{path}"
    try:
        engine = create_engine(target, future=True)
    except (SQLAlchemyError, ImportError) as exc:
        raise StoreError(f"cannot open store {target}: {exc}") from None
    if engine.dialect.name == "sqlite":
        @event.listens_for(engine, "connect")
        def _pragmas(dbapi_connection, _record):
            cursor = dbapi_connection.cursor()
            cursor.execute("PRAGMA journal_mode=WAL")
            cursor.execute("PRAGMA synchronous=NORMAL")
            cursor.execute("PRAGMA busy_timeout=30000")
            cursor.close()
    return engine


class Store:
    """Documents and analyses. ``put`` is idempotent by the sha256 of the raw bytes."""

    def __init__(self, target: str):
        self.target = target
        self.engine = engine_for(target)
        try:
            self.migrate()
        except SQLAlchemyError as exc:
            raise StoreError(f"cannot use store {target}: {exc.__class__.__name__}: {exc.orig if hasattr(exc, 'orig') else exc}") from None

    def migrate(self) -> list[int]:
        """Apply the migrations not yet recorded; safe to run again."""
        applied = []
        with self.engine.begin() as conn:
            metadata.create_all(conn, tables=[migrations_table])
            done = set(conn.scalars(select(migrations_table.c.version)))
            for version in sorted(MIGRATIONS):
                if version not in done:
                    MIGRATIONS[version](conn)
                    conn.execute(insert(migrations_table).values(version=version))
                    applied.append(version)
        return applied

    def put(self, result: dict) -> str:
        """Store one analysed document: 'added', 'unchanged' (same bytes) or 'replaced' (same id, new bytes)."""
        source = result.get("source") or {}
        sha = source.get("sha256")
        if not sha:
            raise StoreError(f"document {result['id']} has no sha256 of its raw bytes")
        row = {
            "id": result["id"], "sha256": sha, "path": source.get("path"), "url": source.get("url"),
            "outlet": source.get("outlet"), "title": result.get("title"), "published": result.get("published"),
            "text": result["text"], "analysis": json.dumps(result, ensure_ascii=False),
            "n_events": len(result.get("events", [])),
        }
        with self.engine.begin() as conn:
            if conn.scalar(select(documents.c.id).where(documents.c.sha256 == sha)) is not None:
                return "unchanged"
            existing = conn.scalar(select(documents.c.id).where(documents.c.id == row["id"]))
            if existing is not None:
                conn.execute(update(documents).where(documents.c.id == row["id"]).values(**row))
                outcome = "replaced"
            else:
                conn.execute(insert(documents).values(**row))
                outcome = "added"
            if row["path"]:
                conn.execute(delete(failures).where(failures.c.input == row["path"]))
        return outcome

    def has_sha(self, sha: str) -> bool:
        with self.engine.connect() as conn:
            return conn.scalar(select(documents.c.id).where(documents.c.sha256 == sha)) is not None

    def record_failure(self, name: str, reason: str) -> None:
        with self.engine.begin() as conn:
            conn.execute(delete(failures).where(failures.c.input == name))
            conn.execute(insert(failures).values(input=name, reason=reason))

    def failures(self) -> list[dict]:
        with self.engine.connect() as conn:
            return [dict(r._mapping) for r in conn.execute(select(failures).order_by(failures.c.input))]

    def list_documents(self, limit: int | None = None, offset: int = 0) -> list[dict]:
        cols = [documents.c.id, documents.c.title, documents.c.published, documents.c.path, documents.c.url,
                documents.c.n_events, documents.c.sha256]
        query = select(*cols).order_by(documents.c.published.desc(), documents.c.id).offset(offset)
        if limit:
            query = query.limit(limit)
        with self.engine.connect() as conn:
            return [dict(r._mapping) for r in conn.execute(query)]

    def count(self) -> int:
        with self.engine.connect() as conn:
            return conn.scalar(select(func.count()).select_from(documents))

    def get(self, doc_id: str) -> dict:
        """The contract JSON of one document; ``doc_id`` may be a unique prefix."""
        with self.engine.connect() as conn:
            value = conn.scalar(select(documents.c.analysis).where(documents.c.id == doc_id))
            if value is None:
                rows = list(conn.scalars(select(documents.c.analysis).where(documents.c.id.startswith(doc_id, autoescape=True)).limit(2)))
                if len(rows) == 1:
                    value = rows[0]
                elif len(rows) > 1:
                    raise NotFound(f"document id {doc_id!r} is ambiguous; give more characters")
        if value is None:
            raise NotFound(f"no document {doc_id!r} in {self.target}")
        return json.loads(value)

    def close(self) -> None:
        self.engine.dispose()
