"""Cue words that name no event in their sentence: a name, a habit, a grievance, a noun only described, a
weapon talked about, a gathering with no cause, context told in passing, bystanders."""
from __future__ import annotations

from .. import casualties
from ..event_types import LEMMA_FIXES, Cue, modifier
from .classify import sentence_lemmas
from .syntax import pobj_of
from .words import DESCRIBED, GATHER, PARTICIPANTS, PROTEST_ACTS, PROTEST_WORDS


PLANNED = {"planned", "proposed", "upcoming", "scheduled", "expected", "threatened", "possible", "potential",
           "future", "intended", "announced"}
MOTIVES = {"retaliation", "revenge", "response", "reprisal", "anniversary", "memory", "wake", "aftermath", "victim"}
BACKGROUND = {"under", "per", "despite", "without", "amid", "like", "after", "before", "following", "since",
              "unlike"}


def background(cue: Cue) -> bool:
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


def specific(cue: Cue, has_date: bool, has_place: bool = True) -> bool:
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


WEAPON_TALK = {"number", "limit", "limiting", "talk", "sale", "supply", "deal", "programme", "program", "test",
               "ban", "production", "stockpile", "delivery", "purchase", "arsenal", "transfer", "shipment",
               "development", "treaty", "export", "import", "acquisition", "sell", "buy", "provide", "deliver",
               "develop", "produce", "acquire", "send", "give", "possess", "own", "manufacture", "reduce"}
ABSTRACT_FOES = {"crisis", "poverty", "corruption", "disease", "virus", "pandemic", "covid", "drought", "hunger",
                 "inflation", "climate", "cancer", "malaria", "unemployment", "drug", "addiction", "wildfire", "flood",
                 "crime", "impunity", "extremism", "terrorism", "misinformation", "disinformation", "illiteracy"}
STOPPED = {"stop", "end", "halt", "cease", "prevent", "renounce", "suspend", "abandon", "avoid", "deter", "prohibit"}


def not_an_act(cue: Cue) -> bool:
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
                pobj = pobj_of(prep)
                if pobj is not None and pobj.lemma_.lower() in ABSTRACT_FOES:
                    return True
    return False


def describing(cue: Cue) -> bool:
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


def people_seized(cue: Cue) -> bool:
    """'kidnappers seized three aid workers': people taken, an abduction, not territory."""
    if cue.family != "capture" or not any(t.lemma_.lower() in ("capture", "seize") for t in cue.tokens):
        return False
    obj = _object(cue)
    return obj is not None and (obj.lemma_.lower() in PEOPLE - {"body", "remains"} or obj.ent_type_ == "PERSON")


def not_territory(cue: Cue) -> bool:
    """'a helicopter that was captured', 'hand over two of its nationals': things and people, not ground."""
    if cue.family not in ("capture", "withdraw") or not any(t.lemma_.lower() in ("capture", "seize", "hand", "handover",
                                                                                 "take") for t in cue.tokens) or \
            people_seized(cue):
        return False
    obj = _object(cue)
    if obj is None:
        verb = cue.head
        subj = next((c for c in verb.children if c.dep_ == "nsubj"), None)
        places = [c for c in verb.children if c.dep_ == "prep" and pobj_of(c) is not None]
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


NAME_LABELS = {"DATE", "TIME", "PERSON", "GPE", "LOC", "FAC", "ORG", "NORP", "WORK_OF_ART", "LAW", "EVENT"}


def in_name(cue: Cue) -> bool:
    """A cue word inside a name or date ("March 11", "Martyrs Brigade") is no event."""
    if cue.family in ("air", "ied", "blast", "shell", "grenade", "suicide", "chemical"):
        return all(t.ent_type_ in ("DATE", "TIME") for t in cue.tokens)  # "IED" is often tagged ORG
    last = cue.tokens[-1]
    if LEMMA_FIXES.get(last.lower_, last.lemma_.lower()) in PARTICIPANTS and last.i + 1 < len(last.doc) and last.doc[last.i + 1].text == "(":
        return False  # ACLED's actor names: "Rioters (Kenya)", "Protesters (Chad)"
    return all(t.ent_type_ in NAME_LABELS or t.text[:1].isupper() and t.i != t.sent.start and t.pos_ == "PROPN"
               for t in cue.tokens)


GRIEVANCE_VERBS = {"protest", "denounce", "condemn", "demand", "mourn", "commemorate", "investigate", "deny",
                   "decry", "blame", "remember", "mark", "suspect", "accuse", "charge", "convict", "sentence",
                   "try", "jail", "prosecute", "indict", "sue",
                   # nouns: "for her role in rioting", "an inquiry into the killing"
                   "role", "involvement", "participation", "investigation", "inquiry", "probe", "trial"}
PROTESTED_UNDER = PROTEST_ACTS | PROTEST_WORDS | GATHER | {"demand", "call"}  # words a protested deed hangs below


def grievance(cue: Cue) -> bool:
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


CAUSE_PREPS = {"against", "over", "for"}
CAUSE_VERBS = {"demand", "protest", "denounce", "condemn", "call", "oppose", "reject", "urge", "express", "mourn",
               "commemorate", "support", "press", "seek", "voice", "decry", "show"}


def aimless(cue: Cue, sent) -> bool:
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
            pobj = pobj_of(child)
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


def mob_as_victim(cue: Cue) -> bool:
    """'killing 7 villagers and burning houses': a crowd word that is the object is no mob."""
    if cue.family != "mob" or len(cue.tokens) < 2:
        return False
    first = next((t for t in cue.tokens if t.pos_ in ("NOUN", "PROPN")), cue.tokens[0])  # "local residents"
    while first.dep_ in ("conj", "pobj", "prep") and first.head != first:
        first = first.head  # "a group of villagers", "youths and residents"
    return first.dep_ not in ("nsubj", "nsubjpass") and cue.tokens[0].lemma_.lower() not in ("mob", "crowd", "angry")


WEAPONS = {"suicide", "ied", "blast", "grenade", "chemical", "air", "shell"}
SPEECH_OR_STATE = {"say", "claim", "tell", "be", "have", "identify", "belong", "remain", "appear", "seem", "want",
                   "plan", "threaten", "warn", "vow", "demand"}


def drop_bystanders(cues: list[Cue]) -> list[Cue]:
    """Participant nouns ("protesters") alone make an event only when they do or undergo an act; the doers of
    a deed named in passing ("demanding that suspected kidnappers be handed over") make none."""
    cues = [c for c in cues if not (c.family in ("abduct", "loot", "attack", "kill") and len(c.tokens) == 1 and
                                    LEMMA_FIXES.get(c.head.lower_, c.head.lemma_.lower()) in PARTICIPANTS and
                                    c.head.dep_ != "nsubj")]
    participants = [c for c in cues if LEMMA_FIXES.get(c.head.lower_, c.head.lemma_.lower()) in PARTICIPANTS]
    acts = [c for c in cues if c not in participants and c.family != "outcome"]
    if acts or not participants:
        return cues
    kept = [c for c in cues if c not in participants]
    sentence = sentence_lemmas(cues[0].head.sent, cues) if cues else ""
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
