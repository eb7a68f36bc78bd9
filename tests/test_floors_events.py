"""The event benchmark on real text stays at or above its pinned floors (benchmarks/floors.json, key "events").

Runs ``benchmarks/evaluate_events.py`` on the unread part of acled-dev (about 3,800 notes), every third
IndiaPoliceEvents article and all PLOVER records: a few minutes on a CPU, the part of the suite that needs
``../shared/data``. The dev part of acled-dev is scored by ``make bench`` only.
"""
import json
import sys

import pytest

from conftest import ROOT, SHARED

FLOORS = json.loads((ROOT / "benchmarks" / "floors.json").read_text())["events"]
INDIA_EVERY = FLOORS["india_police_kill"]["_every"]


@pytest.fixture(scope="module")
def metrics():
    if not (SHARED / "data").exists():
        pytest.skip("../shared/data is not present")
    sys.path.insert(0, str(ROOT / "benchmarks"))
    import evaluate_events

    return evaluate_events.main(["--json", "--acled", "unread", "--india-every", str(INDIA_EVERY)])


@pytest.mark.parametrize("part", ["acled_unread", "india_police_kill", "plover"])
def test_event_floors(metrics, part):
    measured = metrics[part]
    assert measured is not None, f"{part}: no data"
    low = {k: (measured[k], floor) for k, floor in FLOORS[part].items()
           if not k.startswith("_") and measured[k] < floor}
    assert not low, f"{part} below floor (measured, floor): {low}"


def test_the_model_report_is_printed_beside(metrics):
    report = metrics["event_type_model"]
    assert report["leave_one_country_out"]["sub_event_type"] >= FLOORS["model_leave_one_country_out"]["sub_event_type"]
    assert report["cv"]["sub_event_type"] >= FLOORS["model_cv"]["sub_event_type"]
