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
from dataclasses import dataclass
from functools import lru_cache

from ..model import Place, Span
from ..analysis import Analysis, Stage
from ..textutil import matchable
from ..knowledge.curated_actors import curated
from ..knowledge.gazetteer import ADMIN_SUFFIX, gazetteer, gazetteer_names, plain

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
        if tok.lower_ in PREPOSITIONS or tok.lower_ in ("the", "a", "an"):
            i += 1  # "In Migori, youths ...": a capitalised preposition opens the sentence, not the name
            continue
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


#: Words after a town that name a facility in it ("Chwele Market", "Meru University"), not another place.
FACILITY = re.compile(r"(?i)^\s+(?:city|town|village|area|camp|market|university|college|school|hospital|stadium|"
                      r"airport|port|prison|mosque|church|club|station|court|county|district|province|region|state|"
                      r"constituency|ward|sub-?county|location|municipality|upazila|union)\b")
#: A street, road or avenue: named after a person or a town, never the town itself.
STREET = re.compile(r"(?i)^-?\s*(?:street|st\b\.?|road|rd\b\.?|avenue|ave\b\.?|boulevard|blvd\b\.?|lane|drive|"
                    r"highway|expressway|bypass|roundabout)\b")


#: Sites that take a name rather than a town's: "Independence Square", "Liberty Bridge".
NAMED_SITE = re.compile(r"(?i)^\s+(?:square|park|gardens?|bridge|gate|hall|tower|plaza|monument|grounds|"
                        r"roundabout|post office|hotel)\b")


FAR_BEFORE = re.compile(r"(?i)\bborders? (?:with|of)\s+(?:the\s+)?$")
FAR_AFTER = re.compile(r"(?i)^[\s-]*(?:border|frontier)\b")


def far_side(plain_text: str, start: int, end: int) -> bool:
    """'near the border with Mali', 'near the Niger border': a country named as the far side of a border,
    which says where the event is not."""
    return FAR_BEFORE.search(plain_text[max(0, start - 25):start]) is not None or \
        FAR_AFTER.match(plain_text[end:end + 12]) is not None


#: "Minister of Justice", "Ministry of Interior": what follows names a portfolio, not a place.
OFFICE_OF = re.compile(r"\b(?:Minister|Ministry|Secretary|Department|Office|Bureau|Commissioner|Director|Council|"
                       r"Court|Board|Chief|Head)\s$")


TITLE_BEFORE = re.compile(r"\b(?:President|Governor|Senator|Minister|Mr|Mrs|Ms|Dr|MP|MCA|Chief|General|Gen|"
                          r"Colonel|Col|Sheikh|Imam|Bishop|Pastor|King|Prince|Judge|Justice|Mayor)\.?\s+$")


def _mentions(text: str, doc, excluded: list[Span], names: list[Span] = (), line=None
              ) -> list[tuple[int, int, bool | None, bool]]:
    """(start, end, strong, inner) place-like mentions; strong ones come from NER or a curated/admin context,
    inner ones lie inside the name of a body ("University of Nairobi", "Rangpur Medical College")."""
    plain_text = matchable(text)
    found: list[tuple[int, int, bool | None]] = []
    person = [(e.start_char, e.end_char) for e in doc.ents if e.label_ == "PERSON"]
    for ent in doc.ents:
        if ent.label_ in PLACE_LABELS:
            s, e = _trim(plain_text, ent.start_char, ent.end_char)
            found.append((s, e, True))
    in_name = _positions((e.start_char, e.end_char) for e in doc.ents
                         if e.label_ in ("PERSON", "ORG", "NORP", "WORK_OF_ART"))
    for s, e, before in _name_runs(doc):
        inner_of = plain_text.rfind(" of ", s, e)
        if inner_of > 0 and plain_text[inner_of + 4:inner_of + 5].isupper() and \
                not OFFICE_OF.search(plain_text, s, inner_of + 1):
            found.append((inner_of + 4, e, False))  # "Residents of Garissa": a name after 'of' inside a run
        context = before is not None and (before.lower_ in PREPOSITIONS or before.text in (",", "(") or
                                          before.lower_ in ("capital", "city", "town", "village")) or \
            re.match(r"\s+(?:city|town|village)\b", plain_text[e:e + 12]) is not None
        admin = ADMIN_WORD.match(plain_text[e:e + 30]) is not None
        if context or admin:
            found.append((s, e, admin))
        elif before is not None and s not in in_name and _well_known(plain_text[s:e]):
            found.append((s, e, False))  # "the Taliban seized Herat": a well-known place needs no preposition
    for m in _curated_pattern().finditer(plain_text):
        found.append((m.start(), m.end(), True))
    bodies = [(e.start_char, e.end_char) for e in doc.ents if e.label_ == "ORG"] + [(x.start, x.end) for x in names]
    scene_names = [b for b in bodies if _city_district(plain_text[b[0]:b[1]])]
    for b in scene_names:
        found.append((b[0], b[1], True))  # "Dhaka - Shahbagh": ACLED's city and district, tagged as a body
    whole = [b for b in bodies if b not in scene_names and _place_list(plain_text[b[0]:b[1]])]
    for b in whole:  # "Kisii" or "Qandala, Bari" tagged as an organisation is still a place
        found.extend((b[0] + m.start(), b[0] + m.end(), False) for m in re.finditer(r"[^,\s](?:[^,]*[^,\s])?", plain_text[b[0]:b[1]]))
    scene_names += whole
    inner = [b for b in bodies if b not in scene_names]
    for b in inner:
        found.extend((s, e, "inner") for s, e in _runs_within(plain_text, *b))
    dates = _positions((e.start_char, e.end_char) for e in doc.ents if e.label_ in ("DATE", "TIME"))
    blocked = _positions((x.start, x.end) for x in excluded)
    people = _positions(person)
    headline = range(line[0], line[3]) if line else range(0)
    kept = []
    for s, e, strong in found:
        if NOT_PLACES.match(plain_text[s:e]) or s in dates and e - 1 in dates or s in headline:
            continue
        if TITLE_BEFORE.search(plain_text, max(0, s - 14), s):
            continue  # "President Kibaki", "Governor Rutto": a person, whatever town shares the name
        if plain_text[s:e].isupper() and e - s <= 6 and plain_text[s - 1:s] == "(" and plain_text[e:e + 1] == ")":
            continue  # "a government soldier (NISA)": an abbreviation in brackets names a body, not a place
        if any(i in blocked for i in range(s, e)) and not LOCATIVE_BEFORE.search(plain_text, max(0, s - 8), s):
            continue  # an actor's name; but "a rally at Dhaka - Badda" (tagged as an organisation) is a scene
        is_inner = strong == "inner" or strong is not True and \
            any(bs <= s and e <= be and be - bs > e - s + 1 for bs, be in inner) and \
            not LOCATIVE_BEFORE.search(plain_text, max(0, s - 8), s)
        if strong == "inner":
            strong = False
        if not strong and s in people and e - 1 in people:
            strong = None  # tagged as a person: a place only if the whole name is one
        kept.append((s, e, strong, is_inner))
    return kept


def _city_district(name: str) -> bool:
    """'Dhaka - Shahbagh', 'Mogadishu - Hodan': a known city, a spaced dash and a capitalised district."""
    m = re.fullmatch(r"([A-Z][\w'.]*(?: [A-Z][\w'.]*)?) - [A-Z][\w'.-]*(?: [A-Z][\w'.-]*)*", name)
    return m is not None and any(e["feature"] in ("city", "admin1", "admin2") for e in gazetteer().get(m.group(1)))


def in_body_name(doc, text: str, start: int, end: int) -> bool:
    """'University of Nairobi', 'Kisumu Girls' School': a place inside the name of a body (an entity the
    tagger calls an organisation, a group or a person), which says where the body is, a weaker clue to the
    scene than a place given as such. A place list or 'City - District' tagged so is not a body's name."""
    for ent in doc.ents:
        if ent.label_ in ("ORG", "NORP", "WORK_OF_ART", "PERSON") and ent.start_char <= start and \
                end <= ent.end_char and ent.end_char - ent.start_char > end - start + 1:
            name = matchable(text[ent.start_char:ent.end_char])
            if not _city_district(name) and not _place_list(name):
                return True
    return False


def _place_list(name: str) -> bool:
    """'Kisii', 'Qandala, Bari', 'Garbahaarey, Gedo': names of places (one at least known by its own name,
    the others unknown to the gazetteer), tagged as an organisation."""
    parts = [p.strip() for p in name.split(",")]
    if len(parts) == 1:
        return _well_known(name) and _own_name(name)  # "Kisii" yes; "Jubilee" (a party; a Canadian hamlet) no
    known = [_own_name(p) for p in parts]
    return any(known) and all(k or re.fullmatch(r"[A-Z][\w'-]+(?: [A-Z][\w'-]+)?", p) and not gazetteer().get(p)
                              for p, k in zip(parts, known))


def _own_name(name: str) -> bool:
    """A name the gazetteer knows as a region or a town by its own name (not an alternate one)."""
    key = plain(name)
    return any(e["feature"] != "country" and plain(e["name"]) == key for e in gazetteer().get(name))


#: Words that make a body's name ("University of X", "X Police Station"), never a place themselves.
BODY_WORDS = re.compile(r"(?:(?:University|College|School|Academy|Institute|Hospital|Bank|Council|Court|Company|"
                        r"Corporation|Party|Union|Commission|Ministry|Board|Authority|Service|Police|Station|Club|"
                        r"Association|Federation|Front|Movement|Republican|National|Central|General|Technical|"
                        r"Medical|Teachers|Training|Girls|Boys|High|Secondary|Primary|Market|Assembly|Press|"
                        r"Chamber|Society|Group|Forces?|Army|Unit|Department|Office|Post|Prison|Stadium|Airport|Of|"
                        r"The|And|For)\b[\s']*)+")


def _runs_within(plain_text: str, start: int, end: int) -> list[tuple[int, int]]:
    """The capitalised word runs inside a body's name, without the words that make it a body:
    'University of Nairobi' -> 'Nairobi', 'Kisii University' -> 'Kisii'."""
    runs = []
    for m in re.finditer(r"[A-Z][\w'-]*(?: [A-Z][\w'-]*)*", plain_text[start:end]):
        s, e = start + m.start(), start + m.end()
        lead = BODY_WORDS.match(plain_text, s, e)
        if lead:
            s = lead.end()
        if s < e and plain_text[s:s + 1].isupper():
            runs.append((s, e))
    return runs


def _positions(spans) -> set[int]:
    """Every character offset the spans cover, for constant-time overlap checks."""
    covered: set[int] = set()
    for start, end in spans:
        covered.update(range(start, end))
    return covered


#: What may stand between a place and the larger place that contains it: "Kaya (Kaya, Sanmatenga)",
#: "Jilib town, Middle Juba", "Laikumukumu area in Tigania East District", "Hyde Park, London".
LIST_WORDS = {"in", "near", "of", "outside", "the", "town", "city", "village", "district", "province", "region",
              "county", "state", "area", "division", "department", "commune", "municipality", "upazila", "subcounty",
              "sub", "governorate", "locality", "neighbourhood", "neighborhood", "zone", "ward", "camp", "union",
              "subdistrict", "sector", "cell", "parish", "arrondissement", "tehsil", "woreda", "lga", "coded"}


def _list_gap(gap: str) -> bool:
    """True when ``gap`` only joins a place to the place it lies in: commas, brackets, 'in', 'town of', and
    names no gazetteer knows ("Bilaspur union, Zajira upazila (Shariatpur, Dhaka)")."""
    gap = re.sub(r"\bcoded (?:as|to)\b", " ", gap)  # "Shahbazpur union (coded to Jamalpur, Mymensingh)"
    return all(w.lower() in LIST_WORDS or w[:1].isupper() for w in re.findall(r"[A-Za-z]+", gap)) and \
        not re.search(r"[.;]\s", gap)


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
    before = plain_text[max(0, start - 16):start].lower()
    return re.search(r"\b(in|near|at|outside|around|of|village of|town of)\s+(?:the\s+)?$", before) is not None or \
        re.match(r"\s*[(,]", plain_text[end:end + 3]) is not None


def _well_known(name: str) -> bool:
    """A country, a region or a city of 100,000 people or more called by its own name ("Tour" is not Tours)."""
    entries = gazetteer().get(name)
    key = plain(name)
    return any(e["feature"] in ("country", "admin1", "site") or e["feature"] == "city" and
               (e.get("population") or 0) >= 100000 and plain(e["name"]) == key for e in entries)


def _score(entry: dict, context_admin: set, context_countries: set, named: tuple[set, set], admin_hint: bool,
           town_hint: bool, hint_countries: frozenset = frozenset(), frame_admin: set = frozenset(),
           others: dict | None = None, key: str = "") -> tuple:
    """Rank the readings of a name: the region or country named next to it ("Tripoli, Lebanon"), the
    dateline's region, what the text says the place is ("X province", "town of X"), a country's own name,
    the countries of the document's unambiguous towns and regions, a capital or a city of millions ("Dhaka"
    is not the Bihar town, whichever countries the text names), any country the document names, what the
    rest of the document supports, a reading by its own name (not an alternate one), the actors' countries,
    then kind and size ("Russian forces shelled Avdiivka (Pokrovskyi, Donetsk)": Donetsk is Ukraine's region,
    not the Russian town, whoever the actor is)."""
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
    said = round((others or {}).get(entry["country_iso3"], 0.0), 3)  # what the rest of the document says
    own = feature != "city" or entry.get("curated") or plain(entry["name"]) == key  # not an alternate name
    return (admin_match, country_match, entry.get("admin1") in frame_admin, told, feature == "country",
            entry["country_iso3"] in named[1],
            _weight(entry) >= 2.5,  # "Dhaka" is Bangladesh's capital whatever else the text names, not a Bihar town
            entry["country_iso3"] in named[0],
            said, bool(own),
            entry["country_iso3"] in hint_countries, kind, math.log10(max(entry.get("population") or 1, 1)))


@dataclass
class _Found:
    """A mention the gazetteer knows, with how sure its reading is."""

    start: int
    end: int
    candidates: list
    strong: bool | None
    inner: bool = False    # inside an organisation's name ("University of Nairobi")
    partial: bool = False  # only the first words of a longer name ("Cali" of "Cali Farxaan")

    def readings(self, key: str) -> list[tuple[dict, float]]:
        """Each candidate with the weight of its evidence for its country."""
        out = []
        for e in self.candidates:
            w = _weight(e)
            if e["feature"] == "city" and not e.get("curated") and plain(e["name"]) != key:
                w *= 0.25  # known by an alternate name only ("Tour" for Tours, "Human" for Uman)
            if self.partial:
                w *= 0.5
            if self.inner:
                w *= 0.5
            out.append((e, w))
        return out


def _weight(entry: dict) -> float:
    feature = entry["feature"]
    if feature == "country" or entry.get("curated"):
        return 3.0
    if feature in ("admin1", "region", "admin2", "district"):
        if set(plain(ADMIN_SUFFIX.sub("", entry["name"])).split()) <= DIRECTIONS:
            return 0.5  # "Eastern Province", "West", "North Central": every country has one
        return 2.0
    people = entry.get("population") or 0
    return 2.5 if people >= 10**6 else 1.5 if people >= 10**5 else 1.0 if people >= 10**4 else 0.5


def _support(found: list[_Found], plain_text: str, hints: dict[str, float]) -> tuple[dict, dict]:
    """How strongly the document's places and actors point to each country: (total, each name's share).
    A country, a region or a large city counts fully; a town under 100,000 or an alternate name half (many
    share their names abroad); a name read as places in several countries is split between them."""
    total: dict[str, float] = dict(hints)
    shares: dict[str, dict[str, float]] = {}
    for f in found:
        key = plain(plain_text[f.start:f.end])
        if key in shares or far_side(plain_text, f.start, f.end):
            continue  # a name said twice is one piece of evidence; the far side of a border is none
        best: dict[str, float] = {}
        for e, w in f.readings(key):
            best[e["country_iso3"]] = max(best.get(e["country_iso3"], 0.0), w)
        strongest = max(best.values(), default=0.0)
        ties = sum(1 for w in best.values() if w == strongest)
        share = {}
        for iso3, w in best.items():  # "Dhaka": Bangladesh's capital far more than the Indian town
            w = w / ties if w == strongest else w / 2  # "Plateau": a region of Benin and of Nigeria alike
            share[iso3] = w if w > 1.0 else w / 2
            total[iso3] = total.get(iso3, 0.0) + share[iso3]
        shares[key] = share
    return total, shares


def _others(total: dict, share: dict) -> dict[str, float]:
    """What the rest of the document says: the support without one name's own share."""
    return {c: w - share.get(c, 0.0) for c, w in total.items() if w - share.get(c, 0.0) > 1e-9}


def _frame(support: dict[str, float], fixed: set[str]) -> set[str]:
    """The countries a document is about: the one with most support and any with a region's worth."""
    if not support:
        return set(fixed)
    top = max(support.values())
    return {c for c, w in support.items() if w == top or w >= 2} | fixed


def _hollow(entry: dict, key: str) -> bool:
    """A reading that names nothing by itself: a region called by a direction ("Eastern", "North Central")."""
    return entry["feature"] not in ("country", "city") and _weight(entry) < 1.0


def _weak(f: _Found, key: str) -> bool:
    """A reading that does not stand on its own: a town under a million people, an alternate name, a part of
    a longer name, a name inside an organisation's (a country or a region stands on its own)."""
    return max((w for _, w in f.readings(key)), default=0.0) < 2.0


def find_places(text: str, doc, excluded: list[Span] = (), hint_countries: frozenset[str] = frozenset(),
                names: list[Span] = (), groups: dict[str, float] | None = None) -> list[Place]:
    """Place mentions linked to the gazetteer. ``excluded``: actor mentions (never places); ``names``: names of
    bodies a place may sit inside ("University of Nairobi"); ``hint_countries``: where the actors operate;
    ``groups``: country -> weight of the actors' evidence (national forces count less than local groups)."""
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

    line = find_dateline(text)
    raw, unknown = [], []
    for start, end, strong, inner in _mentions(text, doc, list(excluded), list(names), line):
        stop, candidates = _lookup(_Table, plain_text, start, end)
        if strong is None and stop != end and not FACILITY.match(plain_text[stop:end]) or \
                candidates and NOT_PLACES.match(plain_text[start:stop]):
            continue  # "Line of Control" is not the Line Islands
        if not candidates and " of " in plain_text[start:end]:
            # "Residents of Isiolo", "Governor of Kano": the name after 'of', when the whole is no place
            start = start + plain_text[start:end].rindex(" of ") + 4
            stop, candidates = _lookup(_Table, plain_text, start, end)
        if not candidates:
            admin = re.match(r"(.+?)" + ADMIN_SUFFIX.pattern, plain_text[start:end], re.IGNORECASE)
            if admin:
                stop, candidates = _lookup(_Table, plain_text, start, start + len(admin.group(1)))
        if candidates:
            candidates = _admissible(plain_text, start, stop, candidates)
        if candidates and STREET.match(plain_text[stop:stop + 14]):
            candidates = None  # "Kenyatta Avenue", "Garissa Road": a street is never the town it is named after
        elif candidates and NAMED_SITE.match(plain_text[stop:stop + 14]):
            # "Independence Square", "Uhuru Park": a site named after a word, not in the small town of that name
            candidates = [e for e in candidates if _weight(e) >= 2] or None
        if candidates:
            rest = plain_text[stop:end]
            partial = re.match(r"(?:'s)?\s+[A-Z][a-z]", rest) is not None and not FACILITY.match(rest)
            raw.append(_Found(start, stop, candidates, strong, inner, partial))
        elif not inner and (strong is not False or _in_context(plain_text, start, end)):
            unknown.append((start, end, bool(strong)))
    # keep the longest of overlapping mentions
    raw.sort(key=lambda m: (m.start, -(m.end - m.start)))
    chosen: list[_Found] = []
    for m in raw:
        if chosen and m.start < chosen[-1].end:
            continue
        chosen.append(m)

    # the frame: a weak reading abroad ("Cali" of Colombia in a note about Somali villages) is dropped
    fixed = {line[2]["country_iso3"]} if line else set()
    total, shares = _support(chosen, plain_text, groups or {})
    frame = _frame(total, fixed)
    kept = []
    for f in chosen:
        key = plain(plain_text[f.start:f.end])
        others = _others(total, shares.get(key, {}))
        own = max(shares.get(key, {}).values(), default=0.0)
        backed = others and any(e["country_iso3"] in _frame(others, fixed) for e in f.candidates)
        if f.inner and not backed and all(_weight(e) < 1.5 for e in f.candidates):
            continue  # "the Jubilee primaries": a small namesake inside a name needs the rest of the text
        if not backed and all(_hollow(e, key) for e in f.candidates):
            continue  # "the Eastern region": nothing to stand on alone
        if others and max(others.values()) > own and _weak(f, key) and not backed:
            if not f.inner:
                unknown.append((f.start, f.end, bool(f.strong)))
            continue
        if line and f.start >= line[3]:
            if _weak(f, key) and len({e["country_iso3"] for e in f.candidates}) > 1:
                f.candidates = [e for e in f.candidates if e["country_iso3"] in fixed] or f.candidates
            if _neighbourhood(plain_text, f.start, f.end) and all(e["feature"] == "city" for e in f.candidates) \
                    and not any(_close(e, line[2]) for e in f.candidates):
                # "the Hodan neighbourhood" in a report from Mogadishu: not the town of that name far away
                f.candidates = [_local(line[2], plain_text[f.start:f.end])]
        kept.append(f)
    chosen = kept
    total, shares = _support(chosen, plain_text, groups or {})  # what the kept places say, for the readings
    context = {f.start: _others(total, shares.get(plain(plain_text[f.start:f.end]), {})) for f in chosen}

    doc_countries = {f.candidates[0]["country_iso3"] for f in chosen
                     if len({e["country_iso3"] for e in f.candidates}) == 1}
    named_countries = set(doc_countries) | fixed
    # towns and regions of one country only: closer evidence than a country named ("deals signed with India")
    local_countries = {f.candidates[0]["country_iso3"] for f in chosen if len({e["country_iso3"] for e in
                       f.candidates}) == 1 and any(e["feature"] != "country" for e in f.candidates)} | fixed
    doc_countries |= hint_countries | fixed  # where the actors the document names operate
    lookup_countries = doc_countries | frame
    resolved = [(f.start, f.end, f.candidates) for f in chosen]
    if line:
        resolved.append((line[0], line[1], [line[2]]))
    for start, end, strong in unknown:
        if any(s < end and start < e for s, e, _ in resolved):
            continue
        key = plain(plain_text[start:end])
        # "Bulo Marer (Marka, Lower Shabelle)": a small town of a country in play
        found = [t for iso3 in sorted(lookup_countries) for t in g.towns_of(iso3).get(key, [])]
        villages = _villages(g, plain_text, start, end, strong, lookup_countries, resolved)
        if line and start >= line[3] and (strong or _in_context(plain_text, start, end)):
            near = [v for v in found + villages if _close(v, line[2])]
            after = [c for s2, _, c in resolved if 0 <= s2 - end <= 40 and _list_gap(plain_text[end:s2])]
            elsewhere = bool(after) and not any(e.get("admin1") == line[2].get("admin1") for e in after[0])
            if near or not elsewhere:
                # "MOGADISHU, Somalia - ... in Hodan": a place no gazetteer puts elsewhere lies in the dateline's city
                resolved.append((start, end, near[:1] or [_local(line[2], plain_text[start:end])]))
                continue
        if len(found) == 1:
            if found[0]["admin1"] is None:  # the town list knows the town but not its region
                same = [v for v in villages if v["country_iso3"] == found[0]["country_iso3"] and v["admin1"]]
                found = same[:1] or found
            resolved.append((start, end, found))
            continue
        if villages:
            resolved.append((start, end, villages))
    resolved.extend(_capitals(plain_text, resolved, total, fixed))
    resolved.sort(key=lambda m: m[0])
    return _link(text, plain_text, resolved, (named_countries, local_countries), hint_countries, line, context,
                 total)


def _link(text: str, plain_text: str, chosen: list, named: tuple[set, set], hint_countries: frozenset,
          line, context: dict, total: dict) -> list[Place]:
    """One reading for each mention: the region named next to it, the countries in play, the kind and size."""
    g = gazetteer()
    places: list[Place] = []
    for i, (start, end, candidates) in enumerate(chosen):
        after = plain_text[end:end + 40]
        admin_hint = ADMIN_WORD.match(after) is not None
        # "Avdiivka (Pokrovskyi, Donetsk)": the bracket after a place names its districts and regions
        admin_slot = re.search(r"\w\s*\((?:[^()]{1,40},\s*)?$", plain_text[max(0, start - 45):start]) is not None \
            and re.match(r"\s*[),]", after) is not None or \
            re.search(r"(?i)\b(?:district|county|province|upazila|division|department|commune),\s*$",
                      plain_text[max(0, start - 20):start]) is not None  # "Qarabagh district, Kabul"
        town_hint = re.search(r"(?i)\b(town|city|village|camp|base)\s+of\s*$", plain_text[max(0, start - 20):start]) \
            is not None or re.match(r"(?i)\s+(city|town|village)\b", after) is not None
        end_span = end + ADMIN_WORD.match(after).end() if admin_hint else end
        # what follows within the same phrase: "X, Y" / "X in Y" / "X province, Y"
        context_admin, context_countries = set(), set()
        frame_admin = {line[2]["admin1"]} if line and start >= line[3] and line[2].get("admin1") else set()
        state = re.match(r",\s*((?:[A-Z]\.){2}|W\.Va\.|[A-Z][a-z]{1,4}\.)", after)  # "Springfield, Ill." (AP style)
        if state and _abbreviations().get(state.group(1)) in g.regions:
            context_admin.add(g.regions[_abbreviations()[state.group(1)]]["admin1"])
            context_countries.add("USA")
        previous_end = end_span
        for s2, e2, c2 in chosen[i + 1:i + 3]:
            gap = plain_text[previous_end:s2]
            previous_end = e2
            if len(gap) > 40 or not _list_gap(gap) or far_side(plain_text, s2, e2):
                break  # "Tbilisi to protest against the invasion of Ukraine": Ukraine does not place Tbilisi
            for entry in c2:
                if entry["feature"] in ("admin1", "admin2"):
                    context_admin.add(entry["admin1"])
                    context_countries.add(entry["country_iso3"])
                if entry["feature"] == "country" or entry["feature"] == "city" and gap.strip() == "," and \
                        (entry.get("population") or 0) >= 100000:
                    context_countries.add(entry["country_iso3"])  # "Hyde Park, London": a part of London
        others = context.get(start, total)
        best = max(candidates, key=lambda e: _score(e, context_admin, context_countries, named,
                                                    admin_hint or admin_slot, town_hint, hint_countries, frame_admin,
                                                    others, plain(plain_text[start:end])))
        if best["feature"] == "city" and not best.get("curated") and best.get("lat") is not None:
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


NEIGHBOURHOOD_BEFORE = re.compile(r"(?i)\b(?:neighbou?rhoods?|suburbs?|quarters?|estates?|districts?|wards?|"
                                  r"slums?)\s+of\s+(?:the\s+)?$")
NEIGHBOURHOOD_AFTER = re.compile(r"(?i)^\s+(?:neighbou?rhood|suburb|quarter|estate|district|ward|slum|area)\b")


def _neighbourhood(plain_text: str, start: int, end: int) -> bool:
    """'the Hodan neighbourhood', 'the suburb of Karen': a part of a city, by the words around it."""
    return NEIGHBOURHOOD_BEFORE.search(plain_text[max(0, start - 30):start]) is not None or \
        NEIGHBOURHOOD_AFTER.match(plain_text[end:end + 16]) is not None


def _close(entry: dict, city: dict) -> bool:
    """Within about 30 km of a city."""
    if entry.get("lat") is None or city.get("lat") is None:
        return False
    return abs(entry["lat"] - city["lat"]) + abs(entry["lon"] - city["lon"]) < 0.3


def _local(city: dict, name: str) -> dict:
    """A part of a city the gazetteer does not list (a district, a street): the city's region and
    coordinates, precision 2 (near)."""
    street = re.search(r"(?i)\b(?:street|road|avenue|boulevard|lane|drive|highway)\b", name) is not None
    return dict(city, name=name, feature="site" if street else "district", precision=2, curated=False)


CAPITAL = re.compile(r"\b(?:in|at|to|near|around|across|of|outside|throughout) the (?:country's |nation's )?"
                     r"(capital)\b(?! (?:of|city of)\b)(?!,? [A-Z])")


def _capitals(plain_text: str, resolved: list, total: dict, fixed: set) -> list:
    """'marched in the capital': the capital of the one country the document is about (a dateline's, else
    the one its places and actors support most, with a region's worth of support)."""
    mentions = list(CAPITAL.finditer(plain_text))
    if not mentions:
        return []
    if fixed:
        iso3 = next(iter(fixed))
    else:
        ranked = sorted(total.items(), key=lambda kv: -kv[1])
        if not ranked or ranked[0][1] < 2 or len(ranked) > 1 and ranked[1][1] == ranked[0][1]:
            return []
        iso3 = ranked[0][0]
    capital = gazetteer().capital(iso3)
    if capital is None:
        return []
    return [(m.start(1), m.end(1), [capital]) for m in mentions
            if not any(s < m.end(1) and m.start(1) < e for s, e, _ in resolved)]


def _admissible(plain_text: str, start: int, stop: int, candidates: list[dict]) -> list[dict]:
    """Readings the surface allows: an acronym ("NISA", "EU") names no town; a lower-case word ("metro",
    "west bank") is no place; a demonym ("Somali herders") is people, not the region of that name."""
    surface = plain_text[start:stop]
    if not surface[:1].isupper() and not re.match(r"(?:al|el|ad|ar|as|an|ash|at|az)-[A-Z]", surface):
        return []
    if surface.isupper() and len(surface.replace(".", "")) <= 4:
        return [e for e in candidates if e["feature"] in ("country", "admin1") or e.get("curated")]
    if surface in _demonyms() and not ADMIN_WORD.match(plain_text[stop:stop + 30]):
        return [e for e in candidates if e["feature"] == "country"]
    return candidates


@lru_cache(maxsize=1)
def _demonyms() -> frozenset[str]:
    from ..resources import load_json

    return frozenset(load_json("places.json").get("demonyms", {}))


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


#: "SPRINGFIELD, Ill. (AP) -", "MOGADISHU, Somalia -", "KABUL (Reuters) -": the city a report is filed
#: from, in capitals, opening the article (dashes are folded to "-" in the matching copy).
DATELINE_HEAD = re.compile(r"(?m)^[^\S\n]*(?P<city>[A-Z][A-Z'.]+(?:[ -][A-Z][A-Z'.]+){0,3}|"
                           r"[A-Z][a-z]+(?: [A-Z][a-z]+){0,2}(?=(?:,[^\n]{1,30})?\s*\([A-Za-z]))"
                           r"(?:,[^\S\n]*(?P<region>[A-Z][A-Za-z.' ]{0,28}[A-Za-z.]))?[^\S\n]*"
                           r"(?:\((?P<agency>[A-Za-z][\w .&-]{0,25})\)[^\S\n]*)?-{1,2}[^\S\n]")


def find_dateline(text: str):
    """(start, end, entry, head_end) of the dateline city in the first lines of an article, or None. The
    region after it ("Ill.", "Somalia") picks among same-named cities; the dateline sets the frame of the
    places that follow."""
    plain_text = matchable(text[:800])
    m = DATELINE_HEAD.search(plain_text)
    if m is None:
        return None
    g = gazetteer()
    city = m.group("city").strip()
    entries = [e for e in g.get(city) if e["feature"] in ("city", "site", "admin1", "admin2")]
    region = (m.group("region") or "").strip()
    if region:
        state = _abbreviations().get(region) or _abbreviations().get(region.rstrip("."))
        wanted = [e for e in g.get(region) if e["feature"] in ("admin1", "country")]
        if state is not None:
            wanted = [g.regions[state]] if state in g.regions else wanted
        admin1 = {e["admin1"] for e in wanted if e["feature"] == "admin1"}
        countries = {e["country_iso3"] for e in wanted}
        entries = [e for e in entries if e["admin1"] in admin1] or \
            [e for e in entries if e["country_iso3"] in countries] or entries
    if not entries:
        return None
    best = max(entries, key=lambda e: (e["feature"] == "city", e.get("population") or 0))
    return m.start("city"), m.start("city") + len(city), best, m.end()


@lru_cache(maxsize=1)
def _abbreviations() -> dict[str, str]:
    """AP style's abbreviations of US states ("Ill." -> US-IL), read only after a comma."""
    from ..resources import load_json

    return load_json("places.json").get("us_state_abbreviations", {})


def _run(analysis: Analysis) -> None:
    # names only the tagger vouches for ("University of Nairobi") may hold a place; curated actors never do
    tagged = [m for a in analysis.actors if (a.key or "").startswith("ner:") for m in a.mentions]
    actor_spans = [m for a in analysis.actors if not (a.key or "").startswith("ner:") for m in a.mentions]
    analysis.places = find_places(analysis.text, analysis.doc, actor_spans, actor_countries(analysis.actors),
                                  names=tagged, groups=actor_weights(analysis.actors))


def actor_weights(actors) -> dict[str, float]:
    """Country -> how strongly the document's actors place it there: a group that operates in a few
    countries only (1.5 each) says more than a national force, which may be fighting abroad (1)."""
    weights: dict[str, float] = {}
    for actor in actors:
        countries = actor_countries([actor])
        w = 1.0 if (actor.key or "").startswith("state:") else 1.5
        for iso3 in countries:
            weights[iso3] = max(weights.get(iso3, 0.0), w)
    return weights


def actor_countries(actors) -> frozenset[str]:
    """Where the document's actors are at home: the country of a national force, the countries a curated group
    operates in."""
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
