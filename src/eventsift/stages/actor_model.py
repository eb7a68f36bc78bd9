"""Event roles in ACLED's terms: a category, an ACLED-style name and the evidence, learned from real notes.

For each role of an event (actor1: the party that acts; actor2: the party acted upon or the other side) a
multinomial logistic regression (``eventsift.train.actors``, ``make train-actors``; weights in
``resources/actor_roles.npz``) picks a *class*: a pattern ACLED fills in with the event's country
(``Protesters``, ``Rioters``, ``Civilians``, ``Military``, ``Police``, ``Unidentified Armed Group``...), a
named party of one category (``NAMED:Rebel group``...), or, for actor2, ``NONE`` (a one-party event). Its
features are what the parse and the curated tables know of the role and its event, never names: the event
type, the role's head and words (names replaced by their entity type), the kind of the actor it links to,
the categories of the curated groups named in the role, its sentence and the document, the other role's
head, the cue word. So what is learned in one country carries to another.

The name then comes from the class: a pattern with the event's country ("Police Forces of Kenya"); a
named party from the curated groups (``knowledge.acled_actors``), in the role first, then its sentence,
then the text; a unit of a state's forces where one is named ("Military Forces of Somalia Puntland Dervish
Force"); another state's forces from the actor the role links to; an ethnic militia from the people it is
named after ("Pokot Ethnic Militia (Kenya)"). The category is the class's, or the curated group's where the
group is named in the role itself. ``Role.evidence`` says which: the features that weighed most, or the alias.

Set ``EVENTSIFT_ACTOR_MODEL=off`` to leave roles as the parse gives them.
"""
from __future__ import annotations

import os
import re
from functools import lru_cache

from ..knowledge import acled_actors as K
from ..model import Role, Span
from ..resources import load_arrays
from .event_model import class_probabilities

MODEL_FILE = "actor_roles.npz"
_SKIP_POS = {"PUNCT", "SPACE", "DET", "ADP", "CCONJ", "SCONJ", "PART", "AUX", "NUM", "SYM", "X"}
_NAMES = ("GPE", "LOC", "PERSON", "ORG", "FAC", "NORP")


def enabled() -> bool:
    return os.environ.get("EVENTSIFT_ACTOR_MODEL", "on").lower() not in ("off", "0", "no", "false")


def _word(tok) -> str:
    if tok.pos_ == "PROPN" or tok.ent_type_ in _NAMES:
        return "<" + (tok.ent_type_ or "NAME") + ">"
    return (tok.lemma_ or tok.text).lower()


def _span_tokens(doc, span: Span | None) -> list:
    if span is None:
        return []
    found = doc.char_span(span.start, span.end, alignment_mode="expand")
    return list(found) if found is not None else []


def _head(tokens: list):
    """The token of a role whose head lies outside it (its syntactic head)."""
    if not tokens:
        return None
    ids = {t.i for t in tokens}
    return next((t for t in tokens if t.head.i not in ids or t.head == t), tokens[-1])


def _categories(text: str) -> set[str]:
    return {m.group.category + (":unit" if m.group.subunit_of else "") for m in K.find_groups(text)}


class Context:
    """What the features read of one event: the parse, the text, the event and the document's actors."""

    def __init__(self, doc, text: str, event, actors: list, document_groups: set[str] | None = None):
        self.doc, self.text, self.event = doc, text, event
        self.actor_kinds = {a.id: a.kind for a in actors}
        self.actor_names = {a.id: a.name for a in actors}
        self.actor_keys = {a.id: a.key for a in actors}
        self.sentence = event.sentence or event.trigger
        self.document_groups = _categories(text) if document_groups is None else document_groups

    def role(self, side: int) -> Role | None:
        return self.event.actor1 if side == 1 else self.event.actor2


def features(ctx: Context, side: int) -> dict[str, float]:
    """The features of one role (``side`` 1 or 2) of the event in ``ctx``."""
    event, doc = ctx.event, ctx.doc
    f: dict[str, float] = {"bias": 1.0, "s=" + event.sub_event_type: 1.0, "e=" + event.event_type: 1.0}
    trigger = _span_tokens(doc, event.trigger)
    if trigger:
        f["t=" + (trigger[0].lemma_ or trigger[0].text).lower()] = 1.0
    role = ctx.role(side)
    other = ctx.role(3 - side)
    f["other=" + ("none" if other is None else "linked" if other.actor_id else "text")] = 1.0
    if role is None:
        f["none"] = 1.0
    else:
        tokens = _span_tokens(doc, role.span)
        head = _head(tokens)
        if head is not None:
            f["h=" + _word(head)] = 1.0
            f["hn=" + head.tag_] = 1.0
        for w in {_word(t) for t in tokens if t.pos_ not in _SKIP_POS}:
            f["w=" + w] = 1.0
        if any(t.ent_type_ == "NORP" for t in tokens):
            f["norp"] = 1.0
        if any(t.like_num or t.pos_ == "NUM" for t in tokens):
            f["number"] = 1.0
        kind = ctx.actor_kinds.get(role.actor_id) if role.actor_id else None
        f["k=" + (kind or "unlinked")] = 1.0
        name = ctx.actor_names.get(role.actor_id or "", "")
        forces = K.FORCES.match(name)
        if forces:
            loc = event.location.country_iso3 if event.location else None
            f["force=" + ("home" if K.country_name(loc) and forces.group(2).startswith(K.country_name(loc))
                          else "foreign")] = 1.0
        for c in _categories(role.span.text if role.span else role.name):
            f["g=" + c] = 1.0
    if other is not None:
        other_head = _head(_span_tokens(doc, other.span))
        if other_head is not None:
            f["o=" + _word(other_head)] = 1.0
    sentence = ctx.sentence
    for c in _categories(sentence.text):
        f["sg=" + c] = 1.0
    for c in ctx.document_groups:
        f["dg=" + c] = 1.0
    for t in _span_tokens(doc, sentence):
        if t.pos_ in ("NOUN", "VERB", "ADJ") and t.is_alpha:
            f["l=" + t.lemma_.lower()] = 0.5
    return f


@lru_cache(maxsize=1)
def _weights() -> dict | None:
    """Side (1, 2) -> (vocabulary, coef, intercept, classes) of the shipped model, or None when none ships."""
    import importlib.resources as res

    if not res.files("eventsift.resources").joinpath(MODEL_FILE).is_file():
        return None
    arrays = load_arrays(MODEL_FILE)
    return {side: ({str(w): i for i, w in enumerate(arrays[f"vocab{side}"])},
                   arrays[f"coef{side}"].astype("float64"), arrays[f"intercept{side}"].astype("float64"),
                   [str(c) for c in arrays[f"classes{side}"]]) for side in (1, 2)}


def top_features(weights, feats: dict[str, float], cls: str, n: int = 3) -> list[str]:
    """The features that weighed most for ``cls`` (the model's evidence, as readable strings)."""
    vocab, coef, _, classes = weights
    row = classes.index(cls)
    scored = [(coef[row, vocab[k]] * v, k) for k, v in feats.items() if k in vocab and k != "bias"]
    return [k for w, k in sorted(scored, reverse=True)[:n] if w > 0]


def event_country(event, places: list) -> str | None:
    """The event's country (ISO3): its location's, else the first place of the text with a country."""
    if event.location is not None and event.location.country_iso3:
        return event.location.country_iso3
    return next((p.country_iso3 for p in places if p.country_iso3), None)


ETHNIC = re.compile(r"\b(?:clan|sub-clan|ethnic|tribal|communal|community|herders?|pastoralists?|raiders?|"
                    r"youths?|militia|militiamen|tribesm[ae]n|warriors?|morans?)\b", re.I)


JOINT = re.compile(r"^\s*(?:and/or|or|/)\s*(?:the\s+|presumed\s+|suspected\s+)?$", re.I)


#: Head words of a role that name people or a group of them, not an object ("a water source", "7 buses").
PARTY_WORDS = {
    "people", "person", "man", "woman", "child", "boy", "girl", "family", "youth", "group", "force", "troop",
    "army", "police", "policeman", "militia", "militiaman", "gang", "mob", "crowd", "community", "tribe", "clan",
    "government", "official", "authority", "regime", "administration", "party", "movement", "opposition",
    "student", "civilian", "resident", "villager", "farmer", "herder", "worker", "trader", "driver", "soldier",
    "officer", "militant", "fighter", "rebel", "insurgent", "gunman", "attacker", "assailant", "protester",
    "protestor", "demonstrator", "rioter", "supporter", "member", "activist", "leader", "journalist", "teacher",
    "villager", "refugee", "migrant", "prisoner", "inmate", "hostage", "victim", "passenger", "pilgrim",
    "worshipper", "voter", "candidate", "politician", "minister", "president", "commander", "guard", "unit",
    "battalion", "brigade", "squad", "team", "staff", "employee", "doctor", "nurse", "patient", "pastor",
    "priest", "imam", "chief", "elder", "trader", "merchant", "miner", "fisherman", "herdsman", "pastoralist",
    "bandit", "kidnapper", "robber", "thief", "suspect", "jihadist", "extremist", "terrorist", "separatist",
    "coalition", "alliance", "organization", "organisation", "agency", "ministry", "council", "committee",
    "union", "association", "wing", "cell", "faction", "side", "population", "local", "inhabitant",
}


def _party(head) -> bool:
    """Whether a token names a party (people, a group, an organisation, a state), not an object."""
    if head is None:
        return False
    if head.ent_type_ in ("PERSON", "NORP", "ORG", "GPE"):
        return True
    return (head.lemma_ or head.text).lower() in PARTY_WORDS


def names_party(doc, role: Role | None, named_only: bool = False) -> bool:
    """Whether a role's words name a party anywhere (not only an object, a place or a thing); with
    ``named_only``, a party by its name (a state, a people, an organisation, a person)."""
    if role is None:
        return False
    tokens = _span_tokens(doc, role.span)
    if named_only:
        return any(t.ent_type_ in ("PERSON", "NORP", "ORG", "GPE") for t in tokens)
    return any(_party(t) for t in tokens)


def _people(tokens: list):
    """The people a group is named after: "Pokot" in "Pokot raiders", "Fulani" in "Fulani herders"."""
    for t in tokens:
        if (t.ent_type_ == "NORP" or t.pos_ == "PROPN" and t.is_title) and t.i + 1 < len(t.doc) and \
                ETHNIC.match(t.doc[t.i + 1].text) and not K.country_of_demonym(t.text):
            return t
    return None


def named(cls: str, ctx: Context, side: int, iso3: str | None, date: str | None) -> tuple[str | None, str | None, Span | None]:
    """(ACLED name, category of the curated group where one decided it, its mention) for a role of class
    ``cls``: a curated group in the role, its sentence or the text; a unit of the state's forces; the
    foreign forces the role links to; an ethnic militia after its people."""
    country = K.country_name(iso3)
    side_role = ctx.role(side)
    category = K.class_category(cls)
    places = []
    if side_role is not None and side_role.span is not None:
        places.append((side_role.span, True))
    places.append((ctx.sentence, False))
    if cls.startswith("NAMED:"):  # "presumed JNIM militants passed through ... They intimidated residents"
        places.append((Span(0, len(ctx.text), ctx.text), False))
    for where, inside in places:
        mentions = K.find_groups(where.text)
        for i, m in enumerate(mentions):
            group = m.group
            unit = group.subunit_of is not None
            if cls in ("Military", "Police") and not (unit and cls in group.subunit_of):
                continue
            if cls.startswith("NAMED:") and not inside and group.category != category:
                continue
            if cls not in ("Military", "Police") and not cls.startswith("NAMED:"):
                continue
            name = group.acled_name(iso3, country, date)
            if name is None:
                continue
            end = m.end
            if group.contingent:  # "Ugandan AUSSOM troops": the mission's contingent of that state
                contributor = K.contributor(where.text[max(0, m.start - 25):m.end + 25])
                name = f"{name} ({K.country_name(contributor)})" if contributor else name
            after = mentions[i + 1] if i + 1 < len(mentions) else None
            if after is not None and JOINT.match(where.text[m.end:after.start]) and after.group is not group:
                other = after.group.acled_name(iso3, country, date)  # "JNIM and/or ISGS militants"
                if other is not None:
                    name, end = f"{name} and/or {other}", after.end
            span = Span(where.start + m.start, where.start + end, where.text[m.start:end])
            return name, group.category if inside else None, span
    if cls in ("Military", "Police"):
        return K.render(cls, country, iso3), None, None
    if cls == "NAMED:External/Other forces" and side_role is not None:
        name = ctx.actor_names.get(side_role.actor_id or "", "")
        if K.FORCES.match(name):
            return name, None, side_role.span
    if cls == "NAMED:Identity militia" and country:
        for where in ([side_role.span] if side_role is not None and side_role.span is not None else []) + \
                [ctx.sentence]:
            clan = K.clan_militia(where.text, iso3)
            if clan is not None:
                name, start, end = clan
                return name, None, Span(where.start + start, where.start + end, where.text[start:end])
        for where in ([side_role.span] if side_role is not None and side_role.span is not None else []) + \
                [ctx.sentence]:
            people = _people(_span_tokens(ctx.doc, where))
            if people is not None:
                word = people.text[:-1] if people.text.endswith("s") and not people.text.endswith("ss") \
                    else people.text
                kind = "Sub-Clan" if re.search(r"\bsub-?clan", where.text, re.I) else \
                    "Clan" if re.search(r"\bclan\b", where.text, re.I) else "Ethnic"
                return f"{word} {kind} Militia ({country})", None, Span(people.idx, people.idx + len(people.text),
                                                                        people.text)
    return None, None, None


#: A named party of these kinds the text does not name: ACLED's unidentified pattern of the same category.
UNNAMED = {"NAMED:Identity militia": ("Unidentified Communal Militia", "Unidentified Ethnic Militia",
                                      "Unidentified Clan Militia"),
           "NAMED:Political militia": ("Unidentified Armed Group",)}


def decide(ctx: Context, side: int, iso3: str | None, date: str | None, weights=None,
           exclude_none: bool = False) -> dict | None:
    """The class, ACLED name, category and evidence of one role (None without a model); ``weights``: a side's
    (vocabulary, coef, intercept, classes), the shipped model's by default (training passes its folds')."""
    if weights is None:
        shipped = _weights() if enabled() else None
        if shipped is None:
            return None
        weights = shipped[side]
    feats = features(ctx, side)
    probs = class_probabilities(weights, feats)
    if exclude_none:
        probs.pop("NONE", None)
    ranked = sorted(probs, key=probs.get, reverse=True)
    for cls in ranked[:3]:
        if cls == "NONE":
            return {"cls": "NONE", "p": probs[cls]}
        if cls in K.TEMPLATES and cls not in ("Military", "Police"):
            name, group_category, span = K.render(cls, K.country_name(iso3), iso3), None, None
        else:
            name, group_category, span = named(cls, ctx, side, iso3, date)
        if name is None and cls in UNNAMED:  # "a group of pastoralists": the unidentified pattern
            fallback = max(UNNAMED[cls], key=lambda c: probs.get(c, 0.0))
            name = K.render(fallback, K.country_name(iso3), iso3)
        if name is None and cls.startswith("NAMED:") and cls != ranked[0]:
            continue
        category = group_category or K.class_category(cls)
        evidence = (f"alias '{span.text}'" if span is not None and group_category else
                    "model: " + ", ".join(top_features(weights, feats, cls)))
        return {"cls": cls, "p": probs[cls], "acled_name": name, "category": category, "evidence": evidence,
                "evidence_span": span}
    return {"cls": ranked[0], "p": probs[ranked[0]], "acled_name": None, "category": K.class_category(ranked[0]),
            "evidence": "model: " + ", ".join(top_features(weights, feats, ranked[0])), "evidence_span": None}


def decide_roles(ctx: Context, iso3: str | None, date: str | None, models: dict | None = None) -> list | None:
    """Both roles' decisions, or None for a role the event does not have: actor2 where the model reads no
    party (an object, a place, a thing; a one-party event) unless the parse's actor2 names one by name. ``models``: side -> weights (the shipped model's by
    default; None when none ships)."""
    if models is None:
        shipped = _weights() if enabled() else None
        if shipped is None:
            return None
        models = shipped
    out = []
    for side in (1, 2):
        decision = decide(ctx, side, iso3, date, models[side])
        role = ctx.role(side)
        kind = ctx.actor_kinds.get(role.actor_id or "") if role is not None else None
        if decision["cls"] == "NONE":
            # a role that names a party by its name stays, a person, a people, a state, an organisation
            # ("Sweden's decision": ACLED codes no actor2 there, but the record tells whom the protest opposed);
            # one that names no party goes ("a water source", "7 buses", "the villagers" of a one-party event)
            keep = kind == "person" or names_party(ctx.doc, role, named_only=True)
            decision = decide(ctx, side, iso3, date, models[side], exclude_none=True) if keep else None
        if decision is not None and kind in ("person", "state_forces", "armed_group"):
            decision = _known_actor(ctx, role, kind, decision, iso3, models[side], side, date)
        out.append(decision)
    return out


#: Classes a named person can stand for (ACLED codes a person under the party they act for).
PERSON_CLASSES = {"Military", "Police", "Government", "Unidentified Armed Group", "NAMED:Rebel group",
                  "NAMED:Political militia", "NAMED:External/Other forces"}


def _known_actor(ctx: Context, role: Role, kind: str, decision: dict, iso3: str | None, weights, side: int,
                 date: str | None) -> dict:
    """A role linked to an actor the actors stage knows: a curated state force is its state's forces (its
    own country's, else external), a curated armed group keeps its name and is a militia or rebel group, a
    curated person stands for a party (never a crowd, a civilian or a communal militia; no ACLED name, as
    the text rarely says whose forces). NER's persons are left to the
    model (the small English model tags many ethnic and party names as persons: "Mossi", "Chatra Dal")."""
    if decision.get("evidence_span") is not None and decision["evidence"].startswith("alias"):
        return decision  # a curated group named in the role decided it
    entry = K.curated_actor(ctx.actor_keys.get(role.actor_id or "") or "")
    name = ctx.actor_names.get(role.actor_id or "", role.name)
    if kind == "state_forces" and entry is not None and entry.get("country"):
        state = entry["country"]
        if state == iso3:  # the country's own forces: the model's pattern where it read one
            if decision["cls"] in ("Military", "Police", "Government"):
                return decision
            return {**decision, "category": "State forces", "acled_name": K.render("Military", K.country_name(iso3), iso3),
                    "evidence": f"curated actor '{name}'"}
        acled = name if K.FORCES.match(name) else K.render("Military", K.country_name(state), state)
        return {**decision, "category": "External/Other forces", "acled_name": acled,
                "evidence": f"curated actor '{name}'"}
    if kind == "armed_group" and entry is not None:
        category = "Rebel group" if decision["category"] == "Rebel group" else "Political militia"
        return {**decision, "category": category, "acled_name": name, "evidence": f"curated actor '{name}'"}
    if kind == "person" and entry is not None:  # a curated (public) person: a party, whose forces the text says
        feats = features(ctx, side)
        probs = class_probabilities(weights, feats)
        cls = max((c for c in probs if c in PERSON_CLASSES), key=probs.get, default=None)
        if cls is not None:
            return {**decision, "cls": cls, "p": probs[cls], "category": K.class_category(cls),
                    "acled_name": None, "evidence": "model: " + ", ".join(top_features(weights, feats, cls))}
    return decision
