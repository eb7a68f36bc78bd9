"""The attribution floors hold on PolNeAR dev (every second article, so it runs in about a minute)."""
import json
import sys

import pytest

from conftest import ROOT, SHARED

FLOORS = json.loads((ROOT / "benchmarks" / "floors.json").read_text()).get("attribution", {})


@pytest.fixture(scope="module")
def metrics():
    if not (SHARED / "data" / "polnear" / "dev").exists():
        pytest.skip("../shared/data/polnear is not present")
    sys.path.insert(0, str(ROOT / "benchmarks"))
    from evaluate_attribution import evaluate

    return evaluate("dev", every=FLOORS["dev_subset_every"])


def test_f1_floors(metrics):
    assert metrics["tau0.3"]["f1"] >= FLOORS["f1_tau0.3"]
    assert metrics["tau0.8"]["f1"] >= FLOORS["f1_tau0.8"]


def test_source_and_cue_accuracy_floors(metrics):
    assert metrics["source_accuracy"] >= FLOORS["source_accuracy"]
    assert metrics["cue_accuracy"] >= FLOORS["cue_accuracy"]


def test_direct_quote_recall_floor(metrics):
    assert metrics["direct_recall_tau0.3"] >= FLOORS["direct_recall_tau0.3"]


def test_attribution_stays_cheap_next_to_the_parse():
    if not (SHARED / "data" / "polnear" / "dev").exists():
        pytest.skip("../shared/data/polnear is not present")
    sys.path.insert(0, str(ROOT / "benchmarks"))
    from evaluate_attribution import speed

    assert speed("dev", 10)["attribution_share_of_parse"] <= FLOORS["max_share_of_parse"]
