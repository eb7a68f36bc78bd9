"""What the type decision reads besides the cue words: the sentence's lemmas (and for a protest the next
sentence's), the lemmas and kinds of the roles, the targets, whether the actor is foreign to the place."""
from __future__ import annotations

import re

from ...analysis import Analysis
from ...model import Location, Role
from ...resources import load_json
from .. import casualties
from ..event_types import Cue, lemma_string
from ...knowledge.gazetteer import gazetteer
from .cluster import Cluster
from .syntax import ents_in
from .words import DESCRIBED, GATHER, PROTEST_ACTS, PROTEST_WORDS


CAUSE_HEADS = PROTEST_ACTS | PROTEST_WORDS | GATHER | {"anger", "outrage", "fury"}  # "in anger at", "protest of"


def sentence_lemmas(sent, cues=()) -> str:
    """The sentence's lemmas without words that only qualify a noun ("riot police" is no riot) and
    without relative clauses that tell another event ("in Serbia, where 24 were killed in riots")."""
    doc = sent.doc
    mine = {t.i for c in cues for t in c.tokens}
    other = set()
    crowd_words = CAUSE_HEADS
    for t in sent:
        if t.dep_ == "relcl":
            inner = {x.i for x in t.subtree}
            if not inner & mine:
                other |= inner
        elif t.dep_ == "prep" and t.lower_ in ("over", "against", "of", "at") and t.head.lemma_.lower() in crowd_words or \
                t.dep_ == "dobj" and t.head.lemma_.lower() in ("protest", "denounce", "condemn", "decry", "mourn"):
            other |= {x.i for x in t.subtree} - mine  # "in protest of last week's arrests": the cause, not the scene
    keep = []
    for t in sent:
        if t.i in other:
            continue
        describes = t.dep_ in ("compound", "amod", "nmod") and t.head.pos_ == "NOUN" and t.head.i > t.i and \
            t.head.lemma_.lower() in DESCRIBED
        prefix = t.i + 2 < len(doc) and t.lower_ in ("anti", "counter") and doc[t.i + 1].text == "-"
        state = t.dep_ == "amod" and t.tag_ == "VBN" and t.i not in mine  # "detained colleagues"
        if not describes and not prefix and not state:
            keep.append(t)
    return lemma_string(keep)[0]


def aftermath(doc, text: str, cluster: Cluster) -> str:
    """'... held a rally in Lusaka. Police later dispersed them with tear gas.': for a protest, the next
    sentence of the paragraph tells how it was met, unless it opens with a date of its own (a new event)."""
    if not cluster.families & {"protest", "riot"}:
        return ""
    end = cluster.sent.end
    if end >= len(doc):
        return ""
    nxt = doc[end].sent
    between = text[cluster.sent.end_char:nxt.start_char]  # not doc.text: spaCy rebuilds it on every access
    if "\n\n" in between or any(e.label_ == "DATE" and re.search(r"\d", e.text) for e in ents_in(nxt)):
        return ""
    return " " + sentence_lemmas(nxt)  # "OMON riot police detained dozens": riot police are no riot


def attacker_lemmas(cues: list[Cue]) -> str:
    """The lemmas of whoever attacks or kills in an event ("security forces beat and detained ...")."""
    for cue in cues:
        if cue.family not in ("attack", "kill"):
            continue
        verb = cue.head
        for _ in range(3):
            subj = next((c for c in verb.children if c.dep_ == "nsubj"), None)
            if subj is not None:
                return " ".join(t.lemma_.lower() for t in subj.subtree)
            agent = next((c for c in verb.children if c.dep_ == "agent"), None)
            if agent is not None:
                return " ".join(t.lemma_.lower() for t in agent.subtree)
            if verb.dep_ not in ("conj", "xcomp", "advcl") or verb.head == verb:
                break
            verb = verb.head
    return ""


def lemmas(analysis: Analysis, role: Role | None) -> str:
    if role is None or role.span is None:
        return ""
    span = analysis.doc.char_span(role.span.start, role.span.end, alignment_mode="expand")
    return " ".join(t.lemma_.lower() for t in span) if span is not None else role.span.text.lower()


def role_tokens(analysis: Analysis, role: Role | None) -> list:
    if role is None or role.span is None:
        return []
    span = analysis.doc.char_span(role.span.start, role.span.end, alignment_mode="expand")
    return list(span) if span is not None else []


def kind(analysis: Analysis, role: Role | None) -> str | None:
    if role is None or role.actor_id is None:
        return None
    return next((a.kind for a in analysis.actors if a.id == role.actor_id), None)


def target_lemmas(targets: list, actor2: Role | None, sents) -> str:
    words = []
    for t in targets:
        # "executed 4 civilians accused of collaborating with the army": the army is not the target
        clauses = {x.i for c in t.subtree if c.dep_ in ("acl", "relcl") and c is not t for x in c.subtree}
        words += [w.lemma_.lower() for w in t.subtree if w.i not in clauses]
    if not words:
        for sent in sents:  # victims of a death word: "killing 9 civilians"
            for tok in sent:
                if tok.lemma_.lower() in casualties.DEATH | casualties.HURT:
                    for head in casualties.victims(tok):
                        words += [w.lemma_.lower() for w in head.subtree]
    return " ".join(words)


def foreign(analysis: Analysis, actor1: Role | None, location: Location | None) -> bool:
    """An actor named after another country than the place ("Russian troops" in Ukraine)."""
    if actor1 is None or actor1.span is None or location is None or not location.country_iso3:
        return False
    demonyms = load_json("places.json").get("demonyms", {})
    for word in re.findall(r"[A-Z][\w.]+", actor1.span.text):
        iso3 = demonyms.get(word)
        if iso3 is None:
            entries = [e for e in gazetteer().get(word) if e["feature"] == "country"]
            iso3 = entries[0]["country_iso3"] if entries else None
        if iso3:
            return iso3 != location.country_iso3
    return False
