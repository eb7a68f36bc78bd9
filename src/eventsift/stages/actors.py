"""Actors: one canonical actor per real-world actor in a document.

Mentions come from the curated alias resource and from spaCy's PERSON/ORG/NORP
entities; they are folded together by alias, by an acronym given in brackets or
after a slash, by last name, and by near-identical spelling (rapidfuzz).
"""
from __future__ import annotations

import re
from functools import lru_cache

from rapidfuzz import fuzz

from ..model import Actor, Span
from ..pipeline import Analysis, Stage
from ..resources import load_json
from ..textutil import alternation, fold, matchable

ENTITY_KINDS = {"PERSON": "person", "ORG": "organization", "NORP": "civilians"}
MEDIA_WORDS = re.compile(r"\b(news|agency|times|post|press|tv|television|radio|newspaper|daily|gazette|journal)\b", re.I)
ARMED_WORDS = re.compile(r"\b(militia|brigades?|army|front|movement|rebels?|insurgents?|hezbollah|jihad|battalion)\b", re.I)
STATE_WORDS = re.compile(r"\b(police|military|forces?|army|guards?|corps|ministry|government)\b", re.I)


@lru_cache(maxsize=1)
def curated():
    """(regex over every alias, {folded alias: resource entry})."""
    entries = load_json("actors.json")["actors"]
    by_alias = {}
    for entry in entries:
        for alias in entry["aliases"] + [entry["name"]]:
            by_alias[fold(alias)] = entry
    pattern = re.compile(alternation(a for e in entries for a in e["aliases"] + [e["name"]]))
    return pattern, by_alias


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    """Drop a leading article and a trailing possessive from an entity span."""
    chunk = matchable(text[start:end])
    lead = re.match(r"(?i)the\s+", chunk)
    if lead:
        start += lead.end()
    if matchable(text[start:end]).endswith("'s"):
        end -= 2
    return start, end


def guess_kind(name: str, label: str) -> str:
    if label == "PERSON":
        return "person"
    if label == "NORP":
        return "civilians"
    if MEDIA_WORDS.search(name):
        return "media"
    if ARMED_WORDS.search(name):
        return "armed_group"
    if STATE_WORDS.search(name):
        return "state_forces"
    return "organization"


class _Builder:
    """Groups mentions into actors as they are found."""

    def __init__(self, text: str):
        self.text = text
        self.actors: list[Actor] = []
        self.by_key: dict[str, Actor] = {}

    def add(self, key: str, name: str, kind: str, span: Span, alias: str) -> Actor:
        actor = self.by_key.get(key)
        if actor is None:
            actor = Actor(id=f"a{len(self.actors) + 1}", name=name, kind=kind, key=key)
            self.actors.append(actor)
            self.by_key[key] = actor
        if span not in actor.mentions:
            actor.mentions.append(span)
        if alias not in actor.aliases:
            actor.aliases.append(alias)
        return actor

    def find_similar(self, name: str, kind: str) -> Actor | None:
        folded = fold(name)
        for actor in self.actors:
            names = [actor.name] + actor.aliases
            for known in names:
                k = fold(known)
                if k == folded:
                    return actor
                if kind == "person" and actor.kind == "person":
                    # last-name mention of a known person, or a spelling variant of the full name
                    if folded == k.split()[-1] or fuzz.ratio(folded, k) >= 90:
                        return actor
                elif len(folded) > 5 and fuzz.ratio(folded, k) >= 92:
                    return actor
        return None


def find_actors(text: str, doc, place_names: set[str] = frozenset()) -> list[Actor]:
    builder = _Builder(text)
    pattern, by_alias = curated()
    covered: list[Span] = []
    for m in pattern.finditer(matchable(text)):
        entry = by_alias[fold(m.group())]
        span = Span.of(text, m.start(), m.end())
        builder.add(entry["id"], entry["name"], entry["kind"], span, text[m.start():m.end()])
        covered.append(span)
    # spaCy entities not already covered by the curated aliases
    entities = sorted((e for e in doc.ents if e.label_ in ENTITY_KINDS), key=lambda e: e.start_char)
    for ent in entities:
        start, end = _trim(text, ent.start_char, ent.end_char)
        if end - start < 2 or any(c.overlaps(Span(start, end, "")) for c in covered):
            continue
        name = text[start:end]
        if fold(name) in place_names or not re.search(r"[A-Za-z]", name):
            continue
        if ent.label_ == "NORP" and ent.root.tag_ not in ("NNS", "NNPS"):
            continue  # "Iranian people": an adjective, not an actor
        kind = guess_kind(name, ent.label_)
        span = Span.of(text, start, end)
        similar = builder.find_similar(name, kind)
        if similar is not None:
            builder.add(similar.key, similar.name, similar.kind, span, name)
        else:
            builder.add(f"ner:{fold(name)}", name, kind, span, name)
        covered.append(span)
    _fold_acronyms(text, builder)
    for actor in builder.actors:
        actor.mentions.sort()
    return builder.actors


def _fold_acronyms(text: str, builder: _Builder) -> None:
    """'Long Name (ACRONYM)' and 'A/B': the bracketed or slashed names are aliases of the long one."""
    plain = matchable(text)
    for actor in list(builder.actors):
        for mention in list(actor.mentions):
            after = re.match(r"\s*\(([A-Z][A-Za-z./-]{1,15})\)", plain[mention.end:mention.end + 20])
            if not after:
                continue
            acronym = after.group(1)
            for other in list(builder.actors):
                if other is actor:
                    continue
                if any(fold(a) == fold(acronym) or fold(acronym) in fold(a).split() for a in other.aliases):
                    _merge(builder, actor, other)


def _merge(builder: _Builder, keep: Actor, drop: Actor) -> None:
    keep.mentions = sorted(set(keep.mentions) | set(drop.mentions))
    keep.aliases += [a for a in drop.aliases if a not in keep.aliases]
    builder.actors.remove(drop)
    builder.by_key[drop.key] = keep


def actor_at(actors: list[Actor], span: Span) -> Actor | None:
    """The actor with a mention overlapping ``span`` (the longest mention wins)."""
    best, best_len = None, 0
    for actor in actors:
        for m in actor.mentions:
            if m.overlaps(span) and m.end - m.start > best_len:
                best, best_len = actor, m.end - m.start
    return best


def _run(analysis: Analysis) -> None:
    from .places import gazetteer_names

    analysis.actors = find_actors(analysis.text, analysis.doc, gazetteer_names())


STAGE = Stage("actors", _run, requires=("doc",), assigns=("actors",))
