"""Actors: one canonical actor per real-world actor in a document.

Mentions come from the curated alias resource (``resources/actors.json``), from national forces
named by a demonym ("Russian troops" -> Military Forces of Russia) and from spaCy's PERSON/ORG/NORP
entities. They are folded together by alias, by an acronym given in brackets or after a slash, by an
apposition or "known as", by last name, and by near-identical spelling (rapidfuzz). NER noise is
kept out: a name after "in"/"near" that the gazetteer knows is a place, not a person.
"""
from __future__ import annotations

import re
from functools import lru_cache

from rapidfuzz import fuzz

from ..model import Actor, Span
from ..analysis import Analysis, Stage
from ..knowledge.acled_actors import cross_document_key
from ..knowledge.curated_actors import curated
from ..knowledge.gazetteer import gazetteer, gazetteer_names, plain
from ..resources import load_json
from ..textutil import fold, matchable

ENTITY_KINDS = {"PERSON": "person", "ORG": "organization", "NORP": "civilians"}
MEDIA_WORDS = re.compile(r"\b(news|agency|times|post|press|tv|television|radio|newspaper|daily|gazette|journal)\b", re.I)
ARMED_WORDS = re.compile(r"\b(militia|brigades?|front|movement|rebels?|insurgents?|hezbollah|jihad|battalion|"
                         r"liberation|army of|mujahideen|cartel|gang|separatists?|guerrillas?)\b", re.I)
STATE_WORDS = re.compile(r"\b(police|military|forces?|army|guards?|corps|ministry|government|gendarmerie|navy)\b", re.I)
LOCATIVE = {"in", "near", "at", "outside", "around", "from", "into", "towards", "toward", "across", "inside", "of", "on",
            "against", "to", "between", "within"}
FORCE = r"(?P<force>security forces|armed forces|forces|troops|army|soldiers|military|police|policemen|gendarmes|" \
        r"border guards|border police|navy|air force|warplanes|jets|aircraft|drones|artillery|riot police)"
MONTHS = re.compile(r"(?i)^(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?$")


@lru_cache(maxsize=1)
def _forces_pattern():
    demonyms = load_json("places.json").get("demonyms", {})
    names = "|".join(re.escape(d) for d in sorted(demonyms, key=len, reverse=True))
    strikes = r"(?:military\s+|drone\s+|air\s+)?(?:airstrikes?|air\s+strikes?|drone\s+strikes?|air\s+raids?|strikes?|shelling)"
    return re.compile(rf"(?<![\w])({names})\s+(?:{FORCE}|(?P<strike>{strikes}))\b"), demonyms


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    """Drop a leading article, a trailing possessive and a trailing 'in <place>' from an entity span."""
    chunk = matchable(text[start:end])
    lead = re.match(r"(?i)the\s+", chunk)
    if lead:
        start += lead.end()
    inside = re.search(r"\b(?:base|camp|office|headquarters|prison|hospital|school|market|embassy|consulate|"
                       r"branch|mosque|church)\s+in\s+", matchable(text[start:end]), re.I)
    if inside:
        end = start + inside.start() + len(inside.group().split()[0])
    bracket = text.find("(", start, end)
    if bracket > start:  # "Jos (Jos North, Plateau": an entity that ran into a bracket
        end = bracket
        while end > start and text[end - 1] == " ":
            end -= 1
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
        self.merged_away: set[int] = set()  # ids of actors folded into another

    def holds(self, actor: Actor) -> bool:
        """Still a separate actor (by identity: comparing actors field by field is slow and wrong here)."""
        return id(actor) not in self.merged_away

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
            for known in [actor.name] + actor.aliases:
                k = _fold_cached(known)
                if k == folded:
                    return actor
                if kind == "person" and actor.kind == "person":
                    # last-name mention of a known person, or a spelling variant of the full name
                    last = k.split()[-1]
                    if folded == last or folded.split()[-1:] == [last] and len(folded.split()) == 1 or \
                            fuzz.ratio(folded, k) >= 90:
                        return actor
                    if re.sub(r"^al ", "", folded) == last:
                        return actor
                elif len(folded) > 5 and fuzz.ratio(folded, k) >= 92:
                    return actor
        return None


@lru_cache(maxsize=4096)
def _fold_cached(name: str) -> str:
    return fold(name)


ORG_WORDS = re.compile(r"(?i)\b(army|front|party|forces?|movement|group|brigades?|council|union|committee|ministry|"
                       r"organi[sz]ation|militia|police|court|bank|company|agency|association|church|university)\b")


def _place_like(text: str, doc, ent, place_names, name: str | None = None) -> bool:
    """A 'PERSON' or 'ORG' that is really a place: after 'in'/'near', or followed by 'province'."""

    key = plain(name or ent.text)
    if key not in place_names:
        return False
    before = doc[ent.start - 1].lower_ if ent.start > 0 else ""
    after = text[ent.end_char:ent.end_char + 12].lower()
    return before in LOCATIVE or before in (",", "(") or re.match(r"\s*(province|state|region|district|city|town)\b", after) \
        is not None


def find_actors(text: str, doc, place_names: frozenset[str] = frozenset()) -> list[Actor]:
    builder = _Builder(text)
    pattern, by_alias = curated()
    plain = matchable(text)
    covered: set[int] = set()  # character offsets already taken by a mention
    for m in pattern.finditer(plain):
        entry = by_alias[fold(m.group())]
        span = Span.of(text, m.start(), m.end())
        builder.add(entry["id"], entry["name"], entry["kind"], span, text[m.start():m.end()])
        covered.update(range(span.start, span.end))
    forces, demonyms = _forces_pattern()
    for m in forces.finditer(plain):
        span = Span.of(text, m.start(), m.end(1) if m.group("strike") else m.end())
        if any(i in covered for i in range(span.start, span.end)):
            continue
        iso3 = demonyms.get(m.group(1))
        force = (m.group("force") or "").lower()
        police = "police" in force or "gendarme" in force
        name = f"{'Police' if police else 'Military'} Forces of {_country_name(iso3)}"
        entry = None if police else _national_forces().get(iso3)
        if entry is not None:  # the curated national army: one actor whatever the wording
            builder.add(entry["id"], entry["name"], entry["kind"], span, span.text)
        else:
            builder.add(f"state:{iso3}:{'police' if police else 'military'}", name, "state_forces", span, span.text)
        covered.update(range(span.start, span.end))
    for m in ACLED_FORCES.finditer(plain):  # ACLED's own actor names: "Military Forces of Mali (2021-)"
        span = Span.of(text, m.start(), m.end())
        if any(i in covered for i in range(span.start, span.end)):
            continue
        iso3 = _country_iso3(m.group("country"))
        if iso3 is None:
            continue
        police = m.group("kind").lower() == "police"
        entry = None if police else _national_forces().get(iso3)
        if entry is not None:
            builder.add(entry["id"], entry["name"], entry["kind"], span, span.text)
        else:
            country = _country_name(iso3)
            country = m.group("country") if "," in country else country  # "Congo, The Democratic Republic of the"
            name = f"{'Police' if police else 'Military'} Forces of {country}"
            builder.add(f"state:{iso3}:{'police' if police else 'military'}", name, "state_forces", span, span.text)
        covered.update(range(span.start, span.end))
    # spaCy entities not already covered by the curated aliases
    entities = sorted((e for e in doc.ents if e.label_ in ENTITY_KINDS), key=lambda e: e.start_char)
    for ent in entities:
        start, end = _trim(text, ent.start_char, ent.end_char)
        if end - start < 2 or any(i in covered for i in range(start, end)):
            continue
        name = text[start:end]
        if not re.search(r"[A-Za-z]", name) or MONTHS.match(name) or _place_like(text, doc, ent, place_names, name):
            continue
        if ent.label_ != "PERSON" and fold(name) in place_names:
            continue
        if ent.label_ == "PERSON" and len(ent) == 1 and ent.start > 0 and \
                doc[ent.start - 1].lower_ in ("in", "near", "outside", "around"):
            continue  # "attacked a post in Djibasso": an unknown town, not a person
        if ent.label_ in ("ORG", "PERSON") and "," in name and fold(name.rsplit(",", 1)[1].strip()) in place_names:
            continue  # "Hawadley, Hiraan": a town and its region read as one name
        if ent.label_ == "ORG" and len(ent) <= 3 and ent.start > 1 and doc[ent.start - 1].lower_ == "of" and \
                doc[ent.start - 2].lower_ in ("village", "town", "city", "district", "area", "outskirts") and \
                not ORG_WORDS.search(name):
            continue  # "the village of Hawadley": a place the tagger read as an organisation
        if ent.label_ == "NORP" and ent.root.tag_ not in ("NNS", "NNPS"):
            continue  # "Iranian people": an adjective, not an actor
        kind = guess_kind(name, ent.label_)
        span = Span.of(text, start, end)
        similar = builder.find_similar(name, kind)
        if similar is not None:
            builder.add(similar.key, similar.name, similar.kind, span, name)
        else:
            builder.add(f"ner:{fold(name)}", name, kind, span, name)
        covered.update(range(span.start, span.end))
    _fold_acronyms(text, builder)
    _fold_appositions(text, doc, builder)
    for actor in builder.actors:
        actor.mentions.sort()
    return builder.actors


@lru_cache(maxsize=1)
def _national_forces() -> dict[str, dict]:
    """Country -> the curated entry for its military, where there is one."""
    return {e["country"]: e for e in load_json("actors.json")["actors"]
            if e.get("country") and e["kind"] == "state_forces" and e["name"].startswith("Military Forces of")}


ACLED_FORCES = re.compile(r"\b(?P<kind>Military|Police) Forces of (?:the )?(?P<country>[A-Z][\w'.-]*(?: (?:of |the )?"
                          r"[A-Z][\w'.-]*){0,3})(?: \(\d{4}-(?:\d{4})?\))?")


def _country_iso3(name: str) -> str | None:
    """The country a name stands for ("Mali", "the Democratic Republic of Congo"), trying shorter prefixes."""

    words = name.split()
    for k in range(len(words), 0, -1):
        found = [e for e in gazetteer().get(" ".join(words[:k])) if e["feature"] == "country"]
        if found:
            return found[0]["country_iso3"]
    return None


def _country_name(iso3: str | None) -> str:

    entry = gazetteer().by_iso3.get(iso3 or "")
    return entry["name"] if entry else "Unknown Country"


def _owner(builder: _Builder, start: int, end: int) -> Actor | None:
    for actor in builder.actors:
        if any(m.start == start and m.end == end or m.start <= start and end <= m.end for m in actor.mentions):
            return actor
    return None


def _fold_acronyms(text: str, builder: _Builder) -> None:
    """'Long Name (ACRONYM)' and 'A/B': the bracketed or slashed names are aliases of the long one."""
    plain = matchable(text)
    for actor in list(builder.actors):
        if not builder.holds(actor):
            continue
        for mention in list(actor.mentions):
            after = re.match(r"((?:\s+(?:in|of|for|the|and|[A-Z][\w'-]*)){0,4}?)\s*\(([A-Z][A-Za-z./-]{1,15})\)|"
                             r"()/([A-Z][A-Za-z.-]{1,15})\b", plain[mention.end:mention.end + 60])
            if not after:
                continue
            acronym = after.group(2) or after.group(4)
            folded_acronym = fold(acronym)
            if after.group(1) and not _initials_fit(mention.text + after.group(1), acronym):
                continue
            for other in list(builder.actors):
                if other is actor or not builder.holds(other):
                    continue
                if any(_fold_cached(a) == folded_acronym for a in other.aliases):
                    _merge(builder, actor, other)
            if acronym not in actor.aliases:
                actor.aliases.append(acronym)


def _initials_fit(long_name: str, acronym: str) -> bool:
    """'Movement for Democracy in Liberia' and 'MODEL': the capitalised initials appear in order."""
    initials = [w[0] for w in re.findall(r"[A-Z][\w'-]*", long_name)]
    letters = iter(acronym.upper())
    return len(initials) >= 2 and all(any(ch == i for ch in letters) for i in initials)


def _fold_appositions(text: str, doc, builder: _Builder) -> None:
    """'Mujahedin-e Khalq, known as the MEK' and appositions of two names: one actor."""
    plain = matchable(text)
    for actor in list(builder.actors):
        if not builder.holds(actor):
            continue
        for mention in list(actor.mentions):
            m = re.match(r",?\s+(?:also |better |widely )?(?:known as|called|dubbed|a\.k\.a\.|aka|alias)\s+(?:the\s+)?",
                         plain[mention.end:mention.end + 40])
            if not m:
                continue
            other = _owner(builder, mention.end + m.end(), mention.end + m.end() + 1)
            if other is not None and other is not actor and other.kind == actor.kind:
                _merge(builder, actor, other)
    for ent in doc.ents:
        root = ent.root
        if root.dep_ != "appos" or ent.label_ not in ("ORG", "PERSON"):
            continue
        head = root.head
        a = _owner(builder, ent.start_char, ent.end_char)
        b = _owner(builder, head.idx, head.idx + len(head.text))
        if a is not None and b is not None and a is not b and a.kind == b.kind and head.ent_type_ == ent.label_:
            _merge(builder, b, a)


def _merge(builder: _Builder, keep: Actor, drop: Actor) -> None:
    keep.mentions = sorted(set(keep.mentions) | set(drop.mentions))
    keep.aliases += [a for a in drop.aliases if a not in keep.aliases]
    if builder.holds(drop):
        builder.actors = [a for a in builder.actors if a is not drop]
        builder.merged_away.add(id(drop))
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
    analysis.actors = find_actors(analysis.text, analysis.doc, gazetteer_names())
    for i, actor in enumerate(analysis.actors):
        actor.id = f"a{i + 1}"
        # a spelling the alias list lacks ("Al Shabab") keeps the group's one key across documents
        actor.key = cross_document_key(actor.key, [actor.name] + actor.aliases)


STAGE = Stage("actors", _run, requires=("doc",), assigns=("actors",))
