"""Finding candidate events: the cue words of each sentence, less those that name no event (``filters.py``),
grouped into clusters that tell one event each; and which cues refer back to an event already told."""
from __future__ import annotations

import re
from bisect import bisect_left

from .. import casualties
from ..event_types import Cue, find_cues, group_of
from .cluster import Cluster
from .filters import (WEAPONS, aimless, background, describing, drop_bystanders, grievance, in_name, mob_as_victim,
                      not_an_act, not_territory, people_seized, specific)
from .syntax import clause
from .words import PARTICIPANTS


FINITE = {"VBD", "VBZ", "VBP", "MD"}


def _headline_list(titles: list[bool]) -> bool:
    """Two or more titles and nothing else: a list of headlines, which tells no event of its own."""
    return sum(titles) >= 2 and all(titles)


def is_headline_list(text: str) -> bool:
    """Two or more short lines without final punctuation and nothing else ("Gunmen kill five in Mogadishu\n
    Floods displace thousands in Kenya"): a list of headlines (the parse may join its lines into one sentence)."""
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    return len(lines) >= 2 and all(len(line.split()) < 15 and line[-1] not in '.!?:;"”)' for line in lines)


def _headline(sent) -> bool:
    """A title or crosshead: short, and without a finite verb or final punctuation ("The Ashraf massacre")."""
    words = [t for t in sent if not t.is_space]
    if len(words) >= 15 or not words:
        return False
    unpunctuated = words[-1].text not in (".", "!", "?", '"', "”", ")", "'", ":", ";")
    last = words[-1]
    doc = sent.doc
    nxt = doc[last.i + 1] if last.i + 1 < len(doc) else None
    followed = "\n" in last.whitespace_ or (nxt is not None and nxt.is_space and "\n" in nxt.text)
    return unpunctuated and (followed or sent.end >= len(sent.doc) or not any(t.tag_ in FINITE for t in words))


def anaphoric(cue: Cue) -> bool:
    """'the attack', 'that meeting', 'Clashes killed...': a mention that refers back to a told event."""
    head = cue.head
    if cue.family == "outcome":
        return True  # "20 people had died", "no casualties": the toll of a told event
    if head.pos_ not in ("NOUN", "PROPN"):
        # "14 people were killed and 5 others abducted": a passive toll with no doer of its own
        if cue.family == "abduct" and head.dep_ == "conj" and head.head.tag_ == "VBN" and \
                head.head.lemma_.lower() in casualties.DEATH and not any(c.dep_ == "dobj" for c in head.children):
            return True  # "... were killed and 11 others abducted", read as an active verb
        passive = head.tag_ == "VBN" and not any(c.dep_ == "agent" for c in head.children)
        # "The vehicle was destroyed.": damage told after the attack that caused it
        return passive and (cue.family == "kill" or cue.family == "loot" and head.dep_ in ("ROOT", "conj", "ccomp"))
    dets = [c.lower_ for c in head.children if c.dep_ in ("det", "poss")]
    if any(d in ("the", "this", "that", "these", "those", "its") for d in dets):
        return not any(c.dep_ == "prep" and c.lower_ in ("on", "against", "in", "at", "near") for c in head.children)
    return not dets and head.tag_ == "NNS" and head.dep_ in ("nsubj", "nsubjpass")


def definite(cue: Cue) -> bool:
    """'the fighting', 'this attack': a noun cue that names a told event again."""
    return cue.head.pos_ == "NOUN" and any(c.dep_ == "det" and c.lower_ in ("the", "this", "that")
                                           for c in cue.head.children)


def _conjuncts(tok) -> set[int]:
    """Token ids of the verbs coordinated with ``tok`` ("seized ..., doused ... and burned ...")."""
    top = tok
    while top.dep_ == "conj" and top.head != top:
        top = top.head
    found, todo = {top.i}, [top]
    while todo:
        for c in todo.pop().children:
            if c.dep_ == "conj" and c.i not in found:
                found.add(c.i)
                todo.append(c)
    return found - {tok.i}


def _linked(a: Cue, b: Cue) -> bool:
    """True when two cues in one sentence are one event in the parse."""
    ha, hb = a.head, b.head
    if ha.head == hb or hb.head == ha or ha.head == hb.head:
        return True
    ca, cb = clause(ha), clause(hb)
    if ca == cb or ca.head == cb and ca.dep_ in ("advcl", "xcomp", "conj") or \
            cb.head == ca and cb.dep_ in ("advcl", "xcomp", "conj"):
        return True
    for x, y in ((ha, hb), (hb, ha)):
        if x.head.head == y and x.head.dep_ in ("prep", "agent", "dobj", "advcl", "xcomp", "conj", "pcomp", "nsubj"):
            return True
        if x.dep_ in ("advcl", "xcomp", "conj", "pcomp") and x.head.head == y:
            return True
    return False


NAMED_WEAPONS = WEAPONS - {"blast"}
GENERIC_BLAST = {"blast", "outcome", "kill", "attack"}


def find_clusters(doc, place_starts=()) -> list[Cluster]:
    clusters: list[Cluster] = []
    place_starts = sorted(place_starts)
    sentences = list(doc.sents)
    titles = [_headline(sent) for sent in sentences]
    headline_list = _headline_list(titles) or is_headline_list(doc.text)
    body_after = [False] * len(sentences)  # a title heads a body only if a sentence that is no title follows
    for i in range(len(sentences) - 2, -1, -1):
        body_after[i] = body_after[i + 1] or not titles[i + 1]
    for index, sent in enumerate(sentences):
        first = bisect_left(place_starts, sent.start_char)
        has_place = first < len(place_starts) and place_starts[first] < sent.end_char
        if headline_list or titles[index] and body_after[index]:
            continue  # the headline of a report: its body tells the event (a one-line report is kept)
        cues = find_cues(sent)
        if not cues:
            continue
        has_date = bool(re.search(r"\b(1[89]|20)\d\d\b|\b(January|February|March|April|May|June|July|August|"
                                  r"September|October|November|December)\b", sent.text))
        cues = [c for c in cues if specific(c, has_date, has_place) and not in_name(c) and not grievance(c)
                and not describing(c) and not not_territory(c) and not not_an_act(c) and not aimless(c, sent)
                and not mob_as_victim(c)]
        cues = [Cue("abduct", c.tokens, c.start, c.end) if people_seized(c) else c for c in cues]
        foreground = [c for c in cues if not background(c)]
        if any(c.family != "outcome" for c in foreground):
            cues = foreground  # context is dropped only when the sentence tells an event of its own
        else:  # ... or when it is no violent event ("under an agreement with the UN")
            cues = [c for c in cues if group_of(c.family) == "violence" or not background(c)]
        cues = drop_bystanders(cues)
        families = {c.family for c in cues}
        if "defuse" in families:
            # "seized a cache including rockets and explosive belts", "shot down rockets fired at Belgorod"
            cues = [c for c in cues if c.family not in ("ied", "blast", "grenade", "shell", "suicide", "air") and
                    not (c.family == "attack" and c.head.dep_ in ("acl", "relcl"))]
        if "other" in families:  # "a mass grave containing 12 bodies was discovered": one finding
            cues = [c for c in cues if c.family not in ("abduct", "outcome")]
        raids = [c for c in cues if c.family == "attack" and c.head.lemma_.lower() in ("raid", "storm", "search")]
        if raids and "arrest" in families and not families & {"kill", "outcome", "clash", "air", "shell", "ied",
                                                               "blast", "grenade", "suicide"} and \
                len(raids) == len([c for c in cues if c.family == "attack"]):
            cues = [c for c in cues if c not in raids]  # "police raided a church and arrested 30": arrests
        violent = {c.family for c in cues if group_of(c.family) == "violence"} - {"outcome", "kill"}
        by_group: dict[str, list[Cue]] = {}
        kill_heads = {c.head.i for c in cues if c.family in ("kill", "attack")}
        for cue in cues:
            group = group_of(cue.family)
            if group == "abduct" and (_conjuncts(cue.head) & kill_heads):
                group = "violence"  # "abducted and later killed a chief": one attack
            if group == "arrest" and "protest" in violent:
                group = "violence"
            if group == "sd" and cue.family == "loot" and (violent or "kill" in families):
                group = "violence"
            if group == "sd" and violent and cue.family in ("withdraw", "loot", "other", "meet", "base"):
                continue
            by_group.setdefault(group, []).append(cue)
        for group, members in by_group.items():
            parts: list[list[Cue]] = []
            for cue in members:
                for part in parts:
                    if group != "violence" or any(_linked(cue, other) for other in part):
                        part.append(cue)
                        break
                else:
                    parts.append([cue])
            # "fought in Sake; the fighting killed 6 civilians caught in the crossfire": the same clash, named again
            for part in list(parts[1:]):
                own = [c for c in part if c.family not in ("kill", "outcome")]
                earlier = next((p for p in parts if p is not part and parts.index(p) < parts.index(part) and
                                {c.family for c in own} <= {c.family for c in p}), None)
                if own and earlier is not None and all(definite(c) for c in own):
                    earlier.extend(part)
                    parts.remove(part)
            # a generic blast word belongs with the named weapon ("bombed positions using fighter jets")
            armed = [p for p in parts if {c.family for c in p} & NAMED_WEAPONS]
            for part in [p for p in parts if armed and p not in armed and
                         "blast" in {c.family for c in p} and {c.family for c in p} <= GENERIC_BLAST]:
                armed[0].extend(part)
                parts.remove(part)
            # a bare death or attack word belongs with the act it reports
            main_parts = [p for p in parts if {c.family for c in p} - {"outcome", "kill", "attack"}]
            for part in list(parts):
                if part not in main_parts and main_parts:
                    nearest = min(main_parts, key=lambda p: abs(p[0].start - part[0].start))
                    nearest.extend(part)
                    parts.remove(part)
            crowd = [p for p in parts if {c.family for c in p} & {"protest", "riot"}]
            if len(crowd) > 1:  # "detained people who gathered ... to protest": one protest, told twice
                for part in [p for p in crowd[1:] if {c.family for c in p} == {"protest"}]:
                    crowd[0].extend(part)
                    parts.remove(part)
            if len(parts) > 1 and group == "violence":
                # "Iranians who took to the streets were shot ...; 1,500 protesters were killed": the
                # participants named again are the same event, not a second one
                for part in list(parts[1:]):
                    own = [c for c in part if c.family not in ("outcome", "kill", "attack")]
                    if own and all(c.head.lemma_.lower() in PARTICIPANTS for c in own):
                        same = next((p for p in parts if p is not part and {c.family for c in own} <=
                                     {c.family for c in p}), None)
                        if same is not None:
                            same.extend(part)
                            parts.remove(part)
                # several generic parts ("attacked ..., killing ...") are one event
                if all(not ({c.family for c in p} - {"outcome", "kill", "attack"}) for p in parts):
                    parts = [[c for p in parts for c in p]]
            for part in parts:
                clusters.append(Cluster(sorted(part, key=lambda c: c.start), sent, index, [sent]))
    clusters.sort(key=lambda c: (c.sent.start, c.cues[0].start))
    return clusters
