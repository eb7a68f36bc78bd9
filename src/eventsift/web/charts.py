"""Geometry for the server-drawn SVG charts (timeline bars, map points).

Drawn on the server so pages need no chart library and nothing from a CDN; the
templates turn these numbers into SVG elements and escape every label.
"""
from __future__ import annotations

import math

from .outlines import INSTALL_HINT, atlas_path, country_paths

TYPE_COLOURS = {
    "Battles": "#c0392b",
    "Explosions/Remote violence": "#e67e22",
    "Violence against civilians": "#8e44ad",
    "Protests": "#2980b9",
    "Riots": "#16a085",
    "Strategic developments": "#7f8c8d",
}


def colour(event_type: str | None) -> str:
    return TYPE_COLOURS.get(event_type or "", "#95a5a6")


def _months(first: str, last: str) -> list[str]:
    y, m = int(first[:4]), int(first[5:7])
    out = []
    while f"{y:04d}-{m:02d}" <= last and len(out) < 1200:
        out.append(f"{y:04d}-{m:02d}")
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    return out


def timeline_bars(rows: list[dict], width: int = 900, height: int = 260) -> dict:
    """Stacked bars: one per month from the first to the last month with events."""
    rows = [r for r in rows if r.get("month") and len(r["month"]) == 7 and r["month"][4] == "-"]
    if not rows:
        return {"width": width, "height": height, "bars": [], "ticks": [], "max": 0}
    months = _months(rows[0]["month"], max(r["month"] for r in rows))
    totals = {m: 0 for m in months}
    for r in rows:
        if r["month"] in totals:
            totals[r["month"]] += r["n"]
    top = max(totals.values()) or 1
    left, bottom, plot_h = 40, height - 30, height - 50
    step = (width - left - 10) / len(months)
    bars, heights = [], {m: 0.0 for m in months}
    for r in rows:
        if r["month"] not in totals:
            continue
        i = months.index(r["month"])
        h = plot_h * r["n"] / top
        y = bottom - heights[r["month"]] - h
        heights[r["month"]] += h
        bars.append({"x": round(left + i * step + 1, 1), "y": round(y, 1), "w": round(max(step - 2, 1), 1),
                     "h": round(h, 1), "fill": colour(r["event_type"]),
                     "label": f"{r['month']}: {r['n']} {r['event_type']}"})
    every = max(1, math.ceil(len(months) / 12))
    ticks = [{"x": round(left + i * step + step / 2, 1), "label": m} for i, m in enumerate(months) if i % every == 0]
    return {"width": width, "height": height, "bars": bars, "ticks": ticks, "max": top, "left": left,
            "bottom": bottom, "top_y": bottom - plot_h}


def map_points(rows: list[dict], width: int = 900, height: int = 450) -> dict:
    """Equirectangular positions for places with coordinates; the rest listed by country."""
    points, unplaced = [], []
    top = max((r["n"] for r in rows), default=1)
    for r in rows:
        if r.get("lat") is None or r.get("lon") is None:
            unplaced.append(r)
            continue
        points.append({"x": round((r["lon"] + 180) / 360 * width, 1), "y": round((90 - r["lat"]) / 180 * height, 1),
                       "r": round(3 + 12 * math.sqrt(r["n"] / top), 1), "n": r["n"],
                       "label": f"{r['place'] or r['country']}: {r['n']} events", "name": r["place"] or r["country"]})
    for rank, point in enumerate(sorted(points, key=lambda p: -p["n"])):
        point["named"] = rank < 15  # name the busiest places; the rest have a hover title
    grid = [{"x1": 0, "y1": round((90 - lat) / 180 * height, 1), "x2": width, "y2": round((90 - lat) / 180 * height, 1)}
            for lat in range(-60, 90, 30)]
    grid += [{"x1": round((lon + 180) / 360 * width, 1), "y1": 0, "x2": round((lon + 180) / 360 * width, 1), "y2": height}
             for lon in range(-150, 180, 30)]
    labels = [{"x": round((lon + 180) / 360 * width, 1) + 2, "y": height - 4, "text": f"{lon}°"} for lon in range(-150, 180, 30)]
    labels += [{"x": 2, "y": round((90 - lat) / 180 * height, 1) - 2, "text": f"{lat}°"} for lat in range(-60, 90, 30)]
    return {"width": width, "height": height, "points": points, "grid": grid, "labels": labels, "unplaced": unplaced,
            "countries": country_paths(width, height), "active": {r["country"] for r in rows if r.get("country")},
            "outlines_missing": None if atlas_path() else INSTALL_HINT}
