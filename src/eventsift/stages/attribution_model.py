"""Features and the small linear models that find attribution cues and their contents.

PolNeAR annotates far more than "said": beliefs, intentions, findings, endorsements
("seemed", "sought to", "criticized"). A fixed verb list misses most of them, so two
logistic-regression models trained on PolNeAR train (benchmarks/train_attribution.py,
``make train-attribution``) score (1) whether a token heads a cue and (2) whether a
dependent of a cue is part of its content. The weights ship as a JSON dict of feature
-> weight (resources/attribution_model.json), so running them needs no ML library:
a score is a sum of looked-up weights. The same feature functions serve training and
running, so the two cannot drift apart.
"""
from __future__ import annotations

import math
from dataclasses import dataclass
from functools import lru_cache
from itertools import repeat

from ..resources import load_json

SUBJECT_DEPS = ("nsubj", "nsubjpass", "csubj")
PRONOUNS = frozenset({"he", "she", "they", "i", "we", "you", "it", "who"})
SKIP_CHILD_DEPS = frozenset({"punct", "aux", "auxpass", "neg", "cc", "mark", "det", "case", "prt", "advmod",
                             "nsubj", "nsubjpass", "csubj", "expl", "intj", "dep", "space", ""})


@dataclass
class Candidate:
    """A stretch of text that may be (part of) a cue's content."""

    kind: str
    start: int
    end: int
    token: object | None = None
    #: The first word of the candidate.
    first: object | None = None


def char_span(doc, start: int, end: int, mode: str = "expand"):
    """``doc.char_span`` that gives None (not an exception) for offsets spaCy cannot align."""
    try:
        return doc.char_span(start, end, alignment_mode=mode)
    except (IndexError, ValueError):
        return None


def in_quote_mask(doc, quotes) -> list[bool]:
    """For each token, whether it lies inside a quoted passage."""
    mask = [False] * len(doc)
    for q in quotes:
        span = char_span(doc, q.start, q.end)
        if span is not None:
            for i in range(span.start, span.end):
                mask[i] = True
    return mask


def is_cue_candidate(tok, cue_nouns: frozenset[str] = frozenset()) -> bool:
    """Tokens worth scoring: verbs, a colon, "according", and nouns seen heading cues in training
    ("statement", "claim"). Other words head under 1% of PolNeAR cues, and skipping them keeps the
    stage cheap."""
    pos = tok.pos_
    if pos == "VERB":
        return True
    if pos == "AUX":
        return tok.dep_ not in ("aux", "auxpass")
    if pos == "PUNCT":
        return tok.text == ":"
    if pos == "ADP":
        return tok.lower_ == "according"
    if pos in ("NOUN", "PROPN"):
        return tok.lemma_.lower() in cue_nouns
    return False


def _bucket(n: int) -> str:
    return "0" if n == 0 else "1" if n == 1 else "2-3" if n <= 3 else "4-8" if n <= 8 else "9+"


def quote_sentences(doc, in_quote: list[bool]) -> list[bool]:
    """For each token, whether its sentence holds quoted words."""
    out = [False] * len(doc)
    for sent in doc.sents:
        flag = any(in_quote[sent.start:sent.end])
        if flag:
            out[sent.start:sent.end] = [True] * (sent.end - sent.start)
    return out


def cue_features(tok, in_quote: list[bool], quoted_sent: list[bool] | None = None) -> list[str]:
    """Features of a token as a possible cue head."""
    lemma = tok.lemma_.lower()
    head = tok.head
    deps = sorted({c.dep_ for c in tok.children})
    if quoted_sent is None:
        sent = tok.sent
        quote_in_sent = any(in_quote[sent.start:sent.end])
    else:
        quote_in_sent = quoted_sent[tok.i]
    doc = tok.doc
    nxt = doc[tok.i + 1].lower_ if tok.i + 1 < len(doc) else "<end>"
    prv = doc[tok.i - 1].lower_ if tok.i > 0 else "<start>"
    subj = next((c for c in tok.children if c.dep_ in SUBJECT_DEPS), None)
    feats = [
        "bias", f"l={lemma}", f"w={tok.lower_}", f"p={tok.pos_}", f"t={tok.tag_}", f"d={tok.dep_}",
        f"l|d={lemma}|{tok.dep_}", f"l|p={lemma}|{tok.pos_}", f"hl={head.lemma_.lower()}", f"hp={head.pos_}",
        f"d|hp={tok.dep_}|{head.pos_}", f"nx={nxt}", f"pv={prv}", f"l|nx={lemma}|{nxt}",
        f"suf={lemma[-3:]}", f"q={in_quote[tok.i]}", f"qs={quote_in_sent}", f"l|qs={lemma}|{quote_in_sent}",
        f"l|q={lemma}|{in_quote[tok.i]}",
    ]
    feats += [f"cd={d}" for d in deps]
    feats += [f"l|cd={lemma}|{d}" for d in deps if d in ("ccomp", "xcomp", "dobj", "nsubj", "prep", "dative",
                                                         "advcl", "attr", "acomp", "nsubjpass", "agent")]
    feats.append(f"p|deps={tok.pos_}|{'+'.join(d for d in deps if d in ('ccomp', 'xcomp', 'dobj', 'nsubj'))}")
    if subj is not None:
        kind = "pron" if subj.lower_ in PRONOUNS else subj.ent_type_ or subj.pos_
        feats += [f"subj={kind}", f"l|subj={lemma}|{kind}"]
    if tok.ent_type_:
        feats.append(f"ent={tok.ent_type_}")
    return feats


def content_candidates(cue, text: str) -> list[Candidate]:
    """Dependents of a cue that may hold its content, plus the clause a parenthetical cue sits in."""
    out = []
    for child in cue.children:
        if child.dep_ in SKIP_CHILD_DEPS or child.is_space:
            continue
        toks = [t for t in child.subtree if not t.is_space]
        if not toks:
            continue
        out.append(Candidate(f"child:{child.dep_}", toks[0].idx, toks[-1].idx + len(toks[-1].text), child, toks[0]))
        if child.dep_ == "prep":  # "according to X", "attributed it to Y": the object is what counts
            for grand in child.children:
                if grand.dep_ in ("pobj", "pcomp"):
                    g = [t for t in grand.subtree if not t.is_space]
                    if not g:
                        continue
                    out.append(Candidate(f"prep:{child.lower_}", g[0].idx, g[-1].idx + len(g[-1].text), grand, g[0]))
    head = cue.head
    if head is not cue and cue.dep_ not in ("conj",):
        own = list(cue.subtree)
        lo, hi = own[0].i, own[-1].i
        clause = list(head.subtree)
        left = [t for t in clause if t.i < lo and not t.is_punct and not t.is_space]
        right = [t for t in clause if t.i > hi and not t.is_punct and not t.is_space]
        if left:
            out.append(Candidate(f"rest-left:{cue.dep_}", left[0].idx, left[-1].idx + len(left[-1].text), head,
                                 left[0]))
        if right:
            out.append(Candidate(f"rest-right:{cue.dep_}", right[0].idx, right[-1].idx + len(right[-1].text), head,
                                 right[0]))
    return out


def content_features(cue, cand: Candidate, text: str, in_quote: list[bool]) -> list[str]:
    lemma = cue.lemma_.lower()
    tok = cand.token
    side = "after" if cand.start >= cue.idx else "before"
    n = len(text[cand.start:cand.end].split())
    first = cand.first
    first_word = first.lower_ if first is not None else ""
    quoted = first is not None and in_quote[first.i]
    kind = cand.kind
    return [
        "bias", f"k={kind}", f"l|k={lemma}|{kind}", f"p|k={cue.pos_}|{kind}", f"side={side}", f"k|side={kind}|{side}",
        f"len={_bucket(n)}", f"k|len={kind}|{_bucket(n)}", f"cp={tok.pos_}", f"k|cp={kind}|{tok.pos_}",
        f"fw={first_word}", f"k|fw={kind}|{first_word}", f"quoted={quoted}", f"k|quoted={kind}|{quoted}",
        f"cd={cue.dep_}", f"ent={tok.ent_type_}",
    ]


class Linear:
    """A logistic-regression scorer over string features."""

    def __init__(self, weights: dict[str, float], threshold: float = 0.5):
        self.weights = weights
        self.threshold = threshold

    def prob(self, feats: list[str]) -> float:
        z = sum(map(self.weights.get, feats, repeat(0.0)))
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))

    def __call__(self, feats: list[str]) -> bool:
        return self.prob(feats) >= self.threshold


@dataclass(frozen=True)
class Models:
    cue: Linear
    content: Linear
    cue_nouns: frozenset[str]


@lru_cache(maxsize=1)
def models() -> Models | None:
    """The trained models from resources/attribution_model.json, or None if it is missing."""
    try:
        data = load_json("attribution_model.json")
    except FileNotFoundError:
        return None
    return Models(Linear(data["cue"]["weights"], data["cue"]["threshold"]),
                  Linear(data["content"]["weights"], data["content"]["threshold"]),
                  frozenset(data["cue_nouns"]))
