"""The quote scanner: where quotations open and close, and which paragraphs belong together."""
from eventsift.stages.quotes import find_quotes


def _texts(text):
    return [(text[q.start:q.end], q.group) for q in find_quotes(text)]


def test_curly_and_straight_quotes():
    text = 'He said “one two” and then "three four" twice.'
    assert _texts(text) == [("“one two”", 1), ('"three four"', 2)]


def test_quote_over_paragraphs_is_one_group():
    text = 'She said: “First part.\n\n“Second part,” she added.\n\nThen “other”.'
    found = _texts(text)
    assert found[0] == ("“First part.", 1)
    assert found[1] == ("“Second part,”", 1)
    assert found[2] == ("“other”", 2)


def test_apostrophes_and_single_quotes_are_not_quotes():
    assert _texts("The group’s leader didn't say 'anything' at all.") == []


def test_unclosed_quote_stops_at_paragraph_end():
    text = '"An unclosed quote runs on\n\nA new paragraph without a quote mark.'
    found = find_quotes(text)
    assert len(found) == 1 and text[found[0].start:found[0].end] == '"An unclosed quote runs on'
