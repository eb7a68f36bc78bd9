"""The event benchmark stays at or above its pinned floors (benchmarks/floors.json, key "events")."""
import json
import sys

import pytest

from conftest import ROOT, SHARED

FLOORS = json.loads((ROOT / "benchmarks" / "floors.json").read_text())["events"]


@pytest.fixture(scope="module")
def metrics():
    if not (SHARED / "data").exists():
        pytest.skip("../shared/data is not present")
    sys.path.insert(0, str(ROOT / "benchmarks"))
    import evaluate_events

    return evaluate_events.main(["--json", "--split", "all"])


@pytest.mark.parametrize("part", ["reports", "reports_heldout", "reports_heldout2", "reports_dev4", "reports_heldout3a",
                                  "reports_heldout3b", "plover"])
def test_event_floors(metrics, part):
    measured = metrics[part]
    assert measured is not None, f"{part}: no data"
    low = {k: (measured[k], floor) for k, floor in FLOORS[part].items() if measured[k] < floor}
    assert not low, f"{part} below floor (measured, floor): {low}"
