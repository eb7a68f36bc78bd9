"""Store access through SQLAlchemy Core, so SQLite and PostgreSQL share one code path.

Writes go one document per transaction: a document and every row derived from
it appear together or not at all, which is what makes an interrupted ingest safe
to run again.
"""
from __future__ import annotations

import json
import zlib
from pathlib import Path

from sqlalchemy import DateTime, create_engine, delete, event, func, insert, select, text, update
from sqlalchemy.engine import Engine
from sqlalchemy.exc import SQLAlchemyError

from ..analyzer import label
from ..errors import NotFound, StoreError
from ..record import from_record, upgrade
from ..textutil import fold
from .schema import (
    MIGRATIONS, actor_aliases, cluster_members, corpus_state, doc_actors, documents, event_actors, events,
    failures, migrations_table, raw_inputs,
)
from .transactions import write


def engine_for(target: str) -> Engine:
    """An engine for a path (SQLite, WAL mode) or a database URL."""
    if "://" not in target:
        path = Path(target)
        if path.parent and not path.parent.exists():
            raise StoreError(f"{target}: folder {path.parent} does not exist")
        target = f"sqlite:///{path}"
    elif target.startswith("postgresql://") or target.startswith("postgres://"):
        target = "postgresql+psycopg://" + target.split("://", 1)[1]  # psycopg 3, pinned in the postgres extra
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


def derived_rows(conn, result: dict) -> tuple[list[dict], list[dict], list[dict], list[dict]]:
    """(events, event_actors, doc_actors, new aliases) of one document, actor keys merged through aliases."""
    from ..corpus.features import actor_keys, actor_rows, event_actor_rows, event_rows

    wanted = {fold(n)[:300] for a in result.get("actors", []) for n in [a["name"], *a.get("aliases", [])]}
    known = {}
    if wanted:
        known = dict(conn.execute(select(actor_aliases.c.alias, actor_aliases.c.key)
                                  .where(actor_aliases.c.alias.in_(sorted(wanted)))).all())

    def resolve(key: str, actor: dict) -> str:
        if key.startswith("ner:"):
            for name in [actor["name"], *actor.get("aliases", [])]:
                if fold(name)[:300] in known:
                    return known[fold(name)[:300]]
        return key

    keys = actor_keys(result, resolve)
    new_aliases = {}
    for actor in result.get("actors", []):
        key = keys[actor["id"]]
        if not key.startswith("ner:"):
            for name in [actor["name"], *actor.get("aliases", [])]:
                alias = fold(name)[:300]
                if alias and alias not in known:
                    new_aliases.setdefault(alias, key)
    rows = event_rows(result, keys)
    return rows, event_actor_rows(result, rows), actor_rows(result, keys), \
        [{"alias": a, "key": k} for a, k in sorted(new_aliases.items())]


class Store:
    """Documents, analyses and the rows derived from them. ``put`` is idempotent by sha256 of the raw bytes."""

    def __init__(self, target: str):
        self.target = target
        self.engine = engine_for(target)
        try:
            self.migrate()
        except SQLAlchemyError as exc:
            raise StoreError(f"cannot use store {target}: {exc.__class__.__name__}: {exc.orig if hasattr(exc, 'orig') else exc}") from None

    @property
    def dialect(self) -> str:
        return self.engine.dialect.name

    def write(self, work):
        """Run ``work(conn)`` in one write transaction (see ``transactions.py``): every write goes this way."""
        return write(self.engine, work)

    def migrate(self) -> list[int]:
        """Apply the migrations not yet recorded, in one transaction; safe to run again."""
        def work(conn) -> list[int]:
            applied = []
            migrations_table.create(conn, checkfirst=True)
            done = set(conn.scalars(select(migrations_table.c.version)))
            for version in sorted(MIGRATIONS):
                if version not in done:
                    MIGRATIONS[version](conn)
                    conn.execute(insert(migrations_table).values(version=version))
                    applied.append(version)
            if 2 in applied and 1 not in applied:
                self._backfill(conn)
            return applied
        return self.write(work)

    def _backfill(self, conn) -> None:
        """Derived rows for documents stored before the derived tables existed."""
        for doc_id, analysis in conn.execute(select(documents.c.id, documents.c.analysis).order_by(documents.c.id)):
            self._write_derived(conn, upgrade(json.loads(analysis)))
        self._mark_dirty(conn)

    def migrations(self) -> list[int]:
        with self.engine.connect() as conn:
            return sorted(conn.scalars(select(migrations_table.c.version)))

    # -- writing -------------------------------------------------------------------------------

    @staticmethod
    def _document_row(result: dict) -> dict:
        source = result.get("source") or {}
        sha = source.get("sha256")
        if not sha:
            raise StoreError(f"document {result['id']} has no sha256 of its raw bytes")
        return {
            "id": result["id"], "sha256": sha, "path": source.get("path"), "url": source.get("url"),
            "outlet": source.get("outlet"), "title": result.get("title"), "published": result.get("published"),
            "text": result["text"], "analysis": json.dumps(result, ensure_ascii=False),
            "n_events": len(result.get("events", [])), "analyzer": label(result.get("analyzer")),
        }

    @staticmethod
    def _keep_raw(conn, sha: str, raw: bytes | None, fmt: str | None) -> None:
        if raw is None or conn.scalar(select(raw_inputs.c.sha256).where(raw_inputs.c.sha256 == sha)) is not None:
            return
        conn.execute(insert(raw_inputs).values(sha256=sha, format=fmt, size=len(raw), data=zlib.compress(raw, 6)))

    def put(self, result: dict, raw: bytes | None = None) -> str:
        """Store one analysed document: 'added', 'unchanged' (same bytes) or 'replaced' (same id, new bytes).

        ``raw`` is the input's bytes (their sha256 is the document's); they are kept compressed, once per
        hash, so the document can be re-analysed later. A replaced document loses its old analysis and
        every row derived from it, in the same transaction.
        """
        row = self._document_row(result)
        sha = row["sha256"]
        fmt = (result.get("source") or {}).get("format")

        def work(conn) -> str:
            if conn.scalar(select(documents.c.id).where(documents.c.sha256 == sha)) is not None:
                self._keep_raw(conn, sha, raw, fmt)
                return "unchanged"
            existing = conn.scalar(select(documents.c.id).where(documents.c.id == row["id"]))
            if existing is not None:
                self._delete_derived(conn, row["id"])
                conn.execute(update(documents).where(documents.c.id == row["id"])
                             .values(**row, ingested_at=func.now()))  # so incremental clustering sees it
                outcome = "replaced"
            else:
                conn.execute(insert(documents).values(**row))
                outcome = "added"
            self._keep_raw(conn, sha, raw, fmt)
            self._write_derived(conn, result)
            self._mark_dirty(conn)
            names = [n for n in (row["path"], row["url"]) if n]
            if names:
                conn.execute(delete(failures).where(failures.c.input.in_(names)))
            return outcome
        return self.write(work)

    def reanalysed(self, result: dict) -> None:
        """Replace a stored document's analysis by a new one of the same bytes, derived rows with it."""
        row = self._document_row(result)

        def work(conn) -> None:
            if conn.scalar(select(documents.c.id).where(documents.c.id == row["id"])) is None:
                raise NotFound(f"no stored document {row['id']}")
            self._delete_derived(conn, row["id"])
            conn.execute(update(documents).where(documents.c.id == row["id"])
                         .values(**row, ingested_at=func.now()))  # so incremental clustering sees it
            self._write_derived(conn, result)
            self._mark_dirty(conn)
            if self.engine.dialect.has_table(conn, "web_doc_index"):  # the web's read index re-reads it
                conn.execute(text("UPDATE web_doc_index SET sha256 = '' WHERE doc_id = :d"), {"d": row["id"]})
        self.write(work)

    def raw(self, sha: str) -> bytes | None:
        """The kept raw bytes of an input, or None when they were stored before raw bytes were kept."""
        with self.engine.connect() as conn:
            data = conn.scalar(select(raw_inputs.c.data).where(raw_inputs.c.sha256 == sha))
        return zlib.decompress(data) if data is not None else None

    def stored_versions(self) -> list[tuple[str, str | None]]:
        """(document id, analyser label "VERSION+MODELS") of every stored document, in id order."""
        with self.engine.connect() as conn:
            return [tuple(r) for r in conn.execute(select(documents.c.id, documents.c.analyzer).order_by(documents.c.id))]

    @staticmethod
    def _delete_derived(conn, doc_id: str) -> None:
        for table in (events, event_actors, doc_actors, cluster_members):
            conn.execute(delete(table).where(table.c.doc_id == doc_id))

    @staticmethod
    def _write_derived(conn, result: dict) -> None:
        event_list, links, actors, aliases = derived_rows(conn, result)
        for table, rows in ((events, event_list), (event_actors, links), (doc_actors, actors),
                            (actor_aliases, aliases)):
            if rows:
                conn.execute(insert(table), rows)

    @staticmethod
    def _mark_dirty(conn) -> None:
        if conn.execute(update(corpus_state).where(corpus_state.c.name == "clusters")
                        .values(value="stale")).rowcount == 0:
            conn.execute(insert(corpus_state).values(name="clusters", value="stale"))

    def clusters_stale(self) -> bool:
        with self.engine.connect() as conn:
            return conn.scalar(select(corpus_state.c.value).where(corpus_state.c.name == "clusters")) == "stale"

    def has_sha(self, sha: str) -> bool:
        with self.engine.connect() as conn:
            return conn.scalar(select(documents.c.id).where(documents.c.sha256 == sha)) is not None

    def known_shas(self, shas: list[str]) -> set[str]:
        """Which of these sha256 digests are stored already (one query per thousand)."""
        found: set[str] = set()
        with self.engine.connect() as conn:
            for i in range(0, len(shas), 1000):
                found |= set(conn.scalars(select(documents.c.sha256).where(documents.c.sha256.in_(shas[i:i + 1000]))))
        return found

    def record_failure(self, name: str, reason: str) -> None:
        def work(conn) -> None:
            conn.execute(delete(failures).where(failures.c.input == name))
            conn.execute(insert(failures).values(input=name, reason=reason))
        self.write(work)

    # -- reading -------------------------------------------------------------------------------

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

    def status(self) -> dict:
        """Counts of what the store holds and every failed input with its reason."""
        from .schema import clusters

        with self.engine.connect() as conn:
            def n(table):
                return conn.scalar(select(func.count()).select_from(table))

            counts = {
                "documents": n(documents),
                "events": n(events),
                "actors": conn.scalar(select(func.count(func.distinct(doc_actors.c.key)))),
                "clusters": n(clusters),
                "multi_source_clusters": conn.scalar(select(func.count()).select_from(clusters)
                                                     .where(clusters.c.n_sources > 1)),
                "failures": n(failures),
            }
        return {"store": self.target, "counts": counts, "clusters_stale": self.clusters_stale(),
                "migrations": self.migrations(), "failures": self.failures()}

    def get(self, doc_id: str) -> dict:
        """The contract JSON of one document, upgraded to the current record version; ``doc_id`` may be a unique
        prefix."""
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
        return upgrade(json.loads(value))

    def record(self, doc_id: str):
        """One document's analysis as the typed model (``DocumentResult``), from a record of any version."""
        return from_record(self.get(doc_id))

    def snapshot(self) -> dict[str, list]:
        """Every row of every table except timestamps, sorted: for comparing two stores."""
        from .schema import metadata

        out = {}
        with self.engine.connect() as conn:
            for table in metadata.sorted_tables:
                cols = [c for c in table.c if not isinstance(c.type, DateTime)]
                rows = conn.execute(select(*cols)).all()
                out[table.name] = sorted((tuple(r) for r in rows), key=repr)
        return out

    def close(self) -> None:
        self.engine.dispose()
