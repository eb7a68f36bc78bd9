"""A readable plain-text report of one or more analysed documents."""
from __future__ import annotations

import textwrap
from collections import Counter
from typing import Iterable, TextIO


def _short(text: str | None, width: int) -> str:
    text = " ".join((text or "").split())
    return text if len(text) <= width else text[: width - 1] + "…"


def _table(rows: list[list[str]], headers: list[str], widths: list[int]) -> list[str]:
    def line(cells):
        return "  ".join(_short(c, w).ljust(w) for c, w in zip(cells, widths)).rstrip()

    return [line(headers), line(["-" * w for w in widths])] + [line(r) for r in rows]


def _who_says(event: dict, attributions: dict, actors: dict) -> str:
    if event.get("status") == "attributed" and event.get("attribution_id") in attributions:
        a = attributions[event["attribution_id"]]
        if a.get("source_actor_id") in actors:
            return actors[a["source_actor_id"]]["name"]
        return (a.get("source") or {}).get("text") or "a source"
    return {"asserted": "the document", "hedged": "hedged", "denied": "denied",
            "hypothetical": "hypothetical"}.get(event.get("status"), event.get("status", ""))


def render(d: dict) -> str:
    actors = {a["id"]: a for a in d.get("actors", [])}
    attributions = {a["id"]: a for a in d.get("attributions", [])}
    out = [f"== {d.get('title') or d.get('source', {}).get('path') or d['id']}",
           f"id {d['id']}   published {d.get('published') or 'unknown'}   "
           + "   ".join(f"{k} {len(d.get(k, []))}" for k in ("times", "actors", "places", "attributions", "events", "framing")),
           ""]
    events = d.get("events", [])
    out.append(f"EVENTS ({len(events)})")
    rows = []
    for e in events:
        loc = e.get("location") or {}
        where = ", ".join(x for x in (loc.get("name"), loc.get("admin1"), loc.get("country_iso3")) if x)
        killed = e.get("fatalities") or {}
        rows.append([e["id"], e["sub_event_type"], (e.get("actor1") or {}).get("name", ""),
                     (e.get("actor2") or {}).get("name", ""), (e.get("date") or {}).get("value", ""), where,
                     str(killed.get("best", "")), _who_says(e, attributions, actors)])
    out += _table(rows, ["id", "what", "who", "to whom", "when", "where", "killed", "who says so"],
                  [4, 24, 22, 22, 10, 24, 6, 22]) if rows else ["  (none)"]
    out.append("")
    out.append(f"ATTRIBUTIONS ({len(attributions)})")
    for a in d.get("attributions", []):
        source = actors.get(a.get("source_actor_id"), {}).get("name") or (a.get("source") or {}).get("text") or "?"
        cue = (a.get("cue") or {}).get("text", "")
        date = f" on {a['date']}" if a.get("date") else ""
        out.append(f"  {a['id']} [{a['kind']}] {source} — {cue}{date}:")
        out += textwrap.wrap(_short(a["content"]["text"], 300), 100, initial_indent="      ", subsequent_indent="      ")
    out.append("")
    dated = sorted((e for e in events if e.get("date")), key=lambda e: e["date"]["value"])
    out.append("TIMELINE")
    for e in dated:
        out.append(f"  {e['date']['value']:<12} {e['sub_event_type']}: {_short(e['sentence']['text'] if e.get('sentence') else e['trigger']['text'], 80)}")
    if not dated:
        out.append("  (no dated events)")
    out.append("")
    framing = d.get("framing", [])
    out.append(f"FRAMING ({len(framing)} spans)")
    by_technique = Counter(f["technique"] for f in framing)
    for technique, n in by_technique.most_common():
        examples = []
        for f in framing:
            if f["technique"] == technique and f["text"] not in examples:
                examples.append(f["text"])
        out.append(f"  {technique:<36} {n:>3}  " + _short(", ".join(f"“{x}”" for x in examples[:5]), 70))
    out.append("")
    return "\n".join(out)


def write_report(results: Iterable[dict], stream: TextIO) -> None:
    for d in results:
        stream.write(render(d))
        stream.write("\n")
        stream.flush()
