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
    core = [c for c in cluster.cues if c.head.dep_ not in ("compound", "amod", "nmod", "npadvmod") and
            not _instrument(c)] or cluster.cues
    core = [c for c in core if c.family not in ("kill", "outcome")] or core  # "The strike also killed ..."
    if not events or any(c.lower_ in ("another", "second", "separate", "similar") and c.dep_ in ("det", "amod")
                         for cue in core for c in cue.head.children):
        return None  # "In another attack, ...", "a second attack two months later": an event of its own
    gap = cluster.index - events[-1][1].index
    same_paragraph = "\n\n" not in analysis.text[events[-1][1].sent.end_char:cluster.sent.start_char]
    crowd_arrests = (cluster.families <= {"arrest"} or _crowd_met(cluster)) and \
        events[-1][0].event_type in ("Protests", "Riots") and gap <= 1
    told_nouns = _nouns(analysis.doc[events[-1][1].sent.start:cluster.sent.start])  # since the event was told
    # the next sentence that tells anything: sentences between told nothing
    toll = (_toll_only(cluster) or gap <= FOLD_WINDOW and same_paragraph and _continues(cluster, told_nouns)) and \
        0 < gap and (
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
        violent = [(e, c) for e, c in events if group_of(c.main.family) == "violence" and
                   cluster.index - c.index <= FOLD_WINDOW]  # "... clashed. Police arrested two. 1 was killed."
        candidates = [next(((e, c) for e, c in told if group_of(c.main.family) == "violence"),
                           violent[-1] if violent else told[-1])]
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


#: Who meets a crowd with force.
SECURITY = {"police", "policeman", "officer", "force", "soldier", "troop", "army", "gendarme", "gendarmerie",
            "military", "guard", "personnel", "ansar", "rab", "bgb"}


def _crowd_met(cluster: Cluster) -> bool:
    """'The police opened fire.', 'Police fired tear gas at them, killing one.': how security forces met the
    crowd just told, part of that protest or riot (the intervention), not an event of its own."""
    acts = [c for c in cluster.cues if c.family not in ("outcome", "kill")]
    if not acts or any(c.family not in ("attack", "clash", "arrest", "other", "shell", "grenade", "blast")
                       for c in acts):  # "Police fired tear gas shells and sound grenades."
        return False
    for cue in acts:
        subject = _subject(_clause_verb(cue.head))
        if subject is None or LEMMA_FIXES.get(subject.lower_, subject.lemma_.lower()) not in SECURITY:
            return False
    return True


ALSO = re.compile(r"(?i)\b(also|another|further|as well)\b|(?<!\bthe )\b\w+ (?:more|other)\b(?! than)")


def _other_side(told: set[str] | None, sents) -> bool:
    """The dead of a later sentence are of another side of the fight than those already counted."""
    new = casualties.sides(sents)
    return bool(told and new) and "any" not in told | new and told.isdisjoint(new)


def _instrument(cue) -> bool:
    """'The clash was initiated with RPGs and mortar shells': the weapons of a told event, not one of their own."""
    head = cue.head
    while head.dep_ == "conj" and head.head != head:
        head = head.head
    return head.dep_ == "pobj" and head.head.lower_ in ("with", "using") and cue.family in (
        "shell", "grenade", "ied", "blast", "air")


def _revised_toll(cluster: Cluster) -> bool:
    """'The toll later rose to 14': a new figure for the told event, not a running total since some date."""
    tolls = {"toll", "fatality", "death", "casualty"}
    return all(c.family == "outcome" or c.head.dep_ == "pobj" and definite(c) for c in cluster.cues) and \
        any(c.head.lemma_.lower() in tolls for c in cluster.cues) and not CUMULATIVE.search(cluster.sent.text)


def _toll_only(cluster: Cluster) -> bool:
    """'One protester was shot dead.', 'Both men died.', '..., killing 2 protesters', '3 militants were killed in
    the clashes and weapons seized': a sentence that only tells who died (and what became of things), with no
    act or doer of its own, belongs to the event just told."""
    deaths = [c.head for c in cluster.cues if c.family in ("kill", "outcome")]
    around = {t.i for h in deaths for t in (h, h.head)}
    for cue in cluster.cues:
        if cue.family == "outcome" or deaths and _circumstance(cue.head, around):
            continue
        if cue.family in ("protest", "riot", "mob") and \
                LEMMA_FIXES.get(cue.head.lower_, cue.head.lemma_.lower()) in PARTICIPANTS:
            continue  # "1 rioter and 1 policeman killed."
        if deaths and cue.family in ("loot", "abduct", "capture", "other") and (
                _passive(cue.head) or _joined(cue.head, around)):
            continue  # "... and 2 rifles were seized", "others were captured", "... and destroyed 5 vehicles"
        if cue.family != "kill":
            return False
        head = cue.head
        subject = next((c for c in head.children if c.dep_ == "nsubj"), None)
        if head.tag_ == "VBN" or head.tag_ == "VBG" and head.dep_ in ("advcl", "xcomp", "conj") or \
                subject is not None and (subject.pos_ == "PRON" or told_doers(subject)) or \
                casualties.headline_passive(head):  # "Six year old boy killed."
            continue
        return False
    return True


CIRCUMSTANCE = {"during", "in", "amid", "after", "following", "throughout"}


def _circumstance(tok, deaths: set[int]) -> bool:
    """'killed in the clashes', 'died during a gunbattle', 'after an exchange of fire, one died': the fighting
    named as the setting of a toll, not an event of its own."""
    return tok.pos_ in ("NOUN", "PROPN") and tok.dep_ == "pobj" and tok.head.lower_ in CIRCUMSTANCE and \
        tok.head.head.i in deaths and not any(c.dep_ == "poss" or c.dep_ == "prep" and c.lower_ == "by" or
                                              c.lower_ in OTHER_EVENT for c in tok.children)


#: "during another attack", "in a second attack two months later": the setting is an event of its own.
OTHER_EVENT = {"another", "other", "second", "third", "separate", "similar", "earlier", "previous", "prior", "later",
               "new", "fresh", "subsequent", "last"}


def _joined(verb, deaths: set[int]) -> bool:
    """A verb coordinated with a toll ("8 people were killed, and livestock seized")."""
    while verb.dep_ == "conj" and verb.head != verb:
        verb = verb.head
        if verb.i in deaths:
            return True
    return False


def _passive(verb) -> bool:
    return verb.tag_ == "VBN" and not any(c.dep_ == "agent" for c in verb.children) and \
        (verb.dep_ in ("conj", "ROOT", "ccomp") or any(c.dep_ in ("nsubjpass", "auxpass") for c in verb.children))


def _continues(cluster: Cluster, told_nouns: set[str] = frozenset()) -> bool:
    """'They blocked the main road.', 'The attackers also burned two vehicles.', 'The victims were later
    released.', 'Police fired at the demonstrators.' (after demonstrators clashed with police): what the people
    just told did next, or what became of them, with no doer of its own."""
    for cue in cluster.cues:
        if cue.family not in CONTINUING:
            return False
        if cue.family == "protest" and LEMMA_FIXES.get(cue.head.lower_, cue.head.lemma_.lower()) in PARTICIPANTS and \
                len(cluster.cues) > 1:
            continue  # "fired at the demonstrators": the people, not a protest of their own
        if definite(cue) and cue.head.dep_ == "pobj":
            continue  # "... during the clash": the told event named again
        head = cue.head
        verb = _clause_verb(head)
        subject = _subject(verb)
        passive = subject is not None and subject.dep_ == "nsubjpass" and not any(c.dep_ == "agent" for c in verb.children)
        told = subject is not None and (subject.lower_ in ("they", "he", "she", "them") or told_doers(subject, TOLD)
                                        or told_doers(subject, GROUPS) or _named_before(subject, told_nouns) or
                                        _both_sides(subject))
        if cue.family == "outcome" or told and (passive or cue.family != "other"):
            continue
        return False
    return True


#: The doers of a told event named again by a group word ("The group killed a man", "the gang fled").
GROUPS = {"group", "gang", "militia", "mob", "crowd", "men", "unit", "assailant", "attacker", "perpetrator"}
#: Acts that can go on an event just told when its own people do them ("The forces took control of the village").
CONTINUING = {"loot", "attack", "kill", "outcome", "protest", "riot", "other", "clash", "capture", "regain", "mob",
              "grenade", "blast", "shell"}


def _clause_verb(tok):
    """The verb a noun cue is an argument of ("fired rubber bullets and tear gas shells": fired)."""
    while tok.pos_ not in ("VERB", "AUX") and tok.dep_ in ("conj", "dobj", "pobj", "prep", "compound", "appos") and \
            tok.head != tok:
        tok = tok.head
    return tok


def _subject(verb):
    """The subject of a verb, or of the verb it is coordinated with ("stole 100 cattle and killed 2 people")."""
    while True:
        subject = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if subject is not None or verb.dep_ not in ("conj", "xcomp") or verb.head == verb:
            return subject
        verb = verb.head  # "Al Shabaab claimed to have killed 8 soldiers": the claimant


def _named_before(subject, told_nouns: set[str]) -> bool:
    """'Police', 'The forces', 'Demonstrators': the doer named by a noun of the sentence told just before."""
    if subject.pos_ == "NUM" or subject.lower_ in ORDINAL_WORDS:
        if subject.lower_ in ORDINAL_WORDS and any(c.lower_ == "the" for c in subject.children):
            return True  # "the third failed to explode", "the other fled"
        partitive = next((g for c in subject.children if c.dep_ == "prep" and c.lower_ == "of"
                          for g in c.children if g.dep_ == "pobj"), None)
        subject = partitive if partitive is not None else subject  # "2 of the grenades detonated"
    if subject.pos_ not in ("NOUN", "PROPN") or not told_nouns:
        return False
    return LEMMA_FIXES.get(subject.lower_, subject.lemma_.lower()) in told_nouns and \
        subject.lemma_.lower() not in ("people", "person", "other", "one")


def _both_sides(subject) -> bool:
    """'Both sides exchanged gunfire', 'the two groups fought on': the parties just told, together."""
    return subject.lemma_.lower() in ("side", "party", "group", "camp") and \
        any(c.lower_ in ("both", "two") for c in subject.children)


ORDINAL_WORDS = {"first", "second", "third", "fourth", "other", "rest", "remainder"}


def _nouns(sent) -> set[str]:
    return {LEMMA_FIXES.get(t.lower_, t.lemma_.lower()) for t in sent if t.pos_ in ("NOUN", "PROPN")}


def _acts_on_told_event(cluster: Cluster) -> bool:
    """'The troops repelled the attack.': a verb whose object is a definite mention of a told event."""
    heads = {c.head.i for c in cluster.cues}
    return any(definite(c) and c.head.dep_ in ("dobj", "nsubjpass") and c.head.head.i in heads for c in cluster.cues)


def _one_act(first: Cluster, later: Cluster) -> bool:
    """'arrested and executed 31 men', 'set up a checkpoint and shot dead a policeman', 'arrested six men, five
    were found executed': a killing told in the same sentence as the act before it, by the same doers (a verb
    coordinated with it and no subject of its own) or as the fate of its people (a passive with no doer)."""
    if first.sent.start != later.sent.start:
        return False
    verbs = {_verb(c.head).i for c in first.cues}
    if not any(c.family == "kill" for c in later.cues):
        # "mobilized youth and attacked a settlement": a first act that is no violence, then the attack
        return all(group_of(c.family) != "violence" for c in first.cues) and \
            all(group_of(c.family) == "violence" and _verb(c.head).dep_ == "conj" and _verb(c.head).head.i in verbs
                and not any(g.dep_ in ("nsubj", "nsubjpass") for g in _verb(c.head).children) for c in later.cues)
    for cue in later.cues:
        if cue.family == "outcome":
            continue
        if cue.family != "kill":
            if _verb(cue.head).i in verbs:
                continue  # "thwarted an attack and killed a wanted fighter": the thing thwarted
            return False
        verb = _verb(cue.head)
        while verb.dep_ in ("xcomp", "oprd") and verb.head != verb:
            verb = verb.head  # "five were found executed"
        own = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass", "agent")]
        if verb.dep_ == "conj" and verb.head.i in verbs and not own:
            continue
        if verb.dep_ == "relcl" and verb.head.head.i in verbs and verb.tag_ == "VBN" and \
                [c.lower_ for c in own] in (["who"], ["that"]):
            continue  # "arrested a civilian who was later executed"
        if verb.tag_ == "VBN" and not any(c.dep_ == "agent" for c in verb.children) and own and all(
                c.dep_ == "nsubjpass" and (c.pos_ in ("NUM", "PRON") or any(d.lower_ == "the" for d in c.children))
                for c in own):
            continue  # "..., five were found executed", "he was later executed", "the father was found executed"
        return False
    return True


def _verb(tok):
    """The verb a cue word belongs to ("shot dead": shot; "burned to death": burned)."""
    while tok.pos_ not in ("VERB", "AUX") and tok.dep_ in ("advmod", "acomp", "oprd", "pobj", "prep", "dobj") \
            and tok.head != tok:
        tok = tok.head
    return tok


def _merged(clusters: list[Cluster]) -> list[Cluster]:
    """The clusters with a killing told as one act with the cluster before it joined to that cluster."""
    out: list[Cluster] = []
    for cluster in clusters:
        if out and _one_act(out[-1], cluster):
            out[-1].cues = sorted(out[-1].cues + cluster.cues, key=lambda c: c.start)
            continue
        out.append(cluster)
    return out


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
    toll_sides: dict[int, set[str]] = {}  # the sides of the fight each event's dead belong to
    for cluster in _merged(find_clusters(doc, [p.span.start for p in analysis.places if not dateline(text, p.span)])):
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
            elif deaths is not None and deaths.best and (ALSO.search(cluster.sent.text) or
                                                         _other_side(toll_sides.get(id(event)), sents)):
                # "the strike also killed ...", "... 10 militants were killed. The militants claimed to have
                # killed 25 soldiers": more dead, of another side
                event.fatalities = add_counts(event.fatalities, deaths, text)
            if deaths is not None and deaths.best:
                toll_sides[id(event)] = toll_sides.get(id(event), set()) | casualties.sides(sents)
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
        if etype in ("Strategic developments",) and sub != "Looting/property destruction":
            deaths = deaths if deaths is not None and deaths.best > 0 else None
        if etype == "Protests" and sub in ("Peaceful protest", "Protest with intervention"):
            deaths = None  # the deaths a peaceful crowd names are its grievance: no one died at it
        decider_cue = min((c for c in cluster.cues if c.family == decider), key=lambda c: c.start, default=main)
        trigger = Span.of(text, decider_cue.start, decider_cue.end)
        sentence = Span.of(text, cluster.sent.start_char, cluster.sent.end_char)
        status, attribution_id = event_status(analysis, sentence, trigger, decider_cue.head)
        event = Event(id=f"e{len(made) + 1}", event_type=etype, sub_event_type=sub, trigger=trigger,
                      sentence=sentence, actor1=actor1, actor2=actor2, fatalities=deaths, injured=injured,
                      date=date, location=location, status=status, attribution_id=attribution_id,
                      typing=typing)
        event.confidence = _confidence(event, cluster, inherited)
        if deaths is not None and deaths.best:
            toll_sides[id(event)] = casualties.sides(sents)
        made.append((event, cluster))
    return [e for e, _ in made]
