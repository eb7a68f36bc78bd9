"""Framing floors: the PTC validation articles must keep the F1 pinned in benchmarks/floors.json."""
from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT.parent / "shared" / "data" / "ptc-train"


def _evaluator():
    spec = importlib.util.spec_from_file_location("evaluate_framing", ROOT / "benchmarks" / "evaluate_framing.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_framing_floors():
    if not (DATA / "articles").is_dir():
        pytest.skip("../shared/data/ptc-train is not present")
    floors = json.loads((ROOT / "benchmarks" / "floors.json").read_text())["framing"]
    ev = _evaluator()
    from eventsift.train import ptc

    result = ev.evaluate(ev.choose(ptc.read_articles(DATA), "validation"))
    assert result["span"]["f1"] >= floors["span_f1"]
    assert result["span_technique"]["f1"] >= floors["span_technique_f1"]
