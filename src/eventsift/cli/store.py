"""``eventsift ingest``, ``list`` and ``show``: the store."""
from __future__ import annotations

import sys
from collections import Counter

import click

from ..ingest.readers import read_documents
from ..output import FORMATS
from ..pipeline import Pipeline
from ..store import Store
from .base import main, progress, report_failure, settings_of, split_items
from .options import db_option, published_option, validate_published


def open_store(ctx: click.Context, db: str | None) -> Store:
    return Store(db or settings_of(ctx).db)


@main.command()
@click.argument("inputs", nargs=-1, required=True, metavar="INPUT...")
@db_option
@published_option
@click.pass_context
def ingest(ctx: click.Context, inputs: tuple[str, ...], db: str | None, published: str | None) -> None:
    """Analyse inputs and keep them in the store.

    The same raw bytes are never stored twice; a document whose id is known but
    whose bytes changed replaces its old analysis. Inputs as for `analyze`.
    """
    settings = settings_of(ctx)
    store = open_store(ctx, db)
    documents, errors = split_items(read_documents(inputs, settings, validate_published(published)))
    for error in errors:
        report_failure(error)
        store.record_failure(error.source, error.reason)
    fresh = [d for d in documents if not store.has_sha(d.source["sha256"])]
    outcomes = Counter({"unchanged": len(documents) - len(fresh)})
    for result in progress(Pipeline(settings).analyze_many(fresh), len(fresh), "ingest"):
        outcomes[store.put(result.to_dict())] += 1
    summary = ", ".join(f"{n} {k}" for k, n in outcomes.items() if n) or "nothing to do"
    click.echo(f"{store.target}: {summary}" + (f", {len(errors)} failed" if errors else ""), err=True)
    if errors:
        ctx.exit(1)


@main.command("list")
@db_option
@click.option("--limit", type=click.IntRange(min=1), default=None, help="At most this many documents.")
@click.option("--ids", is_flag=True, help="Print only the document ids, one a line.")
@click.pass_context
def list_documents(ctx: click.Context, db: str | None, limit: int | None, ids: bool) -> None:
    """List the documents in the store, newest first."""
    store = open_store(ctx, db)
    rows = store.list_documents(limit=limit)
    if ids:
        for row in rows:
            click.echo(row["id"])
        return
    for row in rows:
        title = row["title"] or row["path"] or row["url"] or ""
        click.echo(f"{row['id']:<18} {row['published'] or '----------':<10}  {row['n_events']:>3} events  {title}")
    click.echo(f"{len(rows)} of {store.count()} documents in {store.target}", err=True)


@main.command()
@click.argument("doc_id", metavar="ID")
@db_option
@click.option("-f", "--format", "fmt", type=click.Choice(sorted(FORMATS)), default=None,
              help="Output format [default: text on a terminal, else json].")
@click.pass_context
def show(ctx: click.Context, doc_id: str, db: str | None, fmt: str | None) -> None:
    """Show one stored document's analysis (ID or a unique prefix of it)."""
    result = open_store(ctx, db).get(doc_id)
    fmt = fmt or ("text" if sys.stdout.isatty() else "json")
    FORMATS[fmt]([result], sys.stdout)
