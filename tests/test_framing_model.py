"""Decoding, training labels and the shipped CRF, on small hand-written inputs."""
from __future__ import annotations

import pytest

from eventsift.stages import framing_model as fm
from eventsift.train.framing import span_labels, token_labels


@pytest.fixture(scope="module")
def doc(pipeline):
    return pipeline.nlp("They are vile liars, all of them. The vote is on Monday.")


def _probs(doc, inside: dict[int, tuple[str, float]]):
    rows = []
    for tok in doc:
        tech, p = inside.get(tok.i, ("Loaded_Language", 0.0))
        rows.append({fm.OUTSIDE: 1.0 - p, tech: p})
    return rows


def test_decode_joins_confident_tokens_and_trims_punctuation(doc):
    # "vile liars ," inside; the comma is dropped from the span
    probs = _probs(doc, {2: ("Loaded_Language", 0.9), 3: ("Name_Calling,Labeling", 0.8),
                         4: ("Loaded_Language", 0.6)})
    (span,) = fm.decode(doc, probs, threshold=0.5)
    assert doc[span.start:span.end].text == "vile liars"
    assert span.technique == "Loaded_Language"
    assert 0.8 <= span.confidence <= 0.9


def test_decode_never_crosses_a_sentence(doc):
    last = [t.i for t in doc if t.text == "them"][0]
    probs = _probs(doc, {i: ("Doubt", 0.9) for i in range(last, last + 4)})
    spans = fm.decode(doc, probs, threshold=0.5)
    assert len(spans) == 2


def test_second_pass_adds_a_second_technique(doc):
    probs = _probs(doc, {2: ("Loaded_Language", 0.9)})
    probs[3] = {fm.OUTSIDE: 0.1, "Loaded_Language": 0.5, "Name_Calling,Labeling": 0.4}
    spans = fm.decode(doc, probs, threshold=0.5, technique_threshold=0.3)
    assert {s.technique for s in spans} == {"Loaded_Language", "Name_Calling,Labeling"}


def test_training_labels_take_the_shortest_covering_span(doc):
    text = doc.text
    start = text.index("vile")
    spans = [("Doubt", 0, text.index(".")), ("Loaded_Language", start, start + 4)]
    labels = token_labels(doc, spans)
    assert labels[2] == "Loaded_Language" and labels[0] == "Doubt" and labels[-1] == fm.OUTSIDE


def test_marginal_floor_keeps_every_usable_probability(doc):
    feats = fm.token_features(doc)
    full = fm.marginals(fm.tagger(), feats)
    cheap = fm.marginals(fm.tagger(), feats, floor=0.2)
    for a, b in zip(full, cheap):
        assert a[fm.OUTSIDE] == pytest.approx(b[fm.OUTSIDE])
        if 1.0 - a[fm.OUTSIDE] >= 0.2:
            assert a == pytest.approx(b)
        for label, p in a.items():
            if label not in b:
                assert p < 0.2


def test_features_have_no_whitespace(pipeline):
    doc = pipeline.nlp("Title line\n\nA  sentence   with\tspaces.")
    for feats in fm.token_features(doc):
        assert all(not any(c.isspace() for c in f) for f in feats)


def test_mix_inside_replaces_the_inside_probability_and_keeps_technique_shares():
    rows = [{fm.OUTSIDE: 0.6, "Doubt": 0.3, "Loaded_Language": 0.1}, {fm.OUTSIDE: 1.0}]
    mixed = fm.mix_inside(rows, [0.8, 0.5], 0.5)
    assert 1.0 - mixed[0][fm.OUTSIDE] == pytest.approx(0.6)  # (0.4 + 0.8) / 2
    assert mixed[0]["Doubt"] / mixed[0]["Loaded_Language"] == pytest.approx(3.0)
    assert mixed[1] == {fm.OUTSIDE: pytest.approx(0.75)}
    assert fm.mix_inside(rows, [0.8, 0.5], 0.0) is rows


def test_decode_names_a_run_only_the_inside_outside_model_saw(doc):
    # rows without any technique share (the technique CRF put them under the floor) still make a span
    probs = [{fm.OUTSIDE: 1.0} for _ in doc]
    probs[2] = {fm.OUTSIDE: 0.3}
    (span,) = fm.decode(doc, probs, threshold=0.5)
    assert (span.start, span.end) == (2, 3) and span.technique == fm.LOADED_LANGUAGE


def test_span_crf_floor_uses_the_mixed_probability(doc):
    feats = fm.token_features(doc)
    inside = [0.9] * len(feats)
    rows = fm.marginals(fm.tagger(), feats, floor=0.4, inside=inside, weight=0.5)
    # with weight 0.5 and inside 0.9 every token's mixed chance is at least 0.45: all keep their labels
    assert all(len(r) > 1 for r in rows)


def test_span_labels_mark_every_covered_token_inside(doc):
    text = doc.text
    start = text.index("vile")
    labels = span_labels(doc, [("Loaded_Language", start, start + 4), ("Doubt", start, text.index(","))])
    assert labels[2] == labels[3] == fm.INSIDE and labels[0] == labels[-1] == fm.OUTSIDE


def test_training_rows_match_what_the_stage_decodes(doc):
    # the cross-validation in training rebuilds the stage's mixed marginals from full matrices
    import numpy as np

    from eventsift.train.framing import _rows

    feats = fm.item_sequence(fm.token_features(doc))
    tg = fm.tagger()
    inside = [0.1 + 0.8 * (i % 2) for i in range(len(doc))]
    labels = list(tg.labels())
    tg.set(feats)
    matrix = np.array([[tg.marginal(lab, i) for lab in labels] for i in range(len(doc))])
    stage = fm.mix_inside(fm.marginals(tg, feats, floor=0.3, inside=inside, weight=0.5), inside, 0.5)
    train = _rows((labels, matrix, inside), 0.5, 0.3)
    assert len(stage) == len(train)
    for a, b in zip(stage, train):
        assert a == pytest.approx(b)


def test_token_table_reads_what_spacy_tokens_say(pipeline):
    # the table replaces per-Token reads; it must agree with them, spaces and entities included
    text = "Title: Iran’s Quds Force\n\nThe  “heinous” attack in Baghdad killed 3 people. Is it over?"
    doc = pipeline.nlp(text)
    tk = fm.Tokens(doc, text)
    assert tk.orth == [t.text for t in doc] and tk.lower_ == [t.lower_ for t in doc]
    assert tk.lemma_ == [t.lemma_ for t in doc] and tk.pos == [t.pos_ for t in doc]
    assert tk.tag == [t.tag_ for t in doc] and tk.dep == [t.dep_ for t in doc]
    assert tk.ent == [t.ent_type_ for t in doc] and tk.head == [t.head.i for t in doc]
    assert tk.idx == [t.idx for t in doc] and tk.end == [t.idx + len(t.text) for t in doc]
    assert tk.sent_start == [bool(t.is_sent_start) for t in doc]
    assert tk.space == [t.is_space for t in doc] and tk.punct == [t.is_punct for t in doc]
    assert tk.stop == [t.is_stop for t in doc]
    assert tk.sentences == [(s.start, s.end) for s in doc.sents]
    assert any(tk.space) and any(tk.ent)


def test_features_do_not_depend_on_the_string_cache(doc):
    # feature strings are cached across documents; a cold cache must give the same features
    warm = fm.token_features(doc)
    fm._STRINGS.clear()
    assert fm.token_features(doc) == warm
    assert fm.token_features(doc, tokens=fm.Tokens(doc)) == warm


def test_runs_cut_at_gaps_sentence_starts_and_spaces():
    # (start, end, sentence start, space, punctuation) per token
    table = [(0, 1, True, False, False), (2, 3, False, False, False), (4, 5, False, False, True),
             (6, 7, True, False, False), (8, 9, False, True, False), (10, 11, False, False, False)]
    assert fm._runs(table, [0, 1, 2, 3, 4, 5]) == [[0, 1], [3], [5]]
    assert fm._runs(table, [0, 2]) == [[0]]
    assert fm._runs(table, [0, 1, 2]) == [[0, 1]]  # trailing punctuation trimmed


def test_phrase_set_finds_what_its_regex_finds():
    phrases = ["hate", "hate crime", "so-called", "US"]
    ps = fm.PhraseSet(phrases)
    texts = ["A hate crime, a so-called HATE act; whatever. The US and us.", "İstanbul hate",
             "ſo-called hateful hate"]  # the last two fall back to the regex scan
    for text in texts:
        assert [m.span() for m in ps.finditer(text)] == [m.span() for m in ps.rx.finditer(text)]
    assert [m.group() for m in ps.finditer(texts[0])] == ["hate crime", "so-called", "HATE", "US", "us"]


def test_crf_cache_is_keyed_by_features_and_labels(doc, monkeypatch, tmp_path):
    # a CRF is taken from the cache only when its training features, labels and parameters are the same
    from eventsift.train import framing as tf
    from eventsift.train.ptc import Article

    monkeypatch.setattr(tf.tempfile, "gettempdir", lambda: str(tmp_path))
    monkeypatch.setattr(tf, "_DIGESTS", {})
    monkeypatch.setitem(tf._DOCS, "t1", doc)
    art = Article("t1", doc.text, [("Loaded_Language", doc.text.index("vile"), doc.text.index("vile") + 4)])
    first = tf._cache_path("span", [art])
    assert tf._cache_path("span", [art]) == first and first.parent == tmp_path / "eventsift-framing-crf"
    assert tf._cache_path("technique", [art]) != first
    monkeypatch.setattr(tf, "_DIGESTS", {})
    moved = Article("t1", doc.text, [("Loaded_Language", 0, 4)])
    assert tf._cache_path("span", [moved]) != first


SHAPE = fm.Shape(frozenset({"Doubt"}), frozenset({"Loaded_Language"}), trim_length=2, trim_threshold=0.7)


def test_reshape_grows_a_clause_technique_to_its_sentence(doc):
    span = fm.TaggedSpan(2, 4, "Doubt", 0.5, 0.5, {"Doubt": 1.0})
    (grown,) = fm.reshape(fm.Tokens(doc), [span], _probs(doc, {}), SHAPE)
    assert doc[grown.start:grown.end].text == "They are vile liars, all of them"
    assert (grown.technique, grown.confidence) == ("Doubt", 0.5)


def test_reshape_trims_a_long_word_technique_span_to_its_surest_tokens(doc):
    probs = _probs(doc, {1: ("Loaded_Language", 0.3), 2: ("Loaded_Language", 0.9), 3: ("Loaded_Language", 0.4),
                         5: ("Loaded_Language", 0.8), 6: ("Loaded_Language", 0.75)})
    long_run = fm.TaggedSpan(1, 7, "Loaded_Language", 0.6, 0.7, {"Loaded_Language": 1.0})
    pieces = fm.reshape(fm.Tokens(doc), [long_run], probs, SHAPE)
    assert [doc[s.start:s.end].text for s in pieces] == ["vile", "all of"]
    short_run = fm.TaggedSpan(2, 4, "Loaded_Language", 0.6, 0.7, {"Loaded_Language": 1.0})
    assert [(s.start, s.end) for s in fm.reshape(fm.Tokens(doc), [short_run], probs, SHAPE)] == [(2, 4)]
    # a run no token of which is sure enough stays whole; so do second-pass spans (no ``scores``)
    unsure = fm.TaggedSpan(1, 5, "Loaded_Language", 0.3, 0.7, {"Loaded_Language": 1.0})
    second = fm.TaggedSpan(1, 7, "Loaded_Language", 0.6, 1.0)
    assert [(s.start, s.end) for s in fm.reshape(fm.Tokens(doc), [unsure, second], _probs(doc, {}), SHAPE)] == \
        [(1, 4), (1, 7)]


def test_reshape_without_a_shape_changes_nothing_but_edge_punctuation(doc):
    spans = [fm.TaggedSpan(2, 4, "Doubt", 0.5, 0.5, {"Doubt": 1.0}), fm.TaggedSpan(2, 5, "Slogans", 0.5, 1.0)]
    assert [(s.start, s.end) for s in fm.reshape(fm.Tokens(doc), spans, _probs(doc, {}), fm.Shape())] == \
        [(2, 4), (2, 4)]


def test_shape_round_trips_through_the_model_info():
    info = {"shape": SHAPE.as_dict()}
    assert fm.Shape.of(info) == SHAPE
    assert fm.Shape.of({}) == fm.Shape()


def test_shape_options_sort_techniques_by_how_much_of_a_sentence_they_cover():
    from eventsift.train import framing as tf

    sizes = {"Doubt": 0.78, "Appeal_to_fear-prejudice": 0.57, "Flag-Waving": 0.21, "Loaded_Language": 0.09}
    options = tf.shape_options(sizes)
    assert len(options) == len(tf.WHOLE_SENTENCE_SHARES) * len(tf.TRIM_THRESHOLDS)
    assert {o.trimmed for o in options} == {frozenset({"Loaded_Language"})}
    assert {o.whole_sentence for o in options} == {frozenset(), frozenset({"Doubt"}),
                                                   frozenset({"Doubt", "Appeal_to_fear-prejudice"})}
