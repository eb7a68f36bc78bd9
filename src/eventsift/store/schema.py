"""Tables and migrations. A migration runs once; the versions applied are recorded."""
from __future__ import annotations

from sqlalchemy import Column, DateTime, Integer, MetaData, String, Table, Text, func

metadata = MetaData()

migrations_table = Table(
    "schema_migrations", metadata,
    Column("version", Integer, primary_key=True),
    Column("applied_at", DateTime, server_default=func.now()),
)

documents = Table(
    "documents", metadata,
    Column("id", String(200), primary_key=True),
    Column("sha256", String(64), nullable=False, unique=True),
    Column("path", Text),
    Column("url", Text),
    Column("outlet", Text),
    Column("title", Text),
    Column("published", String(40)),
    Column("text", Text, nullable=False),
    Column("analysis", Text, nullable=False),  # the contract JSON
    Column("n_events", Integer, nullable=False, default=0),
    Column("ingested_at", DateTime, server_default=func.now()),
)

failures = Table(
    "failures", metadata,
    Column("input", Text, primary_key=True),
    Column("reason", Text, nullable=False),
    Column("at", DateTime, server_default=func.now()),
)


def _create_v1(connection) -> None:
    metadata.create_all(connection, tables=[documents, failures])


#: version -> function(connection). Append new versions; never edit an applied one.
MIGRATIONS = {1: _create_v1}

# The review web app's tables (versions 100-199), kept in their own module.
from .review_schema import REVIEW_MIGRATIONS  # noqa: E402

MIGRATIONS.update(REVIEW_MIGRATIONS)
