"""Places: find place mentions and link them to the gazetteer (coordinates, admin1, country).

A mention is a spaCy place entity, a curated conflict place, or a capitalised name in a place
context ("in X", "near X", "X, Y", "X province"). It counts as a place only when the gazetteer
(``gazetteer.py``) knows the name, so NER noise ("Soleimani" tagged GPE) never becomes a place, and
names that are actor mentions are left to the actor layer. Ambiguous names are resolved by what
the document is about: a region or country named right after the town ("Cuauhtemoc, Chihuahua"),
then countries the document mentions, then size.
"""
from __future__ import annotations

import math
import re
from functools import lru_cache

from ..model import Place, Span
from ..analysis import Analysis, Stage
from ..textutil import matchable
from .gazetteer import ADMIN_SUFFIX, gazetteer, plain

PLACE_LABELS = {"GPE", "LOC", "FAC"}
ADMIN_WORD = re.compile(r"(?i)^\s+(province|governorate|state|region|oblast|prefecture|department|county|district|"
                        r"territory|municipality|zone|division|area|local government area|LGA|township|commune|sub-county|"
                        r"locality|cercle|circle|subdistrict|sub-district|tehsil|woreda)\b")
PREPOSITIONS = {"in", "near", "at", "outside", "around", "from", "to", "into", "towards", "toward", "across",
                "of", "on", "inside", "between", "and", "through", "north", "south", "east", "west", "within"}
PARTICLES = {"al", "el", "de", "du", "des", "la", "le", "di", "da", "ad", "ar", "as", "an", "ash", "bin", "e", "i",
             "del", "do", "dos", "wa", "ibn", "-", "of", "et", "sur", "en", "las", "los", "y"}


DIRECTIONS = {"north", "south", "east", "west", "northern", "southern", "eastern", "western", "central", "upper",
              "lower", "middle", "new", "greater", "north-east", "north-west", "south-east", "south-west"}
LOCATIVE_BEFORE = re.compile(r"(?i)\b(?:in|at|near|outside|inside)\s+$")
NOT_PLACES = re.compile(r"(?i)^(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|"
                        r"sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?|monday|tuesday|wednesday|"
                        r"thursday|friday|saturday|sunday|today|god|allah|islam|christmas|ramadan|eid|line)$")


@lru_cache(maxsize=1)
def _curated_pattern():
    from ..resources import load_json
    from ..textutil import alternation

    return re.compile(alternation(a for p in load_json("places.json")["places"] for a in p["aliases"]))


def _trim(plain_text: str, start: int, end: int) -> tuple[int, int]:
    lead = re.match(r"(?i)the\s+", plain_text[start:end])
    if lead:
        start += lead.end()
    if plain_text[start:end].endswith("'s"):
        end -= 2
    return start, end


def _capital_after_particles(doc, j: int) -> bool:
    """True when the particles from token ``j`` on ("de la") lead to a capitalised word."""
    k = j
    while k < len(doc) and k - j < 3 and (doc[k].lower_ in PARTICLES or doc[k].text == "-"):
        k += 1
    return k < len(doc) and k > j and doc[k].text[:1].isupper()


def _name_runs(doc) -> list[tuple[int, int, object]]:
    """Capitalised token runs ("Bulo Marer", "Mazar-i-Sharif", "Deir ez-Zor") with the token before them."""
    runs = []
    i, n = 0, len(doc)
    while i < n:
        tok = doc[i]
        if tok.text[:1].isupper() and tok.is_alpha or (tok.text[:1].isupper() and "-" in tok.text):
            j = i + 1
            while j < n and j - i < 6:
                t = doc[j]
                if t.text[:1].isupper() and (t.is_alpha or "-" in t.text or "'" in t.text):
                    j += 1
                elif t.lower_ in PARTICLES - {"and"} and _capital_after_particles(doc, j) \
                        or t.text in ("-", "'") and t.whitespace_ == "":
                    j += 1  # "Pays de la Loire", "Maine-et-Loire", "Valle del Cauca"
                elif t.lower_ in PARTICLES - {"of", "and"} and t.whitespace_ == "" and j + 1 < n:
                    j += 1
                else:
                    break
            runs.append((doc[i].idx, doc[j - 1].idx + len(doc[j - 1].text), doc[i - 1] if i > 0 else None))
            i = j
        else:
            i += 1
    return runs


def _lookup(table, text: str, start: int, end: int):
    """The longest prefix of ``text[start:end]`` (whole words) that the gazetteer knows, as (end, candidates)."""
    words = list(re.finditer(r"[^\s,;:()]+", text[start:end]))
    for k in range(len(words), 0, -1):
        stop = start + words[k - 1].end()
        while stop > start and text[stop - 1] in ".'- ":
            stop -= 1
        if k == 1 and len(words) > 1 and words[0].group().lower() in DIRECTIONS:
            break  # "East Pokot District" is not the region called East
        candidates = table.get(text[start:stop])
        if candidates:
            return stop, candidates
    return None, None


def _mentions(text: str, doc, excluded: list[Span]) -> list[tuple[int, int, bool]]:
    """(start, end, strong) place-like mentions; strong ones come from NER or a curated/admin context."""
    plain_text = matchable(text)
    found: list[tuple[int, int, bool]] = []
    person = [(e.start_char, e.end_char) for e in doc.ents if e.label_ == "PERSON"]
    for ent in doc.ents:
        if ent.label_ in PLACE_LABELS:
            s, e = _trim(plain_text, ent.start_char, ent.end_char)
            found.append((s, e, True))
    in_name = _positions((e.start_char, e.end_char) for e in doc.ents
                         if e.label_ in ("PERSON", "ORG", "NORP", "WORK_OF_ART"))
    for s, e, before in _name_runs(doc):
        context = before is not None and (before.lower_ in PREPOSITIONS or before.text in (",", "(")) or \
            re.match(r"\s+(?:city|town|village)\b", plain_text[e:e + 12]) is not None
        admin = ADMIN_WORD.match(plain_text[e:e + 30]) is not None
        if context or admin:
            found.append((s, e, admin))
        elif before is not None and s not in in_name and _well_known(plain_text[s:e]):
            found.append((s, e, False))  # "the Taliban seized Herat": a well-known place needs no preposition
    for m in _curated_pattern().finditer(plain_text):
        found.append((m.start(), m.end(), True))
    dates = _positions((e.start_char, e.end_char) for e in doc.ents if e.label_ in ("DATE", "TIME"))
    blocked = _positions((x.start, x.end) for x in excluded)
    people = _positions(person)
    kept = []
    for s, e, strong in found:
        if NOT_PLACES.match(plain_text[s:e]) or s in dates and e - 1 in dates:
            continue
        if plain_text[s:e].isupper() and e - s <= 6 and plain_text[s - 1:s] == "(" and plain_text[e:e + 1] == ")":
            continue  # "a government soldier (NISA)": an abbreviation in brackets names a body, not a place
        if any(i in blocked for i in range(s, e)) and not LOCATIVE_BEFORE.search(plain_text, max(0, s - 8), s):
            continue  # an actor's name; but "a rally at Dhaka - Badda" (tagged as an organisation) is a scene
        if not strong and s in people and e - 1 in people:
            strong = None  # tagged as a person: a place only if the whole name is one
        kept.append((s, e, strong))
    return kept


def _positions(spans) -> set[int]:
    """Every character offset the spans cover, for constant-time overlap checks."""
    covered: set[int] = set()
    for start, end in spans:
        covered.update(range(start, end))
    return covered


#: Words that end the phrase of a place: what follows them does not say where the place is.
NOT_NEXT_TO = re.compile(r"(?i)\b(?:against|over|for|from|with|by|after|before|during|toward|towards|into)\b")


def _nearest(towns: list[dict], entry: dict) -> dict | None:
    """The listed town closest to a gazetteer entry, if it lies within about 50 km of it."""
    if entry.get("lat") is None:
        return None
    close = [(abs(t["lat"] - entry["lat"]) + abs(t["lon"] - entry["lon"]), t) for t in towns
             if t.get("lat") is not None and t.get("lon") is not None]
    close = [c for c in close if c[0] < 0.5]
    return min(close, key=lambda c: c[0])[1] if close else None


def _in_context(plain_text: str, start: int, end: int) -> bool:
    """A name right after 'in', 'near', ... or before a bracketed or comma-separated region."""
    before = plain_text[max(0, start - 12):start].lower()
    return re.search(r"\b(in|near|at|outside|around|of|village of|town of)\s+$", before) is not None or \
        re.match(r"\s*[(,]", plain_text[end:end + 3]) is not None


def _well_known(name: str) -> bool:
    """A country, a region or a city of 100,000 people or more, and nothing else by that name."""
    entries = gazetteer().get(name)
    return any(e["feature"] in ("country", "admin1", "site") or
               e["feature"] == "city" and (e.get("population") or 0) >= 100000 for e in entries)


def _score(entry: dict, context_admin: set, context_countries: set, doc_countries: set, admin_hint: bool,
           town_hint: bool, hint_countries: frozenset = frozenset()) -> tuple:
    """Rank the readings of a name: the region named next to it, then the countries its document names, then
    the kind of place, then the countries its actors come from, then size ("Russian forces shelled Avdiivka
    (Pokrovskyi, Donetsk)": Donetsk is Ukraine's region, not the Russian town, whoever the actor is)."""
    feature = entry["feature"]
    admin_match = entry.get("admin1") is not None and entry.get("admin1") in context_admin
    country_match = entry["country_iso3"] in context_countries
    told = 0  # the text says what kind of place this is: "X province", "the town of X", "Town (X, Y)"
    if admin_hint:
        told = 3 if feature in ("admin1", "admin2") else 0
    elif town_hint:
        told = 3 if feature in ("city", "site") else 0
    kind = {"country": 3, "site": 3, "region": 2, "admin1": 2, "district": 2, "city": 1, "admin2": 1}.get(feature, 0)
    if feature == "city" and (entry.get("population") or 0) >= 1000000:
        kind = 2  # a city of millions ranks with regions: "marched in Santiago" is Chile's capital
    return (admin_match, country_match, entry["country_iso3"] in doc_countries, told,
            entry["country_iso3"] in hint_countries, kind, math.log10(max(entry.get("population") or 1, 1)))


def find_places(text: str, doc, excluded: list[Span] = (), hint_countries: frozenset[str] = frozenset()) -> list[Place]:
    g = gazetteer()
    table = {}
    plain_text = matchable(text)

    class _Table:
        @staticmethod
        def get(name):
            key = plain(name)
            if key not in table:
                table[key] = g.table.get(key)
            return table[key]

    raw, unknown = [], []
    for start, end, strong in _mentions(text, doc, list(excluded)):
        stop, candidates = _lookup(_Table, plain_text, start, end)
        if strong is None and stop != end or candidates and NOT_PLACES.match(plain_text[start:stop]):
            continue  # "Line of Control" is not the Line Islands
        if not candidates:
            admin = re.match(r"(.+?)" + ADMIN_SUFFIX.pattern, plain_text[start:end], re.IGNORECASE)
            if admin:
                stop, candidates = _lookup(_Table, plain_text, start, start + len(admin.group(1)))
        if candidates:
            raw.append((start, stop, candidates))
        elif strong is not False or _in_context(plain_text, start, end):
            unknown.append((start, end, bool(strong)))
    # keep the longest of overlapping mentions
    raw.sort(key=lambda m: (m[0], -(m[1] - m[0])))
    chosen = []
    for m in raw:
        if chosen and m[0] < chosen[-1][1]:
            continue
        chosen.append(m)

    doc_countries = {c[0]["country_iso3"] for _, _, c in chosen if len({e["country_iso3"] for e in c}) == 1}
    named_countries = set(doc_countries)
    doc_countries |= hint_countries  # where the actors the document names operate
    for start, end, strong in unknown:
        if any(s < end and start < e for s, e, _ in chosen):
            continue
        key = plain(plain_text[start:end])
        # "Bulo Marer (Marka, Lower Shabelle)": a small town of a country in play
        found = [t for iso3 in sorted(doc_countries) for t in g.towns_of(iso3).get(key, [])]
        villages = _villages(g, plain_text, start, end, strong, doc_countries, chosen)
        if len(found) == 1:
            if found[0]["admin1"] is None:  # the town list knows the town but not its region
                same = [v for v in villages if v["country_iso3"] == found[0]["country_iso3"] and v["admin1"]]
                found = same[:1] or found
            chosen.append((start, end, found))
            continue
        if villages:
            chosen.append((start, end, villages))
    chosen.sort(key=lambda m: m[0])
    places: list[Place] = []
    for i, (start, end, candidates) in enumerate(chosen):
        after = plain_text[end:end + 40]
        admin_hint = ADMIN_WORD.match(after) is not None
        # "Avdiivka (Pokrovskyi, Donetsk)": the bracket after a place names its districts and regions
        admin_slot = re.search(r"\w\s*\((?:[^()]{1,40},\s*)?$", plain_text[max(0, start - 45):start]) is not None \
            and re.match(r"\s*[),]", after) is not None
        town_hint = re.search(r"(?i)\b(town|city|village|camp|base)\s+of\s*$", plain_text[max(0, start - 20):start]) \
            is not None or re.match(r"(?i)\s+(city|town|village)\b", after) is not None
        if admin_hint:
            stop = end + ADMIN_WORD.match(after).end()
            end_span = stop
        else:
            end_span = end
        # what follows within the same phrase: "X, Y" / "X in Y" / "X province, Y"
        context_admin, context_countries = set(), set()
        for s2, e2, c2 in chosen[i + 1:i + 3]:
            gap = plain_text[end_span:s2]
            if len(gap) > 40 or re.search(r"[.;]", gap) or NOT_NEXT_TO.search(gap):
                break  # "Tbilisi to protest against the invasion of Ukraine": Ukraine does not place Tbilisi
            for entry in c2:
                if entry["feature"] in ("admin1", "admin2"):
                    context_admin.add(entry["admin1"])
                    context_countries.add(entry["country_iso3"])
                if entry["feature"] == "country" or entry["feature"] == "city" and gap.strip() == "," and \
                        (entry.get("population") or 0) >= 100000:
                    context_countries.add(entry["country_iso3"])  # "Hyde Park, London": a part of London
        best = max(candidates, key=lambda e: _score(e, context_admin, context_countries, named_countries,
                                                    admin_hint or admin_slot, town_hint, hint_countries))
        if best["feature"] == "city" and not best.get("curated"):
            # the town list of the country names the town's region directly; prefer it to the inferred one
            towns = g.towns_of(best["country_iso3"])
            local = _nearest(towns.get(plain(plain_text[start:end])) or towns.get(plain(best["name"])) or [], best)
            if local is not None and local["admin1"] and local["admin1"] != best["admin1"]:
                best = dict(best, admin1=local["admin1"])
        if context_countries and best["country_iso3"] not in context_countries and best["feature"] != "country":
            continue  # "Yauri, Kebbi": an unknown local place; the region after it speaks for it
        places.append(Place(id=f"p{len(places) + 1}", span=Span.of(text, start, end_span), name=best["name"],
                            country_iso3=best["country_iso3"], admin1=best.get("admin1"), lat=best.get("lat"),
                            lon=best.get("lon"), precision=best.get("precision"), feature=best["feature"]))
    return places


def _villages(g, plain_text: str, start: int, end: int, strong: bool, doc_countries: set, chosen) -> list[dict]:
    """GeoNames villages by this name when something vouches for one: a region or country named right after
    it ("Kadisau (Faskari, Katsina)"), a country the document is about, or one country only for a name the
    tagger calls a place or that follows 'village of' / precedes 'village'."""
    key = plain(plain_text[start:end])
    if len(key) < 4:
        return []
    found = g.villages(plain_text[start:end])
    if not found:
        return []
    after = [c for s, e, c in chosen if 0 <= s - end <= 40 and not re.search(r"[.;]", plain_text[end:s])]
    near_countries = {x["country_iso3"] for c in after for x in c if x["feature"] in ("admin1", "admin2", "country")}
    if near_countries:
        return [v for v in found if v["country_iso3"] in near_countries]
    if doc_countries:
        return [v for v in found if v["country_iso3"] in doc_countries]
    village_word = re.search(r"(?i)\b(village|town|hamlet|locality)\s+of\s+$", plain_text[max(0, start - 20):start]) or \
        re.match(r"(?i)\s+(village|town|hamlet|locality)\b", plain_text[end:end + 12])
    if (strong or village_word) and len({v["country_iso3"] for v in found}) == 1:
        return found
    return []


@lru_cache(maxsize=1)
def gazetteer_names() -> frozenset[str]:
    """Folded names that are places (the actor stage keeps these out of its NER-only actors)."""
    return frozenset(gazetteer().table)


def _run(analysis: Analysis) -> None:
    actor_spans = [m for a in analysis.actors for m in a.mentions]
    analysis.places = find_places(analysis.text, analysis.doc, actor_spans, actor_countries(analysis.actors))


def actor_countries(actors) -> frozenset[str]:
    """Where the document's actors are at home: the country of a national force, the countries a curated group
    operates in."""
    from .actors import curated

    by_id = {e["id"]: e for e in curated()[1].values()}
    found = set()
    for actor in actors:
        entry = by_id.get(actor.key or "")
        if entry is not None:
            found.update(entry.get("countries") or ([entry["country"]] if entry.get("country") else []))
        elif (actor.key or "").startswith("state:"):
            found.add(actor.key.split(":")[1])
    return frozenset(found)


STAGE = Stage("places", _run, requires=("doc", "actors"), assigns=("places",))
