"""Events: who did what to whom, when, where, how many were killed, and who says so.

Cues (``event_types.py``) are grouped into events: cues linked in the parse, a death or injury word
and the act that caused it ("an airstrike hit a market, killing 13"), and definite or bare mentions
in the next sentences ("The fighting left 6 dead", "the attack") fold into one event, so several
cue words or places in a sentence never multiply one event. Each event gets ACLED types, roles from
the parse (actor1 acts, actor2 is targeted), casualties (``casualties.py``), a date from the time
layer (never the date a statement was made), a place from the place layer (never a country used as
an adjective, "a US airstrike"), and a status from the attribution layer.
"""
from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass, field

from spacy.tokens import Span as SpacySpan

from ..model import Count, Event, EventDate, Location, Role, Span
from ..pipeline import Analysis, Stage
from ..resources import load_json
from . import casualties, event_model
from .counts import add as add_counts
from .event_types import LEMMA_FIXES, Cue, classify, find_cues, group_of, lemma_string, priority
from .gazetteer import gazetteer, plain

HEDGES = re.compile(r"(?i)^(reportedly|allegedly|alleged|purportedly|purported|supposedly|apparently|unconfirmed|"
                    r"rumou?red|suspected|presumably|possibly|probably|likely|unverified)$")
HEDGED_REPORTS = re.compile(r"(?i)^(say|believe|think|report|allege|rumou?r|suspect|understand|claim|presume)$")
CONDITIONAL = re.compile(r"(?i)^(if|unless|would|could|might|may|should|will|shall|wo|ca|threaten|plan|intend|vow|"
                         r"prepare|want|seek|aim|hope|consider|propose)$")
DENIAL = re.compile(r"(?i)^(deny|denial|reject|dismiss|refute|rebut|disown|disavow)$")
FINITE = {"VBD", "VBZ", "VBP", "MD"}
LOCATIVE_HEADS = {"city", "town", "village", "province", "region", "district", "state", "governorate", "camp",
                  "area", "county", "oblast", "border", "outskirts", "capital", "valley", "strip", "side",
                  "municipality", "territory", "airport", "port", "fence", "crossing", "frontier", "coast",
                  "beach", "road", "highway", "suburb", "neighbourhood", "neighborhood", "countryside"}
ADMIN_UNITS = {"state", "province", "region", "governorate", "district", "county", "township", "oblast", "prefecture",
               "department", "municipality", "division", "lga", "commune", "cercle", "woreda", "tehsil", "zone"}
FOLD_WINDOW = 2  # sentences within which a bare mention or a toll refers back to an event
DEFINITE_WINDOW = 8  # ... and a definite one ("the attack", "that meeting")


@dataclass
class _Cluster:
    cues: list[Cue]
    sent: object
    index: int  # sentence number
    sents: list = field(default_factory=list)

    @property
    def families(self) -> set[str]:
        return {c.family for c in self.cues}

    @property
    def main(self) -> Cue:
        return min(self.cues, key=lambda c: (priority(c.family), c.start))  # ties: the first word


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


def _background(cue: Cue) -> bool:
    """'under an agreement', 'after clashes at a rally', 'in retaliation for the killing of': told as context."""
    up = cue.head
    verb = up if up.pos_ in ("VERB", "AUX") else up.head
    if verb.dep_ == "relcl" and any(c.lower_ == "had" and c.dep_ in ("aux", "auxpass") for c in verb.children):
        return True  # "mothers whose children had been killed in April": an earlier event
    if cue.family in ("kill", "attack", "outcome") and verb.dep_ == "advcl" and \
            any(c.dep_ == "mark" and c.lower_ in ("after", "since", "because") for c in verb.children):
        return True  # "youths set cars on fire after a teenager was killed by police": the cause
    if up.pos_ == "NOUN" and any(c.dep_ == "amod" and c.lower_ in PLANNED for c in up.children):
        return True  # "ahead of a planned march": not (yet) an event
    for _ in range(4):
        if up.dep_ == "pobj" and (up.head.lower_ in BACKGROUND or up.head.lower_ == "of" and
                                  up.head.head.lower_ in ("ahead", "prior", "instead", "because")):
            return True
        if up.lemma_.lower() in MOTIVES and up is not cue.head:
            return True
        if up.head == up:
            break
        up = up.head
    return False


def _specific(cue: Cue, has_date: bool, has_place: bool = True) -> bool:
    """A noun cue names a particular event only with a determiner, number, modifier or argument."""
    head = cue.head
    if head.pos_ not in ("NOUN", "PROPN") or has_date or head.lemma_.lower() in ("hostage",):
        return True
    while head.dep_ in ("compound", "amod", "nmod") and head.head.pos_ in ("NOUN", "PROPN"):
        head = head.head  # "missile attacks", "rocket attack": the phrase's head decides
    deps = {c.dep_ for c in head.children}
    quantified = any(c.lower_ in ("several", "many", "numerous", "multiple", "countless", "frequent", "repeated")
                     for c in head.children)
    if head.tag_ == "NNS" and not has_place and (head.dep_ == "pobj" or quantified) and \
            LEMMA_FIXES.get(head.lower_, head.lemma_.lower()) not in PARTICIPANTS and not any(
            c.dep_ in ("det", "poss") and c.lower_ not in ("some", "any") for c in head.children):
        return False  # "which has used girls in several bombings": a habit, not an event
    if deps & {"det", "poss", "nummod", "prep", "amod", "compound", "acl", "relcl"}:
        return True
    if any(c.dep_ == "appos" and c.like_num for c in head.children):
        return True  # "Fatalities: 4."
    return head.dep_ in ("nsubj", "nsubjpass", "dobj", "pobj") and head.tag_ == "NNS"


PLANNED = {"planned", "proposed", "upcoming", "scheduled", "expected", "threatened", "possible", "potential",
           "future", "intended", "announced"}
MOTIVES = {"retaliation", "revenge", "response", "reprisal", "anniversary", "memory", "wake", "aftermath", "victim"}
BACKGROUND = {"under", "per", "despite", "without", "amid", "like", "after", "before", "following", "since",
              "unlike"}
PROTEST_ACTS = {"gather", "stage", "march", "chant", "block", "occupy", "converge", "assemble", "storm", "throw",
                "burn", "rally", "demonstrate", "protest", "picket", "sing", "marched", "barricade", "take"}
TITLES = {"commander", "leader", "chief", "head", "general", "minister", "president", "spokesman", "founder",
          "governor", "emir", "officer", "director", "member"}
NAME_LABELS = {"DATE", "TIME", "PERSON", "GPE", "LOC", "FAC", "ORG", "NORP", "WORK_OF_ART", "LAW", "EVENT"}
PARTICIPANTS = {"protester", "protestor", "demonstrator", "mourner", "rioter", "gunman", "kidnapper", "looter",
                "bomber", "mob"}


#: Nouns a cue word can merely describe: "riot police", "bomb squad", "protest leader", "mine clearance".
DESCRIBED = {"police", "policeman", "policemen", "officer", "gear", "squad", "unit", "shield", "control", "leader",
             "organiser", "organizer", "movement", "group", "expert", "specialist", "team", "launcher", "factory",
             "programme", "program", "test", "clearance", "disposal", "detector", "shelter", "site", "camp",
             "law", "charge", "season", "vehicle", "truck", "equipment", "training", "drill", "exercise", "warning",
             "alert", "siren", "threat", "scare", "hoax", "victim", "survivor", "suspect", "plot", "cell", "maker",
             "network", "ban", "deal", "talks", "negotiator"}


WEAPON_TALK = {"number", "limit", "limiting", "talk", "sale", "supply", "deal", "programme", "program", "test",
               "ban", "production", "stockpile", "delivery", "purchase", "arsenal", "transfer", "shipment",
               "development", "treaty", "export", "import", "acquisition", "sell", "buy", "provide", "deliver",
               "develop", "produce", "acquire", "send", "give", "possess", "own", "manufacture", "reduce"}
ABSTRACT_FOES = {"crisis", "poverty", "corruption", "disease", "virus", "pandemic", "covid", "drought", "hunger",
                 "inflation", "climate", "cancer", "malaria", "unemployment", "drug", "addiction", "wildfire", "flood",
                 "crime", "impunity", "extremism", "terrorism", "misinformation", "disinformation", "illiteracy"}


STOPPED = {"stop", "end", "halt", "cease", "prevent", "renounce", "suspend", "abandon", "avoid", "deter", "prohibit"}


def _not_an_act(cue: Cue) -> bool:
    """'talks on limiting nuclear missiles', 'provided drones to X', 'the battle against poverty': a
    weapon or a fight talked about, not used."""
    head = cue.head
    if cue.family in ("air", "shell") and head.pos_ == "NOUN" and len(cue.tokens) == 1:
        up = head
        while up.dep_ in ("compound", "amod", "conj") and up.head != up:
            up = up.head
        gov = up.head
        if up.dep_ == "pobj":
            gov = gov.head
        if up.dep_ in ("dobj", "pobj") and gov.lemma_.lower() in WEAPON_TALK:
            return True
    if head.pos_ == "NOUN" and head.dep_ == "dobj" and head.head.lemma_.lower() in STOPPED:
        return True  # "agreed to stop attacks on villages": what is given up is not done
    if cue.family == "clash" and head.pos_ == "NOUN":
        for prep in head.children:
            if prep.dep_ == "prep" and prep.lower_ in ("against", "on", "over"):
                pobj = _pobj(prep)
                if pobj is not None and pobj.lemma_.lower() in ABSTRACT_FOES:
                    return True
    return False


def _describing(cue: Cue) -> bool:
    """A cue word that only qualifies another noun ("riot police", "anti-riot unit") names no event."""
    if len(cue.tokens) != 1:
        return False
    tok = cue.tokens[0]
    doc = tok.doc
    qualifies = tok.dep_ in ("compound", "amod", "nmod")  # "anti-riot police", but a "counter-protest" is one
    if qualifies and tok.i >= 2 and doc[tok.i - 1].text == "-" and doc[tok.i - 2].lower_ in ("anti", "counter"):
        return True
    if qualifies and tok.lower_.startswith(("anti-", "counter-")):
        return True
    return tok.dep_ in ("compound", "amod", "nmod") and tok.head.pos_ == "NOUN" and \
        tok.head.lemma_.lower() in DESCRIBED and tok.head.i > tok.i


THINGS = {"helicopter", "aircraft", "plane", "jet", "drone", "weapon", "arm", "ammunition", "vehicle", "truck", "car",
          "tank", "boat", "ship", "vessel", "equipment", "cargo", "shipment", "document", "money", "cash", "fuel",
          "oil", "cattle", "livestock", "goods", "power", "property", "asset", "passport", "phone", "computer",
          "cache", "consignment", "explosive", "stockpile", "arsenal", "ammunition"}
PEOPLE = {"national", "suspect", "prisoner", "detainee", "body", "hostage", "soldier", "fighter", "person", "people",
          "civilian", "man", "woman", "child", "member", "citizen", "official", "leader", "militant", "captive",
          "remains", "journalist", "worker", "crew", "traveller", "traveler", "passenger", "villager", "farmer",
          "student", "tourist", "foreigner", "trader", "resident", "pupil", "engineer", "missionary", "priest",
          "girl", "boy", "schoolgirl", "schoolchild", "adviser", "advisor", "dissident", "rebel", "insurgent",
          "combatant", "guerrilla", "jihadist", "attacker", "assailant", "bandit", "terrorist", "gunman", "militiaman",
          "policeman", "officer", "guard", "recruit", "deserter"}


def _object(cue: Cue):
    """What a capture or handover cue acts on: its object, or its passive subject."""
    head = cue.head
    verb = head if head.pos_ == "VERB" else None
    if verb is None:
        return None
    obj = next((c for c in verb.children if c.dep_ in ("dobj", "nsubjpass")), None)
    if obj is not None and obj.lower_ in ("that", "which", "who") and verb.dep_ == "relcl":
        return verb.head  # "a helicopter that was captured"
    return obj


def _people_seized(cue: Cue) -> bool:
    """'kidnappers seized three aid workers': people taken, an abduction, not territory."""
    if cue.family != "capture" or not any(t.lemma_.lower() in ("capture", "seize") for t in cue.tokens):
        return False
    obj = _object(cue)
    return obj is not None and (obj.lemma_.lower() in PEOPLE - {"body", "remains"} or obj.ent_type_ == "PERSON")


def _not_territory(cue: Cue) -> bool:
    """'a helicopter that was captured', 'hand over two of its nationals': things and people, not ground."""
    if cue.family not in ("capture", "withdraw") or not any(t.lemma_.lower() in ("capture", "seize", "hand", "handover",
                                                                                 "take") for t in cue.tokens) or \
            _people_seized(cue):
        return False
    obj = _object(cue)
    if obj is None:
        verb = cue.head
        subj = next((c for c in verb.children if c.dep_ == "nsubj"), None)
        places = [c for c in verb.children if c.dep_ == "prep" and _pobj(c) is not None]
        # "until an elected government takes over": a change of office, not of ground
        return cue.family == "capture" and subj is not None and not places and subj.lemma_.lower() in (
            "government", "administration", "president", "cabinet", "leadership", "party", "committee", "council")
    for _ in range(2):  # "two of its nationals"
        if obj.like_num or obj.lower_ in ("some", "many", "several", "all", "most", "dozens"):
            nested = next((g for c in obj.children if c.dep_ == "prep" and c.lower_ == "of" for g in c.children
                           if g.dep_ == "pobj"), None)
            if nested is not None:
                obj = nested
    lemma = obj.lemma_.lower()
    return lemma in THINGS or obj.ent_type_ in ("PERSON", "NORP") or obj.lower_ in ("him", "her", "them") or \
        lemma in PEOPLE and cue.family == "withdraw"


def _aftermath(doc, text: str, cluster: _Cluster) -> str:
    """'... held a rally in Lusaka. Police later dispersed them with tear gas.': for a protest, the next
    sentence of the paragraph tells how it was met, unless it opens with a date of its own (a new event)."""
    if not cluster.families & {"protest", "riot"}:
        return ""
    end = cluster.sent.end
    if end >= len(doc):
        return ""
    nxt = doc[end].sent
    between = text[cluster.sent.end_char:nxt.start_char]  # not doc.text: spaCy rebuilds it on every access
    if "\n\n" in between or any(e.label_ == "DATE" and re.search(r"\d", e.text) for e in _ents_in(nxt)):
        return ""
    return " " + _sentence_lemmas(nxt)  # "OMON riot police detained dozens": riot police are no riot


def _ents_in(sent) -> list:
    """The named entities inside a sentence, from its own tokens (``Span.ents`` walks the whole document)."""
    doc, found, i = sent.doc, [], sent.start
    while i < sent.end:
        if doc[i].ent_iob_ == "B":
            j = i + 1
            while j < len(doc) and doc[j].ent_iob_ == "I":
                j += 1
            if j <= sent.end:  # as Span.ents: only entities wholly inside
                found.append(SpacySpan(doc, i, j, label=doc[i].ent_type_))
            i = j
        else:
            i += 1
    return found


def _sentence_lemmas(sent, cues=()) -> str:
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


def _in_name(cue: Cue) -> bool:
    """A cue word inside a name or date ("March 11", "Martyrs Brigade") is no event."""
    if cue.family in ("air", "ied", "blast", "shell", "grenade", "suicide", "chemical"):
        return all(t.ent_type_ in ("DATE", "TIME") for t in cue.tokens)  # "IED" is often tagged ORG
    last = cue.tokens[-1]
    if LEMMA_FIXES.get(last.lower_, last.lemma_.lower()) in PARTICIPANTS and last.i + 1 < len(last.doc) and last.doc[last.i + 1].text == "(":
        return False  # ACLED's actor names: "Rioters (Kenya)", "Protesters (Chad)"
    return all(t.ent_type_ in NAME_LABELS or t.text[:1].isupper() and t.i != t.sent.start and t.pos_ == "PROPN"
               for t in cue.tokens)


PROTEST_WORDS = {"protest", "protester", "demonstration", "demonstrator", "rally", "march", "strike", "sit-in",
                 "vigil", "gathering", "procession"}
GRIEVANCE_VERBS = {"protest", "denounce", "condemn", "demand", "mourn", "commemorate", "investigate", "deny",
                   "decry", "blame", "remember", "mark", "suspect", "accuse", "charge", "convict", "sentence",
                   "try", "jail", "prosecute", "indict", "sue",
                   # nouns: "for her role in rioting", "an inquiry into the killing"
                   "role", "involvement", "participation", "investigation", "inquiry", "probe", "trial"}


def _grievance(cue: Cue) -> bool:
    """'protest the killing of a rider': an act that is the topic of another, not an event here."""
    head = cue.head
    up = head.head
    if head.dep_ in ("pobj", "pcomp") and up.dep_ == "prep":
        up = up.head
    if cue.family in ("arrest", "abduct") and len(cue.tokens) == 1 and head.dep_ == "amod" and head.tag_ == "VBN":
        return True  # "demanding the release of detained colleagues": a state, not an arrest told here
    if cue.family not in ("protest", "riot") and casualties.protested(head, PROTESTED_UNDER):
        return True  # "residents rallied against immigration raids": the raids are the cause, not an event here
    return head.dep_ in ("dobj", "pobj", "pcomp") and up.lemma_.lower() in GRIEVANCE_VERBS and up.i != head.i


WEAPONS = {"suicide", "ied", "blast", "grenade", "chemical", "air", "shell"}
NAMED_WEAPONS = WEAPONS - {"blast"}
GENERIC_BLAST = {"blast", "outcome", "kill", "attack"}
SPEECH_OR_STATE = {"say", "claim", "tell", "be", "have", "identify", "belong", "remain", "appear", "seem", "want",
                   "plan", "threaten", "warn", "vow", "demand"}


GATHER = {"gather", "assemble", "converge", "congregate", "drive"}
PROTESTED_UNDER = PROTEST_ACTS | PROTEST_WORDS | GATHER | {"demand", "call"}  # words a protested deed hangs below
CAUSE_HEADS = PROTEST_ACTS | PROTEST_WORDS | GATHER | {"anger", "outrage", "fury"}  # "in anger at", "protest of"
CAUSE_PREPS = {"against", "over", "for"}
CAUSE_VERBS = {"demand", "protest", "denounce", "condemn", "call", "oppose", "reject", "urge", "express", "mourn",
               "commemorate", "support", "press", "seek", "voice", "decry", "show"}


def _aimless(cue: Cue, sent) -> bool:
    """'people gathered ... against a new law' is a protest; 'families gathered for a wedding' is not.
    A gathering word is a protest cue only with a cause: against/over X, in support of or solidarity with X,
    a purpose verb (to demand, calling for), or ACLED's crowd size tag."""
    if cue.family != "protest" or cue.head.lemma_.lower() not in GATHER:
        return False
    after = sent.doc[sent.end].sent if sent.end < len(sent.doc) else None
    if "[size=" in sent.text or after is not None and after.text.startswith("[size="):
        return False  # ACLED's crowd-size tag at the end of a note
    if any(LEMMA_FIXES.get(t.lower_, t.lemma_.lower()) in PARTICIPANTS for t in sent):
        return False  # "demonstrators ... gathered in Maracaibo", however the parse hangs them
    # the whole sentence from the gathering on: the small parser often hangs "to demand ..." elsewhere
    phrase = {x.i for x in cue.head.subtree}
    for child in (t for t in sent if t.i > cue.head.i or t.i in phrase):
        if child.dep_ == "prep" and child.lower_ in CAUSE_PREPS and (child.head == cue.head or child.lower_ != "for"):
            pobj = _pobj(child)
            if pobj is not None and (child.lower_ != "for" or pobj.lemma_.lower() in ("release", "justice", "end",
                                                                                     "resignation", "right")):
                return False
        if child.lemma_.lower() in ("support", "solidarity") and child.head.lower_ == "in":
            return False
        if child.pos_ == "VERB" and child.lemma_.lower() in CAUSE_VERBS and (
                child.dep_ in ("advcl", "xcomp", "conj") or child.tag_ == "VBG" or
                any(a.dep_ == "aux" and a.lower_ == "to" for a in child.children)):
            return False  # "to demand answers", "calling for ...", even when the parse hangs it lower
    return True


def _mob_as_victim(cue: Cue) -> bool:
    """'killing 7 villagers and burning houses': a crowd word that is the object is no mob."""
    if cue.family != "mob" or len(cue.tokens) < 2:
        return False
    first = next((t for t in cue.tokens if t.pos_ in ("NOUN", "PROPN")), cue.tokens[0])  # "local residents"
    while first.dep_ in ("conj", "pobj", "prep") and first.head != first:
        first = first.head  # "a group of villagers", "youths and residents"
    return first.dep_ not in ("nsubj", "nsubjpass") and cue.tokens[0].lemma_.lower() not in ("mob", "crowd", "angry")


def _drop_bystanders(cues: list[Cue]) -> list[Cue]:
    """Participant nouns ("protesters") alone make an event only when they do or undergo an act; the doers of
    a deed named in passing ("demanding that suspected kidnappers be handed over") make none."""
    cues = [c for c in cues if not (c.family in ("abduct", "loot", "attack", "kill") and len(c.tokens) == 1 and
                                    LEMMA_FIXES.get(c.head.lower_, c.head.lemma_.lower()) in PARTICIPANTS and
                                    c.head.dep_ != "nsubj")]
    participants = [c for c in cues if LEMMA_FIXES.get(c.head.lower_, c.head.lemma_.lower()) in PARTICIPANTS]
    acts = [c for c in cues if c not in participants and c.family != "outcome"]
    if acts or not participants:
        return cues
    from .event_types import modifier

    kept = [c for c in cues if c not in participants]
    sentence = _sentence_lemmas(cues[0].head.sent, cues) if cues else ""
    for cue in participants:
        verb = cue.head.head
        if cue.head.dep_ in ("dobj", "pobj") and any(modifier(name, sentence) for name in ("intervention", "excessive")):
            kept.append(cue)  # "police fired tear gas at protesters": what was done to them
            continue
        if verb.pos_ == "VERB" and cue.head.dep_ == "nsubj" and verb.lemma_.lower() in PROTEST_ACTS:
            kept.append(cue)
        elif verb.pos_ == "VERB" and cue.head.dep_ == "nsubj" and cue.family in WEAPONS and \
                verb.lemma_.lower() not in SPEECH_OR_STATE:
            kept.append(cue)  # "a suicide car bomber targeted a convoy": the bomber's act is the blast
        elif verb.pos_ == "VERB" and any(modifier(name, verb.lemma_.lower()) for name in ("violent", "intervention",
                                                                                          "excessive")):
            kept.append(cue)
    return kept


def _anaphoric(cue: Cue) -> bool:
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


def _clause(tok):
    """The verb that governs a token (itself if it is one)."""
    for _ in range(8):
        if tok.pos_ in ("VERB", "AUX") or tok.head == tok:
            return tok
        tok = tok.head
    return tok


def _definite(cue: Cue) -> bool:
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
    ca, cb = _clause(ha), _clause(hb)
    if ca == cb or ca.head == cb and ca.dep_ in ("advcl", "xcomp", "conj") or \
            cb.head == ca and cb.dep_ in ("advcl", "xcomp", "conj"):
        return True
    for x, y in ((ha, hb), (hb, ha)):
        if x.head.head == y and x.head.dep_ in ("prep", "agent", "dobj", "advcl", "xcomp", "conj", "pcomp", "nsubj"):
            return True
        if x.dep_ in ("advcl", "xcomp", "conj", "pcomp") and x.head.head == y:
            return True
    return False


def _clusters(doc, place_starts=()) -> list[_Cluster]:
    clusters: list[_Cluster] = []
    place_starts = sorted(place_starts)
    sentences = list(doc.sents)
    titles = [_headline(sent) for sent in sentences]
    body_after = [False] * len(sentences)  # a title heads a body only if a sentence that is no title follows
    for i in range(len(sentences) - 2, -1, -1):
        body_after[i] = body_after[i + 1] or not titles[i + 1]
    for index, sent in enumerate(sentences):
        first = bisect_left(place_starts, sent.start_char)
        has_place = first < len(place_starts) and place_starts[first] < sent.end_char
        if titles[index] and body_after[index]:
            continue  # the headline of a report: its body tells the event (a one-line report is kept)
        cues = find_cues(sent)
        if not cues:
            continue
        has_date = bool(re.search(r"\b(1[89]|20)\d\d\b|\b(January|February|March|April|May|June|July|August|"
                                  r"September|October|November|December)\b", sent.text))
        cues = [c for c in cues if _specific(c, has_date, has_place) and not _in_name(c) and not _grievance(c)
                and not _describing(c) and not _not_territory(c) and not _not_an_act(c) and not _aimless(c, sent)
                and not _mob_as_victim(c)]
        cues = [Cue("abduct", c.tokens, c.start, c.end) if _people_seized(c) else c for c in cues]
        foreground = [c for c in cues if not _background(c)]
        if any(c.family != "outcome" for c in foreground):
            cues = foreground  # context is dropped only when the sentence tells an event of its own
        else:  # ... or when it is no violent event ("under an agreement with the UN")
            cues = [c for c in cues if group_of(c.family) == "violence" or not _background(c)]
        cues = _drop_bystanders(cues)
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
                if own and earlier is not None and all(_definite(c) for c in own):
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
                clusters.append(_Cluster(sorted(part, key=lambda c: c.start), sent, index, [sent]))
    clusters.sort(key=lambda c: (c.sent.start, c.cues[0].start))
    return clusters


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
    pobj = _pobj(prep)
    return pobj is not None and (pobj.ent_type_ in ("GPE", "LOC", "FAC", "DATE", "TIME") or
                                 pobj.lemma_.lower() in SITE_NOUNS)


def _pobj(prep):
    return next((g for g in prep.children if g.dep_ == "pobj"), None)


def _roles(analysis: Analysis, cues: list[Cue]) -> tuple[Role | None, Role | None, list]:
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
                    actor1 = _role(analysis, _pobj(child), doer=True)
                elif child.dep_ in ("dobj", "nsubjpass"):
                    targets.append(child)
                    if actor2 is None:
                        actor2 = _role(analysis, child)
                elif child.dep_ == "prep" and child.lower_ in preps:
                    pobj = _pobj(child)
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
                    pobj = _pobj(child)
                    if pobj is not None:
                        targets.append(pobj)
                        if actor2 is None and pobj.ent_type_ not in ("GPE", "LOC", "FAC"):
                            actor2 = _role(analysis, pobj)
                if child.dep_ in ("prep", "agent") and child.lower_ == "by" and actor1 is None:
                    actor1 = _role(analysis, _pobj(child), doer=True)
            if tok.dep_ == "dobj" and actor1 is None and tok.head.pos_ == "VERB" and tok.head.i not in ids:
                # "students staged demonstrations", "the army launched an offensive": the doer of the light verb
                subj = next((c for c in tok.head.children if c.dep_ == "nsubj" and c.i not in ids), None)
                agent = next((c for c in tok.head.children if c.dep_ == "agent"), None)
                if subj is not None:
                    actor1 = _role(analysis, _antecedent(subj), doer=True)
                elif agent is not None and _pobj(agent) is not None:
                    actor1 = _role(analysis, _pobj(agent), doer=True)
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


def _attacker_lemmas(cues: list[Cue]) -> str:
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


def _lemmas(analysis: Analysis, role: Role | None) -> str:
    if role is None or role.span is None:
        return ""
    span = analysis.doc.char_span(role.span.start, role.span.end, alignment_mode="expand")
    return " ".join(t.lemma_.lower() for t in span) if span is not None else role.span.text.lower()


def _role_tokens(analysis: Analysis, role: Role | None) -> list:
    if role is None or role.span is None:
        return []
    span = analysis.doc.char_span(role.span.start, role.span.end, alignment_mode="expand")
    return list(span) if span is not None else []


def _kind(analysis: Analysis, role: Role | None) -> str | None:
    if role is None or role.actor_id is None:
        return None
    return next((a.kind for a in analysis.actors if a.id == role.actor_id), None)


def _target_lemmas(targets: list, actor2: Role | None, sents) -> str:
    words = []
    for t in targets:
        # "executed 4 civilians accused of collaborating with the army": the army is not the target
        clauses = {x.i for c in t.subtree if c.dep_ in ("acl", "relcl") and c is not t for x in c.subtree}
        words += [w.lemma_.lower() for w in t.subtree if w.i not in clauses]
    if not words:
        for sent in sents:  # victims of a death word: "killing 9 civilians"
            for tok in sent:
                if tok.lemma_.lower() in casualties.DEATH | casualties.HURT:
                    for head in casualties._victims(tok):
                        words += [w.lemma_.lower() for w in head.subtree]
    return " ".join(words)


def _foreign(analysis: Analysis, actor1: Role | None, location: Location | None) -> bool:
    """An actor named after another country than the place ("Russian troops" in Ukraine)."""
    if actor1 is None or actor1.span is None or location is None or not location.country_iso3:
        return False
    from ..resources import load_json

    demonyms = load_json("places.json").get("demonyms", {})
    for word in re.findall(r"[A-Z][\w.]+", actor1.span.text):
        iso3 = demonyms.get(word)
        if iso3 is None:
            entries = [e for e in gazetteer().get(word) if e["feature"] == "country"]
            iso3 = entries[0]["country_iso3"] if entries else None
        if iso3:
            return iso3 != location.country_iso3
    return False
def _statement_time(analysis: Analysis, time_span: Span, trigger: Span, doc) -> bool:
    """A date that tells when something was said, not when the event happened."""
    for attribution in analysis.attributions:
        if attribution.content.contains(trigger) and not attribution.content.contains(time_span) and \
                _speech_cue(doc, attribution.cue):
            cue = attribution.cue
            if abs(time_span.start - cue.end) < 40 or attribution.source is not None and \
                    abs(time_span.start - attribution.source.end) < 40:
                return True
    return False


def _speech_cue(doc, cue: Span | None) -> bool:
    """A cue that reports speech ("revealed", "according to"), not a deed read as one ("fired")."""
    if cue is None:
        return False
    cues = load_json("report_cues.json")
    tokens = doc.char_span(cue.start, cue.end, alignment_mode="expand")
    lemmas = {t.lemma_.lower() for t in tokens} if tokens is not None else set()
    return bool(lemmas & set(cues["verbs"])) or cue.text.lower() in cues.get("phrases", {}) or \
        bool(lemmas & {"statement", "report", "communique", "interview", "announcement"})


def _in_a_name(doc, span: Span) -> bool:
    """'the Monday Market': a day name that is part of a proper name is no date."""
    tokens = doc.char_span(span.start, span.end, alignment_mode="expand")
    if tokens is None:
        return False
    root = tokens.root
    if ACTOR_PERIOD.search(doc[max(0, tokens.start - 12):tokens.start].text):
        return True  # "Military Forces of Chad (1990-2021)": the years of ACLED's actor name, not the event's
    return root.dep_ == "compound" and root.head.pos_ == "PROPN" and root.head.text[:1].isupper()


ACTOR_PERIOD = re.compile(r"\b(?:Forces|Government|Police|Military|Army) of (?:the )?[A-Z][\w' .-]*\($")


def _inside_sentences(analysis: Analysis, layer: str, sents) -> list:
    """Items of a layer inside any of the sentences, in the layer's order."""
    if len(sents) == 1:
        return analysis.within(layer, sents[0].start_char, sents[0].end_char)
    found = {id(x): x for s in sents for x in analysis.within(layer, s.start_char, s.end_char)}
    items = getattr(analysis, layer)
    return [x for x in items if id(x) in found]


def _reported_date(analysis: Analysis, sents) -> EventDate | None:
    """'On 5 July 2023, the army said its troops had killed 15 militants': with no other date, the day of the
    report stands for the event, as monitors code it when no closer date is known."""
    found = [t for t in _inside_sentences(analysis, "times", sents) if t.type == "DATE"
             and re.fullmatch(r"\d{4}-\d\d-\d\d", t.value) and not _in_a_name(analysis.doc, t.span)]
    return EventDate(value=found[0].value, span=found[0].span) if len(found) == 1 else None


def _date(analysis: Analysis, sents, trigger: Span, head=None) -> EventDate | None:
    inside = [t for t in _inside_sentences(analysis, "times", sents) if t.type in ("DATE", "TIME")
              and re.match(r"\d{4}", t.value)]
    inside = [t for t in inside if not _statement_time(analysis, t.span, trigger, analysis.doc)
              and not _in_a_name(analysis.doc, t.span)]
    if not inside:
        return None
    intervals = [t for t in inside if "/" in t.value]
    own = set()
    if head is not None:  # "buried the dead on Sunday after the explosion on January 10"
        own = {t.i for t in head.subtree}
    doc = analysis.doc

    def under_trigger(t) -> bool:
        span = doc.char_span(t.span.start, t.span.end, alignment_mode="expand")
        return span is not None and span.root.i in own

    best = intervals[0] if intervals else min(
        inside, key=lambda t: (t.type != "DATE", t.relative, head is not None and head.pos_ == "NOUN" and not under_trigger(t),
                               -len(t.value.split("T")[0]), abs(t.span.start - trigger.start)))
    value = best.value.split("T")[0]
    before = analysis.text[max(0, best.span.start - 16):best.span.start]
    first = re.search(r"(?:\b(\d{1,2})\s*(?:[-–]|to)\s*|\bbetween\s+(\d{1,2})\s+and\s+)$", before, re.IGNORECASE)
    if first and re.fullmatch(r"\d{4}-\d\d-\d\d", value) and int(first.group(1) or first.group(2)) < int(value[8:]):
        value = f"{value[:8]}{int(first.group(1) or first.group(2)):02d}"  # "3-4 March", "3 to 4 May": the first day
    return EventDate(value=value, span=best.span)


def _partner_place(doc, place) -> bool:
    """'an agreement with the US', 'a strike by the U.S.': a country named as a party, not a place."""
    span = doc.char_span(place.span.start, place.span.end, alignment_mode="expand")
    if span is None or place.feature != "country":
        return False
    root = span.root
    return root.dep_ == "pobj" and root.head.lower_ in ("with", "by", "for", "against", "from")


def _modifier_place(doc, place) -> bool:
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
        return head.lemma_.lower() not in LOCATIVE_HEADS and head.ent_type_ not in ("GPE", "LOC", "FAC")
    return False


DATELINE = re.compile(r"[^\S\n]*[A-Z][A-Za-z .'-]{1,40}(?:,\s*[A-Z][A-Za-z .'-]{1,30})?\s*(?:\(\w+\)\s*)?[—–-]{1,2}\s")


def _dateline(text: str, span: Span) -> bool:
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
    anchors = {h.i for h in heads} | {_clause(h).i for h in heads}
    tok = span.root
    for _ in range(6):
        if tok.i in anchors:
            return True
        if tok.head == tok:
            return False
        tok = tok.head
    return False


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
        if cause:
            gov = head if tok.dep_ == "prep" else head.head
            return gov.lemma_.lower() in PROTEST_ACTS | PROTEST_WORDS | GATHER
        tok = head
    return False


def _location(analysis: Analysis, sents, trigger: Span, heads=()) -> Location | None:
    inside = _inside_sentences(analysis, "places", sents)
    inside = [p for p in inside if not _modifier_place(analysis.doc, p) and not _dateline(analysis.text, p.span)
              and not _partner_place(analysis.doc, p)]
    # "police in Baghdad said ...": the place of whoever reports this event is not where it happened
    sources = [a.source for a in analysis.attributions if a.source is not None and a.content.contains(trigger)]
    inside = [p for p in inside if not any(s.contains(p.span) for s in sources)]
    inside = [p for p in inside if not _topic_place(analysis.doc, p)] or inside
    if not inside:
        return None
    rank = {"site": 0, "city": 0, "district": 1, "admin2": 1, "region": 2, "admin1": 2, "country": 3}
    main_heads = list(heads)[:1]
    best = min(inside, key=lambda p: (not _attached(analysis.doc, p, main_heads), not _attached(analysis.doc, p, heads),
                                      rank.get(p.feature or "", 2), abs(p.span.start - trigger.start)))
    admin1 = best.admin1
    region = next((p for p in inside if p.feature == "admin1" and p.country_iso3 == best.country_iso3
                   and p is not best), None) or next((p for p in inside if p.feature == "admin2" and
                                                      p.country_iso3 == best.country_iso3 and p is not best), None)
    if region is not None and region.admin1:
        admin1 = region.admin1  # a region the text names beats the one inferred for the town
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
    top = chain[-1]
    if top.dep_ in ("ccomp", "parataxis") and top.head.lemma_.lower() in SAY_VERBS and any(
            c.dep_ == "nsubj" and c.lower_ not in ("i", "we") for c in top.head.children):
        return "attributed", None  # "rights groups said 1,500 were killed": a source the attribution layer missed
    return "asserted", None


SAY_VERBS = {"say", "tell", "report", "claim", "allege", "state", "announce", "reveal", "confirm", "estimate",
             "accuse", "add", "insist", "assert", "write", "tweet", "post", "believe", "document", "record", "count"}


def _direct_quote(analysis: Analysis, attribution_id: str | None) -> bool:
    """A quotation has its own scene and time; reported speech continues the narrator's."""
    return any(a.id == attribution_id and a.kind != "indirect" for a in analysis.attributions)


ARMED_NOUNS = {"troops", "troop", "force", "forces", "army", "military", "jet", "jets", "drone", "airstrike", "strike",
               "soldier", "soldiers", "navy", "aircraft", "warplane", "missile", "official", "officials", "government"}


def _country_location(iso3: str | None, span: Span | None = None) -> Location | None:
    entry = gazetteer().by_iso3.get(iso3 or "")
    return Location(name=entry["name"], country_iso3=iso3, precision=3) if entry else None


def _named_country(analysis: Analysis, cluster: _Cluster) -> Location | None:
    """When an event names no place: the people it is about ("Iranians who took to the streets"), else a
    country named earlier in the same paragraph, before the country of the whole document."""
    demonyms = load_json("places.json").get("demonyms", {})
    for ent in _ents_in(cluster.sent):
        if ent.label_ != "NORP" or ent.root.head.lemma_.lower() in ARMED_NOUNS or ent.root.lower_ in ARMED_NOUNS:
            continue  # "US jets", "Russian troops": who acts abroad, not where
        word = ent.text.split()[-1]
        iso3 = demonyms.get(word) or (demonyms.get(word[:-1]) if word.endswith("s") else None)
        if iso3:
            return _country_location(iso3)
    text = analysis.text
    start = cluster.sent.start_char
    para = max(text.rfind("\n\n", 0, start), text.rfind("\n", 0, start))
    named = [p for p in analysis.places if p.feature == "country" and para < p.span.start < start and
             not _modifier_place(analysis.doc, p) and not _partner_place(analysis.doc, p)]
    if named:
        return _country_location(named[-1].country_iso3)
    return None


def _actor_country(analysis: Analysis, cluster: _Cluster, *roles) -> Location | None:
    """Last resort: the country of a national force or of a group that operates in one country only
    ("Military Forces of Mali ... in Hombori", a village no gazetteer knows): the event's roles first,
    then the actors named in its sentence, if they agree on one country."""
    from .places import _actor_countries

    for role in roles:
        actor = next((a for a in analysis.actors if role is not None and a.id == role.actor_id), None)
        if actor is None:
            continue
        countries = _actor_countries([actor])
        if len(countries) == 1:
            return _country_location(next(iter(countries)))
    sent = Span.of(analysis.text, cluster.sent.start_char, cluster.sent.end_char)
    named = list({id(a): a for _, a in analysis.within("mentions", sent.start, sent.end)}.values())
    countries = _actor_countries(named)
    return _country_location(next(iter(countries))) if len(countries) == 1 else None


def _document_country(analysis: Analysis) -> Location | None:
    """When an event names no place, the one country the whole document is about, if there is one."""
    countries = {p.country_iso3 for p in analysis.places if p.country_iso3}
    if len(countries) != 1:
        return None
    iso3 = countries.pop()
    entry = gazetteer().by_iso3.get(iso3)
    return Location(name=entry["name"] if entry else iso3, country_iso3=iso3, precision=3) if entry else None


def _fold_target(events: list[tuple[Event, _Cluster]], cluster: _Cluster, analysis: Analysis):
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
        gap <= DEFINITE_WINDOW and any(_told_doers(c) for cue in cluster.cues for c in cue.head.children
                                       if c.dep_ == "nsubj"))  # "the attackers ... executed residents"
    if not (toll or all(_anaphoric(c) for c in core) or _acts_on_told_event(cluster) or crowd_arrests):
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
    own = [p for p in analysis.places if span.contains(p.span) and not _modifier_place(analysis.doc, p)
           and not _dateline(text, p.span) and not any(src.contains(p.span) for src in sources)]
    if own and event.location and all(p.name != event.location.name for p in own):
        return None
    return event, previous


CUMULATIVE = re.compile(r"(?i)\b(since|so far|this (?:year|month|week)|in total|overall|cumulative|altogether|"
                        r"bring|brings|bringing|brought)\b")


def _revised_toll(cluster: _Cluster) -> bool:
    """'The toll later rose to 14': a new figure for the told event, not a running total since some date."""
    tolls = {"toll", "fatality", "death", "casualty"}
    return all(c.family == "outcome" for c in cluster.cues) and \
        any(c.head.lemma_.lower() in tolls for c in cluster.cues) and not CUMULATIVE.search(cluster.sent.text)


def _toll_only(cluster: _Cluster) -> bool:
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
                subject is not None and (subject.pos_ == "PRON" or _told_doers(subject)):
            continue
        return False
    return True


DOERS = {"attacker", "gunman", "assailant", "militant", "raider", "fighter", "kidnapper", "bandit", "insurgent"}
TOLD = DOERS | {"protester", "protestor", "demonstrator", "victim", "hostage", "rioter", "mourner"}


def _continues(cluster: _Cluster) -> bool:
    """'They blocked the main road.', 'The attackers also burned two vehicles.', 'The victims were later
    released.': what the people just told did next, or what became of them, with no doer of its own."""
    for cue in cluster.cues:
        if cue.family not in ("loot", "attack", "kill", "outcome", "protest", "riot", "other"):
            return False
        head = cue.head
        verb = head if head.pos_ in ("VERB", "AUX") else head.head
        subject = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        passive = subject is not None and subject.dep_ == "nsubjpass" and not any(c.dep_ == "agent" for c in verb.children)
        told = subject is not None and (subject.lower_ in ("they", "he", "she", "them") or _told_doers(subject, TOLD))
        if cue.family == "outcome" or told and (passive or cue.family != "other"):
            continue
        return False
    return True


def _told_doers(subject, nouns: set[str] = DOERS) -> bool:
    """'the attackers', 'the gunmen': the doers (or other people) of the event just told, named again."""
    return LEMMA_FIXES.get(subject.lower_, subject.lemma_.lower()) in nouns and \
        any(c.dep_ == "det" and c.lower_ in ("the", "these", "those") for c in subject.children)


def _acts_on_told_event(cluster: _Cluster) -> bool:
    """'The troops repelled the attack.': a verb whose object is a definite mention of a told event."""
    heads = {c.head.i for c in cluster.cues}
    return any(_definite(c) and c.head.dep_ in ("dobj", "nsubjpass") and c.head.head.i in heads for c in cluster.cues)


def _confidence(event: Event, cluster: _Cluster, inherited: bool) -> float:
    filled = sum(x is not None for x in (event.actor1, event.actor2, event.date, event.location, event.fatalities))
    specific = 0.1 if priority(cluster.main.family) <= 6 else 0.0
    score = 0.35 + 0.08 * filled + specific - (0.1 if inherited else 0.0)
    if event.status in ("hedged", "hypothetical"):
        score -= 0.15
    return round(max(0.05, min(0.95, score)), 2)


def find_events(analysis: Analysis) -> list[Event]:
    doc, text = analysis.doc, analysis.text
    made: list[tuple[Event, _Cluster]] = []
    for cluster in _clusters(doc, [p.span.start for p in analysis.places if not _dateline(text, p.span)]):
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
        actor1, actor2, targets = _roles(analysis, cluster.cues)
        date = _date(analysis, sents, trigger, main.head)
        location = _location(analysis, sents, trigger, [main.head] + [c.head for c in cluster.cues])
        sentence = Span.of(text, cluster.sent.start_char, cluster.sent.end_char)
        status, attribution_id = _status(analysis, sentence, trigger, main.head)
        inherited = False
        if made and (date is None or location is None):
            previous, prev_cluster = made[-1]
            # the scene continues: the next sentence, told by the same voice
            if cluster.index - prev_cluster.index <= FOLD_WINDOW + 1 and (
                    previous.attribution_id == attribution_id or not _direct_quote(analysis, attribution_id)):
                inherited = True
                same_scene = location is None or previous.location is not None and \
                    location.name == previous.location.name
                other_time = date is not None and previous.date is not None and not (
                    date.value.startswith(previous.date.value) or previous.date.value.startswith(date.value))
                date = date or (previous.date if same_scene else None)
                if not other_time:  # "in November" after an event of 2 January: another scene
                    location = location or previous.location
        if date is None:
            date = _reported_date(analysis, sents)
        if location is None:
            location = _named_country(analysis, cluster) or _document_country(analysis) or \
                _actor_country(analysis, cluster, actor1, actor2)
        target_words = _target_lemmas(targets, actor2, sents)
        kinds = (_kind(analysis, actor1), _kind(analysis, actor2))
        actor_words = (_lemmas(analysis, actor1), _lemmas(analysis, actor2))
        _, rule_sub, decider = classify(cluster.families, _sentence_lemmas(cluster.sent, cluster.cues) +
                                        _aftermath(doc, text, cluster), target_words, kinds[0], kinds[1],
                                        _foreign(analysis, actor1, location), actor_words[0],
                                        _attacker_lemmas(cluster.cues))
        typing = event_model.features(cluster.sent, cluster.cues, main.head, rule_sub, kinds,
                                      (_role_tokens(analysis, actor1), _role_tokens(analysis, actor2)),
                                      target_words, deaths.best if deaths else None,
                                      injured.best if injured else None)
        etype, sub, _ = event_model.decide(typing, rule_sub)
        if etype in ("Strategic developments",) and sub != "Looting/property destruction" or \
                etype == "Protests" and sub in ("Peaceful protest", "Protest with intervention"):
            deaths = deaths if deaths is not None and deaths.best > 0 else None
        decider_cue = min((c for c in cluster.cues if c.family == decider), key=lambda c: c.start, default=main)
        trigger = Span.of(text, decider_cue.start, decider_cue.end)
        sentence = Span.of(text, cluster.sent.start_char, cluster.sent.end_char)
        status, attribution_id = _status(analysis, sentence, trigger, decider_cue.head)
        event = Event(id=f"e{len(made) + 1}", event_type=etype, sub_event_type=sub, trigger=trigger,
                      sentence=sentence, actor1=actor1, actor2=actor2, fatalities=deaths, injured=injured,
                      date=date, location=location, status=status, attribution_id=attribution_id,
                      typing=typing)
        event.confidence = _confidence(event, cluster, inherited)
        made.append((event, cluster))
    return [e for e, _ in made]


def _run(analysis: Analysis) -> None:
    analysis.events = find_events(analysis)


STAGE = Stage("events", _run, requires=("doc", "times", "actors", "places", "attributions"), assigns=("events",))
