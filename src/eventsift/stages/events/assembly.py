"""Building the events of a document: each cluster either folds into an event told just before (a toll, a
definite mention, what the same people did next) or becomes a new event with its roles, date, place and type."""
from __future__ import annotations

import re

from ...analysis import Analysis
from ...model import Event, Span
from .. import casualties, event_model
from ..counts import add as add_counts
from ..event_types import LEMMA_FIXES, classify, group_of, priority
from .candidates import anaphoric, definite, find_clusters
from .classify import aftermath, attacker_lemmas, foreign, kind, lemmas, role_tokens, sentence_lemmas, target_lemmas
from .cluster import Cluster
from .dates import event_date, reported_date
from .participants import TOLD, roles, told_doers
from .place import actor_country, dateline, document_country, event_location, modifier_place, named_country
from .status import direct_quote, event_status
from .words import PARTICIPANTS


FOLD_WINDOW = 2  # sentences within which a bare mention or a toll refers back to an event
DEFINITE_WINDOW = 8  # ... and a definite one ("the attack", "that meeting")


def _fold_target(events: list[tuple[Event, Cluster]], cluster: Cluster, analysis: Analysis):
    """The earlier event a referring cluster ("The fighting left 6 dead") belongs to, if any."""
    core = [c for c in cluster.cues if c.head.dep_ not in ("compound", "amod", "nmod", "npadvmod")] or cluster.cues
    core = [c for c in core if c.family not in ("kill", "outcome")] or core  # "The strike also killed ..."
    if not events:
        return None
    gap = cluster.index - events[-1][1].index
    same_paragraph = "\n\n" not in analysis.text[events[-1][1].sent.end_char:cluster.sent.start_char]
    crowd_arrests = cluster.families <= {"arrest"} and events[-1][0].event_type in ("Protests", "Riots") and gap <= 1
    toll = (_toll_only(cluster) or gap == 1 and same_paragraph and _continues(cluster)) and 0 < gap and (
        gap <= FOLD_WINDOW and same_paragraph or
        gap <= DEFINITE_WINDOW and any(told_doers(c) for cue in cluster.cues for c in cue.head.children
                                       if c.dep_ == "nsubj"))  # "the attackers ... executed residents"
    if not (toll or all(anaphoric(c) for c in core) or _acts_on_told_event(cluster) or crowd_arrests):
        return None
    group = group_of(cluster.main.family)
    candidates = [(e, c) for e, c in events if group_of(c.main.family) == group or
                  cluster.families <= {"outcome", "kill", "abduct", "loot"} and group_of(c.main.family) == "violence"]
    if crowd_arrests:  # "Police arrested 12 of them.": how the protest was met
        candidates = events[-1:]
    if toll:  # "One protester was shot dead.": the violent event of the sentence before, else its last
        last = events[-1][1].index
        told = [(e, c) for e, c in events if c.index == last]
        candidates = [next(((e, c) for e, c in told if group_of(c.main.family) == "violence"), told[-1])]
    if not candidates:
        return None
    event, previous = candidates[-1]
    definite = all(any(c.dep_ == "det" and c.lower_ in ("the", "this", "that", "these", "those")
                       for c in cue.head.children) for cue in core if cue.family != "outcome")
    if cluster.index - previous.index > (DEFINITE_WINDOW if definite else FOLD_WINDOW):
        return None
    text = analysis.text
    span = Span.of(text, cluster.sent.start_char, cluster.sent.end_char)
    if any(span.contains(t.span) and t.type == "DATE" and re.match(r"\d{4}", t.value) and not (toll and t.relative)
           for t in analysis.times):
        return None  # a date of its own: another event (but "died of his wounds the next day" is this one's toll)
    sources = [a.source for a in analysis.attributions if a.source is not None]
    own = [p for p in analysis.places if span.contains(p.span) and not modifier_place(analysis.doc, p)
           and not dateline(text, p.span) and not any(src.contains(p.span) for src in sources)]
    if own and event.location and all(p.name != event.location.name for p in own):
        return None
    return event, previous


CUMULATIVE = re.compile(r"(?i)\b(since|so far|this (?:year|month|week)|in total|overall|cumulative|altogether|"
                        r"bring|brings|bringing|brought)\b")


def _revised_toll(cluster: Cluster) -> bool:
    """'The toll later rose to 14': a new figure for the told event, not a running total since some date."""
    tolls = {"toll", "fatality", "death", "casualty"}
    return all(c.family == "outcome" for c in cluster.cues) and \
        any(c.head.lemma_.lower() in tolls for c in cluster.cues) and not CUMULATIVE.search(cluster.sent.text)


def _toll_only(cluster: Cluster) -> bool:
    """'One protester was shot dead.', 'Both men died.', '..., killing 2 protesters': a sentence that only
    tells who died, with no act or doer of its own, belongs to the event just told."""
    for cue in cluster.cues:
        if cue.family == "outcome":
            continue
        if cue.family == "protest" and LEMMA_FIXES.get(cue.head.lower_, cue.head.lemma_.lower()) in PARTICIPANTS:
            continue
        if cue.family != "kill":
            return False
        head = cue.head
        subject = next((c for c in head.children if c.dep_ == "nsubj"), None)
        if head.tag_ == "VBN" or head.tag_ == "VBG" and head.dep_ in ("advcl", "xcomp", "conj") or \
                subject is not None and (subject.pos_ == "PRON" or told_doers(subject)):
            continue
        return False
    return True


def _continues(cluster: Cluster) -> bool:
    """'They blocked the main road.', 'The attackers also burned two vehicles.', 'The victims were later
    released.': what the people just told did next, or what became of them, with no doer of its own."""
    for cue in cluster.cues:
        if cue.family not in ("loot", "attack", "kill", "outcome", "protest", "riot", "other"):
            return False
        head = cue.head
        verb = head if head.pos_ in ("VERB", "AUX") else head.head
        subject = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        passive = subject is not None and subject.dep_ == "nsubjpass" and not any(c.dep_ == "agent" for c in verb.children)
        told = subject is not None and (subject.lower_ in ("they", "he", "she", "them") or told_doers(subject, TOLD))
        if cue.family == "outcome" or told and (passive or cue.family != "other"):
            continue
        return False
    return True


def _acts_on_told_event(cluster: Cluster) -> bool:
    """'The troops repelled the attack.': a verb whose object is a definite mention of a told event."""
    heads = {c.head.i for c in cluster.cues}
    return any(definite(c) and c.head.dep_ in ("dobj", "nsubjpass") and c.head.head.i in heads for c in cluster.cues)


def _confidence(event: Event, cluster: Cluster, inherited: bool) -> float:
    filled = sum(x is not None for x in (event.actor1, event.actor2, event.date, event.location, event.fatalities))
    specific = 0.1 if priority(cluster.main.family) <= 6 else 0.0
    score = 0.35 + 0.08 * filled + specific - (0.1 if inherited else 0.0)
    if event.status in ("hedged", "hypothetical"):
        score -= 0.15
    return round(max(0.05, min(0.95, score)), 2)


def find_events(analysis: Analysis) -> list[Event]:
    doc, text = analysis.doc, analysis.text
    made: list[tuple[Event, Cluster]] = []
    for cluster in find_clusters(doc, [p.span.start for p in analysis.places if not dateline(text, p.span)]):
        sents = cluster.sents
        main = cluster.main
        trigger = Span.of(text, main.start, main.end)
        deaths = None
        if cluster.families & {"kill", "outcome", "attack", "clash", "air", "shell", "ied", "blast", "suicide", "grenade",
                               "chemical", "protest", "riot", "mob", "capture", "regain"}:
            deaths = casualties.people(text, sents, casualties.DEATH)
        injured = casualties.people(text, sents, casualties.HURT) if group_of(main.family) == "violence" else None
        folded = _fold_target(made, cluster, analysis)
        if folded is not None:
            event, previous = folded
            previous.index = cluster.index  # the next sentence may refer back again
            if event.fatalities is None and deaths is not None:
                event.fatalities = deaths
            elif deaths is not None and deaths.best > event.fatalities.best and _revised_toll(cluster):
                event.fatalities = deaths  # "... killed dozens. The prosecutor later put the toll at 60."
            elif deaths is not None and deaths.best and re.search(r"(?i)\b(also|other|another|further)\b|\b\w+ more\b(?! than)",
                                                                   cluster.sent.text):
                event.fatalities = add_counts(event.fatalities, deaths, text)  # "the strike also killed ..."
            if event.injured is None and injured is not None:
                event.injured = injured
            if cluster.families <= {"arrest"} and event.sub_event_type == "Peaceful protest":
                event.sub_event_type = "Protest with intervention"
            continue
        if cluster.families <= {"outcome"} and (deaths is None or deaths.best == 0) and \
                (injured is None or injured.best == 0):
            continue  # "welcomed his death", "No casualties.": no event of its own
        actor1, actor2, targets = roles(analysis, cluster.cues)
        date = event_date(analysis, sents, trigger, main.head)
        location = event_location(analysis, sents, trigger, [main.head] + [c.head for c in cluster.cues])
        sentence = Span.of(text, cluster.sent.start_char, cluster.sent.end_char)
        status, attribution_id = event_status(analysis, sentence, trigger, main.head)
        inherited = False
        if made and (date is None or location is None):
            previous, prev_cluster = made[-1]
            # the scene continues: the next sentence, told by the same voice
            if cluster.index - prev_cluster.index <= FOLD_WINDOW + 1 and (
                    previous.attribution_id == attribution_id or not direct_quote(analysis, attribution_id)):
                inherited = True
                same_scene = location is None or previous.location is not None and \
                    location.name == previous.location.name
                other_time = date is not None and previous.date is not None and not (
                    date.value.startswith(previous.date.value) or previous.date.value.startswith(date.value))
                date = date or (previous.date if same_scene else None)
                if not other_time:  # "in November" after an event of 2 January: another scene
                    location = location or previous.location
        if date is None:
            date = reported_date(analysis, sents)
        if location is None:
            location = named_country(analysis, cluster) or document_country(analysis) or \
                actor_country(analysis, cluster, actor1, actor2)
        target_words = target_lemmas(targets, actor2, sents)
        kinds = (kind(analysis, actor1), kind(analysis, actor2))
        actor_words = (lemmas(analysis, actor1), lemmas(analysis, actor2))
        _, rule_sub, decider = classify(cluster.families, sentence_lemmas(cluster.sent, cluster.cues) +
                                        aftermath(doc, text, cluster), target_words, kinds[0], kinds[1],
                                        foreign(analysis, actor1, location), actor_words[0],
                                        attacker_lemmas(cluster.cues))
        typing = event_model.features(cluster.sent, cluster.cues, main.head, rule_sub, kinds,
                                      (role_tokens(analysis, actor1), role_tokens(analysis, actor2)),
                                      target_words, deaths.best if deaths else None,
                                      injured.best if injured else None)
        etype, sub, _ = event_model.decide(typing, rule_sub)
        if etype in ("Strategic developments",) and sub != "Looting/property destruction" or \
                etype == "Protests" and sub in ("Peaceful protest", "Protest with intervention"):
            deaths = deaths if deaths is not None and deaths.best > 0 else None
        decider_cue = min((c for c in cluster.cues if c.family == decider), key=lambda c: c.start, default=main)
        trigger = Span.of(text, decider_cue.start, decider_cue.end)
        sentence = Span.of(text, cluster.sent.start_char, cluster.sent.end_char)
        status, attribution_id = event_status(analysis, sentence, trigger, decider_cue.head)
        event = Event(id=f"e{len(made) + 1}", event_type=etype, sub_event_type=sub, trigger=trigger,
                      sentence=sentence, actor1=actor1, actor2=actor2, fatalities=deaths, injured=injured,
                      date=date, location=location, status=status, attribution_id=attribution_id,
                      typing=typing)
        event.confidence = _confidence(event, cluster, inherited)
        made.append((event, cluster))
    return [e for e, _ in made]
