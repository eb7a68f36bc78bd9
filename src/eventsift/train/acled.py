"""Real ACLED event notes (``../shared/data/acled-dev``): reading, cleaning, splitting by country-month.

The notes stay outside the repository; this module only reads them, for training the event-type model
and for ``benchmarks/evaluate_events.py``. A note is cleaned the way the blind ACLED sets are scored:
every sentence that states "N fatalities" and every bracketed coder tag is cut, and notes that share
their toll with other events ("split between 3 events") are left out.

Splits are made of whole country-months (``SOM 2021-03``), so no month of a country is both trained and
scored. One fifth of the groups, chosen by a hash of the group name, is the *unread* part: it is never
looked at for errors nor tuned on, only scored once a model is final. The rest is the development part,
scored by grouped cross-validation and by leave-one-country-out.
"""
from __future__ import annotations

import csv
import hashlib
import os
import re
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

DEFAULT_DIR = Path(__file__).resolve().parents[3].parent / "shared" / "data" / "acled-dev"
UNREAD_SHARE = 5  # one group in five is kept unread
FATALITY_SENTENCE = re.compile(r"[^.]*\b\d+\s+fatalit(?:y|ies)\b[^.]*\.?", re.IGNORECASE)
BRACKETED = re.compile(r"\s*\[[^\]]*\]")
#: "On 1 March 2020", "on March 1, 2020", "Around 21 November 2020": a day named with its year.
DAY_NAMED = re.compile(r"\b(?:[Oo]n|[Aa]round|[Bb]etween|[Oo]vernight|[Nn]ight of)\s+(?:\d{1,2}(?:st|nd|rd|th)?"
                       r"(?:-\d{1,2})?\s+[A-Z][a-z]+\.?,?|[A-Z][a-z]+\.?\s+\d{1,2}(?:st|nd|rd|th)?,?)\s+(?:19|20)\d\d\b")


@dataclass(frozen=True)
class Note:
    """One ACLED record with its cleaned note; ``text`` is what the extractor sees."""

    id: str
    text: str
    event_date: str
    event_type: str
    sub_event_type: str
    actor1: str
    actor2: str
    country: str
    iso3: str
    admin1: str
    admin2: str
    location: str
    latitude: float | None
    longitude: float | None
    fatalities: int

    @property
    def group(self) -> str:
        """The country-month the note belongs to: the unit of every split."""
        return f"{self.iso3} {self.event_date[:7]}"

    @property
    def names_day(self) -> bool:
        """True when the note itself says on which day of which year the event happened ("On 1 March 2020")."""
        return bool(DAY_NAMED.search(self.text))


def acled_dir(path: str | os.PathLike | None = None) -> Path:
    return Path(path or os.environ.get("EVENTSIFT_ACLED", DEFAULT_DIR))


def clean(note: str) -> str:
    """The note without its "N fatalities" sentences and bracketed coder tags."""
    text = BRACKETED.sub("", note)
    text = FATALITY_SENTENCE.sub("", text)
    return re.sub(r"\s{2,}", " ", text).strip()


def _float(value: str) -> float | None:
    try:
        return float(value)
    except (TypeError, ValueError):
        return None


def read_notes(path: str | os.PathLike | None = None) -> list[Note]:
    """Every usable note, in file order (notes about split tolls and notes left empty by the cut are dropped)."""
    notes = []
    with open(acled_dir(path) / "notes.csv", encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            raw = row["notes"] or ""
            if "split" in raw.lower():
                continue
            text = clean(raw)
            if not text:
                continue
            notes.append(Note(
                id=row["event_id_cnty"], text=text, event_date=row["event_date"], event_type=row["event_type"],
                sub_event_type=row["sub_event_type"], actor1=row["actor1"] or "", actor2=row["actor2"] or "",
                country=row["country"], iso3=row["iso3"], admin1=row["admin1"] or "", admin2=row["admin2"] or "",
                location=row["location"] or "", latitude=_float(row["latitude"]), longitude=_float(row["longitude"]),
                fatalities=int(float(row["fatalities"] or 0))))
    return notes


def _bucket(group: str, buckets: int) -> int:
    return int(hashlib.sha256(group.encode()).hexdigest(), 16) % buckets


def is_unread(note: Note) -> bool:
    """Whether the note's country-month is in the part that is never read or tuned on."""
    return _bucket(note.group, UNREAD_SHARE) == 0


def development(notes: list[Note]) -> list[Note]:
    return [n for n in notes if not is_unread(n)]


def unread(notes: list[Note]) -> list[Note]:
    return [n for n in notes if is_unread(n)]


def folds(notes: list[Note], k: int = 5) -> list[int]:
    """A fold number for each note, whole country-months per fold (for grouped cross-validation)."""
    return [_bucket("fold " + n.group, k) for n in notes]


def countries(notes: list[Note], least: int = 100) -> list[str]:
    """Countries with at least ``least`` notes: the folds of leave-one-country-out."""
    counts: dict[str, int] = {}
    for n in notes:
        counts[n.iso3] = counts.get(n.iso3, 0) + 1
    return sorted(c for c, k in counts.items() if k >= least)


def fingerprint(notes: list[Note]) -> str:
    """A short hash of the notes' texts: the key of parse caches."""
    return hashlib.sha256("\x00".join(n.text for n in notes).encode()).hexdigest()[:16]


def parse_notes(nlp, notes: list[Note]):
    """spaCy docs for the notes, cached on disk (keyed by the notes' texts and the pipeline)."""
    from spacy.tokens import DocBin

    key = fingerprint(notes) + "_" + nlp.meta.get("name", "") + "_" + "-".join(nlp.pipe_names)
    cache = Path(tempfile.gettempdir()) / f"eventsift_acled_{key}.spacy"
    if cache.exists():
        return list(DocBin().from_disk(cache).get_docs(nlp.vocab))
    docs = list(nlp.pipe((n.text for n in notes), batch_size=64))
    DocBin(store_user_data=True, docs=docs).to_disk(cache)
    return docs


def analyse_notes(notes: list[Note], pipeline=None, progress: bool = False):
    """The pipeline's results for the notes (no publication date: a note names its own day)."""
    from ..model import Document
    from ..pipeline import Pipeline

    pipeline = pipeline or Pipeline()
    docs = parse_notes(pipeline.nlp, notes)
    results = []
    start = time.perf_counter()
    for i, (note, doc) in enumerate(zip(notes, docs)):
        results.append(pipeline.run_stages(Document(text=note.text), doc))
        if progress and i % 2000 == 1999:
            print(f"  {i + 1} notes, {time.perf_counter() - start:.0f} s", flush=True)
    return results
