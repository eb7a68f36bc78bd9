"""Tables for the review web app: users, reviews, the audit log and the read indexes.

They live in their own ``MetaData`` so the corpus tables and these never create each
other by accident; their migrations use versions 100-199 of the shared ``MIGRATIONS``.
The index tables are derived data (rebuilt from ``documents`` and ``reviews`` at any
time); users, reviews and the audit log are the record and are never rewritten.
"""
from __future__ import annotations

from sqlalchemy import Column, Float, Index, Integer, MetaData, String, Table, Text, text

from .ddl import add_column

metadata = MetaData()

users = Table(
    "users", metadata,
    Column("name", String(100), primary_key=True),
    Column("role", String(20), nullable=False),
    # sha256 of the token: tokens are 256 random bits, so a fast hash is enough and no salt is needed
    Column("token_hash", String(64), nullable=False, unique=True),
    Column("created_at", String(40), nullable=False),
)

reviews = Table(
    "reviews", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("doc_id", String(200), nullable=False),
    # "event" (target_id = event id) or "framing" (target_id = "start:end:technique")
    Column("target", String(20), nullable=False),
    Column("target_id", String(200), nullable=False),
    # None for the whole event or framing span, else the event field reviewed
    Column("field", String(40)),
    # accept, correct, reject (event or field); wrong, accept (framing); reopen (forget earlier verdicts)
    Column("action", String(20), nullable=False),
    Column("value", Text),  # JSON of the corrected value
    # JSON of the machine span the review was made against, to spot a re-analysed document
    Column("anchor", Text),
    Column("note", Text),
    Column("user", String(100), nullable=False),
    Column("at", String(40), nullable=False),
    Index("ix_reviews_doc", "doc_id"),
)

audit_log = Table(
    "audit_log", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("at", String(40), nullable=False),
    Column("user", String(100), nullable=False),
    Column("action", String(40), nullable=False),
    Column("target", String(300), nullable=False),
    Column("before", Text),
    Column("after", Text),
    Index("ix_audit_at", "at"),
)

web_secrets = Table(
    "web_secrets", metadata,
    Column("name", String(40), primary_key=True),
    Column("value", String(200), nullable=False),
)

# --- derived read indexes (rebuilt from documents + reviews) ---

doc_index = Table(
    "web_doc_index", metadata,
    Column("doc_id", String(200), primary_key=True),
    Column("sha256", String(64), nullable=False),
    Column("title", Text),
    Column("published", String(40)),
    Column("outlet", Text),
    Column("url", Text),
    Column("path", Text),
    Column("n_events", Integer, nullable=False, default=0),
    Column("n_reviews", Integer, nullable=False, default=0),
    Column("snippet", Text),
    Index("ix_web_doc_published", "published"),
    Index("ix_web_doc_outlet", "outlet"),
)

event_index = Table(
    "web_event_index", metadata,
    Column("doc_id", String(200), primary_key=True),
    Column("event_id", String(40), primary_key=True),
    Column("event_type", String(60)),
    Column("sub_event_type", String(80)),
    Column("status", String(20)),
    Column("date", String(40)),
    # the best known day, as in the corpus's events.day: the event's own day, else the publication day
    Column("day", String(10)),
    Column("actor1", Text),
    Column("actor1_key", String(200)),
    Column("actor2", Text),
    Column("actor2_key", String(200)),
    Column("place", Text),
    Column("country", String(3)),
    Column("lat", Float),
    Column("lon", Float),
    Column("fatalities", Integer),
    Column("confidence", Float),
    Column("trigger", Text),
    Column("review_state", String(20)),
    Column("published", String(40)),
    Column("outlet", Text),
    Index("ix_web_ev_date", "date"),
    # each filter column with the date after it: equality on the filter, then the date range and order
    Index("ix_web_ev_type", "event_type", "date"),
    Index("ix_web_ev_a1", "actor1_key", "date"),
    Index("ix_web_ev_a2", "actor2_key", "date"),
    Index("ix_web_ev_place", "place", "date"),
)

actor_index = Table(
    "web_actor_index", metadata,
    Column("key", String(200), primary_key=True),
    Column("doc_id", String(200), primary_key=True),
    Column("local_id", String(40), primary_key=True),
    Column("name", Text),
    Column("kind", String(40)),
    Column("aliases", Text),  # JSON list
)


def _create_review_tables(connection) -> None:
    metadata.create_all(connection, tables=[users, reviews, audit_log, web_secrets])


def _create_indexes(connection) -> None:
    metadata.create_all(connection, tables=[doc_index, event_index, actor_index])


def _create_fulltext(connection) -> None:
    """SQLite FTS5 over title and text; other databases search with LIKE instead.

    A row's rowid is its document's rowid in ``web_doc_index``: matches are joined by rowid,
    so a search never reads the stored texts back.
    """
    if connection.dialect.name == "sqlite":
        connection.execute(text("CREATE VIRTUAL TABLE IF NOT EXISTS web_doc_fts USING fts5(title, text)"))


def _speed_indexes(connection) -> None:
    """Indexes found by measuring the pages on 10,000 documents (benchmarks/web_speed.py)."""
    statements = [
        "CREATE INDEX IF NOT EXISTS ix_web_doc_sha ON web_doc_index (sha256)",
        "CREATE INDEX IF NOT EXISTS ix_web_ev_country ON web_event_index (country, date)",
        "CREATE INDEX IF NOT EXISTS ix_web_ev_month ON web_event_index (date, event_type, review_state)",
        "CREATE INDEX IF NOT EXISTS ix_web_ev_map ON web_event_index (place, country, review_state, lat, lon)",
        "CREATE INDEX IF NOT EXISTS ix_web_actor_doc ON web_actor_index (doc_id)",
    ]
    for statement in statements:
        connection.execute(text(statement))


def _reindex_v104(connection) -> None:
    """The indexes now use the corpus's actor keys and DOC/EVENT references: empty them; the next sync refills."""
    for table in (event_index, actor_index, doc_index):
        connection.execute(table.delete())
    if connection.dialect.name == "sqlite":
        connection.execute(text("DELETE FROM web_doc_fts"))


def _day_v105(connection) -> None:
    """Date filters read the best known day, as the CLI's do (the index was emptied by 104 and refills)."""
    add_column(connection, "web_event_index", "day", "VARCHAR(10)")
    connection.execute(text("CREATE INDEX IF NOT EXISTS ix_web_ev_day ON web_event_index (day)"))


#: version -> function(connection); merged into store.schema.MIGRATIONS (range 100-199).
REVIEW_MIGRATIONS = {100: _create_review_tables, 101: _create_indexes, 102: _create_fulltext, 103: _speed_indexes,
                     104: _reindex_v104, 105: _day_v105}
