"""Events: who did what to whom, when, where, how many were killed, and who says so.

Triggers come from the team's lexicon (``resources/event_triggers.json``) and are
typed with ACLED's event and sub-event types. Triggers linked in the dependency
parse ("an airstrike killed ...") form one event, and a definite mention
("the attack") folds into the recent event it refers to, so several words or
places in a sentence never multiply one event. Roles come from the parse, the
date from the time layer, the place from the place layer, the status from the
attribution layer and hedge words.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from ..model import Count, Event, EventDate, Location, Role, Span
from ..pipeline import Analysis, Stage
from ..resources import load_json
from ..textutil import matchable
from .counts import parse_count

# Status words, matched against the words of the trigger's own clause (see _status).
HEDGES = re.compile(r"(?i)^(reportedly|allegedly|alleged|purportedly|purported|supposedly|apparently|unconfirmed|"
                    r"rumou?red|suspected|presumably|possibly|probably|likely|unverified)$")
HEDGED_REPORTS = re.compile(r"(?i)^(say|believe|think|report|allege|rumou?r|suspect|understand|claim|presume)$")
CONDITIONAL = re.compile(r"(?i)^(if|unless|would|could|might|may|should|will|shall|wo|ca|threaten|plan|intend|vow|"
                         r"prepare|want|seek|aim|hope|consider|propose)$")
DENIAL = re.compile(r"(?i)^(deny|denial|reject|dismiss|refute|rebut|disown|disavow)$")
VICTIM_DEPS = ("dobj", "nsubjpass", "pobj")


@lru_cache(maxsize=1)
def triggers():
    data = load_json("event_triggers.json")
    phrases = sorted(data["phrases"].items(), key=lambda kv: -len(kv[0]))
    return data["lemmas"], phrases, frozenset(data["noun_only"]), frozenset(data["fatal"])


@dataclass
class _Candidate:
    tokens: list  # spaCy tokens that trigger it
    start: int
    end: int
    event_type: str
    sub_event_type: str
    rank: int
    fatal: bool = False
    members: list = field(default_factory=list)


def _find_candidates(doc, text: str) -> list[_Candidate]:
    lemmas, phrases, noun_only, fatal = triggers()
    plain = matchable(text).lower()
    found: list[_Candidate] = []
    used: set[int] = set()
    for phrase, (etype, sub, rank) in phrases:
        for m in re.finditer(r"(?<!\w)" + re.escape(phrase) + r"(?!\w)", plain):
            span = doc.char_span(m.start(), m.end(), alignment_mode="expand")
            if span is None or any(t.i in used for t in span):
                continue
            used.update(t.i for t in span)
            found.append(_Candidate(list(span), m.start(), m.end(), etype, sub, rank, fatal=False))
    for tok in doc:
        if tok.i in used:
            continue
        lemma = tok.lemma_.lower()
        key = lemma if lemma in lemmas else tok.lower_ if tok.lower_ in lemmas else None
        if key is None:
            continue
        if key in noun_only and tok.pos_ not in ("NOUN", "PROPN") and key not in ("kill",):
            if tok.pos_ != "VERB" or key in ("killing", "massacre", "execution", "hostage"):
                continue
        if tok.pos_ not in ("NOUN", "VERB", "PROPN", "ADJ"):
            continue
        etype, sub, rank = lemmas[key]
        found.append(_Candidate([tok], tok.idx, tok.idx + len(tok.text), etype, sub, rank,
                                fatal=key in fatal))
    for cand in found:
        cand.fatal = cand.fatal or any(t.lemma_.lower() in fatal for t in cand.tokens)
    return sorted(found, key=lambda c: c.start)


def _linked(a: _Candidate, b: _Candidate) -> bool:
    """True when two triggers in one sentence are one event in the parse."""
    for ta in a.tokens:
        for tb in b.tokens:
            if ta.head == tb or tb.head == ta or ta.head == tb.head and ta.dep_ in ("conj",) or \
                    (ta.head.head == tb and ta.head.dep_ in ("prep", "agent", "dobj")) or \
                    (tb.head.head == ta and tb.head.dep_ in ("prep", "agent", "dobj")):
                return True
            if ta.head == tb.head and "compound" in (ta.dep_, tb.dep_):
                return True
    return False


def _group(candidates: list[_Candidate]) -> list[list[_Candidate]]:
    groups: list[list[_Candidate]] = []
    for cand in candidates:
        sent = cand.tokens[0].sent
        for group in groups:
            if group[0].tokens[0].sent == sent and any(_linked(cand, other) for other in group):
                group.append(cand)
                break
        else:
            groups.append([cand])
    return groups


def _anaphoric(cand: _Candidate) -> bool:
    """'the attack', 'that massacre': a definite noun that refers back to a told event."""
    head = cand.tokens[-1]
    return head.pos_ == "NOUN" and any(c.dep_ == "det" and c.lower_ in ("the", "this", "that") for c in head.children) \
        and not any(c.dep_ == "prep" for c in head.children)


def _role(analysis: Analysis, token) -> Role | None:
    if token is None:
        return None
    tokens = [t for t in token.subtree if t.dep_ not in ("relcl", "acl", "appos", "punct") or t == token]
    # keep the contiguous part around the head
    start = min(t.idx for t in tokens if abs(t.i - token.i) <= 6)
    end = max(t.idx + len(t.text) for t in tokens if abs(t.i - token.i) <= 6)
    text = analysis.text
    while start < end and text[start] in " ,":
        start += 1
    span = Span.of(text, start, end)
    actors = [(m.start, a) for a in analysis.actors for m in a.mentions if span.contains(m) or m.overlaps(span)]
    if actors:
        actor = min(actors, key=lambda x: x[0])[1]
        return Role(name=actor.name, actor_id=actor.id, span=span)
    if token.pos_ in ("PRON",) or token.ent_type_ in ("GPE", "LOC", "FAC", "DATE", "CARDINAL"):
        return None
    return Role(name=span.text, actor_id=None, span=span)


def _roles(analysis: Analysis, group: list[_Candidate]) -> tuple[Role | None, Role | None, object]:
    actor1 = actor2 = victim_token = None
    for cand in group:
        tok = cand.tokens[-1]
        if tok.pos_ == "VERB":
            for child in tok.children:
                if child.dep_ == "nsubj" and actor1 is None and not any(child == c.tokens[-1] for c in group):
                    actor1 = _role(analysis, child)
                elif child.dep_ == "nsubj" and actor1 is None:
                    pass
                elif child.dep_ == "agent" and actor1 is None:
                    pobj = next((g for g in child.children if g.dep_ == "pobj"), None)
                    actor1 = _role(analysis, pobj)
                elif child.dep_ in ("dobj", "nsubjpass") and actor2 is None:
                    actor2 = _role(analysis, child)
                    victim_token = child
        else:
            for child in tok.children:
                if child.dep_ in ("compound", "amod", "nmod", "poss") and actor1 is None:
                    role = _role(analysis, child)
                    if role is not None and role.actor_id is not None:
                        actor1 = role
                if child.dep_ == "prep" and child.lower_ in ("of", "against", "on") and actor2 is None:
                    pobj = next((g for g in child.children if g.dep_ == "pobj"), None)
                    if pobj is not None and pobj.ent_type_ not in ("GPE", "LOC", "FAC"):
                        actor2 = _role(analysis, pobj)
                        victim_token = pobj
                if child.dep_ == "prep" and child.lower_ == "by" and actor1 is None:
                    pobj = next((g for g in child.children if g.dep_ == "pobj"), None)
                    actor1 = _role(analysis, pobj)
            if tok.dep_ == "nsubj" and actor1 is None:
                pass
    return actor1, actor2, victim_token


def _fatalities(analysis: Analysis, group: list[_Candidate], victim_token) -> Count | None:
    text = analysis.text
    if not any(c.fatal for c in group):
        return None
    windows = []
    if victim_token is not None:
        sub = list(victim_token.subtree)
        windows.append((sub[0].idx, victim_token.idx + len(victim_token.text)))
    for cand in group:
        if cand.fatal:
            sent = cand.tokens[0].sent
            windows.append((max(sent.start_char, cand.start - 40), cand.start))  # "52 people were killed"
            windows.append((cand.end, min(sent.end_char, cand.end + 60)))       # "killing several dozen"
    for start, end in windows:
        count = parse_count(text, start, end)
        if count is not None:
            return count
    return None


def _date(analysis: Analysis, sentence: Span, trigger: Span) -> EventDate | None:
    inside = [t for t in analysis.times if sentence.contains(t.span) and t.type in ("DATE", "TIME")
              and re.match(r"\d{4}", t.value)]
    if not inside:
        return None
    intervals = [t for t in inside if "/" in t.value]
    best = intervals[0] if intervals else min(inside, key=lambda t: abs(t.span.start - trigger.start))
    return EventDate(value=best.value, span=best.span)


def _location(analysis: Analysis, sentence: Span, trigger: Span) -> Location | None:
    inside = [p for p in analysis.places if sentence.contains(p.span)]
    if not inside:
        return None
    best = min(inside, key=lambda p: (p.precision or 3, p.feature == "country", abs(p.span.start - trigger.start)))
    admin1 = best.admin1
    if admin1 is None:
        region = next((p for p in inside if p.feature == "admin1" and p.country_iso3 == best.country_iso3), None)
        admin1 = region.admin1 if region else None
    return Location(name=best.name, country_iso3=best.country_iso3, admin1=admin1, lat=best.lat, lon=best.lon,
                    precision=best.precision, span=best.span)


def _status(analysis: Analysis, sentence: Span, trigger: Span, head) -> tuple[str, str | None]:
    """Who stands behind an event: a reported source, a denial, a hedge, a condition, or the article.

    Inside an attribution's content the event is that source's (``attributed``; ``denied`` when the
    cue is a denial, ``hypothetical`` when it is a threat or plan). Otherwise the trigger's own clause
    decides: the trigger and the words governing it up to where another clause begins, so "he said
    that" elsewhere in the sentence is not counted. Negation or a denying verb above it -> ``denied``;
    a hedge word or "is said/believed to" -> ``hedged``; "if", a modal or "threatened / planned to"
    -> ``hypothetical``; else ``asserted``.
    """
    for attribution in analysis.attributions:
        if attribution.content.contains(trigger):
            try:
                cue = attribution.cue and head.doc.char_span(attribution.cue.start, attribution.cue.end,
                                                              alignment_mode="expand")
            except (IndexError, ValueError):
                cue = None
            if cue is not None and any(DENIAL.match(t.lemma_) for t in cue):
                return "denied", attribution.id
            if cue is not None and any(CONDITIONAL.match(t.lemma_) and t.pos_ == "VERB" for t in cue):
                return "hypothetical", attribution.id  # "threatened to bomb": an intention, not a report
            return "attributed", attribution.id
    chain = [head]  # "were reportedly killed", "threatened to attack"
    while chain[-1].head is not chain[-1] and len(chain) <= 4 and chain[-1].dep_ not in (
            "ccomp", "advcl", "relcl", "acl", "parataxis", "conj", "appos", "ROOT"):
        chain.append(chain[-1].head)
    words = [t for link in chain for t in [link, *link.children]]
    if any(t.dep_ == "neg" for t in words) or any(c.dep_ == "det" and c.lower_ == "no" for c in head.children) or \
            any(DENIAL.match(a.lemma_) for a in head.ancestors):
        return "denied", None
    if any(HEDGES.match(t.lower_) for t in words) or any(
            HEDGED_REPORTS.match(link.lemma_) and any(c.dep_ == "auxpass" for c in link.children) for link in chain[1:]):
        return "hedged", None
    if any(c.dep_ == "mark" and c.lower_ in ("if", "unless") for link in chain for c in link.children) or any(
            t.tag_ == "MD" and CONDITIONAL.match(t.lower_) for t in words) or any(
            CONDITIONAL.match(link.lemma_) and link.pos_ == "VERB" for link in chain[1:]):
        return "hypothetical", None
    return "asserted", None


def find_events(analysis: Analysis) -> list[Event]:
    doc, text = analysis.doc, analysis.text
    events: list[Event] = []
    recent: list[tuple[Event, int]] = []  # (event, sentence index) for anaphora
    sent_index = {s.start: i for i, s in enumerate(doc.sents)}
    for group in _group(_find_candidates(doc, text)):
        main = min(group, key=lambda c: (c.rank, c.start))
        sent = main.tokens[0].sent
        sentence = Span.of(text, sent.start_char, sent.end_char)
        trigger = Span.of(text, main.start, main.end)
        actor1, actor2, victim = _roles(analysis, group)
        fatalities = _fatalities(analysis, group, victim)
        here = sent_index[sent.start]
        if all(_anaphoric(c) or c.fatal for c in group) and any(_anaphoric(c) for c in group):
            target = next((e for e, i in reversed(recent) if here - i <= 3), None)
            if target is not None:
                if target.fatalities is None and fatalities is not None:
                    target.fatalities = fatalities
                if target.actor2 is None and actor2 is not None:
                    target.actor2 = actor2
                continue
        status, attribution_id = _status(analysis, sentence, trigger, main.tokens[-1])
        event = Event(id=f"e{len(events) + 1}", event_type=main.event_type, sub_event_type=main.sub_event_type,
                      trigger=trigger, sentence=sentence, actor1=actor1, actor2=actor2, fatalities=fatalities,
                      date=_date(analysis, sentence, trigger), location=_location(analysis, sentence, trigger),
                      status=status, attribution_id=attribution_id)
        filled = sum(x is not None for x in (actor1, actor2, event.date, event.location, fatalities))
        event.confidence = round(min(0.95, 0.4 + 0.1 * filled + (0.05 if main.rank <= 2 else 0)), 2)
        events.append(event)
        recent.append((event, here))
    return events


def _run(analysis: Analysis) -> None:
    analysis.events = find_events(analysis)


STAGE = Stage("events", _run, requires=("doc", "times", "actors", "places", "attributions"), assigns=("events",))
