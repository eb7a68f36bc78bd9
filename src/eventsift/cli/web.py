"""``eventsift serve`` (the review web app) and ``eventsift users`` (who may review)."""
from __future__ import annotations

import click

from ..errors import ConfigError
from .base import main, settings_of
from .options import db_option, tier_option, with_tier


def _review_store(ctx: click.Context, db: str | None):
    from ..store import Store
    from ..store.review import ReviewStore

    return ReviewStore(Store(db or settings_of(ctx).db))


@main.command()
@db_option
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to listen on; the default answers this machine only.")
@click.option("--port", type=click.IntRange(1, 65535), default=8000, show_default=True, help="Port to listen on.")
@tier_option
@click.pass_context
def serve(ctx: click.Context, db: str | None, host: str, port: int, tier: str | None) -> None:
    """Serve the review web app: read documents, events, actors, a timeline and a map, and
    (as a reviewer) accept, correct or reject events. Every page has a JSON twin (add .json)."""
    # the web app shows stored analyses and analyses nothing itself; the accurate tier is checked up front
    ctx.find_root().obj = with_tier(settings_of(ctx), tier)
    try:
        import uvicorn

        from ..web import create_app
    except ImportError as exc:
        raise ConfigError(f"the web app needs the 'web' extra: pip install 'eventsift[web]' ({exc.name} missing)") from None
    target = db or settings_of(ctx).db
    click.echo(f"eventsift: indexing {target} ...", err=True)
    app = create_app(target)
    if host not in ("127.0.0.1", "localhost", "::1"):
        click.echo(f"eventsift: listening on {host}: other machines can reach this server", err=True)
    click.echo(f"eventsift: serving {target} on http://{host}:{port}/ (Ctrl-C stops)", err=True)
    uvicorn.run(app, host=host, port=port, log_level="warning")


@main.group()
def users() -> None:
    """Manage who may use the web app: viewers read, reviewers also correct, admins also read the audit log."""


@users.command("add")
@click.argument("name")
@click.option("--role", type=click.Choice(["viewer", "reviewer", "admin"]), default="viewer", show_default=True,
              help="What the user may do.")
@db_option
@click.pass_context
def users_add(ctx: click.Context, name: str, role: str, db: str | None) -> None:
    """Create user NAME and print its token (shown once; the store keeps only a hash)."""
    token = _review_store(ctx, db).add_user(name, role)
    click.echo(token)
    click.echo(f"eventsift: user {name} ({role}) added; keep the token above, it is not shown again", err=True)


@users.command("remove")
@click.argument("name")
@db_option
@click.pass_context
def users_remove(ctx: click.Context, name: str, db: str | None) -> None:
    """Remove user NAME: its token stops working; its reviews and the audit log stay."""
    _review_store(ctx, db).remove_user(name)
    click.echo(f"eventsift: user {name} removed", err=True)


@users.command("list")
@db_option
@click.pass_context
def users_list(ctx: click.Context, db: str | None) -> None:
    """List users and their roles (never tokens)."""
    for user in _review_store(ctx, db).list_users():
        click.echo(f"{user['name']:<24} {user['role']:<9} {user['created_at']}")
