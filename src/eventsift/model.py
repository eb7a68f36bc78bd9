"""The data model: one document and the layers the stages add to it.

Every extracted value carries a :class:`Span` into ``Document.text``; the text is
never changed once a document exists. ``to_dict`` writes the contract JSON
(``eventsift.document/1``); fields marked ``internal`` stay out of it.
"""
from __future__ import annotations

import hashlib
from dataclasses import dataclass, field, fields, is_dataclass
from typing import Any

from .analyzer import stamp
from .headline import headline_of

SCHEMA_ID = "eventsift.document/1"
#: The analysis layers, in the order the contract writes them: the one list every view reads.
LAYERS = ("times", "actors", "places", "attributions", "events", "framing")
#: The version of the stored record (see ``record.py``, which migrates older ones).
RECORD_VERSION = 3

EVENT_TYPES = (
    "Battles",
    "Explosions/Remote violence",
    "Violence against civilians",
    "Protests",
    "Riots",
    "Strategic developments",
)
STATUSES = ("asserted", "attributed", "hedged", "denied", "hypothetical")
TECHNIQUES = (
    "Loaded_Language",
    "Name_Calling,Labeling",
    "Repetition",
    "Exaggeration,Minimisation",
    "Doubt",
    "Appeal_to_fear-prejudice",
    "Flag-Waving",
    "Causal_Oversimplification",
    "Slogans",
    "Appeal_to_Authority",
    "Black-and-White_Fallacy",
    "Thought-terminating_Cliches",
    "Whataboutism,Straw_Men,Red_Herring",
    "Bandwagon,Reductio_ad_hitlerum",
)


def internal(default: Any = None, **kwargs: Any) -> Any:
    """A dataclass field kept for the stages but left out of the contract JSON."""
    return field(default=default, metadata={"internal": True}, **kwargs)


def to_plain(value: Any) -> Any:
    """Dataclasses, lists and dicts to JSON-ready values, skipping internal fields."""
    if is_dataclass(value) and not isinstance(value, type):
        return {
            f.name: to_plain(getattr(value, f.name))
            for f in fields(value)
            if not f.metadata.get("internal")
        }
    if isinstance(value, (list, tuple)):
        return [to_plain(v) for v in value]
    if isinstance(value, dict):
        return {k: to_plain(v) for k, v in value.items()}
    return value


@dataclass(frozen=True, order=True)
class Span:
    start: int
    end: int
    text: str

    @classmethod
    def of(cls, text: str, start: int, end: int) -> "Span":
        """The span of ``text[start:end]``; the only way stages should build spans."""
        if not 0 <= start <= end <= len(text):
            raise ValueError(f"span {start}:{end} outside text of length {len(text)}")
        return cls(start, end, text[start:end])

    def contains(self, other: "Span") -> bool:
        return self.start <= other.start and other.end <= self.end

    def overlaps(self, other: "Span") -> bool:
        return self.start < other.end and other.start < self.end


@dataclass
class TimeValue:
    span: Span
    type: str  # DATE, TIME, DURATION, SET
    value: str
    #: True when the value was computed from an anchor (and may be re-anchored).
    relative: bool = internal(False)
    #: The anchor the value was resolved against (ISO date), for re-anchoring.
    anchor: str | None = internal(None)

    def to_dict(self) -> dict:
        return {**to_plain(self.span), "type": self.type, "value": self.value}


@dataclass
class Actor:
    id: str
    name: str
    kind: str = "organization"
    aliases: list[str] = field(default_factory=list)
    mentions: list[Span] = field(default_factory=list)
    #: Stable key of the canonical actor (resource id or normalised name), for matching across documents.
    key: str | None = None


@dataclass
class Place:
    id: str
    span: Span
    name: str
    country_iso3: str | None
    admin1: str | None = None
    lat: float | None = None
    lon: float | None = None
    precision: int | None = None
    #: What kind of place: country, admin1, city, site.
    feature: str | None = None


@dataclass
class Attribution:
    id: str
    content: Span
    kind: str  # direct, indirect, mixed
    source: Span | None = None
    cue: Span | None = None
    source_actor_id: str | None = None
    date: str | None = None


@dataclass
class Role:
    name: str
    actor_id: str | None = None
    span: Span | None = None
    #: ACLED's actor category (one of eight: State forces, Rebel group, ... External/Other forces).
    category: str | None = None
    #: ACLED-style name ("Police Forces of Kenya", "Al Shabaab"), aliases resolved; None where unknown.
    acled_name: str | None = None
    #: What decided the category and name: a curated alias, or the model's strongest features.
    evidence: str | None = None
    #: The words that decided it, where one mention did (an alias).
    evidence_span: Span | None = None


@dataclass
class Count:
    best: int
    low: int | None = None
    high: int | None = None
    span: Span | None = None


@dataclass
class EventDate:
    value: str
    span: Span | None = None


@dataclass
class Location:
    name: str
    country_iso3: str | None = None
    admin1: str | None = None
    lat: float | None = None
    lon: float | None = None
    precision: int | None = None
    span: Span | None = None


@dataclass
class Event:
    id: str
    event_type: str
    sub_event_type: str
    trigger: Span
    status: str = "asserted"
    confidence: float = 0.5
    sentence: Span | None = None
    actor1: Role | None = None
    actor2: Role | None = None
    fatalities: Count | None = None
    injured: Count | None = None
    date: EventDate | None = None
    location: Location | None = None
    attribution_id: str | None = None
    #: The features the event-type model read (kept for training and inspection, not in the contract).
    typing: dict | None = internal(default=None, repr=False)


@dataclass
class Framing:
    span: Span
    technique: str
    confidence: float
    target_actor_id: str | None = None
    #: The words that triggered the label, shown to users as the "why".
    triggers: list[str] = field(default_factory=list)

    def to_dict(self) -> dict:
        return {
            **to_plain(self.span),
            "technique": self.technique,
            "confidence": round(self.confidence, 3),
            "target_actor_id": self.target_actor_id,
            "triggers": list(self.triggers),
        }


def content_id(text: str) -> str:
    """A short, stable id for a text: the first 16 hex digits of its sha256."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


@dataclass
class Document:
    """A document as the stages see it. ``text`` is fixed: every offset points into it."""

    text: str
    id: str | None = None
    title: str | None = None
    published: str | None = None
    #: Where it came from: path, url, outlet, sha256 of the raw bytes, format.
    source: dict = field(default_factory=dict)

    #: The bytes ``source["sha256"]`` was computed from, kept by the store for re-analysis; never serialised.
    raw: bytes | None = field(default=None, repr=False, compare=False)

    def __post_init__(self) -> None:
        if self.id is None:
            self.id = content_id(self.text)
        if not self.title:
            self.title = headline_of(self.text)


@dataclass
class DocumentResult:
    """A document with all its layers: what ``analyze`` returns."""

    document: Document
    times: list[TimeValue] = field(default_factory=list)
    actors: list[Actor] = field(default_factory=list)
    places: list[Place] = field(default_factory=list)
    attributions: list[Attribution] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    framing: list[Framing] = field(default_factory=list)
    #: The tier that made the analysis (``fast`` or ``accurate``), recorded with it.
    tier: str = "fast"
    #: Which eventsift version and models made it (``analyzer.stamp()``); None for records older than that.
    analyzer: dict | None = field(default_factory=stamp)

    def to_dict(self) -> dict:
        """The contract JSON (``eventsift.document/1``) with the record version."""
        d = self.document
        out = {
            "schema": SCHEMA_ID,
            "record_version": RECORD_VERSION,
            "tier": self.tier,
            "analyzer": self.analyzer,
            "id": d.id,
            "title": d.title,
            "published": d.published,
            "source": dict(d.source),
            "text": d.text,
        }
        for name in LAYERS:
            out[name] = [_layer_item(item) for item in getattr(self, name)]
        return out


def _layer_item(item: Any) -> Any:
    """Times and framing spans write their span inline; the other layers are plain dataclasses."""
    return item.to_dict() if hasattr(item, "to_dict") else to_plain(item)
