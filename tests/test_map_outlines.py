"""The map's country outlines: Natural Earth (world-atlas) decoded from TopoJSON on the server."""
from __future__ import annotations

import re

from eventsift.web.charts import map_points
from eventsift.web.outlines import _decoded_arcs, _ring, atlas_path, country_paths


def test_arcs_are_delta_decoded_and_reversed_by_complement():
    topology = {"transform": {"scale": [1, 1], "translate": [10, 20]}, "arcs": [[[0, 0], [2, 0], [0, 3]], [[2, 3], [-2, -3]]]}
    arcs = _decoded_arcs(topology)
    assert arcs[0] == [(10, 20), (12, 20), (12, 23)]
    assert _ring(arcs, [0, 1]) == [(10, 20), (12, 20), (12, 23), (10, 20)]
    assert _ring(arcs, [~1]) == [(10, 20), (12, 23)]


def test_the_installed_atlas_draws_every_country_inside_the_map():
    assert atlas_path() is not None, "make install puts world-atlas in node_modules/"
    shapes = country_paths(900, 450)
    by_code = {s["iso3"]: s for s in shapes if s["iso3"]}
    assert len(shapes) > 150 and {"IRQ", "SOM", "KEN", "USA", "BGD"} <= set(by_code)
    numbers = [float(n) for n in re.findall(r"-?\d+\.?\d*", by_code["IRQ"]["d"])]
    xs, ys = numbers[0::2], numbers[1::2]
    # Iraq lies between 38.8 and 48.6 E, 29.1 and 37.4 N
    assert 540 < min(xs) and max(xs) < 575 and 130 < min(ys) and max(ys) < 156


def test_map_shades_the_countries_with_events():
    chart = map_points([{"place": "Mosul", "country": "IRQ", "lat": 36.3, "lon": 43.1, "n": 2}])
    assert chart["active"] == {"IRQ"} and chart["countries"] and chart["outlines_missing"] is None


def test_missing_atlas_is_explained(monkeypatch, tmp_path):
    monkeypatch.setenv("EVENTSIFT_WORLD_ATLAS", str(tmp_path / "absent.json"))
    country_paths.cache_clear()
    try:
        chart = map_points([])
        assert chart["countries"] == () and "world-atlas" in chart["outlines_missing"]
    finally:
        monkeypatch.delenv("EVENTSIFT_WORLD_ATLAS")
        country_paths.cache_clear()


def test_rings_crossing_the_antimeridian_are_cut():
    from eventsift.web.outlines import _unwrapped

    ring = [(178, -16), (179.9, -16.5), (-179.9, -16.4), (-179.5, -16), (-179.8, -15.8), (179.5, -15.9), (178, -16)]
    pieces = _unwrapped(ring)
    assert len(pieces) == 2 and all(len(p) == len(ring) for p in pieces)
    assert all(abs(a[0] - b[0]) < 180 for piece in pieces for a, b in zip(piece, piece[1:]))
    assert _unwrapped([(10, 10), (11, 10), (11, 11)]) == [[(10, 10), (11, 10), (11, 11)]]
