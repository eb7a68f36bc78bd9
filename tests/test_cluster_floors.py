"""Same-event clustering on real multi-source news (ECB+, development topics out of fold) stays above its floors.

Needs ``../shared/data/ecbplus`` and the cached eventsift analyses of its texts (``python -m
eventsift.train.ecbplus`` fills the cache in a few minutes); skipped cleanly without them."""
import json
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def test_ecbplus_cluster_floors():
    from eventsift.train import ecbplus

    if not ecbplus.available():
        pytest.skip(f"no ECB+ at {ecbplus.DATA}")
    if not (ecbplus.CACHE / "analyses.jsonl").exists():
        pytest.skip("ECB+ analyses not cached; run `python -m eventsift.train.ecbplus` first")
    sys.path.insert(0, str(ROOT / "benchmarks"))
    try:
        from evaluate_clusters import evaluate_ecbplus
    finally:
        sys.path.pop(0)
    floors = json.loads((ROOT / "benchmarks" / "floors.json").read_text())["clusters"]
    result = evaluate_ecbplus("cv")
    doc = result["document_bcubed"]["eventsift"]
    assert doc["p"] >= floors["ecbplus_cv_document_bcubed_p"], result
    assert doc["f1"] >= floors["ecbplus_cv_document_bcubed_f1"], result
    assert doc["f1"] > result["document_bcubed"]["baseline_topic_together"]["f1"], result
    mentions = result["mentions"]
    assert mentions["gold_mentions"]["conll_f1"] >= floors["ecbplus_cv_conll_f1_gold_mentions"], result
    assert mentions["predicted_mentions_store_path"]["conll_f1"] >= floors["ecbplus_cv_conll_f1_predicted_mentions"], result
