"""Fatalities and injuries of one event, read from the parse of its sentences.

A death word ("killed", "died", "dead", "killing of", "to death") points to the people it is about:
its object ("killing 8 civilians"), its passive or intransitive subject ("seven soldiers were killed"),
or the object of "left" ("left 6 dead"). Coordinated groups are summed ("5 soldiers and 12 militants");
one named or singular person counts 1 ("killed Qasem Soleimani", "killing its driver"); "no casualties"
counts 0. Numbers follow ACLED's conservative reading (``counts.py``).
"""
from __future__ import annotations

import re

from ..model import Count
from .counts import COUNT, add, parse_count

DEATH = {"kill", "murder", "execute", "assassinate", "slaughter", "behead", "massacre", "lynch", "die", "dead",
         "killing", "execution", "death", "decapitate", "perish", "slay", "fatality", "body", "succumb",
         "neutralise", "neutralize", "life", "lose"}  # "11 assailants were neutralised": ACLED counts them as killed
HURT = {"wound", "injure", "hurt", "maim"}
NONE = re.compile(r"(?i)\b(no (?:one|body|(?:\w+ )?(?:casualties|fatalities|deaths|injuries|victims))|nobody|without (?:causing )?"
                  r"(?:any )?(?:casualties|fatalities|deaths|injuries)|no reports? of (?:casualties|deaths|fatalities)|"
                  r"no (?:immediate )?reports? of casualties)\b")
SUMMARY = {"fatality", "death", "body", "casualty", "toll", "injury"}  # a restated toll, not more people
PERSON_PRON = {"him", "her", "he", "she", "himself", "herself"}
NOT_PEOPLE = {"town", "city", "village", "base", "house", "home", "building", "car", "vehicle", "area", "position",
              "market", "school", "camp", "road", "region", "province", "district", "time", "day", "hour", "year",
              "ied", "bomb", "device", "mine", "explosive", "drone", "missile", "rocket", "weapon", "threat", "cell",
              "plane", "aircraft", "helicopter", "jet", "night", "morning", "evening", "week", "month"}
#: "killed two oxen", "shot dead 30 camels": livestock is no fatality.
ANIMALS = {"ox", "oxen", "cow", "cattle", "bull", "calf", "goat", "sheep", "camel", "donkey", "horse", "livestock",
           "animal", "dog", "pig", "chicken", "herd", "elephant", "lion", "hyena"}
#: Singular nouns that stand for an unknown number of people ("killed a family", "an entire patrol").
COLLECTIVE = {"family", "group", "crowd", "number", "dozen", "total", "toll", "tally", "unit", "patrol", "convoy",
              "team", "gang", "band", "squad", "platoon", "battalion", "household", "population", "community",
              "majority", "rest", "score", "handful", "couple", "lot", "series", "pair"}
#: Verbs that take the dead as their object: with no object, a headline's subject is the victim ("Lawyer killed
#: at her home", "Four police killed, dozens hurt").
TRANSITIVE = {"kill", "murder", "execute", "assassinate", "slaughter", "behead", "massacre", "lynch", "slay",
              "decapitate", "neutralise", "neutralize"}


def _np_count(text: str, tok, cue=None) -> Count | None:
    """The number of people the noun phrase headed by ``tok`` stands for, summing conjuncts."""
    total = _one(text, tok)
    for conj in tok.children:
        if conj.dep_ == "conj" and not _finite_outside_clauses(conj) and \
                not _own_predicate(conj, cue) and not _other_toll(conj, cue) and not _same_person(tok, conj):
            part = _np_count(text, conj, cue)
            if part is None and total is not None and conj.tag_ == "NN" and not any(
                    c.dep_ == "nummod" for c in tok.children) and conj.lemma_.lower() in PERSONS | {
                    "conductor", "wife", "husband", "son", "daughter", "brother", "sister", "father", "mother"}:
                part = Count(best=1, low=1, high=1, span=None)  # "a driver and conductor"
            total = add(total, part, text)
        elif conj.dep_ == "appos" and total is not None and _numbered(tok) and _numbered(conj):
            # "Three militants, five fighters, and two civilians were killed": a list the parse reads as an
            # apposition; "3 civilians, two women and a child" is one group told twice (the parts add up)
            part = _np_count(text, conj, cue)
            if part is not None and part.best != total.best:
                total = add(total, part, text)
    return total


def _same_person(tok, conj) -> bool:
    """'businessman and prominent critic of the government Jacob Juma': one person described twice, then named
    (but "driver and conductor killed" are two)."""
    bare = not any(c.dep_ in ("det", "poss", "nummod") for c in conj.children)
    named = any(t.ent_type_ == "PERSON" and t.i > conj.i for t in tok.subtree)
    return tok.tag_ == "NN" and conj.tag_ == "NN" and bare and named and not any(c.dep_ == "det" for c in tok.children)


def _finite_outside_clauses(conj) -> bool:
    """A finite verb in a conjunct, not counting those of its relative clauses ("2 suspects they had arrested")."""
    todo = [conj]
    while todo:
        t = todo.pop()
        if t.tag_ in ("VBD", "VBZ", "VBP", "MD"):
            return True
        todo.extend(c for c in t.children if c.dep_ not in ("relcl", "acl"))
    return False


def _numbered(tok) -> bool:
    return any(c.dep_ == "nummod" for c in tok.children)


_DEAD_WORDS = {"dead", "killed", "slain"}
_HURT_WORDS = {"wounded", "injured", "hurt"}


def _other_toll(conj, cue) -> bool:
    """'two dead soldiers and three wounded civilians': a conjunct marked with the other kind of toll."""
    if cue is None:
        return False
    marks = {c.lower_ for c in conj.children if c.dep_ in ("amod", "acl")}
    dying = cue.lemma_.lower() in DEATH or cue.lower_ in _DEAD_WORDS
    if conj.lemma_.lower() in ({"injury", "wound", "wounding", "injuring"} if dying else DEATH):
        return True  # "the death of 2 civilians and the injury of 3"
    return bool(marks & (_HURT_WORDS if dying else _DEAD_WORDS))


def _own_predicate(conj, cue) -> bool:
    """'killing of 52 members and seven, including 6 women, were taken hostage': the conjunct has its own verb."""
    doc = conj.doc
    for tok in doc[conj.i + 1:min(len(doc), conj.i + 8)]:
        if tok.text in (".", ";"):
            return False
        if tok.dep_ in ("acl", "relcl", "amod") and tok.lemma_.lower() not in DEATH | HURT:
            continue  # "a militant equipped with an IED": a modifier, no predicate (but "5 injured" is a toll)
        if tok.pos_ in ("AUX", "VERB") and tok.dep_ not in ("prep", "pcomp", "auxpass", "aux") and tok.tag_ != "VBG" \
                and tok.head.pos_ != "ADP":  # "before being shot dead himself" is no predicate of the group
            verb = tok.head if tok.pos_ == "AUX" else tok
            if any(c.dep_ in ("nsubj", "nsubjpass") for c in verb.children):
                return False  # "..., Iraqi officials said": someone else's verb
            return cue is None or verb != cue
    return False


def _one(text: str, tok) -> Count | None:
    lemma = tok.lemma_.lower()
    if lemma in ANIMALS or tok.lower_ in ANIMALS or lemma in NOT_PEOPLE and tok.pos_ == "NOUN":
        return None  # "killed two oxen", "shot down two drones"
    if tok.lower_ in ("who", "whom") and tok.head.dep_ == "relcl" and tok.head.head.pos_ in ("NOUN", "PROPN"):
        return _one(text, tok.head.head)  # "a murder suspect who the mob lynched": the suspect
    if tok.lower_ in ("nobody", "none", "noone") or any(c.dep_ in ("det", "neg") and c.lower_ in ("no", "not")
                                                        for c in tok.children):
        return Count(best=0, low=0, high=0, span=None)  # "no one was hurt", "nobody died", "no soldiers were killed"
    left = min([tok.i] + [c.left_edge.i for c in tok.children if c.i < tok.i and c.dep_ != "conj"])
    span_start = tok.doc[left].idx
    span_end = tok.idx + len(tok.text)
    if tok.lemma_.lower() == "number" and any(c.lower_ in ("undisclosed", "unknown", "unspecified", "unconfirmed",
                                                           "undetermined") for c in tok.children):
        return None  # "an undisclosed number of insurgents": no count
    for child in tok.children:  # "dozens of people", "a family of six", "a total of 12 people"
        if child.dep_ == "prep" and child.lower_ == "of":
            for pobj in child.children:
                if pobj.dep_ == "pobj" and pobj.like_num and tok.lemma_.lower() in COLLECTIVE:
                    return parse_count(text, pobj.idx, pobj.idx + len(pobj.text))  # but "a father of four": 1
                if pobj.dep_ == "pobj" and tok.lemma_.lower() in ("total", "toll", "tally"):
                    return _one(text, pobj)
    count = parse_count(text, span_start, span_end)
    if count is not None and count.best > 1 and _singular(tok) and (
            not any(c.dep_ == "nummod" for c in tok.children) or
            any(c.dep_ == "det" and c.lower_ in ("a", "an") for c in tok.children)):
        return Count(best=1, low=1, high=1, span=None)  # "a form four student", "the 12th victim"
    if count is not None:
        return count
    if tok.like_num and (count := parse_count(text, tok.idx, tok.idx + len(tok.text))) is not None:
        return count
    if tok.lower_ == "couple" and any(c.dep_ == "det" for c in tok.children):
        return Count(best=2, low=2, high=2, span=None)  # "killed a couple and their son"
    if any(c.lower_ == "both" for c in tok.children) and tok.tag_ == "NNS":
        return Count(best=2, low=2, high=2, span=None)  # "Both men died."
    if tok.lower_ in ORDINALS and tok.dep_ in ("nsubj", "nsubjpass"):
        return Count(best=1, low=1, high=1, span=None)  # "one died at the scene and the other in hospital"
    if tok.lower_ == "them":  # "seized 4 gang members and burned them to death": the group named before
        earlier = [t for t in tok.sent if t.i < tok.i and t.tag_ == "NNS" and any(c.dep_ == "nummod" for c in t.children)]
        if earlier:
            return _one(text, earlier[-1])
    if tok.ent_type_ == "NORP" and any(c.dep_ == "det" and c.lower_ in ("a", "an") for c in tok.children):
        return Count(best=1, low=1, high=1, span=None)  # "A Kenyan is dead"
    if tok.lower_ in PERSON_PRON or tok.ent_type_ == "PERSON" or tok.pos_ == "PROPN" and tok.ent_type_ not in (
            "GPE", "LOC", "FAC", "ORG", "NORP", "DATE"):
        return Count(best=1, low=1, high=1, span=None)
    if tok.pos_ == "NOUN" and tok.tag_ == "NN" and lemma not in NOT_PEOPLE | COLLECTIVE:
        if any(c.dep_ in ("det", "poss", "compound", "nmod", "amod") for c in tok.children):
            return Count(best=1, low=1, high=1, span=None)  # "a Fulani man", "an IEBC coordinator"
    if tok.lemma_.lower() in PERSONS and tok.tag_ in ("NN", "JJ") and tok.dep_ in ("dobj", "nsubjpass", "nsubj", "ROOT"):
        return Count(best=1, low=1, high=1, span=None)  # a headline's bare noun: "gunmen kill civilian"
    return None


def _singular(tok) -> bool:
    """One person named by a singular noun with an article ("a form four student"), not a group."""
    return tok.tag_ == "NN" and tok.lemma_.lower() not in COLLECTIVE and \
        any(c.dep_ == "det" and c.lower_ in ("a", "an", "the", "this", "that") for c in tok.children)


LOSSES = {"fighter", "soldier", "man", "member", "troop", "militant", "officer", "combatant", "policeman", "civilian",
          "guard", "gendarme", "militiaman", "rebel", "insurgent"}
#: Nouns that name one person even without an article, as headlines write them ("mob lynches suspect").
PERSONS = LOSSES | {"woman", "boy", "girl", "child", "farmer", "herder", "student", "teacher", "trader", "villager",
                    "resident", "driver", "journalist", "chief", "leader", "suspect", "person", "worker", "youth",
                    "pastor", "priest", "imam", "teenager", "businessman", "reservist", "protester", "demonstrator",
                    "cleric", "elder", "official", "politician", "councillor", "councilor", "candidate", "mp",
                    "activist", "shopkeeper", "motorist", "passenger", "pupil", "herdsman", "fisherman", "doctor",
                    "nurse", "lawyer", "judge", "commander", "trader", "thief", "robber", "gunman", "assailant",
                    "attacker", "bandit", "vendor", "operator", "watchman", "guard"}
LIFE_TAKERS = {"claim", "take", "cost", "lose"}
FOUND = {"find", "discover", "recover", "see", "report", "leave", "confirm", "believe"}
ORDINALS = {"other", "another", "second", "third", "fourth", "fifth", "sixth"}


def _marked(tok) -> bool:
    """A group with its own toll word ("nine officers injured and one killed": the nine are the injured)."""
    return any(c.dep_ in ("acl", "amod") and c.i > tok.i and (c.lower_ in _HURT_WORDS | _DEAD_WORDS or
                                                             c.lemma_.lower() in DEATH | HURT) for c in tok.children)


def headline_passive(tok) -> bool:
    """'Lawyer killed at her home', 'Four police killed, dozens hurt': a killing verb with a subject and nothing
    killed, as headlines and notes drop the "was"; the subject is the victim."""
    lemma = tok.lemma_.lower()
    if lemma not in TRANSITIVE | HURT and not gunned_down(tok) or tok.tag_ not in ("VBD", "VBN") or \
            tok.dep_ in ("relcl", "acl", "amod"):
        return False
    subject = next((c for c in tok.children if c.dep_ == "nsubj"), None)
    if subject is None or subject.pos_ == "PRON" or subject.lower_ in ("who", "that", "which"):
        return False
    if any(c.dep_ in ("dobj", "ccomp", "xcomp", "aux", "auxpass") for c in tok.children):
        return False  # "gunmen have killed ..." is active
    return not any(c.dep_ == "conj" and any(g.dep_ == "dobj" for g in c.children) for c in tok.children)


def gunned_down(tok) -> bool:
    """'gunned down', 'mowed down', 'shot down' (of people: aircraft and drones are no people, see ``_one``)."""
    return tok.lemma_.lower() in ("gun", "mow", "shoot") and tok.pos_ == "VERB" and \
        any(c.dep_ == "prt" and c.lower_ == "down" for c in tok.children)


def victims(tok):
    """Heads of the noun phrases a death or injury word is about."""
    lemma = tok.lemma_.lower()
    deps = {c.dep_: c for c in tok.children}
    if lemma in ("death", "fatality", "casualty") and tok.tag_ == "NN" and \
            any(c.dep_ == "nummod" and c.lower_ in ("one", "1") for c in tok.children):
        yield tok  # "One fatality."
        return
    if lemma == "lose":
        if any(c.dep_ == "dobj" and c.lemma_.lower() in LOSSES for c in tok.children):
            yield from _all(tok, "dobj")  # "the rebels lost 6 fighters", never "lost control of the town"
        return
    if lemma in ("death", "fatality", "body", "casualty", "injury") and tok.tag_ == "NNS":
        if "nummod" in deps:  # "resulting in 3 fatalities", "5 deaths", "12 bodies"
            yield tok
            return
        if lemma == "body":  # "the bodies of 3 men were found"
            for c in tok.children:
                if c.dep_ == "prep" and c.lower_ == "of":
                    pobj = next((g for g in c.children if g.dep_ == "pobj"), None)
                    if pobj is not None:
                        yield pobj
            return
    if tok.pos_ == "VERB" or lemma in ("kill", "wound", "injure"):
        if "dobj" in deps and tok.dep_ not in ("amod",):
            yield from _all(tok, "dobj")
            # "killed a village chief and two of his sons": the parse may hang the second group on the verb
            yield from (c for c in tok.children if c.dep_ == "conj" and c.i > deps["dobj"].i and (
                c.pos_ == "NUM" or c.pos_ == "NOUN" and c.lemma_.lower() not in NOT_PEOPLE and
                not any(x.dep_ in ("dobj", "nsubj", "nsubjpass") for x in c.children)))
            return
        subject = deps.get("nsubj")
        if tok.dep_ == "relcl" and subject is not None and subject.lower_ in ("who", "that") and \
                lemma in ("die", "perish", "succumb"):
            yield tok.head  # "shot one gang member, who died later in hospital"
            return
        for dep in ("nsubjpass", "nsubj"):
            if dep in deps and (dep == "nsubjpass" or lemma in ("die", "perish", "succumb") or "auxpass" in deps):
                yield from _all(tok, dep)  # the parse may hang both halves of "12 X and 3 Y" on the verb
                return
        between = [g for c in tok.children if c.dep_ == "prep" and c.lower_ == "between" for g in c.children
                   if g.dep_ == "pobj"]
        if between and not any(c.dep_ in ("nsubjpass", "auxpass") for c in tok.children):
            yield from between  # "killed between 11 and 20 people"
            return
        if headline_passive(tok):
            yield from _all(tok, "nsubj")  # "Lawyer killed at her home", "2 raiders killed and 2 civilians killed"
            return
        if tok.tag_ == "VBN" and tok.dep_ in ("advcl", "acl"):
            # "Two robbers were on Saturday killed", "12 people were during the night killed": the parse hangs
            # the participle off the time words; the people are the subject of "were"
            be = next((a for a in list(tok.ancestors)[:3] if a.lemma_ == "be" and _all(a, "nsubj")), None)
            if be is not None and (tok.dep_ == "advcl" and tok.head == be or tok.head.lemma_.lower() in NOT_PEOPLE):
                yield from _all(be, "nsubj")
                return
        if tok.dep_ == "conj" and tok.tag_ == "VBN" and tok.head.pos_ == "VERB" and _all(tok.head, "nsubjpass"):
            yield from _all(tok.head, "nsubjpass")  # "2 civilians were shot and killed": the shared subject
            return
        if (tok.dep_ in ("xcomp", "oprd") or tok.dep_ == "advcl" and tok.head.lemma_.lower() in FOUND) and \
                tok.tag_ == "VBN" and _all(tok.head, "nsubjpass"):
            yield from _all(tok.head, "nsubjpass")  # "dozens were reported killed", "a man is discovered murdered"
            return
        if tok.dep_ in ("acl", "amod") and tok.head.pos_ in ("NOUN", "PROPN", "NUM"):
            head = tok.head
            while tok.i > head.i and head.dep_ == "conj" and head.head.pos_ in ("NOUN", "PROPN", "NUM") and \
                    not _marked(head.head):
                head = head.head  # "reported 5 soldiers and 33 militants killed" (not "9 injured and 1 killed")
            yield head  # "dozens of people killed", "the killed soldiers"
            return
    if lemma in ("dead", "wounded", "injured") or tok.lower_ in ("dead", "wounded", "injured"):
        if "nsubj" in deps:
            yield deps["nsubj"]
            return
        head = tok.head
        if head.lemma_.lower() == "leave" or tok.dep_ in ("oprd", "ccomp", "xcomp", "acomp") or \
                tok.dep_ == "advcl" and head.lemma_.lower() in ("shoot", "beat", "stab", "hack", "leave", "find"):
            # "left 6 dead", "shot him dead", "was shot dead by ..." (the passive subject)
            obj = next((c for c in head.children if c.dep_ == "dobj"), None) or \
                next((c for c in head.children if c.dep_ == "nsubjpass" and tok.dep_ == "oprd"), None)
            if obj is None:  # "... before being shot dead himself"
                obj = next((c for c in head.children if c.lower_ in ("himself", "herself")), None)
            if obj is None and tok.dep_ == "oprd" and head.dep_ == "xcomp":
                # "five men were found shot dead": the people are the subject of "found"
                obj = next((c for c in head.head.children if c.dep_ in ("nsubjpass", "dobj")), None)
            if obj is not None:
                yield obj
                return
        if tok.dep_ in ("advmod", "acomp") and head.lemma_.lower() in ("shoot", "gun"):
            objs = _all(head, "dobj")
            if objs:  # "gunmen shot dead a prosecutor"
                yield objs[0]
                return
            after = next((t for t in tok.doc[tok.i + 1:tok.i + 8] if t.pos_ in ("NOUN", "PROPN", "PRON")
                          and t.dep_ not in ("compound", "amod", "nmod", "poss")), None)
            if after is not None:  # "shot dead a female vaccinator going door to door": a misparsed object
                yield after
                return
        if tok.dep_ == "amod":
            # "left 5 soldiers and 12 militants dead": a trailing "dead" is parsed on the last conjunct only
            while tok.i > head.i and head.dep_ == "conj" and head.head.pos_ in ("NOUN", "PROPN", "NUM") and \
                    not _marked(head.head):
                head = head.head
            yield head
            return
        if tok.dep_ in ("dobj", "attr") and head.lemma_.lower() == "leave":
            # "leaving 36 dead": the number hangs on "dead"
            nums = [c for c in tok.children if c.like_num or c.dep_ == "nummod"]
            if nums:
                yield tok
            return
    if lemma == "body" and tok.tag_ == "NN" or lemma == "life" and tok.head.lemma_.lower() in LIFE_TAKERS:
        # "the body of a man was found", "claimed the lives of 6 people"
        for c in tok.children:
            if c.dep_ == "prep" and c.lower_ == "of":
                yield from _all(c, "pobj")
                return
        if lemma == "body" and any(c.dep_ == "poss" and c.lower_ in ("his", "her") for c in tok.children):
            yield tok  # "His body was found five days later"
            return
    if lemma == "death" and any(c.dep_ == "poss" and c.lower_ in ("their", "his", "her") for c in tok.children):
        verb = tok
        while verb.pos_ != "VERB" and verb.head != verb:
            verb = verb.head
        while verb.dep_ in ("advcl", "xcomp", "pcomp", "prep") and verb.head != verb:
            verb = verb.head  # "shot 3 farmers ..., resulting in their deaths": the people shot
        objs = [c for c in verb.children if c.dep_ == "dobj"]
        if objs:
            yield objs[0]
            return
    if lemma in ("killing", "death", "execution", "murder", "massacre", "injury"):
        for c in tok.children:
            if c.dep_ == "prep" and c.lower_ == "of":
                for pobj in c.children:
                    if pobj.dep_ == "pobj":
                        yield pobj
                        return
    if lemma == "death" and tok.head.lower_ == "to":  # "hacked 8 civilians to death", "was beaten to death"
        verb = tok.head.head
        obj = next((c for c in verb.children if c.dep_ == "dobj"), None) or \
            next((c for c in verb.children if c.dep_ == "nsubjpass"), None) or \
            next((c for c in verb.children if c.dep_ == "nsubj" and c.pos_ != "PRON" and
                  c.lower_ not in ("who", "that", "which")), None)  # "12 suspected witches burned to death"
        if obj is not None:
            yield obj


FINAL_TOLL = re.compile(r"(?i)\b(?:final|revised|updated|new|later) (?:death )?toll (?:was|is|stood at|stands at|"
                        r"reached|rose to|of)\s+|\btoll\b[^.;]{0,120}?\b"
                        r"(?:rose|risen|raised|revised|climbed|increased|jumped)(?: up)? to\s+")
SELF_TOO = re.compile(r"(?i)\b(?:besides|in addition to|as well as|along with) (?:himself|herself)\b")


def _voices(sent) -> int:
    """How many sources a sentence cites ('according to X', 'Y said')."""
    text = sent.text.lower()
    return text.count("according to") + sum(1 for t in sent if t.lemma_.lower() in ("say", "claim", "report", "put")
                                            and t.pos_ == "VERB")


def _all(tok, dep: str):
    return [c for c in tok.children if c.dep_ == dep]


def people(text: str, sents, words: set[str]) -> Count | None:
    """The people killed (``DEATH``) or hurt (``HURT``) in ``sents``, summed over distinct groups."""
    total: Count | None = None
    seen: set[int] = set()
    for sent in sents:
        before, groups = total, []
        for tok in sent:
            lemma = tok.lemma_.lower()
            if lemma not in words and tok.lower_ not in words and not (words is DEATH and gunned_down(tok)) or \
                    _disputed(tok):
                continue
            for head in victims(tok):
                if head.i in seen:
                    continue
                seen.update(t.i for t in head.subtree)
                found = _np_count(text, head, tok)
                if found is not None and words is DEATH:
                    groups.append(found)
                if lemma in SUMMARY and total is not None and found is not None:
                    total = total if total.best >= found.best else found  # "..., resulting in 17 fatalities"
                else:
                    total = add(total, found, text)
        if len(groups) >= 2 and _voices(sent) >= 2:
            # "more than 30 killed, according to residents; police said 12": competing reports of one toll,
            # read conservatively
            total = add(before, min(groups, key=lambda g: g.best), text)
    if words is DEATH:
        for sent in sents:
            final = FINAL_TOLL.search(text, sent.start_char, sent.end_char)
            if final:  # "Initial reports gave 14 dead; the final toll was 21."
                count = parse_count(text, final.end(), sent.end_char)
                if count is not None:
                    return count
            if total is not None and SELF_TOO.search(text, sent.start_char, sent.end_char):
                total = add(total, Count(best=1, low=1, high=1, span=None), text)  # "killing 3 besides himself"
    if total is None:
        for sent in sents:
            if NONE.search(sent.text):
                return Count(best=0, low=0, high=0, span=None)
            total = _fallback(text, sent, words)
            if total is not None:
                return total
    return total


#: The sides of a fight the dead belong to, for telling two tolls of one clash apart ("More than 10 militants were
#: killed. The militants claimed to have killed 25 soldiers": 35).
SIDES = {
    "state": {"soldier", "troop", "police", "policeman", "officer", "gendarme", "personnel", "guard", "reservist",
              "commando", "army", "ranger", "serviceman", "constable", "cop", "agent", "recruit"},
    "armed": {"militant", "fighter", "insurgent", "rebel", "jihadist", "assailant", "attacker", "terrorist", "gunman",
              "bandit", "raider", "militiaman", "kidnapper", "pirate", "extremist", "combatant"},
    "civilian": {"civilian", "villager", "resident", "farmer", "herder", "passenger", "child", "woman", "worker",
                 "student", "trader", "pedestrian", "bystander", "worshipper", "displaced", "refugee"},
}


def sides(sents) -> set[str]:
    """The sides of a fight ('state', 'armed', 'civilian') the dead told in ``sents`` belong to; 'any' when a
    group has no side ("5 people", "12")."""
    found: set[str] = set()
    for sent in sents:
        for tok in sent:
            if tok.lemma_.lower() not in DEATH and tok.lower_ not in DEATH and not gunned_down(tok) or _disputed(tok):
                continue
            for head in victims(tok):
                for part in [head] + [c for c in head.children if c.dep_ == "conj"]:
                    lemma = part.lemma_.lower()
                    found.add(next((side for side, words in SIDES.items() if lemma in words), "any"))
    return found


DISPUTE = {"reject", "deny", "dispute", "dismiss", "refute", "exaggerate", "contest"}


MOTIVES = {"retaliation", "revenge", "response", "reprisal", "anniversary", "memory", "protest", "condemn",
           "denounce", "mourn", "commemorate", "avenge", "anger", "angered", "outrage", "outraged", "incense",
           "angry", "honor", "honour", "funeral", "burial", "compensation"}
#: "suspected of killing", "arrested in connection with the murder of", "accused of murdering": a crime someone
#: is held for, not a death of this event.
ACCUSED = {"accuse", "suspect", "charge", "convict", "allege", "blame", "implicate", "sentence", "arrest", "detain",
           "prosecute", "connection", "link", "involvement", "involve", "complicity", "wanted", "jail", "imprison"}
#: "tried to kill", "threatened to kill": no one died.
ATTEMPTS = {"try", "attempt", "threaten", "plan", "plot", "vow", "seek", "intend", "want", "aim", "conspire", "bid"}
#: "died due to drowning", "killed in a road accident": deaths that are no violence.
MISHAPS = {"accident", "drowning", "illness", "disease", "electrocution", "treatment", "negligence",
           "collision"}
#: "a car that hit and killed a motorcyclist": a road accident, no political violence.
VEHICLES = {"car", "bus", "truck", "lorry", "vehicle", "train", "motorcycle", "motorbike", "matatu", "tractor",
            "minibus", "van", "coach", "trailer", "tanker"}
#: "the prior killing of", "a man assassinated earlier": another, earlier event.
EARLIER = {"prior", "previous", "earlier", "past", "previously", "before"}


CROWD_ACTS = {"protest", "march", "rally", "demonstrate", "demonstration", "gather", "strike", "anger", "outrage",
              "block", "riot", "sit-in", "vigil", "demand", "call"}
CAUSE_FOR = {"justice", "accountability", "answer", "demand", "call", "vigil"}  # "for" that names a cause


def protested(tok, crowd_words: set[str] = CROWD_ACTS) -> bool:
    """'marched against the handling of the pandemic, which had killed 450,000', 'held a vigil for victims of a
    bombing', 'in protest at the killing of': what a crowd protests, under a cause preposition below a protest
    word. The events stage asks the same of its cues, with its own protest words."""
    cause = False
    for up in list(tok.ancestors)[:8]:
        head = up.head.lemma_.lower()
        if up.dep_ == "prep" and (up.lower_ in ("against", "over", "at") or up.lower_ == "of" and head == "protest"
                                  or up.lower_ == "for" and head in CAUSE_FOR | crowd_words):
            cause = True  # "demanding justice for the 3 students killed last month"
        elif cause and up.lemma_.lower() in crowd_words:
            return True
    return False


def _disputed(tok) -> bool:
    """'rejecting reports of up to 2,000 dead', 'in retaliation for the killing of X': not this event's toll."""
    if any(a.lemma_.lower() in MOTIVES for a in list(tok.ancestors)[:4]):
        return True
    if _not_this_death(tok):
        return True
    if tok.dep_ == "pobj" and tok.head.lower_ in ("over", "against") and tok.head.head.pos_ in ("VERB", "NOUN"):
        return True  # "gathered over the death of X", "a protest against the killing of Y": the grievance
    if protested(tok):
        return True
    if any(a.dep_ == "pobj" and a.head.lower_ in ("after", "before", "since", "following") and a.head.dep_ == "prep"
           and a.head.head.lemma_.lower() not in DEATH for a in [tok] + list(tok.ancestors)[:6]):
        return True  # "the day after a knife attack that killed three girls": another event's toll
    verb = tok if tok.pos_ in ("VERB", "AUX") else tok.head
    while verb.dep_ == "conj" and verb.head.pos_ in ("VERB", "AUX") and verb.head != verb:
        verb = verb.head  # "burnt down a bus after it hit and killed one of them"
    if verb.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ in ("after", "since", "because") for c in
                                    verb.children) and (verb.head.lemma_.lower() not in DEATH or _all(verb, "nsubj")):
        # "burned the police station after a suspect died in custody", "was lynched after he killed his
        # girlfriend": the cause, not the toll
        return True
    current = tok
    for _ in range(5):
        if current.dep_ in ("ccomp", "advcl", "xcomp", "conj", "parataxis", "relcl") or current.head == current:
            return False  # a new clause: its own speaker
        current = current.head
        if current.lemma_.lower() in DISPUTE:
            return True
    return False


def _not_this_death(tok) -> bool:
    """'nearly killed', 'tried to kill', 'suspected of killing', 'lynched for killing his daughter', 'who had
    killed civilians', 'the prior killing of', 'a car that hit and killed a pedestrian', 'died in an accident':
    a death that did not happen, happened before, or is no political violence."""
    kids = list(tok.children)
    if any(c.dep_ == "advmod" and c.lower_ in ("nearly", "almost") for c in kids):
        return True
    verb = tok
    while verb.dep_ in ("pobj", "prep") and verb.head != verb:
        verb = verb.head  # "attempted to burn to death a man": the verb of "to death"
    if verb.dep_ in ("xcomp", "acl") and verb.head.lemma_.lower() in ATTEMPTS:
        return True  # "tried to kill", "in a bid to lynch"
    if any(c.dep_ == "prep" and any(g.dep_ == "pobj" and any(a.lower_ in ("earlier", "previous", "prior") and
                                                              a.dep_ == "amod" for a in g.children)
                                    for g in c.children) for c in kids):
        return True  # "after a student died during an earlier demonstration"
    if tok.dep_ in ("advcl", "relcl") and any(c.dep_ == "aux" and c.lower_ == "had" for c in kids):
        return True  # "as five patients had died at the hospital": told as background
    if any(c.lower_ in EARLIER and (c.dep_ == "amod" or c.dep_ == "advmod" and tok.dep_ != "ROOT") for c in kids):
        # "the prior killing of", "a man assassinated earlier" (but "Earlier, gunmen killed 3" and "killed a
        # butcher the day before" tell the event)
        return True
    if tok.dep_ == "relcl" and any(c.dep_ == "aux" and c.lower_ == "had" or c.dep_ == "advmod" and c.lower_ == "allegedly"
                                   for c in kids):
        return True  # "militiamen who had killed civilians", "a man who allegedly killed his neighbour"
    if tok.dep_ == "ccomp" and tok.head.dep_ == "relcl" and tok.head.lemma_.lower() in ("believe", "suspect", "say"):
        return True  # "a man they believe killed a child"
    up = list(tok.ancestors)[:4]
    for a in up:
        if a.dep_ == "prep" and a.lower_ in ("of", "for", "with", "over") and (
                a.head.lemma_.lower() in ACCUSED or a.head.lower_ in ACCUSED) and a.head.dep_ != "ROOT":
            # "suspected of killing", "arrested in connection with the killing of"; but "Residents accuse
            # police of killing a man" reports the killing itself
            return True
    if tok.dep_ in ("pcomp", "pobj") and tok.head.lower_ == "for" and \
            tok.head.head.lemma_.lower() not in ("responsibility", "responsible", "credit"):
        return True  # "lynched for killing his daughter": the reason, not this event's toll
    subject = next((c for c in kids if c.dep_ == "nsubj"), None)
    struck = tok.dep_ == "conj" and tok.head.lemma_.lower() in ("hit", "knock", "crash", "run", "overturn")
    if subject is not None and subject.lower_ in ("that", "which") and tok.dep_ == "relcl":
        subject, struck = tok.head, True
    if subject is not None and subject.lemma_.lower() in VEHICLES and struck and \
            not any(c.lemma_.lower() in ("bomb", "explosive") for c in subject.children):
        return True  # "a car that killed a motorcyclist", "a bus hit and killed a rider"
    return any(c.dep_ == "prep" and any(g.lemma_.lower() in MISHAPS or g.lower_ in MISHAPS for g in c.subtree)
               for c in kids)


TOLL = re.compile(r"(?i)\b(?:death toll|toll)\b[^.;]{0,120}?\b(?:to|of|at|reached|hit|stands at|stood at)\s+"
                  r"(?=\S*\d|at least|more than|about|some|over)")


FATALITIES_TAG = re.compile(r"(?i)\b(?:fatalities|deaths|killed|dead)\s*[:=]\s*(?=\d|[a-z]+\b)")


def _fallback(text: str, sent, words: set[str]) -> Count | None:
    """'N dead', 'death toll of N', 'killing N': surface patterns the parse can miss."""
    if words is DEATH:
        tag = FATALITIES_TAG.search(text, sent.start_char, sent.end_char)  # "Fatalities: 4."
        if tag:
            return parse_count(text, tag.end(), sent.end_char)
        toll = TOLL.search(text, sent.start_char, sent.end_char)
        if toll:
            count = parse_count(text, toll.end(), sent.end_char)
            if count is not None:
                return count
    key = r"kill|dead|died|death|killing|lives(?!tock)" if words is DEATH else "wounded|injured|injuring|wounding|hurt"
    after = re.compile(rf"(?i)(?:{key})\w*\s+(?:at least\s+|more than\s+|some\s+|about\s+)?\S+")
    before = re.compile(rf"(?i)[^\s,;]+(?:\s+[^\s,;]+){{0,3}}?\s+(?:were\s+|was\s+)?(?:{key})")
    # both readings of every death word ("claimed to have killed at least 6 soldiers": the number after it)
    found = sorted([*after.finditer(text, sent.start_char, sent.end_char),
                    *before.finditer(text, sent.start_char, sent.end_char)], key=lambda m: m.start())
    for m in found:
        start = m.start()
        count = parse_count(text, start, m.end())
        if count is None or not COUNT.search(text, start, m.end()):
            continue
        near = sent.doc.char_span(count.span.start, count.span.end, alignment_mode="expand")
        word = next((t for t in sent if t.idx >= m.start() and re.match(rf"(?i){key}", t.text)), None)
        if near is None or _disputed(near.root) or word is not None and _disputed(word) or any(
                t.ent_type_ in ("DATE", "TIME", "ORDINAL", "MONEY") for t in near) or any(
                t.lemma_.lower() in ANIMALS for t in sent.doc[near.end:near.end + 3]):
            continue  # "over 100 camels have been killed"
        return count
    return None
