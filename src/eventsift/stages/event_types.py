"""Event cues and ACLED typing.

Cues are regular expressions over a sentence's lemmas (``resources/event_triggers.json``), so one
pattern covers "shelled", "shelling" and "shells". A group of cues that form one event is typed by
its most specific family, then refined the way ACLED's codebook separates sub-event types: who was
targeted (armed or civilian), what happened at a protest (force, intervention, violence), and who
took territory (the state or not). Written as rules because no library types events with ACLED's
categories on a CPU; the rules read the parse, not fixed sentences.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from ..resources import load_json

PERSON_KINDS_ARMED = {"state_forces", "armed_group"}
#: Words the small English model lemmatises in ways the cue list does not expect.
LEMMA_FIXES = {"shot": "shoot", "shooting": "shooting", "killing": "killing", "killings": "killing",
               "bombing": "bombing", "fighting": "fighting", "shelling": "shelling", "landmine": "landmine",
               "rioting": "riot", "looting": "loot", "raped": "rape", "raping": "rape", "rapes": "rape",
               "shelled": "shell", "abducted": "abduct", "kidnapped": "kidnap", "ambushed": "ambush",
               "lynched": "lynch", "clashed": "clash", "looted": "loot", "torched": "torch", "stormed": "storm",
               # ACLED's actor names start with a capital and are tagged as proper nouns, so not lemmatised
               "protesters": "protester", "protestors": "protestor", "rioters": "rioter",
               "demonstrators": "demonstrator"}


@dataclass
class Cue:
    family: str
    tokens: list  # spaCy tokens the cue covers
    start: int
    end: int

    @property
    def head(self):
        """The syntactic head of the cue's tokens (the one whose head is outside the cue)."""
        ids = {t.i for t in self.tokens}
        for t in self.tokens:
            if t.head.i not in ids or t.head == t:
                return t
        return self.tokens[-1]


@dataclass
class Lexicon:
    families: dict
    patterns: list  # (family, compiled regex)
    noun_only: frozenset
    verb_only: frozenset
    modifiers: dict = field(default_factory=dict)


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    data = load_json("event_triggers.json")
    patterns = []
    for family, spec in data["families"].items():
        for cue in spec["cues"]:
            # a literal word every match starts with lets find_cues skip the pattern cheaply
            literal = re.match(r"[a-z]+", re.sub(r"^\(\?<!.*?\)", "", cue))
            patterns.append((family, cue, re.compile(rf"(?<![\w-]){cue}(?![\w-])"), literal.group() if literal else ""))
    modifiers = {name: re.compile(r"(?<![\w-])(?:" + "|".join(cues) + r")(?![\w-])")
                 for name, cues in data["modifiers"].items()}
    return Lexicon(data["families"], patterns, frozenset(data["noun_only"]), frozenset(data["verb_only"]), modifiers)


def lemma_string(tokens) -> tuple[str, list[int], list]:
    """The lower-cased lemmas joined by spaces, with each token's offset in that string."""
    parts, offsets, pos = [], [], 0
    for t in tokens:
        lemma = (t.lemma_ or t.text).lower()
        if t.lower_ in LEMMA_FIXES:
            lemma = LEMMA_FIXES[t.lower_]
        offsets.append(pos)
        parts.append(lemma)
        pos += len(lemma) + 1
    return " ".join(parts), offsets, list(tokens)


def find_cues(sent) -> list[Cue]:
    """Every cue in a sentence, longest first where cues overlap; each token serves one cue."""
    lex = lexicon()
    string, offsets, tokens = lemma_string(sent)
    found: list[tuple[int, int, str, str]] = []
    for family, raw, rx, literal in lex.patterns:
        if literal not in string:
            continue
        for m in rx.finditer(string):
            found.append((m.start(), m.end(), family, raw))
    found.sort(key=lambda f: (-(f[1] - f[0]), lex.families[f[2]]["priority"]))
    used: set[int] = set()
    cues: list[Cue] = []
    for start, end, family, raw in found:
        covered = [tokens[k] for k, off in enumerate(offsets) if start <= off < end]
        if not covered or any(t.i in used for t in covered):
            continue
        head = covered[-1] if len(covered) == 1 else None
        if head is not None:
            if raw in lex.noun_only and head.pos_ not in ("NOUN", "PROPN"):
                continue
            if raw in lex.verb_only and head.pos_ not in ("VERB",):
                continue
            if head.pos_ not in ("NOUN", "VERB", "PROPN", "ADJ", "ADV") and family != "outcome":
                continue
        used.update(t.i for t in covered)
        cues.append(Cue(family, covered, covered[0].idx, covered[-1].idx + len(covered[-1].text)))
    return sorted(cues, key=lambda c: c.start)


def modifier(name: str, text: str) -> bool:
    return lexicon().modifiers[name].search(text) is not None


def family_type(family: str) -> tuple[str, str]:
    etype, sub = lexicon().families[family]["type"]
    return etype, sub


def priority(family: str) -> int:
    return lexicon().families[family]["priority"]


def group_of(family: str) -> str:
    return lexicon().families[family]["group"]


def _crowd(actor_lemmas: str) -> bool:
    """An unorganised crowd (youths, villagers, supporters), not armed men or the state."""
    return modifier("crowd", actor_lemmas) and not modifier("state_capture", actor_lemmas) and \
        not re.search(r"\b(armed|gunman|militia|militant|fighter|rebel|soldier|police)\b", actor_lemmas)


def classify(families: set[str], sentence_lemmas: str, target_lemmas: str, actor1_kind: str | None,
             actor2_kind: str | None, foreign_capture: bool, actor1_lemmas: str = "",
             attacker_lemmas: str = "") -> tuple[str, str, str]:
    """(event type, sub-event type, deciding family) for one event's cue families.

    ``attacker_lemmas``: the subject of the event's attack or killing verb, when it has one; at a protest it
    tells security forces using force (intervention) from another crowd attacking (mob violence)."""
    main = min(families, key=lambda f: (priority(f), f))  # a set has no order: break ties by name
    etype, sub = family_type(main)
    armed_target = actor2_kind in PERSON_KINDS_ARMED or modifier("armed_target", target_lemmas) and not re.search(
        r"\b(?:convoy|vehicle|bus|truck|car|boat) of (?:\w+ )?(?:trader|civilian|passenger|traveller|traveler|merchant|"
        r"aid|pilgrim|villager|worker|refugee)", target_lemmas)  # "a convoy of traders" is civilian
    if re.search(r"\b(former|retired|off - duty|ex)\b", target_lemmas):
        armed_target = False  # "executed a former police officer": no longer an armed target
    civilian_target = actor2_kind in ("civilians", "organization", "person", "media") or \
        modifier("civilian_target", target_lemmas)
    if main in ("protest", "riot", "mob"):
        protest = "protest" in families
        if main == "mob" or "mob" in families:
            return "Riots", "Mob violence", main
        state = actor1_kind == "state_forces" or modifier("state_capture", actor1_lemmas)
        attacker_state = modifier("state_capture", attacker_lemmas) or modifier("security", attacker_lemmas)
        if protest and families & {"attack", "kill"} and actor1_lemmas and not state and not attacker_state and \
                not re.search(r"\b(protester|protestor|demonstrator)\b", actor1_lemmas) and \
                (attacker_lemmas or not modifier("security", sentence_lemmas)):
            return "Riots", "Mob violence", main  # supporters of one side attack a protest
        # "fired shots in the air to disperse": force shown, not used against people, unless someone died
        excessive = modifier("excessive", sentence_lemmas) and not (
            modifier("warning", sentence_lemmas) and not re.search(r"\b(kill|die|dead|death)\b", sentence_lemmas))
        if protest and excessive and not modifier("violent", sentence_lemmas) and "riot" not in families:
            return "Protests", "Excessive force against protesters", main
        if main == "riot" or modifier("violent", sentence_lemmas):
            return "Riots", "Violent demonstration", main
        if excessive:
            return "Protests", "Excessive force against protesters", main
        if modifier("intervention", sentence_lemmas) or "arrest" in families:
            return "Protests", "Protest with intervention", main
        return "Protests", "Peaceful protest", main
    if main == "regain" and actor1_kind != "state_forces" and not modifier("state_capture", actor1_lemmas) and (
            actor1_kind == "armed_group" or re.search(
            r"\b(rebel|militant|insurgent|jihadist|taliban|fighter|militia|separatist|guerrilla)", actor1_lemmas)):
        return "Battles", "Non-state actor overtakes territory", main  # "the rebels retook the town"
    if main == "capture" and "protest" in families and not modifier("state_capture", actor1_lemmas):
        return "Protests", "Peaceful protest", "protest"  # "protesters occupied roundabouts"
    if main == "capture" and re.search(r"\bwithout (?:a )?(?:fight|fighting|resistance|a shot|bloodshed)\b|"
                                       r"\bunopposed\b", sentence_lemmas):
        return "Strategic developments", "Non-violent transfer of territory", main
    if main == "capture":
        state = actor1_kind == "state_forces" or modifier("state_capture", actor1_lemmas)
        if foreign_capture:
            return "Battles", "Armed clash", main
        if state:
            return "Battles", "Government regains territory", main
        return etype, sub, main
    if main == "abduct" and "kill" in families:
        if _crowd(actor1_lemmas):  # "residents seized 4 suspected gang members and burned them to death"
            return "Riots", "Mob violence", "kill"
        return "Violence against civilians", "Attack", "kill"
    if main == "clash" and modifier("crowd", actor1_lemmas) and modifier("security", target_lemmas):
        return "Riots", "Violent demonstration", main  # "youths clashed with police"
    if main == "clash" and civilian_target and not armed_target and re.search(r"\bambush\b", sentence_lemmas):
        return "Violence against civilians", "Attack", main  # "gunmen ambushed a convoy of traders"
    if main == "clash" and _crowd(actor1_lemmas) and not armed_target:
        return "Riots", "Mob violence", main  # "supporters of rival candidates clashed with stones"
    if main == "loot" and modifier("crowd", actor1_lemmas) and not modifier("state_capture", actor1_lemmas):
        return "Riots", "Violent demonstration", main  # "youths burned a police post": rioters, not an armed group
    if main in ("attack", "kill") and _crowd(actor1_lemmas) and not (armed_target and "kill" in families):
        # "students stoned a classmate to death", "supporters stormed and vandalised the Congress"
        demonstrating = "protest" in families or re.search(r"\b(protester|protestor|demonstrator|supporter|rioter|"
                                                           r"demand|protest)\b", actor1_lemmas + " " + sentence_lemmas)
        if demonstrating and not families & {"kill", "outcome"} and not re.search(r"\b(beat|lynch|stone|hack|stab|whip)\b",
                                                                 sentence_lemmas) and re.search(r"\b(storm|vandalise|vandalize|ransack|smash|loot|burn|torch|set fire|"
                                                r"set (?:\w+ ){1,3}on fire)\b", sentence_lemmas):
            return "Riots", "Violent demonstration", main
        if re.search(r"\bsupporter\b", actor1_lemmas) and civilian_target and not modifier("crowd", target_lemmas):
            return "Violence against civilians", "Attack", main  # "party supporters attacked a polling agent"
        return "Riots", "Mob violence", main
    if main in ("attack", "kill", "outcome"):
        if "clash" in families or armed_target and not (civilian_target and actor1_kind in PERSON_KINDS_ARMED
                                                         and not modifier("armed_target", target_lemmas)):
            return "Battles", "Armed clash", main
        if "loot" in families and main == "attack" and not civilian_target:
            return family_type("loot") + (main,)
        return "Violence against civilians", "Attack", main
    return etype, sub, main
