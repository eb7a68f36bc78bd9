"""Where an event happened: a place of its sentences from the place layer, never a country used as an adjective
or a party, a dateline or what a protest is about; else a country from the paragraph, document or actors."""
from __future__ import annotations

import re

from ...analysis import Analysis
from ...model import Location, Span
from ...resources import load_json
from ...knowledge.gazetteer import gazetteer
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


#: Words whose object is what a statement or a protest is about ("condemning the aggression on Gaza").
TOPIC_WORDS = {"condemn", "denounce", "solidarity", "aggression", "recognition", "genocide", "atrocity",
               "invasion", "occupation", "persecution", "highlight"}


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
        if head.lemma_.lower() in TOPIC_WORDS:
            return True  # "condemning Israel's aggression on Gaza", "solidarity with Palestine"
        if cause:
            gov = head if tok.dep_ == "prep" else head.head
            return gov.lemma_.lower() in PROTEST_ACTS | PROTEST_WORDS | GATHER
        tok = head
    return False


#: "near the border with Somalia", "raiders from Sudan", "withdrew towards Mali": a country named as where
#: someone came from or went to, or as the other side of a border, is not where the event happened.
ELSEWHERE_BEFORE = re.compile(r"(?i)\b(?:towards?|fled to|returned to|back to|deported to|"
                              r"(?:raiders|militants|fighters|gunmen|herders|pastoralists|bandits|refugees|troops|"
                              r"forces|group|men|militia|tribesmen|nationals|migrants|jihadists) from)\s+(?:the\s+)?$")


def elsewhere_place(text: str, place) -> bool:
    """A country named as the far side of a border, an origin or a destination ("fled to Chad")."""
    from ..places import far_side

    if place.feature != "country":
        return False
    return ELSEWHERE_BEFORE.search(text[max(0, place.span.start - 30):place.span.start]) is not None or \
        far_side(text, place.span.start, place.span.end)


def inside_name(analysis: Analysis, place) -> bool:
    """'University of Nairobi students', 'Kisumu Girls' School': a place named inside an organisation's name
    says where that body is, a weaker clue to the scene than a place the text gives as such."""
    from ..places import in_body_name

    return in_body_name(analysis.doc, analysis.text, place.span.start, place.span.end)


def event_location(analysis: Analysis, sents, trigger: Span, heads=()) -> Location | None:
    inside = inside_sentences(analysis, "places", sents)
    inside = [p for p in inside if (inside_name(analysis, p) or not modifier_place(analysis.doc, p)) and
              not dateline(analysis.text, p.span) and not _partner_place(analysis.doc, p) and
              not elsewhere_place(analysis.text, p)]  # "Rangpur Press Club": a body's place ranks last, but counts
    # "police in Baghdad said ...": the place of whoever reports this event is not where it happened
    sources = [a.source for a in analysis.attributions if a.source is not None and a.content.contains(trigger)]
    inside = [p for p in inside if not any(s.contains(p.span) for s in sources)]
    inside = [p for p in inside if not _topic_place(analysis.doc, p)] or inside
    if not inside:
        return None
    rank = RANK
    main_heads = list(heads)[:1]
    towns = {p.country_iso3 for p in inside if p.feature != "country"}
    best = min(inside, key=lambda p: (p.feature == "country" and p.country_iso3 in towns,  # the town, not its country
                                      inside_name(analysis, p), not _attached(analysis.doc, p, main_heads),
                                      not _attached(analysis.doc, p, heads), rank.get(p.feature or "", 2),
                                      abs(p.span.start - trigger.start)))
    admin1 = best.admin1
    named = [p for p in inside if p is not best and p.country_iso3 == best.country_iso3 and
             not inside_name(analysis, p)]  # "the Chittagong Hill Tracts Commission" names no region of the scene
    region = next((p for p in named if p.feature == "admin1"), None) or \
        next((p for p in named if p.feature == "admin2"), None)
    if region is not None and region.admin1:
        admin1 = region.admin1  # a region the text names beats the one inferred for the town
    return Location(name=best.name, country_iso3=best.country_iso3, admin1=admin1, lat=best.lat, lon=best.lon,
                    precision=best.precision, span=best.span)


ARMED_NOUNS = {"troops", "troop", "force", "forces", "army", "military", "jet", "jets", "drone", "airstrike", "strike",
               "soldier", "soldiers", "navy", "aircraft", "warplane", "missile", "official", "officials", "government",
               # armed men who cross borders: "Ethiopian raiders kill Kenyan fishermen" happened in Kenya
               "raider", "raiders", "militant", "militants", "militia", "militiamen", "gunmen", "gunman", "fighters",
               "fighter", "rebels", "rebel", "bandits", "tribesmen"}


#: Foreigners and foreign bodies named by their nationality ("Chinese workers", "Norwegian investors").
FOREIGN = {"company", "firm", "business", "embassy", "national", "nationals", "citizen", "citizens", "tourist",
           "tourists", "missionary", "missionaries", "diplomat", "diplomats", "investor", "investors", "worker",
           "workers", "engineer", "engineers", "journalist", "journalists", "aid", "contractor", "contractors",
           "vessel", "ship", "priest", "nun"}


def _country_location(iso3: str | None, span: Span | None = None) -> Location | None:
    entry = gazetteer().by_iso3.get(iso3 or "")
    return Location(name=entry["name"], country_iso3=iso3, precision=3) if entry else None


RANK = {"site": 0, "city": 0, "district": 1, "admin2": 1, "region": 2, "admin1": 2, "country": 3}


def _scene_places(analysis: Analysis) -> list:
    """The document's places that can stand for where things happened: not a party ("a deal with the US"),
    not the far side of a border or an origin, not what a protest is about."""
    doc, text = analysis.doc, analysis.text
    places = [p for p in analysis.places if p.country_iso3 and not _partner_place(doc, p) and
              not elsewhere_place(text, p)]
    return [p for p in places if not _topic_place(doc, p)] or places


def _paragraph(text: str, at: int) -> tuple[int, int]:
    start = text.rfind("\n", 0, at) + 1
    end = text.find("\n", at)
    return start, len(text) if end < 0 else end


def best_in_country(analysis: Analysis, iso3: str | None, at: int | None = None) -> Location | None:
    """The most precise place named in one country in the paragraph at ``at`` ("... in Mombasa." for a Kenyan
    event told in the next sentence), else the country itself: the fallback keeps the town and its region when
    it can. Without ``at``: a one-paragraph report's places, or an article's dateline."""
    if not iso3:
        return None
    text = analysis.text
    places = [p for p in _scene_places(analysis) if p.country_iso3 == iso3]
    if at is not None:
        lo, hi = _paragraph(text, at)
        places = [p for p in places if lo <= p.span.start < hi or dateline(text, p.span)]
    elif "\n" in text.strip():
        places = [p for p in places if dateline(text, p.span)]
    if not places:
        return _country_location(iso3)
    lines = [p for p in places if not dateline(analysis.text, p.span)]
    best = min(lines or places, key=lambda p: (inside_name(analysis, p), RANK.get(p.feature or "", 2), p.span.start))
    if best.feature == "country":
        return _country_location(iso3)
    admin1 = best.admin1
    region = next((p for p in places if p.feature in ("admin1", "admin2") and p is not best and p.admin1 and
                   not inside_name(analysis, p)), None)
    if best.feature not in ("admin1", "admin2") and region is not None and \
            all(p.admin1 == region.admin1 for p in places if p.feature in ("admin1", "admin2")):
        admin1 = region.admin1  # "Saylac town (Zeylac, Awdal)": the region the text names beats the inferred one
    return Location(name=best.name, country_iso3=iso3, admin1=admin1, lat=best.lat, lon=best.lon,
                    precision=best.precision, span=best.span)


def named_country(analysis: Analysis, cluster: Cluster) -> Location | None:
    """When an event names no place: the people it is about ("Iranians who took to the streets"), else a
    country named earlier in the same paragraph, before the country of the whole document; the document's
    most precise place in that country stands for it when there is one."""
    demonyms = load_json("places.json").get("demonyms", {})
    for ent in ents_in(cluster.sent):
        if ent.label_ != "NORP" or ent.root.head.lemma_.lower() in ARMED_NOUNS or ent.root.lower_ in ARMED_NOUNS:
            continue  # "US jets", "Russian troops": who acts abroad, not where
        head = ent.root.head
        if ent.root.dep_ in ("amod", "compound", "nmod") and head.lemma_.lower() in FOREIGN \
                or re.match(r"-\w+|\s+origin", analysis.text[ent.end_char:ent.end_char + 8]):
            continue  # "an Italian missionary", "a Chinese company", "French-owned", "of Somali origin": one
            #           foreigner or a foreign firm where the event happened, not the country it happened in
        word = ent.text.split()[-1]
        iso3 = demonyms.get(word) or (demonyms.get(word[:-1]) if word.endswith("s") else None)
        if iso3:
            return best_in_country(analysis, iso3, cluster.sent.start_char)
    text = analysis.text
    start = cluster.sent.start_char
    para = max(text.rfind("\n\n", 0, start), text.rfind("\n", 0, start))
    named = [p for p in analysis.places if p.feature == "country" and para < p.span.start < start and
             not modifier_place(analysis.doc, p) and not _partner_place(analysis.doc, p) and
             not elsewhere_place(text, p)]
    if named:
        return best_in_country(analysis, named[-1].country_iso3, start)
    return None


def _elsewhere_countries(analysis: Analysis) -> set[str]:
    """Countries the document names only as a border's far side, an origin or a destination."""
    text = analysis.text
    far = {p.country_iso3 for p in analysis.places if elsewhere_place(text, p)}
    demonyms = load_json("places.json").get("demonyms", {})
    for m in re.finditer(r"\b([A-Z][a-z]+)[\s-]+(?:border|frontier)\b", text):  # "near the Somali border"
        if m.group(1) in demonyms:
            far.add(demonyms[m.group(1)])
    return far - {p.country_iso3 for p in _scene_places(analysis)}


def actor_country(analysis: Analysis, cluster: Cluster, *roles) -> Location | None:
    """Last resort: the country of a national force or of a group that operates in one country only
    ("Military Forces of Mali ... in Hombori", a village no gazetteer knows): the event's roles first,
    then the actors named in its sentence, if they agree on one country. A group active in several
    countries counts when the text rules out all but one ("attacked a post near the border with Somalia")."""
    from ..places import actor_countries

    far = _elsewhere_countries(analysis)
    for role in roles:
        actor = next((a for a in analysis.actors if role is not None and a.id == role.actor_id), None)
        if actor is None:
            continue
        countries = actor_countries([actor])
        if len(countries) > 1:
            countries = countries - far
        if len(countries) == 1:
            return best_in_country(analysis, next(iter(countries)), cluster.sent.start_char)
    sent = Span.of(analysis.text, cluster.sent.start_char, cluster.sent.end_char)
    named = list({id(a): a for _, a in analysis.within("mentions", sent.start, sent.end)}.values())
    countries = actor_countries(named)
    if len(countries) > 1:
        countries = countries - far
    return best_in_country(analysis, next(iter(countries)), sent.start) if len(countries) == 1 else None


def document_country(analysis: Analysis) -> Location | None:
    """When an event names no place, the one country the whole document is about, if there is one, with
    the most precise place the document names there."""
    countries = {p.country_iso3 for p in _scene_places(analysis)}
    if len(countries) != 1:
        return None
    return best_in_country(analysis, countries.pop())
