"""The team's curated actors (``resources/actors.json``): one regex over every alias and a lookup by folded alias.

Below the stages: the actor stage finds these names in text, and the place stage reads where a curated group
operates, without either stage importing the other.
"""
from __future__ import annotations

import re
from functools import lru_cache

from ..resources import load_json
from ..textutil import alternation, fold


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
