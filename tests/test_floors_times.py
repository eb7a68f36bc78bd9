"""The time tagger keeps its measured quality on TimeBank + AQUAINT (floors in benchmarks/floors.json)."""
import json
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT.parent / "shared" / "data" / "timeml"


def test_time_floors():
    if not DATA.exists():
        pytest.skip("../shared/data/timeml is not present")
    sys.path.insert(0, str(ROOT / "benchmarks"))
    from evaluate_times import evaluate

    floors = json.loads((ROOT / "benchmarks" / "floors.json").read_text())["times"]
    result = evaluate(DATA)
    for corpus, metrics in floors.items():
        for metric, floor in metrics.items():
            assert result[corpus][metric] >= floor, f"{corpus} {metric} {result[corpus][metric]} < floor {floor}"
