"""Actors in ACLED's terms: the eight actor categories, ACLED-style names and the curated named groups.

ACLED names a party by what it is and where: ``Military Forces of Kenya``, ``Police Forces of Somalia``,
``Protesters (Bangladesh)``, ``Civilians (Burkina Faso)``, ``Unidentified Armed Group (Kenya)``,
``Pokot Ethnic Militia (Kenya)``; a named group goes under one canonical name (``Al Shabaab``). This module
holds what is known about those names, as plain functions over strings:

* :func:`category_of` -- the written mapping from an ACLED actor name to its category (how the gold
  categories of ``acled-dev`` are derived, and how a rendered name gets its category);
* :func:`name_class` / :func:`render` -- a name reduced to its pattern (``Protesters``, ``Military``,
  ``NAMED:Rebel group``...) and a pattern filled in with a country: the classes the actor model learns;
* :func:`find_groups` -- the curated named groups (``resources/actor_groups.json``) mentioned in a text,
  every alias and transliteration resolved to one canonical name (with the country branch where a
  movement has them: "IS" in Somalia is ``Islamic State Somalia Province``);
* :func:`comparable` and :func:`actor_key` -- names compared after case/diacritic folding and without
  period markers ("(2013-)"), and the cross-document key of an ACLED-style name.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from ..resources import load_json

#: ACLED's eight actor categories (codebook "inter" codes 1-8, in that order).
CATEGORIES = ("State forces", "Rebel group", "Political militia", "Identity militia", "Rioters", "Protesters",
              "Civilians", "External/Other forces")
PERIOD = re.compile(r"\s*\((?:\d{4}-?(?:\d{4})?|\d{4}-)\)")
#: ACLED's country names where ISO 3166's differ (the names conflict monitors write).
COUNTRY_NAMES = {
    "COD": "Democratic Republic of Congo", "COG": "Republic of Congo", "CIV": "Ivory Coast", "TUR": "Turkey",
    "RUS": "Russia", "PSE": "Palestine", "SYR": "Syria", "IRN": "Iran", "TZA": "Tanzania", "BOL": "Bolivia",
    "VEN": "Venezuela", "KOR": "South Korea", "PRK": "North Korea", "LAO": "Laos", "MDA": "Moldova",
    "VNM": "Vietnam", "CZE": "Czech Republic", "SWZ": "eSwatini", "BRN": "Brunei", "TWN": "Taiwan",
    "CPV": "Cape Verde", "FSM": "Micronesia", "GMB": "Gambia", "BHS": "Bahamas", "XKX": "Kosovo",
}
#: Countries written with "the" after "Forces of" ("Military Forces of the United States").
WITH_THE = {"USA", "GBR", "ARE", "COD", "COG", "CAF", "PHL", "NLD", "BHS", "GMB", "COM", "MDV", "DOM"}
#: Pattern classes filled in with the event's country; the rest are named parties (``NAMED:<category>``).
TEMPLATES = {
    "Protesters": ("Protesters ({c})", "Protesters"),
    "Rioters": ("Rioters ({c})", "Rioters"),
    "Civilians": ("Civilians ({c})", "Civilians"),
    "Unidentified Armed Group": ("Unidentified Armed Group ({c})", "Political militia"),
    "Military": ("Military Forces of {the}{c}", "State forces"),
    "Police": ("Police Forces of {the}{c}", "State forces"),
    "Government": ("Government of {the}{c}", "State forces"),
    "Unidentified Ethnic Militia": ("Unidentified Ethnic Militia ({c})", "Identity militia"),
    "Unidentified Clan Militia": ("Unidentified Clan Militia ({c})", "Identity militia"),
    "Unidentified Communal Militia": ("Unidentified Communal Militia ({c})", "Identity militia"),
    "Private Security Forces": ("Private Security Forces ({c})", "External/Other forces"),
    "Unidentified Military Forces": ("Unidentified Military Forces", "External/Other forces"),
    "Pro-Government Militia": ("Militia (Pro-Government)", "Political militia"),
}
FORCES = re.compile(r"^(?:Mutiny of )?(Military|Police) Forces of (?:the )?(.+)$")
#: States ACLED names as their own though not (widely) recognised, coded as state forces where they rule.
DE_FACTO = {"Somaliland": "SOM", "Puntland": "SOM"}


def fold_text(text: str) -> str:
    """Lower case without diacritics, curly quotes or doubled spaces."""
    s = unicodedata.normalize("NFKD", text)
    s = "".join(c for c in s if not unicodedata.combining(c))
    s = s.replace("\u2019", "'").replace("\u2018", "'").replace("\u2013", "-").replace("\u2014", "-")
    return re.sub(r"\s+", " ", s).strip().lower()


def comparable(name: str | None) -> str:
    """An ACLED name as scored: case and diacritics folded, period markers ("(2013-)") cut."""
    return fold_text(PERIOD.sub("", name or ""))


def actor_key(acled_name: str) -> str:
    """The cross-document key of an ACLED-style name: one key for every spelling that resolves to it."""
    return "acled:" + re.sub(r"[^\w]+", " ", comparable(acled_name)).strip()


def country_name(iso3: str | None) -> str | None:
    """The name ACLED gives a country (ISO 3166's common name otherwise)."""
    if not iso3:
        return None
    if iso3 in COUNTRY_NAMES:
        return COUNTRY_NAMES[iso3]
    import pycountry

    entry = pycountry.countries.get(alpha_3=iso3)
    return None if entry is None else getattr(entry, "common_name", None) or entry.name


def _forces_country(rest: str) -> str:
    """"Somalia Puntland Dervish Force" -> "Somalia" (the state), by the longest known country prefix."""
    for state in DE_FACTO:
        if rest.startswith(state):
            return state
    words = rest.split()
    for k in range(len(words), 0, -1):
        if _iso3_of(" ".join(words[:k])):
            return " ".join(words[:k])
    return words[0] if words else rest


@lru_cache(maxsize=512)
def _iso3_of(name: str) -> str | None:
    for iso3, known in COUNTRY_NAMES.items():
        if known == name:
            return iso3
    import pycountry

    for entry in pycountry.countries:
        if name in (entry.name, getattr(entry, "common_name", None), getattr(entry, "official_name", None)):
            return entry.alpha_3
    return None


def name_class(acled_name: str, country: str | None) -> str:
    """The pattern of an ACLED name as seen from an event in ``country`` (ACLED's country name): a key of
    :data:`TEMPLATES` (``Military``: the state's own forces or a unit of them) or ``NAMED:<category>``."""
    name = PERIOD.sub("", acled_name).strip()
    for key, (template, _) in TEMPLATES.items():
        if "{c}" not in template and name == template:
            return key
        if country and name == template.format(c=country, the=""):
            return key
        if country and name == template.format(c=country, the="the "):
            return key
    forces = FORCES.match(name)
    if forces and not name.startswith("Mutiny"):
        state = _forces_country(forces.group(2))
        home = country and (state == country or DE_FACTO.get(state) == _iso3_of(country))
        if home:
            return forces.group(1)
        return "NAMED:External/Other forces"
    if name.startswith("Government of") and country and country in name:
        return "Government"
    return "NAMED:" + category_of(name, country)


def category_of(acled_name: str, country: str | None = None) -> str:
    """ACLED's category of an actor name (the written mapping; ``country``: the event's, ACLED's spelling).

    State forces: "Military Forces of X", "Police Forces of X" (and their named units), "Government of X"
    for X the event's country (or a de facto state within it, Somaliland). External/Other forces: another
    state's forces ("Military Forces of the United States" in Somalia), unidentified military forces,
    multinational missions (AMISOM, AUSSOM, NATO, UN missions), private security firms, mercenaries.
    Protesters / Rioters / Civilians: "Protesters (X)", "Rioters (X)", "Civilians (X)". Identity militia:
    "... Ethnic Militia", "... Clan Militia", "... Sub-Clan Militia", "... Communal Militia", religious
    ("Muslim Militia", "Christian Militia") and Dozo hunters' militias. Rebel group: the curated named groups
    marked so (Al Shabaab, Islamic State branches, JNIM and its components, Taliban, Ansaroul Islam, OLF...),
    including ACLED's joint "X and/or Y" actors of two such groups. Political militia: "Unidentified Armed
    Group (X)", pro-government and other militias, named parties' supporters, mutinies, pirates, and any
    other named group (the codebook's default for organised armed groups without a rebel aim)."""
    name = PERIOD.sub("", acled_name).strip()
    for prefix in ("Protesters", "Rioters", "Civilians"):
        if name.startswith(prefix):
            return prefix
    if name.startswith("Mutiny of"):
        return "Political militia"
    forces = FORCES.match(name)
    if forces:
        state = _forces_country(forces.group(2))
        if country is None or state == country or DE_FACTO.get(state) == _iso3_of(country or ""):
            return "State forces"
        return "External/Other forces"
    if name.startswith("Government of"):
        return "State forces"
    if name == "Unidentified Military Forces" or name.startswith("Private Security Forces") or \
            re.match(r"^(?:AMISOM|ATMIS|AUSSOM|NATO|MINUSMA|MONUSCO|UN|EUFOR|Wagner)\b", name):
        return "External/Other forces"
    if re.search(r"\b(?:Ethnic|Clan|Sub-Clan|Communal) Militia\b|^(?:Muslim|Christian|Dozo)\b", name):
        return "Identity militia"
    if name.startswith("Unidentified Armed Group"):
        return "Political militia"
    parts = [p.strip() for p in name.split(" and/or ")]
    groups = [_group_by_name().get(comparable(p)) for p in parts]
    if all(g is not None for g in groups):
        categories = {g.category for g in groups}
        return categories.pop() if len(categories) == 1 else "Rebel group"
    return "Political militia"


def render(cls: str, country: str | None, iso3: str | None = None) -> str | None:
    """The ACLED name of a pattern class for an event in ``country`` (None: a named party, or no country)."""
    if cls not in TEMPLATES:
        return None
    template = TEMPLATES[cls][0]
    if "{c}" not in template:
        return template
    if not country:
        return None
    return template.format(c=country, the="the " if iso3 in WITH_THE else "")


def class_category(cls: str) -> str:
    """The category a class stands for."""
    return TEMPLATES[cls][1] if cls in TEMPLATES else cls.split(":", 1)[1]


@dataclass(frozen=True)
class Group:
    """A curated named group: its canonical ACLED-style name and category."""

    name: str
    category: str
    subunit_of: str | None = None
    by_country: tuple = ()
    before: tuple = ()
    after: tuple = ()
    contingent: bool = False

    def acled_name(self, iso3: str | None, country: str | None, date: str | None = None) -> str | None:
        """The name for an event in that country and on that day (the country branch, the unit with its
        state's forces); None where a unit of another state's forces is named out of its country."""
        name = self.name
        branches = dict(self.by_country)
        if iso3 in branches:
            name = branches[iso3]
        elif "*" in branches:
            name = branches["*"]
        elif branches and iso3:
            name = f"{self.name} ({country})" if country else self.name
        if "{country}" in name:
            if not country:
                return None
            name = name.replace("{country}", country)
        if self.subunit_of:
            state = self.subunit_of
            if "{country}" in state:
                if not country:
                    return None
                state = state.replace("{country}", country)
            elif country and not state.endswith(" " + country):
                return None  # "local police" names the Afghan Local Police in Afghanistan only
            name = f"{state} {name}"
        for renamed, (month, old) in dict(self.before).items():
            if name == renamed and date and date[:7] < month:
                name = old
        for month, new in dict(self.after).items():
            if date and date[:7] >= month:
                name = new
        return name


@dataclass(frozen=True)
class GroupMention:
    group: Group
    start: int
    end: int


@lru_cache(maxsize=1)
def _groups() -> tuple[list[Group], re.Pattern, re.Pattern | None, dict[str, Group]]:
    """(groups, case-insensitive alias regex, case-sensitive pattern regex, folded alias -> group)."""
    groups, by_alias, patterns = [], {}, []
    for entry in load_json("actor_groups.json")["groups"]:
        group = Group(name=entry["name"], category=entry["category"], subunit_of=entry.get("subunit_of"),
                      by_country=tuple(sorted((entry.get("by_country") or {}).items())),
                      before=tuple((k, tuple(v)) for k, v in (entry.get("before") or {}).items()),
                      after=tuple((entry.get("after") or {}).items()), contingent=bool(entry.get("contingent")))
        groups.append(group)
        for alias in entry["aliases"] + [entry["name"]]:
            by_alias.setdefault(fold_text(alias), group)
        for i, pattern in enumerate(entry.get("patterns", [])):
            patterns.append((f"g{len(groups) - 1}_{i}", pattern))
    ordered = sorted(by_alias, key=len, reverse=True)
    alias_re = re.compile(r"(?<![\w])(?:" + "|".join(re.escape(a) for a in ordered) + r")(?![\w])")
    pattern_re = re.compile("|".join(f"(?P<{k}>{p})" for k, p in patterns)) if patterns else None
    return groups, alias_re, pattern_re, by_alias


@lru_cache(maxsize=1)
def _group_by_name() -> dict[str, Group]:
    out = {}
    for group in _groups()[0]:
        out[comparable(group.name)] = group
        for _, branch in group.by_country:
            out.setdefault(comparable(branch), group)
    return out


@lru_cache(maxsize=256)
def find_groups(text: str) -> tuple[GroupMention, ...]:
    """Curated groups named in ``text``, in order (aliases match case-insensitively, acronyms that are also
    words only as written: "AS militants", not "as")."""
    groups, alias_re, pattern_re, by_alias = _groups()
    folded = _same_length_fold(text)
    found = [GroupMention(by_alias[m.group()], m.start(), m.end()) for m in alias_re.finditer(folded)]
    if pattern_re is not None:
        for m in pattern_re.finditer(text):
            index = int(m.lastgroup[1:].split("_")[0])
            if not any(g.start <= m.start() < g.end for g in found):
                found.append(GroupMention(groups[index], m.start(), m.end()))
    return tuple(sorted(found, key=lambda g: g.start))


def _same_length_fold(text: str) -> str:
    """Lower case with diacritics and curly quotes folded, one character for one (offsets stay valid)."""
    if text.isascii():
        return text.lower()
    return "".join(_fold_char(ch) for ch in text)


@lru_cache(maxsize=4096)
def _fold_char(ch: str) -> str:
    special = {"\u2019": "'", "\u2018": "'", "\u2013": "-", "\u2014": "-"}
    if ch in special:
        return special[ch]
    base = "".join(c for c in unicodedata.normalize("NFKD", ch) if not unicodedata.combining(c)) or ch
    low = base[0].lower()
    return low if len(low) == 1 else ch


@lru_cache(maxsize=1)
def _demonyms() -> dict[str, str]:
    return load_json("places.json").get("demonyms", {})


def country_of_demonym(word: str) -> str | None:
    """ISO3 of a national demonym ("Kenyan", "Somalis"), None for other words (an ethnic group's name)."""
    demonyms = _demonyms()
    return demonyms.get(word) or demonyms.get(word[:-1] if word.endswith("s") else word)


#: National armies by their acronyms, as reporting names troop contingents ("UPDF troops"); from the
#: forces' own names.
FORCE_ACRONYMS = {"UPDF": "UGA", "ENDF": "ETH", "KDF": "KEN", "BNDF": "BDI", "FDNB": "BDI", "SNA": "SOM",
                  "FAMa": "MLI", "FAMA": "MLI", "FDS": "BFA", "FAN": "NER", "FANCI": "CIV", "FAB": "BEN",
                  "UPDF's": "UGA", "EDF": "ETH", "FARDC": "COD", "SAF": "SDN", "NDF": "ETH"}

def contributor(text: str) -> str | None:
    """The state a troop contingent comes from, by a demonym ("Ugandan") or its army's acronym ("UPDF")."""
    for word in re.findall(r"[A-Z][\w']+", text):
        if word in FORCE_ACRONYMS:
            return FORCE_ACRONYMS[word]
        iso3 = country_of_demonym(word)
        if iso3:
            return iso3
    return None


@lru_cache(maxsize=1)
def _clans():
    table = load_json("actor_clans.json")
    names = list(table["lineages"]) + table["families"]
    pattern = re.compile(r"(?<![\w-])(" + "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True)) +
                         r")((?:-[A-Z][\w']*(?: [A-Z][\w']*)?)*)(?:\s+and\s+[A-Z][\w'-]*(?: [A-Z][\w'-]*){0,3})?"
                         r"\s+(?:sub-?clans?|clans?)\b", re.I)
    return table, pattern


def clan_militia(text: str, iso3: str | None) -> tuple[str, int, int] | None:
    """(name, start, end) of a clan militia named by its clan where clans are coded by lineage (Somalia):
    "Abgal clan militia" -> ``Hawiye-Abgal Sub-Clan Militia (Somalia)``, "Habar Gedir-Sacad clan" ->
    ``Hawiye-Habar Gedir-Sacad Sub-Clan Militia (Somalia)``, "Dir clan" -> ``Dir Clan Militia (Somalia)``."""
    table, pattern = _clans()
    if iso3 not in table["countries"]:
        return None
    m = pattern.search(text)
    if m is None:
        return None
    written = next((k for k in list(table["lineages"]) + table["families"] if k.lower() == m.group(1).lower()),
                   m.group(1))
    if written in table["families"]:
        path = table["family_spelling"].get(written, written)
    else:
        path = table["lineages"][written]
    for part in [p for p in m.group(2).split("-") if p]:
        path = table["lineages"].get(part, f"{path}-{part}")
    kind = "Clan" if "-" not in path else "Sub-Clan"
    return f"{path} {kind} Militia ({country_name(iso3)})", m.start(), m.start() + len(m.group(1) + m.group(2))


@lru_cache(maxsize=1)
def _curated_ids() -> dict[str, str]:
    """Folded name or alias of a curated actor (``resources/actors.json``) -> its id."""
    out = {}
    for entry in load_json("actors.json")["actors"]:
        for alias in [entry["name"]] + entry["aliases"]:
            out.setdefault(comparable(alias), entry["id"])
    return out


def cross_document_key(key: str, names: list[str]) -> str:
    """One key across documents for an actor found by name only (``ner:...``) whose name is a curated
    group's alias or transliteration ("Al Shabab", "Harakat al-Shabaab al-Mujahideen"): the curated actor's
    id where ``actors.json`` has the group, else ``acled:<canonical name>``. Other keys are kept, so distinct
    units stay apart (``state:KEN:police`` is not the Kenyan army)."""
    if not key.startswith("ner:"):
        return key
    for name in names:
        found = find_groups(name)
        if len(found) == 1 and found[0].start == 0 and found[0].end == len(name.rstrip()):
            group = found[0].group
            ids = _curated_ids()
            for candidate in (group.name,) + tuple(b for _, b in group.by_country):
                if comparable(candidate) in ids:
                    return ids[comparable(candidate)]
            aliases = load_json("actor_groups.json")["groups"]
            for entry in aliases:
                if entry["name"] == group.name:
                    hit = next((ids[comparable(a)] for a in entry["aliases"] if comparable(a) in ids), None)
                    if hit:
                        return hit
            return actor_key(group.name)
    return key


@lru_cache(maxsize=1)
def _curated_by_id() -> dict[str, dict]:
    return {entry["id"]: entry for entry in load_json("actors.json")["actors"]}


def curated_actor(key: str) -> dict | None:
    """The ``resources/actors.json`` entry an actor key names (None for other keys)."""
    return _curated_by_id().get(key)
