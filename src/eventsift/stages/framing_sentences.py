"""How likely each sentence is to carry some propaganda technique, and how that sharpens the CRF.

The CRFs see a token and two neighbours on each side; whether an annotator marks a phrase as spin
often depends on the rest of its sentence (an insult in a quoted rant, a neutral word in a
partisan sentence). A sentence-level binary logistic regression over the sentence's lemmas, word
pairs, lexicon hits, entity types, length and marks says how likely the sentence is to hold any
PTC span. Its probability ``q`` scales each token's inside probability from the inside/outside
CRF by ``(q / mean) ** weight`` (``mean``: the average of ``q`` over the training sentences), so the
CRF's evidence counts more in likely sentences and less in unlikely ones. Fed to the CRFs as a
feature instead, the same probability did not help (5-fold CV on PTC train, docs/framing.md).

Trained by us on PTC train with scikit-learn (``eventsift.train.framing``); at run time it is one
dot product per sentence, so the weights ship as a small ``.npz`` applied with numpy here.
"""
from __future__ import annotations

import math
from functools import lru_cache

from ..resources import load_arrays
from . import framing_model as fm

SENTENCE_FILE = "framing_sentences.npz"
_MARKS = ("!", "?", '"', "“")


def _size(n: int) -> str:
    return "s" if n < 8 else "m" if n < 20 else "l" if n < 40 else "xl"


def sentence_features(tokens: fm.Tokens, first: int, end: int) -> dict[str, float]:
    """The features of tokens ``first:end`` (one sentence) for the sentence model."""
    lex, title_end = tokens.lex, tokens.text.find("\n")
    f: dict[str, float] = {}
    words = []
    for i in range(first, end):
        if tokens.space[i]:
            continue
        words.append(tokens.word[i])
        f["l=" + tokens.lemma[i]] = 1.0
        if lex[i]:
            key = "x=" + lex[i][2:]
            f[key] = f.get(key, 0.0) + 1.0
        if tokens.ent[i]:
            f["e=" + tokens.ent[i]] = 1.0
    for a, b in zip(words, words[1:]):
        f[f"b={a}|{b}"] = 1.0
    f["len=" + _size(len(words))] = 1.0
    text = tokens.text[tokens.idx[first]:tokens.end[end - 1]]
    for mark in _MARKS:
        if mark in text:
            f["ch" + mark] = 1.0
    if tokens.idx[first] < title_end:
        f["title"] = 1.0
    return f


def sentences(tokens: fm.Tokens) -> list[tuple[int, int]]:
    """The sentences the model scores: those with a token that is not whitespace."""
    return [(a, b) for a, b in tokens.sentences if not all(tokens.space[a:b])]


@lru_cache(maxsize=1)
def sentence_model():
    """(vocabulary -> column, coefficients, intercept), loaded once."""
    data = load_arrays(SENTENCE_FILE)
    return {str(w): i for i, w in enumerate(data["vocab"])}, data["coef"][0].astype("float64").tolist(), \
        float(data["intercept"][0])


def probabilities(feats: list[dict[str, float]], model=None) -> list[float]:
    """Each sentence's probability of holding a PTC span."""
    vocab, coef, intercept = model or sentence_model()
    out = []
    for f in feats:
        z = intercept + sum(coef[vocab[k]] * v for k, v in f.items() if k in vocab)
        out.append(1.0 / (1.0 + math.exp(-z)) if z > -500 else 0.0)
    return out


def token_probabilities(tokens: fm.Tokens, model=None) -> list[float | None]:
    """Each token's sentence probability (None for a token of a whitespace-only sentence)."""
    spans = sentences(tokens)
    probs = probabilities([sentence_features(tokens, a, b) for a, b in spans], model)
    out: list[float | None] = [None] * tokens.n
    for (a, b), q in zip(spans, probs):
        out[a:b] = [q] * (b - a)
    return out


def scale_inside(inside: list[float], sentence_probs: list[float | None], mean: float, weight: float) -> list[float]:
    """Each inside probability times ``(q / mean) ** weight``, capped at 1 (unchanged where q is None)."""
    if not weight:
        return list(inside)
    return [p if q is None else min(1.0, p * (q / mean) ** weight) for p, q in zip(inside, sentence_probs)]
