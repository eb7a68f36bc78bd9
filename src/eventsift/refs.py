"""One way to name an event across the product: ``DOCUMENT_ID/EVENT_ID`` (``f167153442905ec9/e1``).

The CLI, the web's URLs and JSON, the exports and the store all write this form.
Event ids never contain a slash, so the last one separates the two parts even when
a document id (given in JSONL input) does. The colon form of earlier web versions
(``DOC:e1``) is still read.
"""
from __future__ import annotations

from .errors import NotFound


def event_ref(doc_id: str, event_id: str) -> str:
    return f"{doc_id}/{event_id}"


def split_event_ref(ref: str) -> tuple[str, str]:
    """``DOC/EVENT`` (or the older ``DOC:EVENT``) -> (document id, event id)."""
    for separator in ("/", ":"):
        doc_id, sep, event_id = ref.rpartition(separator)
        if sep and doc_id and event_id and "/" not in event_id:
            return doc_id, event_id
    raise NotFound(f"event reference {ref!r} should look like DOCUMENT_ID/e1")
