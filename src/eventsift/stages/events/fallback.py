"""One event for a short report the cue rules find nothing in ("Bandits raid villages, attack civilians",
"Movement of forces: ... were seen in ...").

A note or news snippet of at most ``MAX_SENTENCES`` sentences and ``MAX_CHARS`` characters that tells no cue
event still usually reports one. Its first sentence's root predicate stands in for the cue, and the event-type
model (trained on such notes too, with the rules' choice recorded as ``none``) types it; the event is kept only
where the model gives its type at least ``MIN_PROBABILITY`` and the report names a party of political violence or
a toll (fixed settings: the notes have no reports without an event to tune them on). Longer texts never get one, so an article, a table or a list of headlines that names no
event stays without. Roles, tolls, date, place and status come from the same functions as every other event.
"""
from __future__ import annotations

from ...analysis import Analysis
from ...model import Event, Span
from .. import casualties, event_model
from ..event_types import Cue
from .candidates import is_headline_list
from .classify import kind, role_tokens, target_lemmas
from .cluster import Cluster
from .dates import event_date, reported_date
from .participants import DOERS, TOLD, roles
from .place import actor_country, document_country, event_location, named_country
from .status import event_status
from .words import PARTICIPANTS

MAX_SENTENCES = 3
MAX_CHARS = 700
MIN_PROBABILITY = 0.5
NO_RULE = "none"  # what the rules chose: nothing
PREDICATES = {"VERB", "AUX", "NOUN", "PROPN"}


#: Who takes part in political violence: a report must name one (or a toll) to get a fallback event, since the
#: notes the model learned from all tell events and it has never seen a report that tells none.
PARTIES = DOERS | TOLD | PARTICIPANTS | {
    "soldier", "troop", "army", "police", "policeman", "policemen", "militia", "militiaman", "rebel", "jihadist",
    "extremist", "terrorist", "force", "security", "gendarme", "vigilante", "clan", "crowd", "youth", "guerrilla",
    "combatant", "separatist", "thug", "gang", "rustler", "pirate", "assailant", "shabaab", "taliban"}
ARMED_KINDS = {"state_forces", "armed_group"}


def _names_a_party(sent, kinds, deaths, injured) -> bool:
    if deaths is not None or injured is not None or set(kinds) & ARMED_KINDS:
        return True
    return any(t.lemma_.lower() in PARTIES or t.lower_ in PARTIES for t in sent)


def _first_sentence(doc):
    sents = [s for s in doc.sents if sum(t.is_alpha for t in s) >= 3]
    if not sents or len(sents) > MAX_SENTENCES:
        return None
    return sents[0]


def fallback_event(analysis: Analysis, keep_candidate: bool = False) -> Event | None:
    """The event of a short report without cue events, or None. ``keep_candidate``: return it untyped
    (sub-type ``Other``, its features in ``typing``) whatever the model says, for training."""
    doc, text = analysis.doc, analysis.text
    if len(text) > MAX_CHARS:
        return None
    sent = _first_sentence(doc)
    if sent is None or sent.root.pos_ not in PREDICATES or is_headline_list(text):
        return None
    head = sent.root
    cue = Cue("other", [head], head.idx, head.idx + len(head.text))
    cluster = Cluster([cue], sent, 0, [sent])
    actor1, actor2, targets = roles(analysis, [cue])
    deaths = casualties.people(text, [sent], casualties.DEATH)
    injured = casualties.people(text, [sent], casualties.HURT)
    kinds = (kind(analysis, actor1), kind(analysis, actor2))
    if not _names_a_party(sent, kinds, deaths, injured):
        return None
    typing = event_model.features(sent, [], head, NO_RULE, kinds,
                                  (role_tokens(analysis, actor1), role_tokens(analysis, actor2)),
                                  target_lemmas(targets, actor2, [sent]), deaths.best if deaths else None,
                                  injured.best if injured else None)
    typing["fallback"] = 1.0
    probs = event_model.probabilities(typing)
    if probs:
        sub = max(probs, key=probs.get)
        if probs[sub] < MIN_PROBABILITY:
            return None
    elif keep_candidate:
        sub = "Other"
    else:
        return None
    trigger = Span.of(text, cue.start, cue.end)
    sentence = Span.of(text, sent.start_char, sent.end_char)
    date = event_date(analysis, [sent], trigger, head) or reported_date(analysis, [sent])
    location = event_location(analysis, [sent], trigger, [head]) or named_country(analysis, cluster) or \
        document_country(analysis) or actor_country(analysis, cluster, actor1, actor2)
    status, attribution_id = event_status(analysis, sentence, trigger, head)
    etype = event_model.SUB_EVENT_TYPES[sub]
    if etype in ("Strategic developments", "Protests") and deaths is not None and deaths.best == 0:
        deaths = None
    return Event(id="e1", event_type=etype, sub_event_type=sub, trigger=trigger, sentence=sentence, actor1=actor1,
                 actor2=actor2, fatalities=deaths, injured=injured, date=date, location=location, status=status,
                 attribution_id=attribution_id, typing=typing, confidence=0.3)
