"""Helpers that keep long documents linear give the same answers as spaCy's whole-document properties."""
from eventsift.stages.events.syntax import ents_in

TEXT = ("President Joe Biden met Iraqi officials in Baghdad on Monday. The United Nations said 12 people died "
        "in Mosul.\n\nReuters reported that the Islamic State claimed the attack on 3 May 2021.")


def test_entities_of_a_sentence_match_span_ents(pipeline):
    doc = pipeline.nlp(TEXT)
    sentences = list(doc.sents)
    assert len(sentences) >= 3
    for sent in sentences:
        assert [(e.start, e.end, e.label_) for e in ents_in(sent)] == [(e.start, e.end, e.label_) for e in sent.ents]
    assert sum(len(ents_in(s)) for s in sentences) >= 6


def test_layer_lookups_keep_the_layer_order_and_follow_changes():
    from eventsift.model import Actor, Document, Span, TimeValue
    from eventsift.pipeline import Analysis

    text = "On Monday and on Tuesday the army and the police met; on Friday they met again."
    analysis = Analysis(document=Document(text=text), doc=None)
    def at(word: str) -> Span:
        return Span.of(text, text.index(word), text.index(word) + len(word))

    friday, monday, tuesday = (TimeValue(at(w), "DATE", w) for w in ("Friday", "Monday", "Tuesday"))
    analysis.times = [friday, monday, tuesday]  # a layer need not be sorted; answers keep its order
    assert analysis.within("times", 0, text.index(";")) == [monday, tuesday]
    assert analysis.overlapping("times", text.index("Tues") + 2, text.index("Tues") + 3) == [tuesday]
    army, police = Actor("a1", "Army", mentions=[at("army")]), Actor("a2", "Police", mentions=[at("police")])
    analysis.actors = [police, army]
    assert [a.id for _, a in analysis.within("mentions", 0, len(text))] == ["a2", "a1"]
    army.mentions.append(at("they"))  # a new mention is seen without rebuilding by hand
    assert [a.id for _, a in analysis.overlapping("mentions", text.index("they"), text.index("they") + 1)] == ["a1"]
    analysis.times = []  # a new list is a new layer
    assert analysis.within("times", 0, len(text)) == []
