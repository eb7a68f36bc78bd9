"""Evidence first: every span in the output matches the text, for arbitrary input."""
from hypothesis import HealthCheck, given, settings, strategies as st

from eventsift.model import Document

WORDS = ["killed", "attack", "Baghdad", "Iraq", "on", "Tuesday", "2013", "September 1,", "said", "“", "”", '"',
         "the", "terrorist", "Quds Force", "at least 52", "people", "\n\n", "IRGC", "(PMOI)", "reportedly", "é", "—",
         "10:30 pm", "a decade later", "according to", "police", "Soleimani", "’s", ".", ",", ":", "$27", "may"]


def iter_spans(value):
    if isinstance(value, dict):
        if {"start", "end", "text"} <= set(value) and isinstance(value["start"], int):
            yield value
        for v in value.values():
            yield from iter_spans(v)
    elif isinstance(value, list):
        for v in value:
            yield from iter_spans(v)


def check_spans(result: dict) -> None:
    text = result["text"]
    body = {k: v for k, v in result.items() if k != "text"}
    for span in iter_spans(body):
        assert 0 <= span["start"] <= span["end"] <= len(text)
        assert text[span["start"]:span["end"]] == span["text"]


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.sampled_from(WORDS) | st.text(min_size=1, max_size=12), min_size=1, max_size=60),
       st.sampled_from([" ", "  ", "\n", " \t"]))
def test_every_span_matches_text(pipeline, words, sep):
    text = sep.join(words)
    check_spans(pipeline.analyze(Document(text=text, published="2020-01-05")).to_dict())


def test_seed_spans_match(seed_result):
    check_spans(seed_result)


def test_example_spans_match(pipeline):
    from conftest import EXAMPLES
    from eventsift.ingest.readers import read_documents

    for document in read_documents([str(EXAMPLES)]):
        check_spans(pipeline.analyze(document).to_dict())
