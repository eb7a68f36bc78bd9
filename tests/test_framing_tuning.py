"""The framing tuning steps (``train.framing.choose_settings``) on a handful of PTC training articles.

A small grid and the shipped CRFs stand in for the fold models: this checks the plumbing (the sentence
model's out-of-fold probabilities, the four steps, the settings written to the model info), not quality.
"""
from __future__ import annotations

from pathlib import Path

import pytest

DATA = Path(__file__).resolve().parent.parent.parent / "shared" / "data" / "ptc-train"


@pytest.fixture(scope="module")
def small_run(pipeline):
    if not (DATA / "articles").is_dir():
        pytest.skip("../shared/data/ptc-train is not present")
    from importlib import resources

    from eventsift.stages import framing_classifier as fc
    from eventsift.stages import framing_model as fm
    from eventsift.train import framing as tf
    from eventsift.train import ptc

    articles = ptc.split(ptc.read_articles(DATA))[0][:6]
    docs = [pipeline.nlp(a.text) for a in articles]
    fold_of = {a.id: i % 2 for i, a in enumerate(articles)}
    saved = {name: getattr(tf, name) for name in ("SENTENCE_WEIGHTS", "SPAN_WEIGHTS", "THRESHOLDS",
                                                  "TECHNIQUE_THRESHOLDS", "GAPS", "CLASSIFIER_WEIGHTS",
                                                  "SECOND_TECHNIQUE", "WHOLE_SENTENCE_SHARES", "TRIM_THRESHOLDS")}
    grid = {"SENTENCE_WEIGHTS": [0.0, 1.0], "SPAN_WEIGHTS": [0.5], "THRESHOLDS": [0.25], "TECHNIQUE_THRESHOLDS": [0.3],
            "GAPS": [5], "CLASSIFIER_WEIGHTS": [0.5], "SECOND_TECHNIQUE": [0.4], "WHOLE_SENTENCE_SHARES": [None, 0.6],
            "TRIM_THRESHOLDS": [None, 0.7]}
    for name, value in grid.items():
        setattr(tf, name, value)
    tf._DOCS.update({a.id: d for a, d in zip(articles, docs)})
    try:
        folder = resources.files("eventsift.resources")
        with resources.as_file(folder.joinpath(fm.MODEL_FILE)) as crf, \
                resources.as_file(folder.joinpath(fm.SPAN_MODEL_FILE)) as span_crf:
            margs = tf.full_marginals(crf, span_crf, docs)
        oof = {a.id: (d, fc.DocInfo(d, a.text), m) for a, d, m in zip(articles, docs, margs)}
        sentences = tf.out_of_fold_sentences(articles, fold_of)
        sizes = tf.technique_sizes(docs, articles)
        yield articles, docs, sentences, tf.choose_settings(oof, articles, fold_of, sizes, sentences)
    finally:
        for name, value in saved.items():
            setattr(tf, name, value)
        for a in articles:
            tf._DOCS.pop(a.id, None)


def test_every_token_of_a_scored_sentence_gets_its_fold_probability(small_run):
    articles, docs, (probs, mean), _ = small_run
    assert set(probs) == {a.id for a in articles} and 0.0 < mean < 1.0
    for art, doc in zip(articles, docs):
        assert len(probs[art.id]) == len(doc)
        scored = [p for p in probs[art.id] if p is not None]
        assert scored and all(0.0 < p < 1.0 for p in scored)


def test_settings_come_from_the_best_row_of_the_table(small_run):
    from eventsift.train import framing as tf

    articles, _, _, (settings, table, pred, samples) = small_run
    key = tf.settings_key(settings)
    assert key in table and sum(table[key]) == max(sum(v) for v in table.values())
    assert tf.settings_of(key) == settings and settings["sentence"]["weight"] in (0.0, 1.0)
    # step 0 tried both exponents at the default span settings; every later row uses the chosen one
    assert {k[0] for k in table} == {0.0, 1.0}
    assert all(k[0] == settings["sentence"]["weight"] for k in table if k[1:5] != tf.DEFAULT_SPAN or k[8])
    assert set(pred) == set(samples) == {a.id for a in articles}
    assert all(len(row) == 9 for row in table)
