"""Corpus commands: ``status``, ``actors``, ``timeline``, ``events``, ``clusters``, ``cluster``, ``split``, ``export``.

Each one opens the store, calls one library function and prints the result as
aligned text, or as JSON with ``--json``.
"""
from __future__ import annotations

import json

import click

from ..corpus import cluster as clustering
from ..corpus.queries import EventFilter, list_actors, reviewed_events, timeline as actor_timeline
from ..export import EXPORTERS, export_events
from .base import main
from .options import db_option
from .store import open_store

json_option = click.option("--json", "as_json", is_flag=True, help="Print JSON instead of text.")


def _dump(value) -> None:
    click.echo(json.dumps(value, ensure_ascii=False, indent=2, default=str))


def _iso_day(ctx, param, value):
    if value is None:
        return None
    from datetime import date

    try:
        return date.fromisoformat(value).isoformat()
    except ValueError:
        raise click.BadParameter(f"{value!r} is not a date like 2020-01-05") from None


def filter_options(func):
    for option in reversed([
        click.option("--actor", metavar="NAME", help="Events involving this actor (name, alias or key)."),
        click.option("--place", metavar="PLACE", help="Country (name or ISO3), province or place name."),
        click.option("--type", "event_type", metavar="TYPE", help="Event type, sub-event type or family (violence, unrest, strategic)."),
        click.option("--from", "date_from", metavar="DATE", callback=_iso_day, help="On or after this day (YYYY-MM-DD)."),
        click.option("--to", "date_to", metavar="DATE", callback=_iso_day, help="On or before this day (YYYY-MM-DD)."),
        click.option("--status", type=click.Choice(["asserted", "attributed", "hedged", "denied", "hypothetical"]),
                     help="Only events with this status."),
    ]):
        func = option(func)
    return func


def _event_line(e: dict) -> str:
    day = e.get("day") or "----------"
    toll = f"{e['fatalities']} killed" if e.get("fatalities") is not None else ""
    where = ", ".join(x for x in (e.get("location"), e.get("country")) if x)
    who = " -> ".join(x for x in (e.get("actor1"), e.get("actor2")) if x)
    said = f"  [{e['said_by']}]" if e.get("said_by") else ""
    who, where = " ".join(who.split()), " ".join(where.split())
    return (f"{day}  {e['event_type'][:26]:<26} {e.get('status') or '':<10} {where[:28]:<28} {toll:<12} "
            f"{who[:50]}{said}  ({e['ref']})")


@main.command()
@db_option
@json_option
@click.pass_context
def status(ctx: click.Context, db: str | None, as_json: bool) -> None:
    """Counts of documents, events, actors and clusters, and every failed input with its reason."""
    info = open_store(ctx, db).status()
    if as_json:
        _dump(info)
        return
    click.echo(f"store {info['store']}")
    for name, value in info["counts"].items():
        click.echo(f"  {name.replace('_', ' '):<22} {value}")
    if info["clusters_stale"]:
        click.echo("  clusters are out of date; any corpus command rebuilds them")
    for failure in info["failures"]:
        click.echo(f"failed  {failure['input']}: {failure['reason']}")


@main.command()
@db_option
@click.option("--limit", type=click.IntRange(min=1), default=None, help="At most this many actors.")
@click.option("--kind", default=None, help="Only actors of this kind (person, state_forces, armed_group, ...).")
@json_option
@click.pass_context
def actors(ctx: click.Context, db: str | None, limit: int | None, kind: str | None, as_json: bool) -> None:
    """Actors across documents, merged through their keys and aliases; most widely reported first."""
    rows = list_actors(open_store(ctx, db), limit=limit, kind=kind)
    if as_json:
        _dump(rows)
        return
    for a in rows:
        aliases = f"  aka {', '.join(a['aliases'][:4])}" if a["aliases"] else ""
        click.echo(f"{a['name'][:40]:<40} {a['kind'] or '':<14} {a['documents']:>5} docs {a['events']:>5} events  "
                   f"key={a['key']}{aliases}")


@main.command()
@click.argument("actor", metavar="ACTOR")
@db_option
@json_option
@click.pass_context
def timeline(ctx: click.Context, actor: str, db: str | None, as_json: bool) -> None:
    """ACTOR's events in date order, with sources, status and role (name, alias or key)."""
    result = actor_timeline(open_store(ctx, db), actor)
    if as_json:
        _dump(result)
        return
    for e in result["events"]:
        click.echo(f"{_event_line(e)}  {e.get('role') or ''}  {e.get('title') or e.get('path') or ''}")
    click.echo(f"{len(result['events'])} events", err=True)


@main.command()
@db_option
@filter_options
@click.option("--limit", type=click.IntRange(min=1), default=None, help="At most this many events.")
@json_option
@click.pass_context
def events(ctx: click.Context, db: str | None, actor, place, event_type, date_from, date_to, status, limit,
           as_json: bool) -> None:
    """Events in the store, filtered, in date order, with reviewers' corrections applied (rejected ones left out)."""
    flt = EventFilter(actor=actor, place=place, type=event_type, date_from=date_from, date_to=date_to, status=status)
    rows = reviewed_events(open_store(ctx, db), flt, limit=limit)
    if as_json:
        _dump(rows)
        return
    for e in rows:
        click.echo(_event_line(e))
    click.echo(f"{len(rows)} events", err=True)


@main.command()
@db_option
@click.option("--all", "show_all", is_flag=True, help="Also clusters reported by one document only.")
@click.option("--limit", type=click.IntRange(min=1), default=None, help="At most this many clusters.")
@click.option("--rebuild", is_flag=True, help="Cluster every event again first.")
@click.option("--ids", is_flag=True, help="Print only the cluster ids, one a line.")
@json_option
@click.pass_context
def clusters(ctx: click.Context, db: str | None, show_all: bool, limit: int | None, rebuild: bool,
             ids: bool, as_json: bool) -> None:
    """Same event, many reports: clusters of event records, the most corroborated first."""
    store = open_store(ctx, db)
    if rebuild:
        clustering.rebuild(store)
    rows = clustering.list_clusters(store, min_documents=1 if show_all else 2, limit=limit)
    if ids:
        for c in rows:
            click.echo(c["id"])
        return
    if as_json:
        _dump(rows)
        return
    for c in rows:
        click.echo(f"{c['id']}  {c['date'] or '----------'}  {c['country'] or '---'}  {c['event_type'][:28]:<28} "
                   f"{c['n_reports']:>3} reports {c['n_documents']:>3} documents {c['n_sources']:>3} sources")
    click.echo(f"{len(rows)} clusters", err=True)


@main.command()
@click.argument("cluster_id", metavar="CLUSTER")
@db_option
@json_option
@click.pass_context
def cluster(ctx: click.Context, cluster_id: str, db: str | None, as_json: bool) -> None:
    """One cluster: its reports, independent sources, why they were joined, and disagreements with who says what."""
    view = clustering.cluster_view(open_store(ctx, db), cluster_id)
    if as_json:
        _dump(view)
        return
    click.echo(f"cluster {view['id']}: {view['event_type']}, {view['date']}, {view['country'] or '?'} — "
               f"{view['n_reports']} reports in {view['n_documents']} documents from {view['n_sources']} sources")
    click.echo("reports:")
    for r in view["reports"]:
        source = r["title"] or r["path"] or r["url"] or r["doc_id"]
        state = r["review"]["state"]
        click.echo(f"  {r['ref']:<24} {r['published'] or '':<10} {r['status'] or '':<10} \"{r['trigger']}\"  {source}"
                   + ("" if state == "unreviewed" else f"  [{state} by {r['review']['by']}]"))
    if view.get("why_joined"):
        click.echo("why joined:")
    for w in view.get("why_joined", []):
        click.echo(f"  {w['ref']:<24} with {w['with']}: " + ", ".join(r["reason"] for r in w["reasons"]))
    if not view["disagreements"]:
        click.echo("the reports agree on every field they give")
    for label, values in view["disagreements"].items():
        click.echo(f"disagreement on {label}:")
        for value in values:
            who = "; ".join(f"{w['said_by'] or 'the article'} in {w['doc_id']}"
                            + (" (reviewed)" if w.get("reviewed") else "")
                            + (f" (\"{w['evidence']}\")" if w.get("evidence") else "") for w in value["reports"])
            click.echo(f"  {str(value['value'])[:40]:<40} {who}")


@main.command()
@click.argument("cluster_id", metavar="CLUSTER")
@click.argument("reports", nargs=-1, required=True, metavar="REPORT...")
@db_option
@click.pass_context
def split(ctx: click.Context, cluster_id: str, reports: tuple[str, ...], db: str | None) -> None:
    """Undo a wrong merge: move REPORTs (event refs DOC/EVENT or document ids) out of CLUSTER.

    The split is stored and kept through every later re-clustering.
    """
    now = clustering.split(open_store(ctx, db), cluster_id, list(reports))
    click.echo(f"the reports of {cluster_id} are now in: {', '.join(now)}")


@main.command()
@db_option
@click.option("-f", "--format", "fmt", type=click.Choice(sorted(EXPORTERS)), required=True, help="Export format.")
@click.option("-o", "--output", default="-", metavar="PATH", help="File to write [default: standard output].")
@filter_options
@click.pass_context
def export(ctx: click.Context, db: str | None, fmt: str, output: str, actor, place, event_type, date_from, date_to,
           status) -> None:
    """Export events (CSV with ACLED-like columns and evidence, JSONL, GeoJSON points, Parquet)."""
    flt = EventFilter(actor=actor, place=place, type=event_type, date_from=date_from, date_to=date_to, status=status)
    n = export_events(open_store(ctx, db), fmt, output, flt)
    click.echo(f"{n} events written" + (f" to {output}" if output != "-" else ""), err=True)
