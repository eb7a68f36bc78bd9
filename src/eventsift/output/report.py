"""A readable plain-text report of one or more analysed documents."""
from __future__ import annotations

import textwrap
from collections import Counter
from typing import Iterable, TextIO

from ..model import LAYERS, Actor, Attribution, Event
from ..record import from_record


def _short(text: str | None, width: int) -> str:
    text = " ".join((text or "").split())
    return text if len(text) <= width else text[: width - 1] + "…"


def _table(rows: list[list[str]], headers: list[str], widths: list[int]) -> list[str]:
    def line(cells):
        return "  ".join(_short(c, w).ljust(w) for c, w in zip(cells, widths)).rstrip()

    return [line(headers), line(["-" * w for w in widths])] + [line(r) for r in rows]


def _who_says(event: Event, attributions: dict[str, Attribution], actors: dict[str, Actor]) -> str:
    attribution = attributions.get(event.attribution_id or "")
    if event.status == "attributed" and attribution is not None:
        if attribution.source_actor_id in actors:
            return actors[attribution.source_actor_id].name
        return attribution.source.text if attribution.source else "a source"
    return {"asserted": "the document", "hedged": "hedged", "denied": "denied",
            "hypothetical": "hypothetical"}.get(event.status, event.status)


def _where(event: Event) -> str:
    loc = event.location
    return ", ".join(x for x in (loc.name, loc.admin1, loc.country_iso3) if x) if loc else ""


def render(record: dict) -> str:
    """The report of one analysis (a contract dict of any record version, read through the typed model)."""
    r = from_record(record)
    doc = r.document
    actors = {a.id: a for a in r.actors}
    attributions = {a.id: a for a in r.attributions}
    out = [f"== {doc.title or doc.source.get('path') or doc.id}",
           f"id {doc.id}   published {doc.published or 'unknown'}   "
           + "   ".join(f"{layer} {len(getattr(r, layer))}" for layer in LAYERS),
           ""]
    out.append(f"EVENTS ({len(r.events)})")
    rows = [[e.id, e.sub_event_type, e.actor1.name if e.actor1 else "", e.actor2.name if e.actor2 else "",
             e.date.value if e.date else "", _where(e), str(e.fatalities.best) if e.fatalities else "",
             _who_says(e, attributions, actors)] for e in r.events]
    out += _table(rows, ["id", "what", "who", "to whom", "when", "where", "killed", "who says so"],
                  [4, 24, 22, 22, 10, 24, 6, 22]) if rows else ["  (none)"]
    out.append("")
    out.append(f"ATTRIBUTIONS ({len(r.attributions)})")
    for a in r.attributions:
        source = actors[a.source_actor_id].name if a.source_actor_id in actors else (a.source.text if a.source else "?")
        date = f" on {a.date}" if a.date else ""
        out.append(f"  {a.id} [{a.kind}] {source} — {a.cue.text if a.cue else ''}{date}:")
        out += textwrap.wrap(_short(a.content.text, 300), 100, initial_indent="      ", subsequent_indent="      ")
    out.append("")
    dated = sorted((e for e in r.events if e.date), key=lambda e: e.date.value)
    out.append("TIMELINE")
    for e in dated:
        out.append(f"  {e.date.value:<12} {e.sub_event_type}: {_short((e.sentence or e.trigger).text, 80)}")
    if not dated:
        out.append("  (no dated events)")
    out.append("")
    out.append(f"FRAMING ({len(r.framing)} spans)")
    for technique, n in Counter(f.technique for f in r.framing).most_common():
        examples = list(dict.fromkeys(f.span.text for f in r.framing if f.technique == technique))
        out.append(f"  {technique:<36} {n:>3}  " + _short(", ".join(f"“{x}”" for x in examples[:5]), 70))
    out.append("")
    return "\n".join(out)


def write_report(results: Iterable[dict], stream: TextIO) -> None:
    for d in results:
        stream.write(render(d))
        stream.write("\n")
        stream.flush()
