"""Country outlines for the server-drawn map, from Natural Earth via the npm package world-atlas.

``make install`` puts world-atlas 2.0.2 (Natural Earth 1:110m countries as
TopoJSON, pinned in package.json) in ``node_modules/``; nothing is fetched at run
time. ``EVENTSIFT_WORLD_ATLAS`` may name another copy of ``countries-110m.json``.
Decoding TopoJSON into SVG paths is written here because it is twenty lines
(delta-decoded, quantised arcs stitched per ring) and the map is drawn on the
server, where no JavaScript topojson client runs.
"""
from __future__ import annotations

import json
import os
from functools import lru_cache
from pathlib import Path

ATLAS_FILE = "countries-110m.json"
INSTALL_HINT = "country outlines need the npm package world-atlas: run `make install` (or `npm ci`) in the " \
               "eventsift checkout, or set EVENTSIFT_WORLD_ATLAS to a countries-110m.json"


def atlas_path() -> Path | None:
    """Where countries-110m.json is: the environment's choice, else node_modules beside the source tree."""
    named = os.environ.get("EVENTSIFT_WORLD_ATLAS")
    if named:
        return Path(named) if Path(named).is_file() else None
    for folder in Path(__file__).resolve().parents:
        candidate = folder / "node_modules" / "world-atlas" / ATLAS_FILE
        if candidate.is_file():
            return candidate
    return None


def _decoded_arcs(topology: dict) -> list[list[tuple[float, float]]]:
    """Each arc as (lon, lat) points: quantised deltas summed, then scaled and translated."""
    (sx, sy), (tx, ty) = topology["transform"]["scale"], topology["transform"]["translate"]
    arcs = []
    for arc in topology["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x, y = x + dx, y + dy
            points.append((x * sx + tx, y * sy + ty))
        arcs.append(points)
    return arcs


def _ring(arcs: list, indices: list[int]) -> list[tuple[float, float]]:
    """One ring: its arcs in order, a negative index (~i) meaning arc i reversed, shared ends dropped."""
    points: list[tuple[float, float]] = []
    for index in indices:
        arc = arcs[index] if index >= 0 else arcs[~index][::-1]
        points.extend(arc if not points else arc[1:])
    return points


def _unwrapped(ring: list[tuple[float, float]]) -> list[list[tuple[float, float]]]:
    """A ring that crosses the antimeridian (Fiji, Chukotka) made continuous, plus its copy one world-width over:
    the map's frame clips each, so both sides are drawn and no edge spans the whole map."""
    shift, points = 0.0, [ring[0]]
    for before, point in zip(ring, ring[1:]):
        if point[0] - before[0] > 180:
            shift -= 360
        elif before[0] - point[0] > 180:
            shift += 360
        points.append((point[0] + shift, point[1]))
    pieces = [points]
    if max(p[0] for p in points) > 180:
        pieces.append([(lon - 360, lat) for lon, lat in points])
    if min(p[0] for p in points) < -180:
        pieces.append([(lon + 360, lat) for lon, lat in points])
    return pieces


def _path(points: list[tuple[float, float]], xy) -> str:
    return "M" + "L".join(xy(p) for p in points) + "Z"


def _alpha3(numeric: str | None) -> str | None:
    import pycountry

    if not numeric:
        return None
    country = pycountry.countries.get(numeric=numeric.zfill(3))
    return country.alpha_3 if country else None


@lru_cache(maxsize=4)
def country_paths(width: int, height: int) -> tuple[dict, ...]:
    """SVG paths (equirectangular, like the map's points) with ISO alpha-3 code and name; () without the atlas."""
    path = atlas_path()
    if path is None:
        return ()
    topology = json.loads(path.read_text(encoding="utf-8"))
    arcs = _decoded_arcs(topology)

    def xy(point: tuple[float, float]) -> str:
        lon, lat = point
        return f"{(lon + 180) / 360 * width:.1f},{(90 - lat) / 180 * height:.1f}"

    shapes = []
    for geometry in topology["objects"]["countries"]["geometries"]:
        polygons = geometry.get("arcs") or []
        if geometry.get("type") == "Polygon":
            polygons = [polygons]
        rings = [_ring(arcs, ring) for polygon in polygons for ring in polygon]
        d = "".join(_path(piece, xy) for ring in rings if len(ring) > 2 for piece in _unwrapped(ring))
        if d:
            shapes.append({"d": d, "iso3": _alpha3(geometry.get("id")),
                           "name": (geometry.get("properties") or {}).get("name", "")})
    return tuple(shapes)
