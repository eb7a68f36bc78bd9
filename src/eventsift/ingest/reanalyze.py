"""Re-run the current pipeline over stored documents and report what changed.

A document is re-read from its kept raw bytes with today's readers (so better
text extraction reaches it too) or, when it was stored before raw bytes were
kept, from its stored text. New events that match an old one (same trigger
span, or the same trigger words when the text itself changed) keep the old
event's id, so reviewers' corrections, splits and cluster references stay
attached; the rest get fresh ids. Nothing of the record is rewritten: reviews
are applied over the new analysis exactly as they were over the old one.
"""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Callable, Iterator

from ..analyzer import label, stamp, version_key
from ..errors import InputError
from ..model import Document, Span
from ..settings import Settings
from .readers import RawInput, documents_from

#: The event fields compared to say an event "changed".
COMPARED = ("event_type", "sub_event_type", "status", "date", "fatalities", "injured", "location",
            "actor1", "actor2")
#: A stored format -> the file suffix its reader expects.
SUFFIX_OF = {"text": ".txt", "html": ".html", "timeml": ".tml", "jsonl": ".jsonl", "feed": ".txt"}


@dataclass
class DocumentChange:
    doc_id: str
    added: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    changed: dict[str, list[str]] = field(default_factory=dict)  # event id -> fields that differ
    reread: bool = False   # re-read from the kept raw bytes (else from the stored text)
    text_changed: bool = False

    @property
    def any(self) -> bool:
        return bool(self.added or self.removed or self.changed or self.text_changed)

    def to_dict(self) -> dict:
        return {"document": self.doc_id, "added": self.added, "removed": self.removed, "changed": self.changed,
                "reread_from_raw": self.reread, "text_changed": self.text_changed}


@dataclass
class ReanalysisReport:
    """What a re-analysis did, summed over its documents."""

    documents: int = 0
    from_raw: int = 0
    changed: int = 0
    added: int = 0
    removed: int = 0
    events_changed: int = 0
    failed: int = 0

    def add(self, item: DocumentChange | InputError) -> None:
        if isinstance(item, InputError):
            self.failed += 1
            return
        self.documents += 1
        self.from_raw += item.reread
        self.changed += item.any
        self.added += len(item.added)
        self.removed += len(item.removed)
        self.events_changed += len(item.changed)

    def summary(self) -> str:
        return (f"{self.documents} documents re-analysed ({self.from_raw} from their raw bytes), {self.changed} "
                f"changed: {self.added} events added, {self.removed} removed, {self.events_changed} changed"
                + (f"; {self.failed} failed" if self.failed else ""))


def needs_reanalysis(made_by: str | None, since: str | None) -> bool:
    """With ``since``: made by that version or a later one; without it: made by another version or models."""
    if since is not None:
        return version_key(made_by) >= version_key(since)
    return made_by != label(stamp())


def _reread(stored: dict, raw: bytes | None, settings: Settings) -> Document | None:
    source = stored.get("source") or {}
    fmt = source.get("format") or "text"
    if raw is None:
        return None
    suffix = SUFFIX_OF.get(fmt)
    if fmt == "warc":
        suffix = ".html" if b"<" in raw[:2000] else ".txt"
    if suffix is None:
        return None
    for item in documents_from(RawInput(source.get("path") or stored["id"], raw, suffix), settings):
        if isinstance(item, Document):
            return item
    return None


def document_of(stored: dict, raw: bytes | None, settings: Settings) -> tuple[Document, bool]:
    """The document to analyse again (id, source and publication date as stored) and whether raw bytes were read."""
    fresh = _reread(stored, raw, settings)
    text = fresh.text if fresh is not None else stored["text"]
    title = (fresh.title if fresh is not None else None) or stored.get("title")
    document = Document(text=text, id=stored["id"], title=title,
                        published=stored.get("published") or (fresh.published if fresh else None),
                        source=dict(stored.get("source") or {}))
    return document, fresh is not None


def _span(value: dict) -> Span:
    return Span(value["start"], value["end"], value["text"])


def _same_event(old: dict, new: dict, same_text: bool) -> bool:
    if same_text:
        return _span(old["trigger"]).overlaps(_span(new["trigger"]))
    return old["trigger"]["text"] == new["trigger"]["text"] and old["event_type"] == new["event_type"]


def _comparable(event: dict, name: str):
    value = event.get(name)
    if isinstance(value, dict):
        keep = {k: v for k, v in value.items() if k not in ("span", "evidence", "start", "end", "confidence")}
        return json.dumps(keep, sort_keys=True, default=str)
    return value


def carry_ids(old_events: list[dict], new_events: list[dict], same_text: bool) -> DocumentChange:
    """Give matched new events their old ids (in place) and say what was added, removed and changed."""
    change = DocumentChange(doc_id="")
    free = list(old_events)
    matched: list[tuple[dict, dict]] = []
    unmatched: list[dict] = []
    for new in new_events:
        old = next((o for o in free if _same_event(o, new, same_text)), None)
        if old is None:
            unmatched.append(new)
        else:
            free.remove(old)
            matched.append((old, new))
    numbers = [int(e["id"][1:]) for e in old_events + new_events if e["id"][1:].isdigit()]
    next_number = max(numbers, default=0) + 1
    for old, new in matched:
        new["id"] = old["id"]
        differs = [f for f in COMPARED if _comparable(old, f) != _comparable(new, f)]
        if differs:
            change.changed[old["id"]] = differs
    used = {o["id"] for o in old_events}  # kept by a matched event, or a removed one's (never reused)
    for new in unmatched:
        if new["id"] in used:
            new["id"] = f"e{next_number}"
            next_number += 1
        used.add(new["id"])
        change.added.append(new["id"])
    change.removed = [o["id"] for o in free]
    return change


def to_reanalyze(store, since: str | None = None, everything: bool = False) -> list[str]:
    """The ids of the stored documents that need a new analysis (all of them with ``everything``)."""
    return [doc_id for doc_id, made_by in store.stored_versions() if everything or needs_reanalysis(made_by, since)]


def reanalyze(store, todo: list[str], settings: Settings | None = None,
              progress: Callable[[int, int], None] | None = None) -> Iterator[DocumentChange | InputError]:
    """Re-analyse these stored documents; yields one change (or failure) per document, then updates the clusters."""
    from ..pipeline import shared_pipeline

    settings = settings or Settings()
    pipeline = shared_pipeline(settings)
    failures = 0
    for done, doc_id in enumerate(todo, 1):
        stored = store.get(doc_id)
        try:
            document, reread = document_of(stored, store.raw((stored.get("source") or {}).get("sha256", "")),
                                           settings)
            result = next(iter(pipeline.analyze_many([document]))).to_dict()
        except InputError as exc:
            failures += 1
            yield exc
            continue
        same_text = result["text"] == stored["text"]
        change = carry_ids(stored.get("events", []), result["events"], same_text)
        change.doc_id, change.reread, change.text_changed = doc_id, reread, not same_text
        store.reanalysed(result)
        if progress:
            progress(done, failures)
        yield change
    if todo:
        from ..corpus.cluster import ensure_fresh

        ensure_fresh(store)  # the changed events find their clusters, as after an ingest
