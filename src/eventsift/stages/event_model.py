"""ACLED sub-event type learned from real notes, on top of the cue rules.

The cue rules (``event_types.classify``) read the parse well but were written against notes this team
wrote; on real ACLED notes they type about two events in three right. A multinomial logistic
regression trained on real notes (``eventsift.train.events``, ``make train-events``) takes what the
rules decided as one feature among the event's own words, so it keeps the rules where they are right
and learns where they are not. Its features are what the parse knows of the event, not the whole
document: the lemmas and lemma pairs of the event's sentence, the predicate and its arguments (by
dependency), negation and modality on the predicate, the cue families, the actors' kinds and words,
the targets' words, and whether someone died or was hurt. So it carries from terse notes to one event
of a long article.

At run time it is one sparse dot product per event with numpy (weights in ``resources/event_types.npz``).
Set ``EVENTSIFT_EVENT_MODEL=off`` to type by the rules alone (``train``: the same, for reading training features).
"""
from __future__ import annotations

import math
import os
from functools import lru_cache

from ..resources import load_arrays

MODEL_FILE = "event_types.npz"
ACCURATE_FILE = "event_types_accurate.npz"  # the same features plus the event sentence's MiniLM embedding

#: ACLED's sub-event types and the event type each belongs to (ACLED codebook).
SUB_EVENT_TYPES = {
    "Armed clash": "Battles",
    "Government regains territory": "Battles",
    "Non-state actor overtakes territory": "Battles",
    "Chemical weapon": "Explosions/Remote violence",
    "Air/drone strike": "Explosions/Remote violence",
    "Suicide bomb": "Explosions/Remote violence",
    "Shelling/artillery/missile attack": "Explosions/Remote violence",
    "Remote explosive/landmine/IED": "Explosions/Remote violence",
    "Grenade": "Explosions/Remote violence",
    "Sexual violence": "Violence against civilians",
    "Attack": "Violence against civilians",
    "Abduction/forced disappearance": "Violence against civilians",
    "Peaceful protest": "Protests",
    "Protest with intervention": "Protests",
    "Excessive force against protesters": "Protests",
    "Violent demonstration": "Riots",
    "Mob violence": "Riots",
    "Agreement": "Strategic developments",
    "Arrests": "Strategic developments",
    "Change to group/activity": "Strategic developments",
    "Disrupted weapons use": "Strategic developments",
    "Headquarters or base established": "Strategic developments",
    "Looting/property destruction": "Strategic developments",
    "Non-violent transfer of territory": "Strategic developments",
    "Other": "Strategic developments",
}
ARGUMENT_DEPS = {"nsubj", "nsubjpass", "dobj", "pobj", "agent", "attr", "dative", "compound", "amod", "npadvmod"}
RULE_WEIGHT = 2.0  # the rules' choice, scaled so that regularisation leans on it where words are few
MODALS = {"would", "could", "might", "may", "should", "will", "shall", "must", "can"}
_SKIP_POS = {"PUNCT", "SPACE", "DET", "ADP", "CCONJ", "SCONJ", "PART", "AUX", "PRON", "NUM", "SYM", "X"}


def _lemma(tok) -> str:
    return (tok.lemma_ or tok.text).lower()


def _word(tok) -> str:
    """A token's lemma, or its entity type for a name."""
    if tok.pos_ == "PROPN" or tok.ent_type_ in ("GPE", "LOC", "PERSON", "ORG", "FAC", "NORP"):
        return "<" + (tok.ent_type_ or "NAME") + ">"
    return _lemma(tok)


def _size(n: int) -> str:
    return "0" if n == 0 else "1" if n == 1 else "few" if n < 10 else "many"


def features(sent, cues, head, rule_sub: str, kinds: tuple[str | None, str | None], actor_words: tuple[list, list],
             target_words: str, deaths: int | None, injured: int | None) -> dict[str, float]:
    """The model's features for one event: ``sent`` the spaCy sentence, ``cues`` its cue list (family,
    tokens), ``head`` the predicate token, ``rule_sub`` what the rules chose, ``kinds`` the actor kinds,
    ``actor_words`` the actors' tokens, ``target_words`` the targets' lower-cased lemmas, ``deaths``/``injured``
    the tolls (None: not told)."""
    f: dict[str, float] = {"bias": 1.0, "r=" + rule_sub: RULE_WEIGHT}
    # names (places, groups, people) are replaced by their entity type, so that what is learned from
    # one country's notes carries to another's
    words = [_word(t) for t in sent if t.pos_ not in _SKIP_POS and (t.is_alpha or t.pos_ == "PROPN")]
    for w in words:
        f["l=" + w] = 1.0
    for a, b in zip(words, words[1:]):
        f[f"b={a}|{b}"] = 1.0
    for cue in cues:
        f["f=" + cue.family] = 1.0
        f["c=" + " ".join(_lemma(t) for t in cue.tokens)] = 1.0
    if head is not None:
        lemma = _lemma(head)
        f["p=" + lemma] = 1.0
        f["pos=" + head.pos_] = 1.0
        for child in head.children:
            if child.dep_ == "neg":
                f["neg"] = 1.0
            elif child.lower_ in MODALS and child.dep_ == "aux":
                f["modal"] = 1.0
            elif child.dep_ == "prep":
                for obj in child.children:
                    if obj.dep_ == "pobj":
                        f[f"a={child.lower_}:{_word(obj)}"] = 1.0
            elif child.dep_ in ARGUMENT_DEPS:
                f[f"a={child.dep_}:{_word(child)}"] = 1.0
        if head.tag_ in ("VBD", "VBN"):
            f["past"] = 1.0
    for side, kind in zip(("k1=", "k2="), kinds):
        f[side + (kind or "none")] = 1.0
    for side, tokens in zip(("w1=", "w2="), actor_words):
        for w in {_word(t) for t in tokens if t.pos_ not in _SKIP_POS}:
            f[side + w] = 1.0
    for w in set(target_words.split()):
        if w.isalpha():
            f["t=" + w] = 1.0
    f["dead=" + ("?" if deaths is None else _size(deaths))] = 1.0
    f["hurt=" + ("?" if injured is None else _size(injured))] = 1.0
    return f


def enabled() -> bool:
    """False with ``EVENTSIFT_EVENT_MODEL=off`` (the rules alone) or ``train`` (the rules alone, and short reports
    without a cue event keep a candidate event with its features, for training)."""
    return os.environ.get("EVENTSIFT_EVENT_MODEL", "on").lower() not in ("off", "0", "no", "false", "train")


def training() -> bool:
    return os.environ.get("EVENTSIFT_EVENT_MODEL", "").lower() == "train"


@lru_cache(maxsize=2)
def _weights(name: str = MODEL_FILE):
    """(vocabulary, coef, intercept, classes) of a model file, or None when it does not ship."""
    try:
        arrays = load_arrays(name)
    except FileNotFoundError:
        return None
    vocab = {str(w): i for i, w in enumerate(arrays["vocab"])}
    return vocab, arrays["coef"].astype("float64"), arrays["intercept"].astype("float64"), \
        [str(c) for c in arrays["classes"]]


def class_probabilities(weights, feats: dict[str, float]) -> dict[str, float]:
    """Softmax of one sparse dot product: each class's probability under ``weights`` (vocabulary, coef,
    intercept, classes), as the stage applies the shipped model and training scores its folds."""
    vocab, coef, intercept, classes = weights
    scores = intercept.copy()
    for feature, value in feats.items():
        j = vocab.get(feature)
        if j is not None:
            scores += value * coef[:, j]
    top = max(scores)
    exp = [math.exp(s - top) for s in scores]
    total = sum(exp)
    return {c: e / total for c, e in zip(classes, exp)}


def probabilities(feats: dict[str, float], name: str = MODEL_FILE) -> dict[str, float] | None:
    """Each sub-event type's probability for an event's features (None without a model)."""
    weights = _weights(name) if enabled() else None
    return None if weights is None else class_probabilities(weights, feats)


def choose(probs: dict[str, float], rule_sub: str, trust: float) -> str:
    """The model's sub-type where it is at least ``trust`` sure, else the rules' (``trust`` is chosen by
    cross-validation). A sub-type the notes never showed the model (no chemical weapon is in them) stays with
    the rules."""
    if rule_sub not in probs:
        return rule_sub
    sub = max(probs, key=probs.get)
    return sub if probs[sub] >= trust else rule_sub


def decide(feats: dict[str, float], rule_sub: str) -> tuple[str, str, float | None]:
    """(event type, sub-event type, model probability): the model's choice, or the rules' without a model."""
    probs = probabilities(feats)
    if not probs:
        return SUB_EVENT_TYPES.get(rule_sub, "Strategic developments"), rule_sub, None
    sub = choose(probs, rule_sub, _trust())
    return SUB_EVENT_TYPES[sub], sub, probs.get(sub)


@lru_cache(maxsize=2)
def _trust(name: str = MODEL_FILE) -> float:
    arrays = load_arrays(name)
    return float(arrays["trust"]) if "trust" in arrays else 0.0


EMBEDDING_SCALE = 10.0  # unit vectors scaled so that regularisation lets them count (10 beat 1 leave-one-country-out)


def embedding_features(vector) -> dict[str, float]:
    """The sentence encoder's dimensions as features (``e:0`` ... ``e:383``) for the accurate model."""
    return {f"e:{i}": EMBEDDING_SCALE * float(x) for i, x in enumerate(vector)}


def rule_choice(feats: dict[str, float]) -> str:
    """The sub-type the rules chose, as recorded in an event's features."""
    return next(k[2:] for k in feats if k.startswith("r="))


def retype_accurate(events: list) -> None:
    """Accurate tier: type each event again with its sentence's MiniLM embedding added to its features, all
    of a document's event sentences encoded in one batch. Without the accurate model file, nothing changes."""
    typed = [e for e in events if e.typing]
    if not typed or not enabled() or _weights(ACCURATE_FILE) is None:
        return
    from ..encoder import load

    vectors = load().encode([(e.sentence or e.trigger).text for e in typed])
    for event, vector in zip(typed, vectors):
        feats = {**event.typing, **embedding_features(vector)}
        probs = probabilities(feats, ACCURATE_FILE)
        sub = choose(probs, rule_choice(feats), _trust(ACCURATE_FILE))
        event.event_type, event.sub_event_type = SUB_EVENT_TYPES[sub], sub
