"""The span technique classifier: features, mixing with the CRF, and the shipped weights."""
from __future__ import annotations

import numpy as np
import pytest

from eventsift.stages import framing_classifier as fc
from eventsift.stages import framing_model as fm


@pytest.fixture(scope="module")
def doc(pipeline):
    return pipeline.nlp("They are vile liars, all of them! Liars always lie. The vote is on Monday.")


def _toy_model(features: dict[str, dict[str, float]]):
    """A hand-set model: weight of each feature for each class."""
    classes = sorted({c for w in features.values() for c in w})
    vocab = {f: i for i, f in enumerate(features)}
    coef = np.array([[features[f].get(c, 0.0) for f in features] for c in classes])
    return vocab, coef, np.zeros(len(classes)), classes


def test_span_features_see_words_context_sentence_and_repetition(doc):
    info = fc.DocInfo(doc)
    liars = [t.i for t in doc if t.lower_ == "liars"]
    f = fc.span_features(info, 2, 4)  # "vile liars"
    assert {"w=vile", "w=liars", "l=liar", "bg=vile|liar", "len=2", "s!", "L=be"} <= set(f)
    assert "rep=2" in f and len(liars) == 2
    assert "s!" not in fc.span_features(info, liars[1], liars[1] + 1)


def test_probabilities_follow_the_weights():
    model = _toy_model({"w=vile": {"Loaded_Language": 2.0, "Doubt": 0.0}, "bias": {"Doubt": 0.5}})
    (p,) = fc.probabilities([{"w=vile": 1.0, "bias": 1.0, "w=unknown": 1.0}], model)
    assert p["Loaded_Language"] > p["Doubt"] and sum(p.values()) == pytest.approx(1.0)


def test_assign_mixes_classifier_and_crf_and_adds_a_runner_up():
    first = fm.TaggedSpan(2, 4, "Doubt", 0.8, 0.6, {"Doubt": 0.6, "Loaded_Language": 0.4})
    other = fm.TaggedSpan(5, 6, "Slogans", 0.5, 1.0)
    probs = [{"Doubt": 0.1, "Loaded_Language": 0.5, "Name_Calling,Labeling": 0.4}]
    only_crf = fc.assign(None, [first, other], 0.0, None, probs=probs)
    assert [s.technique for s in only_crf] == ["Doubt", "Slogans"]
    mixed = fc.assign(None, [first, other], 1.0, 0.35, probs=probs)
    assert [(s.start, s.technique) for s in mixed] == [(2, "Loaded_Language"), (2, "Name_Calling,Labeling"),
                                                      (5, "Slogans")]
    assert mixed[0].technique_confidence == pytest.approx(0.5)


def test_shipped_classifier_names_an_insult(doc):
    info = fc.DocInfo(doc)
    (p,) = fc.probabilities([fc.span_features(info, 2, 4)])
    assert set(p) <= set(fm.model_info().get("tuning_per_technique_f1", p)) and len(p) == 14
    assert max(p, key=p.get) in ("Loaded_Language", "Name_Calling,Labeling")


def test_span_features_see_the_whole_span_repeated_and_its_syntax(doc):
    info = fc.DocInfo(doc)
    liars = [t.i for t in doc if t.lower_ == "liars"]
    first, second = (fc.span_features(info, i, i + 1) for i in liars)
    assert {"srep=2", "sbefore=0"} <= set(first) and "sbefore=1+" in second
    clause = fc.span_features(info, 0, 4)  # "They are vile liars"
    assert clause["rdep=ROOT"] == 1.0 and clause["hasverb"] == 1.0
    assert "rdep=ROOT" not in fc.span_features(info, 2, 4)


def test_probabilities_leave_out_the_no_technique_class():
    model = _toy_model({"bias": {fc.NO_TECHNIQUE: 3.0, "Doubt": 1.0, "Slogans": 1.0}})
    (p,) = fc.probabilities([{"bias": 1.0}], model)
    assert set(p) == {"Doubt", "Slogans"} and p["Doubt"] == pytest.approx(0.5)


def test_proposed_spans_learn_the_technique_they_overlap_most(doc):
    from eventsift.train.framing import predicted_span_samples
    from eventsift.train.ptc import Article

    text = doc.text
    vile = text.index("vile")
    art = Article("1", text, [("Loaded_Language", vile, vile + 4), ("Doubt", vile, vile + 10)])
    vote = [t.i for t in doc if t.text == "vote"][0]
    proposed = [fm.TaggedSpan(2, 4, "Loaded_Language", 0.5, 0.5, {"Loaded_Language": 1.0}),
                fm.TaggedSpan(vote, vote + 1, "Loaded_Language", 0.5, 0.5, {"Loaded_Language": 1.0}),
                fm.TaggedSpan(2, 3, "Slogans", 0.5, 1.0)]  # second-pass spans are not samples
    X, y = predicted_span_samples(doc, fc.DocInfo(doc), art, proposed)
    assert y == ["Doubt", fc.NO_TECHNIQUE] and "w=vote" in X[1]
