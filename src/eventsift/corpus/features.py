"""Rows for the normalised tables, computed from one document's contract JSON.

Each event record becomes one row with what clustering needs (a date window,
countries, place names, actor keys and capitalised names near the event) and
what exports need (the evidence text of each field). Event extraction is noisy,
so the matching features deliberately look beyond the event's own roles: the
actors and places mentioned in the event's sentence count too.
"""
from __future__ import annotations

import json
import re
from datetime import date, timedelta
from urllib.parse import urlparse

from ..textutil import fold

FAMILIES = {
    "Battles": "violence",
    "Explosions/Remote violence": "violence",
    "Violence against civilians": "violence",
    "Protests": "unrest",
    "Riots": "unrest",
    "Strategic developments": "strategic",
}

#: Reported events usually happened at most this many days before publication.
UNDATED_WINDOW_DAYS = 7
#: Slack around a dated event: datelines, time zones, "on Sunday" read against the wrong day.
DATED_SLACK_DAYS = 1
#: Characters either side of the trigger used when an event has no sentence.
CONTEXT_CHARS = 200

NAME = re.compile(r"\b[A-Z][\w'’-]{2,}")
NOT_NAMES = {
    "the", "and", "but", "for", "with", "from", "this", "that", "these", "those", "there", "their", "they",
    "his", "her", "its", "our", "who", "what", "when", "where", "which", "while", "after", "before", "during",
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "january", "february",
    "march", "april", "may", "june", "july", "august", "september", "october", "november", "december",
    "published", "updated", "posted", "date", "said", "says", "according", "some", "many", "more", "most",
    "about", "also", "one", "two", "three", "all", "any", "each", "both", "however", "meanwhile", "earlier",
    "later", "today", "yesterday", "witnesses", "officials", "official", "reports", "report", "news", "people",
    "residents", "police", "forces", "state", "government", "minister", "president", "security",
}


def family_of(event_type: str) -> str:
    return FAMILIES.get(event_type, "other")


def outlet_of(source: dict, doc_id: str) -> str:
    """The independent source of a document: its outlet, else the web host, else the document itself."""
    if source.get("outlet"):
        return str(source["outlet"]).strip().lower()
    url = source.get("url")
    if url:
        host = urlparse(url).hostname or ""
        if host:
            return host[4:] if host.startswith("www.") else host
    return f"doc:{doc_id}"


def _parse_day(value: str | None) -> date | None:
    if not value or len(value) < 10:
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None


def best_day(event_date: str | None, published: str | None) -> str | None:
    """The event's own day (YYYY-MM-DD), else its publication day: what date filters select on, in the CLI and
    the web alike."""
    day = _parse_day(event_date) or _parse_day(published)
    return day.isoformat() if day else None


def date_window(event_date: str | None, published: str | None) -> tuple[str | None, str | None, str | None]:
    """(own date, window start, window end) as ISO days; the window is None when nothing dates the event."""
    day = _parse_day(event_date)
    if day:
        slack = timedelta(days=DATED_SLACK_DAYS)
        return day.isoformat(), (day - slack).isoformat(), (day + slack).isoformat()
    if event_date and re.fullmatch(r"\d{4}-\d{2}", event_date):
        first = date.fromisoformat(event_date + "-01")
        last = (first.replace(day=28) + timedelta(days=4)).replace(day=1) - timedelta(days=1)
        return None, first.isoformat(), last.isoformat()
    pub = _parse_day(published)
    if pub:
        return None, (pub - timedelta(days=UNDATED_WINDOW_DAYS)).isoformat(), pub.isoformat()
    return None, None, None


SENTENCE_START = re.compile(r"(?:^|[.!?:\n—-]\s*)$")


#: The window of a dated event spans the other days named in its sentence, up to this width.
MAX_HULL_DAYS = 10


def widen(date_lo: str, date_hi: str, sentence_days: list[str], published: str | None) -> tuple[str, str]:
    """Event dates are read by another stage and are sometimes the wrong one of two days in the sentence
    ("said on Saturday it shot down the jet on January 8"): let the window cover every day the sentence names."""
    pub = _parse_day(published)
    candidates = sorted({date_lo, date_hi, *(d for d in sentence_days if not pub or d <= pub.isoformat())})
    lo, hi = candidates[0], candidates[-1]
    if (date.fromisoformat(hi) - date.fromisoformat(lo)).days > MAX_HULL_DAYS:
        return date_lo, date_hi
    return lo, hi


def _names(text: str, lo: int, hi: int, taken: list[tuple[int, int]]) -> list[str]:
    """Capitalised words in text[lo:hi] that are not starting a sentence and not already part of a resolved
    actor or place mention: a cheap stand-in for the names the other stages missed."""
    found = []
    for m in NAME.finditer(text, lo, hi):
        if SENTENCE_START.search(text[max(lo, m.start() - 3):m.start()]) and not m.group().isupper():
            continue
        if any(s <= m.start() < e for s, e in taken):
            continue
        word = fold(m.group())
        if word and word not in NOT_NAMES and word not in found:
            found.append(word)
    return found


WORD = re.compile(r"[A-Za-z][A-Za-z'’-]{2,}")
#: Function words and reporting words: they say nothing about which event a text is about.
STOP = NOT_NAMES | {
    "are", "was", "were", "been", "being", "have", "has", "had", "not", "will", "would", "could", "should",
    "can", "may", "might", "must", "into", "onto", "over", "under", "than", "then", "them", "him", "she", "you",
    "your", "out", "off", "now", "just", "only", "very", "such", "own", "same", "other", "another", "because",
    "until", "since", "through", "against", "between", "around", "told", "tell", "say", "saying", "http",
    "www", "com", "html", "htm", "php", "asp", "index", "new", "year", "years", "last", "first", "week",
    "day", "days", "time", "also", "even", "still", "well", "back", "like", "get", "got", "made", "make",
}
#: How many of a text's most frequent content words a record keeps for text similarity.
MAX_WORDS = 40
#: The lead: the document's opening characters, extended to the end of the line, for its main event
#: (1,500 chosen by leave-topics-out CV on ECB+ over 600, 1,500 and 4,000).
LEAD_CHARS = 1500


def stem(word: str) -> str:
    """A crude, stable English stem (plural and -ed/-ing endings) so "killings" and "killed" meet."""
    w = word.lower().replace("’", "'")
    if w.endswith("'s"):
        w = w[:-2]
    for suffix in ("ings", "ing", "ed", "es", "s"):
        if w.endswith(suffix) and len(w) - len(suffix) >= 4:
            return w[:-len(suffix)]
    return w


def content_words(text: str, lo: int, hi: int, limit: int = MAX_WORDS) -> dict[str, int]:
    """The most frequent content-word stems of text[lo:hi] with their counts (ties by first use)."""
    counts: dict[str, int] = {}
    for m in WORD.finditer(text, lo, hi):
        word = m.group().lower()
        if word in STOP:
            continue
        w = stem(word)
        counts[w] = counts.get(w, 0) + 1
    top = sorted(counts.items(), key=lambda kv: -kv[1])[:limit]
    return dict(top)


def date_tokens(times: list[dict], lo: int, hi: int) -> list[str]:
    """What the times in text[lo:hi] say about when, even partly: "y:2013", "m:2013-05", "md:05-03"."""
    out = set()
    for t in times:
        if t.get("type") != "DATE" or not (lo <= t["start"] and t["end"] <= hi):
            continue
        value = str(t.get("value") or "")
        full = re.match(r"(\d{4}|XXXX)(?:-(\d{2}))?(?:-(\d{2}))?(?:$|T)", value)
        if not full:
            continue
        year, month, day = full.groups()
        if year != "XXXX":
            out.add(f"y:{year}")
            if month:
                out.add(f"m:{year}-{month}")
        if month and day:
            out.add(f"md:{month}-{day}")
    return sorted(out)


def lead_end(text: str) -> int:
    end = text.find("\n", LEAD_CHARS)
    return len(text) if end < 0 else end


def _context(result: dict, event: dict) -> tuple[int, int]:
    sentence = event.get("sentence")
    if sentence:
        return sentence["start"], sentence["end"]
    trigger = event["trigger"]
    return max(0, trigger["start"] - CONTEXT_CHARS), min(len(result["text"]), trigger["end"] + CONTEXT_CHARS)


def _inside(span: dict | None, lo: int, hi: int) -> bool:
    return bool(span) and lo <= span["start"] and span["end"] <= hi


def actor_keys(result: dict, resolve=None) -> dict[str, str]:
    """Local actor id -> cross-document key (``resolve`` maps a key to a merged one, e.g. via aliases)."""
    keys = {}
    for actor in result.get("actors", []):
        key = actor.get("key") or "ner:" + fold(actor["name"])
        keys[actor["id"]] = resolve(key, actor) if resolve else key
    return keys


def event_rows(result: dict, keys: dict[str, str]) -> list[dict]:
    """One row per event record, ready for the ``events`` table."""
    text = result["text"]
    source = result.get("source") or {}
    outlet = outlet_of(source, result["id"])
    attributions = {a["id"]: a for a in result.get("attributions", [])}
    names_by_actor = {a["id"]: a["name"] for a in result.get("actors", [])}
    country_names = {fold(p["name"]) for p in result.get("places", []) if p.get("feature") == "country"}
    feature_of = {fold(p["name"]): p.get("feature") or "site" for p in result.get("places", [])}
    days = [(t["start"], t["end"], t["value"][:10]) for t in result.get("times", [])
            if t.get("type") == "DATE" and _parse_day(t.get("value"))]
    rows = []
    for event in result.get("events", []):
        lo, hi = _context(result, event)
        countries, places = set(), set()
        location = event.get("location") or {}
        if location.get("country_iso3"):
            countries.add(location["country_iso3"])
        for name, kind in ((location.get("name"), None), (location.get("admin1"), "admin1")):
            if name and fold(name) not in country_names:
                places.add(f"{kind or feature_of.get(fold(name), 'site')}:{fold(name)}")
        for place in result.get("places", []):
            if _inside(place.get("span"), lo, hi):
                if place.get("country_iso3"):
                    countries.add(place["country_iso3"])
                if place.get("feature") != "country":
                    places.add(f"{place.get('feature') or 'site'}:{fold(place['name'])}")
                if place.get("admin1"):
                    places.add(f"admin1:{fold(place['admin1'])}")
        taken = [(p["span"]["start"], p["span"]["end"]) for p in result.get("places", []) if p.get("span")]
        taken += [(m["start"], m["end"]) for a in result.get("actors", []) for m in a.get("mentions", [])]
        actors = set()
        for role in ("actor1", "actor2"):
            actor_id = (event.get(role) or {}).get("actor_id")
            if actor_id in keys:
                actors.add(keys[actor_id])
        for actor in result.get("actors", []):
            if any(_inside(m, lo, hi) for m in actor.get("mentions", [])):
                actors.add(keys[actor["id"]])
        own, date_lo, date_hi = date_window((event.get("date") or {}).get("value"), result.get("published"))
        lead = lead_end(text)
        sentence_days = [d for start, end, d in days if lo <= start and end <= hi]
        if own:
            date_lo, date_hi = widen(date_lo, date_hi, sentence_days, result.get("published"))
        attribution = attributions.get(event.get("attribution_id") or "")
        said_by = None
        if attribution:
            speaker = attribution.get("source_actor_id")
            said_by = names_by_actor.get(speaker) or ((attribution.get("source") or {}).get("text"))
        role1, role2 = event.get("actor1") or {}, event.get("actor2") or {}
        fatalities, injured = event.get("fatalities") or {}, event.get("injured") or {}
        evidence = {
            "trigger": event["trigger"]["text"],
            "sentence": text[lo:hi],
            "date": ((event.get("date") or {}).get("span") or {}).get("text"),
            "location": (location.get("span") or {}).get("text"),
            "actor1": (role1.get("span") or {}).get("text"),
            "actor2": (role2.get("span") or {}).get("text"),
            "fatalities": (fatalities.get("span") or {}).get("text"),
            "injured": (injured.get("span") or {}).get("text"),
            "said_by": ((attribution or {}).get("source") or {}).get("text"),
        }
        rows.append({
            "ref": f"{result['id']}/{event['id']}",
            "doc_id": result["id"],
            "event_id": event["id"],
            "event_type": event["event_type"],
            "sub_event_type": event.get("sub_event_type"),
            "family": family_of(event["event_type"]),
            "status": event.get("status"),
            "confidence": event.get("confidence"),
            "date": own,
            "day": best_day(own, result.get("published")),
            "date_lo": date_lo,
            "date_hi": date_hi,
            "country": location.get("country_iso3"),
            "admin1": location.get("admin1"),
            "location": location.get("name"),
            "lat": location.get("lat"),
            "lon": location.get("lon"),
            "fatalities": fatalities.get("best"),
            "injured": injured.get("best"),
            "actor1_key": keys.get(role1.get("actor_id") or ""),
            "actor1": names_by_actor.get(role1.get("actor_id") or "") or role1.get("name"),
            "actor2_key": keys.get(role2.get("actor_id") or ""),
            "actor2": names_by_actor.get(role2.get("actor_id") or "") or role2.get("name"),
            "said_by": said_by,
            "outlet": outlet,
            "features": json.dumps({
                "countries": sorted(countries), "places": sorted(places), "actors": sorted(actors),
                "names": _names(text, lo, hi, taken),
                "days": sorted({own} | set(sentence_days)) if own else [],
                "dates": date_tokens(result.get("times", []), lo, hi),
                "words": content_words(text, lo, hi),
                "lead_words": content_words(text, 0, lead),
                "lead_names": _names(text, 0, lead, []),
                "lead_dates": date_tokens(result.get("times", []), 0, lead),
            }, ensure_ascii=False),
            "evidence": json.dumps(evidence, ensure_ascii=False),
        })
    return rows


def event_actor_rows(result: dict, rows: list[dict]) -> list[dict]:
    """(event, actor) links: the event's roles first, then actors mentioned in its sentence."""
    links = []
    for row in rows:
        seen = set()
        for role in ("actor1", "actor2"):
            key = row[f"{role}_key"]
            if key and key not in seen:
                seen.add(key)
                links.append({"ref": row["ref"], "key": key, "role": role, "doc_id": row["doc_id"]})
        for key in json.loads(row["features"])["actors"]:
            if key not in seen:
                seen.add(key)
                links.append({"ref": row["ref"], "key": key, "role": "mentioned", "doc_id": row["doc_id"]})
    return links


def actor_rows(result: dict, keys: dict[str, str]) -> list[dict]:
    """One row per actor of the document, under its cross-document key."""
    return [{
        "doc_id": result["id"], "actor_id": a["id"], "key": keys[a["id"]], "name": a["name"],
        "kind": a.get("kind"), "aliases": json.dumps(sorted(set(a.get("aliases", []))), ensure_ascii=False),
        "mentions": len(a.get("mentions", [])),
    } for a in result.get("actors", [])]
