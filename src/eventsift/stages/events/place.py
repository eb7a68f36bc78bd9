"""Where an event happened: a place of its sentences from the place layer, never a country used as an adjective
or a party, a dateline or what a protest is about; else a country from the paragraph, document or actors."""
from __future__ import annotations

import re

from ...analysis import Analysis
from ...model import Location, Span
from ...resources import load_json
from ..gazetteer import gazetteer
from .cluster import Cluster
from .dates import inside_sentences
from .syntax import clause, ents_in
from .words import ADMIN_UNITS, GATHER, LOCATIVE_HEADS, PROTEST_ACTS, PROTEST_WORDS


def _partner_place(doc, place) -> bool:
    """'an agreement with the US', 'a strike by the U.S.': a country named as a party, not a place."""
    span = doc.char_span(place.span.start, place.span.end, alignment_mode="expand")
    if span is None or place.feature != "country":
        return False
    root = span.root
    return root.dep_ == "pobj" and root.head.lower_ in ("with", "by", "for", "against", "from")


def modifier_place(doc, place) -> bool:
    """'a US airstrike', 'Iraq's government': a place name used as an adjective, not where it happened."""
    span = doc.char_span(place.span.start, place.span.end, alignment_mode="expand")
    if span is None:
        return False
    first = span[0]
    previous = doc[first.i - 1] if first.i > 0 else None
    before_comma = doc[first.i - 2] if first.i > 1 else None
    if previous is not None and (previous.text == "(" or previous.text == "," and before_comma is not None and
                                 (before_comma.pos_ == "PROPN" and before_comma.ent_type_ not in ("DATE", "TIME") or
                                  before_comma.lemma_.lower() in LOCATIVE_HEADS | ADMIN_UNITS)):
        return False  # "Bulo Marer (Marka, Lower Shabelle)", "Paletwa township, Chin state": a place list
    root = span.root
    if root.lemma_.lower() in ADMIN_UNITS | LOCATIVE_HEADS and root.pos_ == "NOUN":
        return False  # "Chin state" hung on the verb as an adverbial: still the scene
    if root.dep_ in ("amod", "compound", "nmod", "poss", "npadvmod"):
        head = root.head
        if doc.text[span.end_char:head.idx].strip() == "-" and head.pos_ == "PROPN":
            return False  # "at Dhaka - Badda": a city and its district, as conflict monitors write them
        return head.lemma_.lower() not in LOCATIVE_HEADS and head.ent_type_ not in ("GPE", "LOC", "FAC")
    return False


DATELINE = re.compile(r"[^\S\n]*[A-Z][A-Za-z .'-]{1,40}(?:,\s*[A-Z][A-Za-z .'-]{1,30})?\s*(?:\(\w+\)\s*)?[—–-]{1,2}\s")


def dateline(text: str, span: Span) -> bool:
    """'MAIDUGURI, Nigeria — ...': the place a report was filed from opens the paragraph; not the scene."""
    line_start = text.rfind("\n", 0, span.start) + 1
    if text[line_start:span.start].strip():
        head = text[line_start:span.start]
        if not re.fullmatch(r"[^\S\n]*[A-Z][A-Za-z .'-]{1,40},\s*", head):
            return False
    return DATELINE.match(text, line_start) is not None and span.end <= line_start + DATELINE.match(
        text, line_start).end()


def _attached(doc, place, heads) -> bool:
    """True when the place hangs in the parse under the event's cue or the verb that governs it."""
    span = doc.char_span(place.span.start, place.span.end, alignment_mode="expand")
    if span is None:
        return False
    anchors = {h.i for h in heads} | {clause(h).i for h in heads}
    tok = span.root
    for _ in range(6):
        if tok.i in anchors:
            return True
        if tok.head == tok:
            return False
        tok = tok.head
    return False


def _topic_place(doc, place) -> bool:
    """'gathered in Moscow to protest against the invasion of Ukraine', 'in support of Palestinians in Gaza':
    the place a protest is about, not where it is held."""
    span = doc.char_span(place.span.start, place.span.end, alignment_mode="expand")
    if span is None:
        return False
    tok = span.root
    for _ in range(8):
        if tok.head == tok:
            return False
        head = tok.head
        cause = tok.dep_ == "prep" and tok.lower_ in ("against", "over") or \
            tok.lemma_.lower() in ("support", "solidarity") and head.lower_ == "in"
        if cause:
            gov = head if tok.dep_ == "prep" else head.head
            return gov.lemma_.lower() in PROTEST_ACTS | PROTEST_WORDS | GATHER
        tok = head
    return False


def event_location(analysis: Analysis, sents, trigger: Span, heads=()) -> Location | None:
    inside = inside_sentences(analysis, "places", sents)
    inside = [p for p in inside if not modifier_place(analysis.doc, p) and not dateline(analysis.text, p.span)
              and not _partner_place(analysis.doc, p)]
    # "police in Baghdad said ...": the place of whoever reports this event is not where it happened
    sources = [a.source for a in analysis.attributions if a.source is not None and a.content.contains(trigger)]
    inside = [p for p in inside if not any(s.contains(p.span) for s in sources)]
    inside = [p for p in inside if not _topic_place(analysis.doc, p)] or inside
    if not inside:
        return None
    rank = {"site": 0, "city": 0, "district": 1, "admin2": 1, "region": 2, "admin1": 2, "country": 3}
    main_heads = list(heads)[:1]
    best = min(inside, key=lambda p: (not _attached(analysis.doc, p, main_heads), not _attached(analysis.doc, p, heads),
                                      rank.get(p.feature or "", 2), abs(p.span.start - trigger.start)))
    admin1 = best.admin1
    region = next((p for p in inside if p.feature == "admin1" and p.country_iso3 == best.country_iso3
                   and p is not best), None) or next((p for p in inside if p.feature == "admin2" and
                                                      p.country_iso3 == best.country_iso3 and p is not best), None)
    if region is not None and region.admin1:
        admin1 = region.admin1  # a region the text names beats the one inferred for the town
    return Location(name=best.name, country_iso3=best.country_iso3, admin1=admin1, lat=best.lat, lon=best.lon,
                    precision=best.precision, span=best.span)


ARMED_NOUNS = {"troops", "troop", "force", "forces", "army", "military", "jet", "jets", "drone", "airstrike", "strike",
               "soldier", "soldiers", "navy", "aircraft", "warplane", "missile", "official", "officials", "government"}


def _country_location(iso3: str | None, span: Span | None = None) -> Location | None:
    entry = gazetteer().by_iso3.get(iso3 or "")
    return Location(name=entry["name"], country_iso3=iso3, precision=3) if entry else None


def named_country(analysis: Analysis, cluster: Cluster) -> Location | None:
    """When an event names no place: the people it is about ("Iranians who took to the streets"), else a
    country named earlier in the same paragraph, before the country of the whole document."""
    demonyms = load_json("places.json").get("demonyms", {})
    for ent in ents_in(cluster.sent):
        if ent.label_ != "NORP" or ent.root.head.lemma_.lower() in ARMED_NOUNS or ent.root.lower_ in ARMED_NOUNS:
            continue  # "US jets", "Russian troops": who acts abroad, not where
        word = ent.text.split()[-1]
        iso3 = demonyms.get(word) or (demonyms.get(word[:-1]) if word.endswith("s") else None)
        if iso3:
            return _country_location(iso3)
    text = analysis.text
    start = cluster.sent.start_char
    para = max(text.rfind("\n\n", 0, start), text.rfind("\n", 0, start))
    named = [p for p in analysis.places if p.feature == "country" and para < p.span.start < start and
             not modifier_place(analysis.doc, p) and not _partner_place(analysis.doc, p)]
    if named:
        return _country_location(named[-1].country_iso3)
    return None


def actor_country(analysis: Analysis, cluster: Cluster, *roles) -> Location | None:
    """Last resort: the country of a national force or of a group that operates in one country only
    ("Military Forces of Mali ... in Hombori", a village no gazetteer knows): the event's roles first,
    then the actors named in its sentence, if they agree on one country."""
    from ..places import actor_countries

    for role in roles:
        actor = next((a for a in analysis.actors if role is not None and a.id == role.actor_id), None)
        if actor is None:
            continue
        countries = actor_countries([actor])
        if len(countries) == 1:
            return _country_location(next(iter(countries)))
    sent = Span.of(analysis.text, cluster.sent.start_char, cluster.sent.end_char)
    named = list({id(a): a for _, a in analysis.within("mentions", sent.start, sent.end)}.values())
    countries = actor_countries(named)
    return _country_location(next(iter(countries))) if len(countries) == 1 else None


def document_country(analysis: Analysis) -> Location | None:
    """When an event names no place, the one country the whole document is about, if there is one."""
    countries = {p.country_iso3 for p in analysis.places if p.country_iso3}
    if len(countries) != 1:
        return None
    iso3 = countries.pop()
    entry = gazetteer().by_iso3.get(iso3)
    return Location(name=entry["name"] if entry else iso3, country_iso3=iso3, precision=3) if entry else None
