"""The sentence model that scales the framing CRF's inside probability: features, arithmetic, training."""
from __future__ import annotations

import math

import pytest

from eventsift.stages import framing_model as fm
from eventsift.stages import framing_sentences as fs

TEXT = "Vile traitors!\n\nThey are liars, all of them. The vote is on Monday."


@pytest.fixture(scope="module")
def tokens(pipeline):
    return fm.Tokens(pipeline.nlp(TEXT), TEXT)


def test_features_read_the_whole_sentence(tokens):
    first, second = [fs.sentence_features(tokens, a, b) for a, b in fs.sentences(tokens)][:2]
    assert first["title"] == 1.0 and first["ch!"] == 1.0 and first["len=s"] == 1.0
    assert "l=traitor" in first and "b=vile|traitors" in first
    assert "title" not in second and "b=all|of" in second and "l=liar" in second


def test_whitespace_only_sentences_are_not_scored(pipeline):
    from spacy.tokens import Doc

    doc = Doc(pipeline.nlp.vocab, words=["Hello", "\n\n", "World", "."], spaces=[False] * 4,
              sent_starts=[True, True, True, False])
    tokens = fm.Tokens(doc)
    assert tokens.sentences == [(0, 1), (1, 2), (2, 4)]
    assert fs.sentences(tokens) == [(0, 1), (2, 4)]
    probs = fs.token_probabilities(tokens, ({}, [], 0.0))
    assert probs == [0.5, None, 0.5, 0.5]


def test_probability_is_the_logistic_of_the_sentence_score(tokens):
    model = ({"l=liar": 0, "l=vote": 1}, [2.0, -1.0], -0.5)
    spans = fs.sentences(tokens)
    probs = fs.token_probabilities(tokens, model)
    sigmoid = [1 / (1 + math.exp(-z)) for z in (-0.5, 1.5, -1.5)]
    for (a, b), expected in zip(spans, sigmoid):
        assert probs[a:b] == pytest.approx([expected] * (b - a))


def test_scaling_favours_likely_sentences_and_keeps_the_rest():
    inside = [0.2, 0.2, 0.6, 0.5]
    assert fs.scale_inside(inside, [0.3, 0.6, 0.6, None], mean=0.3, weight=1.0) == pytest.approx([0.2, 0.4, 1.0, 0.5])
    assert fs.scale_inside(inside, [0.15, 0.3, 0.3, None], mean=0.3, weight=2.0) == pytest.approx([0.05, 0.2, 0.6, 0.5])
    assert fs.scale_inside(inside, [0.9] * 4, mean=0.3, weight=0.0) == inside


def test_shipped_model_prefers_a_loaded_sentence(pipeline):
    text = "The regime's butchers slaughtered innocent children in cold blood.\nThe meeting is on Tuesday at noon."
    tk = fm.Tokens(pipeline.nlp(text), text)
    (a1, b1), (a2, b2) = fs.sentences(tk)[:2]
    loaded, neutral = fs.probabilities([fs.sentence_features(tk, a1, b1), fs.sentence_features(tk, a2, b2)])
    assert 0.0 < neutral < loaded < 1.0


def test_training_labels_a_sentence_by_any_overlapping_gold_span(pipeline):
    from eventsift.train import framing as tf
    from eventsift.train.ptc import Article

    doc = pipeline.nlp(TEXT)
    art = Article("t", TEXT, [("Name_Calling,Labeling", TEXT.index("liars"), TEXT.index("liars") + 5)])
    X, y = tf.sentence_samples(doc, art)
    assert y == [0, 1, 0] and len(X) == 3
    vocab, coef, intercept = tf.train_sentence_model([doc, doc], [art, art])
    assert len(coef) == len(vocab) and isinstance(intercept, float)
    probs = fs.probabilities(X, (vocab, coef, intercept))
    assert probs[1] > probs[0] and probs[1] > probs[2]
