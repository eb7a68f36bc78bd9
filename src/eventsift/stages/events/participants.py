"""Who did what to whom: actor1 (who acts) and actor2 (who is targeted) from the parse, and the doers of an
event named again ("the attackers")."""
from __future__ import annotations

from ...analysis import Analysis
from ...model import Role, Span
from ..event_types import LEMMA_FIXES, Cue
from .syntax import pobj_of
from .words import ADMIN_UNITS, LOCATIVE_HEADS


TITLES = {"commander", "leader", "chief", "head", "general", "minister", "president", "spokesman", "founder",
          "governor", "emir", "officer", "director", "member"}


def _role(analysis: Analysis, token, doer: bool = False) -> Role | None:
    """The actor a role token names; for the doer, without where or when ("cattle raiders in Pibor")."""
    if token is None:
        return None
    cut = {t.i for c in token.children if doer and _scene_phrase(c) for t in c.subtree}
    tokens = [t for t in token.subtree if (t.dep_ not in ("relcl", "acl", "appos", "punct") or t == token)
              and t.i not in cut]
    near = [t for t in tokens if abs(t.i - token.i) <= 12]
    start = min(t.idx for t in near)
    end = max(t.idx + len(t.text) for t in near)
    text = analysis.text
    while start < end and text[start] in " ,":
        start += 1
    while end > start and text[end - 1] in " ,":
        end -= 1
    span = Span.of(text, start, end)
    actors = analysis.overlapping("mentions", span.start, span.end)
    if actors:
        at_head = [a for m, a in actors if m.start <= token.idx < m.end]
        if token.lemma_.lower() in TITLES:  # "Commander of the Qods Force, Qassem Soleimani"
            at_head = at_head or [a for _, a in actors if a.kind == "person"]
        appos = [a for m, a in actors for c in token.children if c.dep_ == "appos" and m.start <= c.idx < m.end]
        actor = (at_head or appos or [min(actors, key=lambda x: x[0].start)[1]])[0]
        return Role(name=actor.name, actor_id=actor.id, span=span)
    if token.pos_ == "PRON" or token.ent_type_ in ("GPE", "LOC", "FAC", "DATE", "CARDINAL", "TIME"):
        return None
    return Role(name=span.text, actor_id=None, span=span)


SCENE_PREPS = {"in", "at", "near", "around", "outside", "inside", "on", "across", "throughout", "during"}
SITE_NOUNS = LOCATIVE_HEADS | ADMIN_UNITS | {"jail", "prison", "market", "mosque", "church", "school", "hospital", "base", "office",
                               "station", "compound", "square", "street", "bridge", "checkpoint", "building",
                               "home", "house", "university", "campus", "parliament", "embassy", "consulate"}


def _scene_phrase(prep) -> bool:
    """'in Pibor', 'on Tuesday', 'at a jail': where or when, not part of who ("cattle raiders in Pibor")."""
    if prep.dep_ != "prep" or prep.lower_ not in SCENE_PREPS:
        return False
    pobj = pobj_of(prep)
    return pobj is not None and (pobj.ent_type_ in ("GPE", "LOC", "FAC", "DATE", "TIME") or
                                 pobj.lemma_.lower() in SITE_NOUNS)


def roles(analysis: Analysis, cues: list[Cue]) -> tuple[Role | None, Role | None, list]:
    actor1 = actor2 = None
    targets: list = []
    ids = {t.i for c in cues for t in c.tokens}
    for cue in cues:
        tok = cue.head
        preps = ("on", "against", "at", "with") if cue.family == "clash" else ("on", "against", "at")
        if tok.pos_ == "VERB":
            for child in tok.children:
                if child.i in ids:
                    continue
                if child.dep_ == "nsubj" and tok.lemma_.lower() in ("die", "perish", "dead"):
                    targets.append(child)
                    if actor2 is None:
                        actor2 = _role(analysis, child)
                elif child.dep_ == "nsubj" and actor1 is None:
                    actor1 = _role(analysis, _antecedent(child), doer=True)
                elif child.dep_ == "agent" and actor1 is None:
                    actor1 = _role(analysis, pobj_of(child), doer=True)
                elif child.dep_ in ("dobj", "nsubjpass"):
                    targets.append(child)
                    if actor2 is None:
                        actor2 = _role(analysis, child)
                elif child.dep_ == "prep" and child.lower_ in preps:
                    pobj = pobj_of(child)
                    if pobj is not None and (child.lower_ == "against" or pobj.ent_type_ not in ("GPE", "LOC", "FAC")):
                        targets.append(pobj)
                        if actor2 is None and pobj.ent_type_ not in ("GPE", "LOC", "FAC"):
                            actor2 = _role(analysis, pobj)
            if actor1 is None and tok.dep_ == "acl" and tok.head.dep_ == "ROOT" and tok.head.pos_ in ("NOUN", "PROPN"):
                actor1 = _role(analysis, tok.head, doer=True)  # "youths clashed ..." parsed as a noun with a clause
            if actor1 is None and tok.dep_ in ("advcl", "xcomp", "conj") and tok.head.pos_ == "VERB":
                subj = next((c for c in tok.head.children if c.dep_ == "nsubj"), None)
                if subj is not None and subj.i not in ids:
                    actor1 = _role(analysis, subj, doer=True)
        else:
            for child in tok.children:
                if child.dep_ in ("compound", "amod", "nmod", "poss") and actor1 is None and child.i not in ids:
                    role = _role(analysis, child)
                    if role is not None and role.actor_id is not None:
                        actor1 = role
                if child.dep_ == "prep" and child.lower_ in ("of", "against", "on"):
                    pobj = pobj_of(child)
                    if pobj is not None:
                        targets.append(pobj)
                        if actor2 is None and pobj.ent_type_ not in ("GPE", "LOC", "FAC"):
                            actor2 = _role(analysis, pobj)
                if child.dep_ in ("prep", "agent") and child.lower_ == "by" and actor1 is None:
                    actor1 = _role(analysis, pobj_of(child), doer=True)
            if tok.dep_ == "dobj" and actor1 is None and tok.head.pos_ == "VERB" and tok.head.i not in ids:
                # "students staged demonstrations", "the army launched an offensive": the doer of the light verb
                subj = next((c for c in tok.head.children if c.dep_ == "nsubj" and c.i not in ids), None)
                agent = next((c for c in tok.head.children if c.dep_ == "agent"), None)
                if subj is not None:
                    actor1 = _role(analysis, _antecedent(subj), doer=True)
                elif agent is not None and pobj_of(agent) is not None:
                    actor1 = _role(analysis, pobj_of(agent), doer=True)
            if tok.dep_ == "nsubj" and actor1 is None and tok.head.pos_ == "VERB":
                obj = next((c for c in tok.head.children if c.dep_ == "dobj"), None)
                if obj is not None:
                    targets.append(obj)
                    if actor2 is None:
                        actor2 = _role(analysis, obj)
    return actor1, actor2, targets


def _antecedent(subject):
    """'Syria says it will withdraw', 'the army said they killed 5': a pronoun subject stands for the
    subject of the reporting verb above its clause."""
    if subject.pos_ != "PRON" or subject.lower_ not in ("it", "they", "he", "she", "we"):
        return subject
    verb = subject.head
    for _ in range(3):
        if verb.dep_ not in ("ccomp", "xcomp", "conj") or verb.head == verb:
            break
        verb = verb.head
        above = next((c for c in verb.children if c.dep_ == "nsubj"), None)
        if above is not None and above.pos_ != "PRON":
            return above
    return subject


DOERS = {"attacker", "gunman", "assailant", "militant", "raider", "fighter", "kidnapper", "bandit", "insurgent"}
TOLD = DOERS | {"protester", "protestor", "demonstrator", "victim", "hostage", "rioter", "mourner"}


def told_doers(subject, nouns: set[str] = DOERS) -> bool:
    """'the attackers', 'the gunmen': the doers (or other people) of the event just told, named again."""
    return LEMMA_FIXES.get(subject.lower_, subject.lemma_.lower()) in nouns and \
        any(c.dep_ == "det" and c.lower_ in ("the", "these", "those") for c in subject.children)


def label_roles(analysis: Analysis, events: list) -> None:
    """ACLED's terms for each event's roles (``actor_model``): a category, an ACLED-style name and the
    evidence on actor1 and actor2. A role the parse left out is added where the model names a party
    (its name the ACLED name, without a span unless an alias decided it), and so is one whose words name
    only an object, a place or a thing ("a water source", "7 buses"); an actor2 the model reads as no
    party is dropped unless its words name one (``actor_model.decide_roles``): an event with one party
    keeps no actor2."""
    from .. import actor_model

    if not events or not actor_model.enabled():
        return
    groups = None
    for event in events:
        ctx = actor_model.Context(analysis.doc, analysis.text, event, analysis.actors, groups)
        groups = ctx.document_groups
        decisions = actor_model.decide_roles(ctx, actor_model.event_country(event, analysis.places),
                                             event.date.value if event.date else None)
        if decisions is None:
            return  # no model shipped
        for side, decision in zip((1, 2), decisions):
            role = event.actor1 if side == 1 else event.actor2
            if decision is None:
                if side == 2:
                    event.actor2 = None  # "a water source", "7 buses": not a party
                continue
            if role is not None and role.actor_id is None and not actor_model.names_party(analysis.doc, role):
                role = None  # "attacked a water source": the party is the owner ACLED codes, not the object
            if role is None:  # a party the parse missed: "Protesters (Kenya)", or "Protesters" without a country
                role = Role(name=decision["acled_name"] or decision["cls"].replace("NAMED:", ""),
                            span=decision["evidence_span"])
                if side == 1:
                    event.actor1 = role
                else:
                    event.actor2 = role
            role.category, role.acled_name = decision["category"], decision["acled_name"]
            role.evidence, role.evidence_span = decision["evidence"], decision["evidence_span"]
