"""Options shared by several commands."""
from __future__ import annotations

from datetime import date

import click

published_option = click.option(
    "--published", metavar="DATE", default=None,
    help="Publication date (YYYY-MM-DD) to anchor relative times; overrides dates found in the inputs.")

db_option = click.option(
    "--db", metavar="PATH|URL", default=None, envvar="EVENTSIFT_DB",
    help="Store: an SQLite file path or a database URL [default: eventsift.db; env EVENTSIFT_DB].")


def validate_published(value: str | None) -> str | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value[:10]).isoformat() if len(value) <= 10 else value
    except ValueError:
        raise click.BadParameter(f"{value!r} is not a date like 2020-01-05", param_hint="--published") from None
