"""One event reference format, DOC/EVENT, with the older DOC:EVENT still read."""
import pytest

from eventsift.errors import NotFound
from eventsift.refs import event_ref, split_event_ref


def test_refs_round_trip_even_with_slashes_in_document_ids():
    assert split_event_ref(event_ref("feeds/site/42", "e3")) == ("feeds/site/42", "e3")


def test_the_colon_form_of_earlier_versions_is_read():
    assert split_event_ref("doc1:e1") == ("doc1", "e1")


@pytest.mark.parametrize("bad", ["doc1", "/e1", "doc1/", ":"])
def test_malformed_refs_say_what_they_should_look_like(bad):
    with pytest.raises(NotFound, match="DOCUMENT_ID/e1"):
        split_event_ref(bad)
