"""How strongly two event records look like one event: a logistic model over what the reports share.

The features compare two records (``cluster.Record``): the event's type, its dates (the same day, days
apart, years that differ), its place at the finest level both name (site, city, region; a country that
differs), actors and capitalised names near the event and in the document's lead, its toll (equal, grown,
far apart) and the wording (cosine of content-word counts around the event and in the lead). The weights
are learnt from ECB+ cross-document chains (``eventsift.train.clusters``, ``make train-clusters``) and
ship as plain numbers in ``resources/cluster_model.json``; nothing here needs scikit-learn.

Vetoes come before the model: records of different families (a protest is not a killing), date windows
that do not overlap, countries that differ when both are known. ``explain`` lists the features that
pushed a pair together, for the cluster page's "why these reports were joined".
"""
from __future__ import annotations

import json
import math
from functools import lru_cache
from importlib import resources

MODEL_FILE = "cluster_model.json"

#: Readable reasons for the features a user sees in "why joined".
REASONS = {
    "same_type": "same event type",
    "day_same": "same day",
    "day_near": "a day apart",
    "md_shared": "same day of the month named",
    "year_shared": "same year named",
    "country_shared": "same country",
    "place_site": "same site or village",
    "place_city": "same town or city",
    "place_admin1": "same region",
    "actors_shared": "same actors",
    "names_shared": "names in common near the event",
    "lead_names": "names in common in the leads",
    "toll_equal": "same toll",
    "toll_grown": "toll within a plausible rise",
    "words_cos": "similar wording around the event",
    "lead_cos": "similar wording in the leads",
}


def _cos(a: dict, b: dict) -> float:
    if not a or not b:
        return 0.0
    dot = sum(v * b.get(k, 0) for k, v in a.items())
    if not dot:
        return 0.0
    return dot / math.sqrt(sum(v * v for v in a.values()) * sum(v * v for v in b.values()))


def _jaccard(a, b) -> float:
    return len(a & b) / len(a | b) if a and b else 0.0


LEVELS = ("site", "city", "admin1")


def _level(place: str) -> str:
    level = place.split(":", 1)[0]
    return level if level in LEVELS else "site"


def vetoed(a, b) -> bool:
    """Pairs that can never be one event, whatever else they share."""
    if a.family != b.family:
        return True
    if a.lo and b.lo and (a.hi < b.lo or b.hi < a.lo):
        return True
    return bool(a.countries and b.countries and not a.countries & b.countries)


def features(a, b) -> dict[str, float]:
    """The pair's features (symmetric in a and b); absent features are 0."""
    f: dict[str, float] = {}
    if a.event_type and a.event_type == b.event_type and a.family != "other":
        f["same_type"] = 1.0
    if a.days and b.days:
        gap = min(abs((x - y).days) for x in a.days for y in b.days)
        f["day_same" if gap == 0 else "day_near" if gap == 1 else "day_far" if gap > 7 else "day_week"] = 1.0
    dates_a, dates_b = a.dates | a.lead_dates, b.dates | b.lead_dates
    years_a, years_b = {d for d in dates_a if d[0] == "y"}, {d for d in dates_b if d[0] == "y"}
    if years_a and years_b:
        f["year_shared" if years_a & years_b else "year_differs"] = 1.0
    md_a, md_b = {d for d in dates_a if d.startswith("md:")}, {d for d in dates_b if d.startswith("md:")}
    if md_a and md_b:
        f["md_shared" if md_a & md_b else "md_differs"] = 1.0
    if a.countries & b.countries:
        f["country_shared"] = 1.0
    shared = {p for p in a.places if p in b.places or p.split(":", 1)[1] in b.names} | \
             {p for p in b.places if p in a.places or p.split(":", 1)[1] in a.names}
    # the finest level both name decides: the same village, or two different districts of one city
    for level in ("site", "city", "admin1"):
        at_a, at_b = {p for p in a.places if _level(p) == level}, {p for p in b.places if _level(p) == level}
        if at_a and at_b:
            f[f"place_{level}" if {p for p in shared if _level(p) == level} else "place_differs"] = 1.0
            break
    else:
        if shared:
            f[f"place_{min((_level(p) for p in shared), key=LEVELS.index)}"] = 1.0
    if a.actors & b.actors:
        f["actors_shared"] = min(2.0, len(a.actors & b.actors)) / 2
    place_names = {p.split(":", 1)[1] for p in shared}
    names = (a.names & b.names) - place_names
    if names:
        f["names_shared"] = min(3.0, len(names)) / 3
    elif a.names and b.names:
        f["names_none"] = 1.0
    lead_a, lead_b = set(a.lead_names), set(b.lead_names)
    if lead_a and lead_b:
        f["lead_names"] = _jaccard(lead_a, lead_b)
        if not lead_a & lead_b:
            f["lead_names_none"] = 1.0
    if a.fatalities is not None and b.fatalities is not None:
        lo, hi = sorted((a.fatalities, b.fatalities))
        if lo == hi:
            f["toll_equal"] = 1.0
        elif hi <= max(2 * lo, lo + 3):
            f["toll_grown"] = 1.0
        else:
            f["toll_far"] = 1.0
    f["words_cos"] = _cos(a.words, b.words)
    f["lead_cos"] = _cos(a.lead_words, b.lead_words)
    return {k: v for k, v in f.items() if v}


class PairModel:
    """A logistic model over ``features``: weights, intercept and the link threshold on its log-odds."""

    def __init__(self, weights: dict[str, float], intercept: float, threshold: float, linkage: str = "max",
                 info: dict | None = None):
        self.weights, self.intercept, self.threshold, self.linkage = weights, intercept, threshold, linkage
        self.info = info or {}

    @classmethod
    def from_dict(cls, data: dict) -> "PairModel":
        return cls(data["weights"], data["intercept"], data["threshold"], data.get("linkage", "max"), data)

    def logit(self, feats: dict[str, float]) -> float:
        return self.intercept + sum(self.weights.get(k, 0.0) * v for k, v in feats.items())

    def score(self, a, b) -> float | None:
        """Log-odds that a and b report one event; None when a veto forbids it."""
        if vetoed(a, b):
            return None
        return self.logit(features(a, b))

    def explain(self, a, b, top: int = 4) -> list[dict]:
        """The features that pushed this pair together most, as readable reasons with their weight."""
        contributions = [(self.weights.get(k, 0.0) * v, k) for k, v in features(a, b).items()]
        return [{"reason": REASONS.get(k, k), "feature": k, "weight": round(w, 2)}
                for w, k in sorted(contributions, reverse=True)[:top] if w > 0]


@lru_cache(maxsize=1)
def shipped() -> PairModel:
    with resources.files("eventsift.resources").joinpath(MODEL_FILE).open(encoding="utf-8") as fh:
        return PairModel.from_dict(json.load(fh))
