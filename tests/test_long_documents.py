"""Helpers that keep long documents linear give the same answers as spaCy's whole-document properties."""
from eventsift.stages.events import _ents_in

TEXT = ("President Joe Biden met Iraqi officials in Baghdad on Monday. The United Nations said 12 people died "
        "in Mosul.\n\nReuters reported that the Islamic State claimed the attack on 3 May 2021.")


def test_entities_of_a_sentence_match_span_ents(pipeline):
    doc = pipeline.nlp(TEXT)
    sentences = list(doc.sents)
    assert len(sentences) >= 3
    for sent in sentences:
        assert [(e.start, e.end, e.label_) for e in _ents_in(sent)] == [(e.start, e.end, e.label_) for e in sent.ents]
    assert sum(len(_ents_in(s)) for s in sentences) >= 6
