"""The roles in ACLED's terms stay at or above their pinned floors (benchmarks/floors.json, key "actors").

Runs ``benchmarks/evaluate_events.py --actors`` on the unread part of acled-dev (never read nor tuned on;
about 3,000 notes, a minute or two on a CPU) and reads the role model's cross-validated and
leave-one-country-out figures from its training report. Skips when ``../shared/data`` is absent.
"""
import json
import sys

import pytest

from conftest import ROOT, SHARED

FLOORS = json.loads((ROOT / "benchmarks" / "floors.json").read_text())["actors"]


@pytest.fixture(scope="module")
def metrics():
    if not (SHARED / "data" / "acled-dev").exists():
        pytest.skip("../shared/data/acled-dev is not present")
    sys.path.insert(0, str(ROOT / "benchmarks"))
    import evaluate_events

    return evaluate_events.main(["--json", "--acled", "unread", "--india-every", "0", "--no-plover", "--actors"])


def _low(measured: dict, floors: dict) -> dict:
    return {k: (measured[k], floor) for k, floor in floors.items() if not k.startswith("_") and measured[k] < floor}


def test_unread_part_at_floor(metrics):
    measured = metrics["actors"]["acled_unread"]
    assert measured["notes"] > 1000
    low = _low(measured, FLOORS["acled_unread"])
    assert not low, f"below floor (measured, floor): {low}"


@pytest.mark.parametrize("part", ["cv", "leave_one_country_out"])
def test_model_report_at_floor(metrics, part):
    low = _low(metrics["actors"]["model"][part], FLOORS[f"model_{part}"])
    assert not low, f"{part} below floor (measured, floor): {low}"
