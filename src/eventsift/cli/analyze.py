"""``eventsift analyze``: analyse inputs and write the result."""
from __future__ import annotations

import sys

import click

from ..ingest.readers import read_documents
from ..output import FORMATS
from ..pipeline import Pipeline
from .base import main, report_failure, settings_of, split_items
from .progress import with_progress
from .options import published_option, tier_option, validate_published, with_tier


@main.command()
@click.argument("inputs", nargs=-1, required=True, metavar="INPUT...")
@click.option("-f", "--format", "fmt", type=click.Choice(sorted(FORMATS)), default=None,
              help="Output format [default: text on a terminal, else json].")
@click.option("-o", "--output", type=click.Path(dir_okay=False, writable=True), default=None,
              help="Write to this file instead of standard output.")
@published_option
@tier_option
@click.pass_context
def analyze(ctx: click.Context, inputs: tuple[str, ...], fmt: str | None, output: str | None,
            published: str | None, tier: str | None) -> None:
    """Analyse articles and print their events, actors, places, times, attributions and framing.

    INPUT is a .txt/.md/.html/.tml file, a .jsonl file (one document a line: id, text,
    optional published, title, url), a folder (read recursively), or - for standard input.
    Bad inputs are reported on stderr, one line each; the rest are still analysed.
    Exit status: 0 all inputs analysed, 1 some input failed, 2 usage or setup error.
    """
    settings = with_tier(settings_of(ctx), tier)
    published = validate_published(published)
    fmt = fmt or ("text" if output is None and sys.stdout.isatty() else "json")
    documents, errors = split_items(read_documents(inputs, settings, published))
    for error in errors:
        report_failure(error)
    pipeline = Pipeline(settings)
    results = (r.to_dict() for r in with_progress(pipeline.analyze_many(documents), len(documents), "analyze", len(errors)))
    if output:
        with open(output, "w", encoding="utf-8") as stream:
            FORMATS[fmt](results, stream)
    else:
        FORMATS[fmt](results, sys.stdout)
    if errors:
        ctx.exit(1)
