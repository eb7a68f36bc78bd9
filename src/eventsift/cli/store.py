"""``eventsift ingest``, ``list`` and ``show``: the store."""
from __future__ import annotations

import sys
import click

from ..output import FORMATS
from ..store import Store
from .base import main, report_failure, settings_of
from .progress import progress_bar
from .options import db_option, published_option, tier_option, validate_published, with_tier


def open_store(ctx: click.Context, db: str | None) -> Store:
    return Store(db or settings_of(ctx).db)


@main.command()
@click.argument("inputs", nargs=-1, required=True, metavar="INPUT...")
@db_option
@published_option
@click.option("-w", "--workers", type=click.IntRange(min=1), default=1, show_default=True,
              help="Analysis processes, each with its own spaCy model.")
@click.option("--dask", "dask_address", metavar="ADDRESS", default=None,
              help="Run the analysis on the Dask cluster whose scheduler is at ADDRESS (needs the 'scale' extra).")
@tier_option
@click.pass_context
def ingest(ctx: click.Context, inputs: tuple[str, ...], db: str | None, published: str | None,
           workers: int, dask_address: str | None, tier: str | None) -> None:
    """Analyse inputs and keep them in the store.

    INPUT is a file (.txt .md .html .jsonl .tml .warc .warc.gz .rss .atom .xml),
    a folder (read recursively), an http(s) URL, or - for standard input.
    The same raw bytes are never stored twice; a document whose id is known but
    whose bytes changed replaces its old analysis. An interrupted ingest can be
    run again with the same command. Failed inputs are listed by `eventsift status`.
    """
    from ..ingest.run import estimate_total, ingest as run_ingest

    settings = with_tier(settings_of(ctx), tier)
    store = open_store(ctx, db)
    published = validate_published(published)
    with progress_bar(estimate_total(inputs), "ingest") as update:
        report = run_ingest(inputs, store, settings, published, workers=workers, dask=dask_address,
                            progress=update)
    for error in report.failures:
        report_failure(error)
    click.echo(f"{store.target}: {report.summary()}; {report.clusters['multi_document']} events reported by "
               "more than one document", err=True)
    if report.failures:
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


def _change_line(change) -> str:
    parts = [f"+{e}" for e in change.added] + [f"-{e}" for e in change.removed]
    parts += [f"~{e} ({', '.join(fields)})" for e, fields in change.changed.items()]
    if change.text_changed:
        parts.append("text re-extracted")
    return f"{change.doc_id}: {' '.join(parts)}"


@main.command()
@db_option
@click.option("--since", metavar="VERSION", default=None,
              help="Only documents analysed by this eventsift version or a later one.")
@click.option("--all", "everything", is_flag=True,
              help="Every stored document, even those analysed by this very version and models.")
@click.option("-f", "--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@tier_option
@click.pass_context
def reanalyze(ctx: click.Context, db: str | None, since: str | None, everything: bool, fmt: str,
              tier: str | None) -> None:
    """Re-run the current pipeline over stored documents and show what changed.

    By default every document analysed by another version or other models is
    re-analysed. Kept raw bytes are re-read with today's readers; documents
    stored before raw bytes were kept are re-analysed from their stored text.
    Events that match an old one keep its id, so reviewed corrections and
    splits stay attached. Prints +added, -removed and ~changed events per
    document (or one JSON object per document with --format json).
    """
    import json

    from ..errors import InputError
    from ..ingest.reanalyze import ReanalysisReport, reanalyze as run_reanalyze, to_reanalyze

    settings = with_tier(settings_of(ctx), tier)
    store = open_store(ctx, db)
    todo = to_reanalyze(store, since, everything)
    report = ReanalysisReport()
    with progress_bar(len(todo), "reanalyze") as update:
        for item in run_reanalyze(store, todo, settings, progress=update):
            report.add(item)
            if isinstance(item, InputError):
                report_failure(item)
            elif fmt == "json":
                click.echo(json.dumps(item.to_dict(), ensure_ascii=False))
            elif item.any:
                click.echo(_change_line(item))
    click.echo(f"{store.target}: {report.summary()}", err=True)
    if report.failed:
        ctx.exit(1)
