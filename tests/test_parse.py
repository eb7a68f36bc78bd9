"""Length-bounded parsing: long texts are cut, parsed and joined back without changing the text."""
from __future__ import annotations

from hypothesis import given, settings, strategies as st

from eventsift.parse import parse_many, segment

PARAGRAPH = ("Gunmen attacked a checkpoint near the town on Monday, police said. Two officers were killed "
             "and three were wounded in the exchange of fire.")


@given(st.text(alphabet=st.sampled_from("ab .\n\t!?\"”"), max_size=400), st.integers(min_value=5, max_value=60))
@settings(max_examples=200, deadline=None)
def test_segments_join_back_to_the_text_and_respect_the_limit(text, limit):
    pieces = segment(text, limit)
    assert "".join(pieces) == text
    assert all(len(p) <= limit for p in pieces)
    assert all(pieces[:-1])  # no empty piece except possibly a whole empty text


def test_cuts_prefer_paragraph_breaks():
    text = "\n\n".join([PARAGRAPH] * 6)
    pieces = segment(text, 2 * len(PARAGRAPH) + 10)
    assert len(pieces) == 3
    assert all(p.endswith("\n\n") for p in pieces[:-1])
    assert pieces[0] == PARAGRAPH + "\n\n" + PARAGRAPH + "\n\n"


def test_without_paragraphs_cuts_at_sentence_ends():
    text = " ".join([PARAGRAPH] * 4)
    pieces = segment(text, len(PARAGRAPH) + 5)
    assert all(p.rstrip().endswith(".") for p in pieces[:-1])


def test_long_and_short_texts_parse_in_order_with_their_own_text(pipeline):
    long_text = "\n\n".join(f"{PARAGRAPH} Item {i}." for i in range(40))
    texts = ["Short one.", long_text, "", "Another short report from Kabul."]
    docs = list(parse_many(pipeline.nlp, texts, batch_size=2, batch_chars=600, segment_chars=500))
    assert [d.text for d in docs] == texts
    whole = pipeline.nlp(long_text)
    assert [t.text for t in docs[1]] == [t.text for t in whole]
    assert len(list(docs[1].sents)) == len(list(whole.sents))
    pieces = [pipeline.nlp(p) for p in segment(long_text, 500)]
    offsets = [0]
    for piece in pieces:
        offsets.append(offsets[-1] + len(piece.text))
    expected = [(o + e.start_char, o + e.end_char, e.label_) for o, piece in zip(offsets, pieces) for e in piece.ents]
    assert [(e.start_char, e.end_char, e.label_) for e in docs[1].ents] == expected


def test_a_long_document_gets_the_same_events_as_its_paragraphs(analyse):
    text = "\n\n".join(f"On 3 May 2021, gunmen killed {n} soldiers in Kunduz, officials said." for n in range(2, 40))
    assert len(text) > 2_000
    from eventsift.settings import Settings
    from eventsift.model import Document
    from eventsift.pipeline import Pipeline

    small = Pipeline(Settings(segment_chars=400, batch_chars=800))
    cut = small.analyze(Document(text=text, published="2021-05-04")).to_dict()
    whole = analyse(text, "2021-05-04")
    assert sorted(e["fatalities"]["best"] for e in cut["events"] if e.get("fatalities")) == \
        sorted(e["fatalities"]["best"] for e in whole["events"] if e.get("fatalities"))
    assert len(cut["events"]) == len(whole["events"]) > 30
