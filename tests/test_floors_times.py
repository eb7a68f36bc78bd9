"""The time tagger keeps its measured quality (floors in benchmarks/floors.json, key "times"):
TimeBank + AQUAINT (with the spaCy parse, as the pipeline runs it) and our held-out passages."""
import json
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT.parent / "shared" / "data" / "timeml"
FLOORS = json.loads((ROOT / "benchmarks" / "floors.json").read_text())["times"]


def _evaluation():
    sys.path.insert(0, str(ROOT / "benchmarks"))
    import evaluate_times

    return evaluate_times


def _check(result: dict, corpora) -> None:
    for corpus in corpora:
        for metric, floor in FLOORS[corpus].items():
            assert result[corpus][metric] >= floor, f"{corpus} {metric} {result[corpus][metric]} < floor {floor}"


def test_time_floors():
    if not DATA.exists():
        pytest.skip("../shared/data/timeml is not present")
    _check(_evaluation().evaluate(DATA), ("TimeBank", "AQUAINT", "all"))


def test_time_floors_on_our_heldout_passages(pipeline):
    """Our own passages need no shared data; they run through the whole pipeline."""
    _check(_evaluation().evaluate_heldout(pipeline=pipeline), ("heldout",))
