"""Tables and migrations. A migration runs once; the versions applied are recorded.

Versions 1-99 belong to the corpus store (documents, derived event/actor rows,
clusters); versions 100-199 are kept free for the web app's review, user and
audit tables, which register themselves in the same ``MIGRATIONS`` dict.

The derived tables (``events``, ``doc_actors``, ``cluster_members``) are
normalised copies of what the contract JSON in ``documents.analysis`` holds,
indexed so that filters over many thousand documents stay fast. They are
rewritten whenever their document is replaced.
"""
from __future__ import annotations

from sqlalchemy import (
    Column, DateTime, Float, Index, Integer, LargeBinary, MetaData, String, Table, Text, func, select, update,
)

from ..headline import headline_of
from .ddl import add_column

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
    Column("analyzer", String(40)),  # the version that made the analysis (added by migration 3)
)

#: Each input's raw bytes, zlib-compressed, once per sha256: what a re-analysis re-reads (migration 3).
raw_inputs = Table(
    "raw_inputs", metadata,
    Column("sha256", String(64), primary_key=True),
    Column("format", String(20)),
    Column("size", Integer, nullable=False),
    Column("data", LargeBinary, nullable=False),
)

failures = Table(
    "failures", metadata,
    Column("input", Text, primary_key=True),
    Column("reason", Text, nullable=False),
    Column("at", DateTime, server_default=func.now()),
)

#: One row per event record of a document (``ref`` = "<doc id>/<event id>").
events = Table(
    "events", metadata,
    Column("ref", String(250), primary_key=True),
    Column("doc_id", String(200), nullable=False),
    Column("event_id", String(40), nullable=False),
    Column("event_type", String(60), nullable=False),
    Column("sub_event_type", String(80)),
    Column("family", String(20), nullable=False),
    Column("status", String(20)),
    Column("confidence", Float),
    Column("date", String(10)),          # the event's own date (YYYY-MM-DD) when it has one
    Column("day", String(10)),           # best known day: its own date, else the publication day
    Column("date_lo", String(10)),       # the window the event may have happened in, for clustering
    Column("date_hi", String(10)),
    Column("country", String(3)),
    Column("admin1", Text),
    Column("location", Text),
    Column("lat", Float),
    Column("lon", Float),
    Column("fatalities", Integer),
    Column("injured", Integer),
    Column("actor1_key", Text),
    Column("actor1", Text),
    Column("actor2_key", Text),
    Column("actor2", Text),
    Column("said_by", Text),             # who says so: the attribution's source, else None (the document)
    Column("outlet", Text),              # the independent source the report comes from
    Column("features", Text, nullable=False),  # JSON: countries, places, actors, names used for matching
    Column("evidence", Text, nullable=False),  # JSON: field -> the source text supporting it
)

#: Which cross-document actors each event involves: role actor1/actor2, or "mentioned" near it.
event_actors = Table(
    "event_actors", metadata,
    Column("ref", String(250), primary_key=True),
    Column("key", String(300), primary_key=True),
    Column("role", String(20), nullable=False),
    Column("doc_id", String(200), nullable=False),
)

#: The actors of each document under their cross-document key.
doc_actors = Table(
    "doc_actors", metadata,
    Column("doc_id", String(200), primary_key=True),
    Column("actor_id", String(40), primary_key=True),
    Column("key", Text, nullable=False),
    Column("name", Text, nullable=False),
    Column("kind", String(40)),
    Column("aliases", Text, nullable=False),  # JSON list
    Column("mentions", Integer, nullable=False, default=0),
)

#: Normalised alias -> the actor key it belongs to, learnt from resolved actors.
actor_aliases = Table(
    "actor_aliases", metadata,
    Column("alias", String(300), primary_key=True),
    Column("key", Text, nullable=False),
)

clusters = Table(
    "clusters", metadata,
    Column("id", String(40), primary_key=True),
    Column("family", String(20)),
    Column("event_type", String(60)),
    Column("date", String(10)),
    Column("country", String(3)),
    Column("n_reports", Integer, nullable=False),
    Column("n_documents", Integer, nullable=False),
    Column("n_sources", Integer, nullable=False),
)

cluster_members = Table(
    "cluster_members", metadata,
    Column("cluster_id", String(40), nullable=False),
    Column("ref", String(250), primary_key=True),
    Column("doc_id", String(200), nullable=False),
)

#: Reviewers' splits: two event records that must never share a cluster.
cannot_link = Table(
    "cannot_link", metadata,
    Column("a", String(250), primary_key=True),
    Column("b", String(250), primary_key=True),
    Column("at", DateTime, server_default=func.now()),
)

#: What the last clustering saw, so a rebuild runs only when the events changed.
corpus_state = Table(
    "corpus_state", metadata,
    Column("name", String(60), primary_key=True),
    Column("value", Text),
)

#: The clustering's blocking index (``corpus/blocking.py``): one row per (event record, block key) in the order
#: the records were clustered, so a new record finds its candidate clusters without reading the store.
cluster_index = Table(
    "cluster_index", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("key", String(120), nullable=False),
    Column("cluster_id", String(40), nullable=False),
    Column("ref", String(250), nullable=False),
    Column("doc_id", String(200), nullable=False),
    Index("ix_cluster_index_key", "key", "id"),
    Index("ix_cluster_index_doc", "doc_id"),
    Index("ix_cluster_index_ref", "ref"),
)

#: Until when documents were clustered (the ingestion time of the newest one seen); a time, so store
#: snapshots leave it out.
cluster_state = Table(
    "cluster_state", metadata,
    Column("name", String(60), primary_key=True),
    Column("at", DateTime),
)

DERIVED = (events, event_actors, doc_actors, actor_aliases, clusters, cluster_members, cannot_link, corpus_state)


def _create_v1(connection) -> None:
    for table in (documents, failures):
        table.create(connection, checkfirst=True)


INDEXES = [
    Index("ix_events_doc", events.c.doc_id),
    Index("ix_events_day", events.c.day),
    Index("ix_events_date_lo", events.c.date_lo),
    Index("ix_events_country", events.c.country),
    Index("ix_events_type", events.c.event_type),
    Index("ix_event_actors_key", event_actors.c.key),
    Index("ix_event_actors_doc", event_actors.c.doc_id),
    Index("ix_doc_actors_key", doc_actors.c.key),
    Index("ix_cluster_members_cluster", cluster_members.c.cluster_id),
    Index("ix_cluster_members_doc", cluster_members.c.doc_id),
    Index("ix_documents_published", documents.c.published),
]


def _create_v2(connection) -> None:
    metadata.create_all(connection, tables=list(DERIVED))
    for index in INDEXES:
        index.create(connection, checkfirst=True)


def _raw_and_titles_v3(connection) -> None:
    """Raw bytes kept; the analyser version as a column; stored documents without a title get their headline."""
    raw_inputs.create(connection, checkfirst=True)
    add_column(connection, "documents", "analyzer", "VARCHAR(40)")
    untitled = connection.execute(select(documents.c.id, documents.c.text).where(documents.c.title.is_(None))).all()
    for doc_id, body in untitled:
        connection.execute(update(documents).where(documents.c.id == doc_id).values(title=headline_of(body)))


#: Incremental clustering finds the documents stored since it last ran by their ingestion time.
ix_documents_ingested = Index("ix_documents_ingested", documents.c.ingested_at)


def _cluster_index_v4(connection) -> None:
    cluster_index.create(connection, checkfirst=True)  # with its indexes
    cluster_state.create(connection, checkfirst=True)
    ix_documents_ingested.create(connection, checkfirst=True)
    connection.execute(corpus_state.update().where(corpus_state.c.name == "clusters").values(value="stale"))


#: version -> function(connection). Append new versions; never edit an applied one.
#: 1-99: corpus store; 100-199: web app (review, users, audit), kept in their own module.
MIGRATIONS = {1: _create_v1, 2: _create_v2, 3: _raw_and_titles_v3, 4: _cluster_index_v4}

from .review_schema import REVIEW_MIGRATIONS  # noqa: E402

MIGRATIONS.update(REVIEW_MIGRATIONS)
