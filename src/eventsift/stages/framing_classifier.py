"""Second step of the framing model: which technique a proposed span uses.

The CRF is good at finding *where* the spin is but weak at naming it, because each token only
sees a small window. A span-level linear model sees the whole span at once: its words and
lemmas, lemma bigrams, length, lexicon hits, the words just around it, the sentence's marks,
how often its words and its whole text recur in the document (Repetition), and the shape of its
syntax: the role of its root, a verb, a negation, a modal, a superlative (clause-long techniques
like Doubt and Causal_Oversimplification against one-word Loaded_Language). It is a multinomial logistic
regression trained by us on the gold spans of PTC train (``eventsift.train.framing``, with
scikit-learn); at run time we only need a dot product, so the weights ship as a small
``.npz`` (vocabulary, coefficients, intercepts) and are applied with numpy here, without
importing scikit-learn.
"""
from __future__ import annotations

from bisect import bisect_left
from collections import Counter
from functools import lru_cache
from ..resources import load_arrays
from . import framing_model as fm

CLASSIFIER_FILE = "framing_techniques.npz"
#: The class of a proposed span that overlaps no gold span: learnt so that such spans stop pulling
#: the techniques' weights, and left out (the rest renormalised) when a technique is chosen.
NO_TECHNIQUE = "none"
_CONTENT_POS = {"NOUN", "PROPN", "ADJ", "VERB", "ADV"}
_CONTEXT = 3


def _len_bucket(n: int) -> str:
    for limit, name in ((1, "1"), (2, "2"), (4, "3-4"), (8, "5-8"), (16, "9-16"), (32, "17-32")):
        if n <= limit:
            return name
    return "33+"


def _count_bucket(n: int) -> str:
    return "1" if n <= 1 else "2" if n == 2 else "3-4" if n <= 4 else "5+"


class DocInfo:
    """Per-document token attributes, read once and shared by every span of the document."""

    def __init__(self, doc, text: str | None = None, tokens: fm.Tokens | None = None):
        tk = fm.tokens_of(doc, text, tokens)
        self.lower = tk.word
        self.lemma = tk.lemma
        self.pos = tk.pos
        self.ent = tk.ent
        self.punct = [p or s for p, s in zip(tk.punct, tk.space)]
        self.lex = [x[2:] if x else "" for x in tk.lex]
        self.tag = tk.tag
        self.dep = tk.dep
        self.head = tk.head
        self.idx, self.end = tk.idx, tk.end
        self.low_text = tk.text.lower()
        self._repeats: dict[str, list[int]] = {}  # span text -> where it starts, ascending
        n = tk.n
        self.sent_start = [0] * n
        self.sent_end = [n] * n
        for a, b in tk.sentences:
            for i in range(a, b):
                self.sent_start[i], self.sent_end[i] = a, b
        self.counts = Counter(self.lemma[i] for i in range(n) if self.pos[i] in _CONTENT_POS)
        title_end = tk.text.find("\n")
        self.title_tokens = sum(1 for x in tk.idx if x < title_end) if title_end > 0 else 0

    def repeats(self, start: int, end: int) -> tuple[int, int]:
        """(times the text of tokens ``start:end`` occurs in the document, times before ``start``), case-blind."""
        a, b = self.idx[start], self.end[end - 1]
        key = self.low_text[a:b]
        at = self._repeats.get(key)
        if at is None:
            at, i = [], self.low_text.find(key)
            while i >= 0:
                at.append(i)
                i = self.low_text.find(key, i + 1)
            self._repeats[key] = at
        return len(at), bisect_left(at, a)

    def root(self, start: int, end: int) -> int:
        """The first token of ``start:end`` whose head lies outside the span (or is itself)."""
        for i in range(start, end):
            h = self.head[i]
            if h == i or not start <= h < end:
                return i
        return start


_CAUSAL = {"because", "so", "therefore", "since", "cause", "result", "thus", "hence"}


def syntax_features(info: DocInfo, start: int, end: int, f: dict[str, float]) -> None:
    """The span's shape: its whole text repeated, its root's role, verbs, negation, modals, superlatives."""
    if info.end[end - 1] - info.idx[start] >= 3:
        total, before = info.repeats(start, end)
        f["srep=" + ("1" if total <= 1 else "2" if total == 2 else "3+")] = 1.0
        f["sbefore=" + ("0" if before == 0 else "1+")] = 1.0
    root = info.root(start, end)
    f["rdep=" + info.dep[root]] = 1.0
    f["rpos=" + info.pos[root]] = 1.0
    span = range(start, end)
    f["hasverb"] = float(any(info.pos[i] in ("VERB", "AUX") for i in span))
    if any(info.dep[i] == "neg" for i in span):
        f["neg"] = 1.0
    if any(info.tag[i] == "MD" for i in span):
        f["modal"] = 1.0
    if any(info.tag[i] in ("JJS", "RBS") for i in span):
        f["superl"] = 1.0
    if any(info.lower[i] in _CAUSAL for i in span):
        f["causal"] = 1.0


def span_features(info: DocInfo, start: int, end: int) -> dict[str, float]:
    """Binary features of tokens ``start:end`` (token indices, end exclusive)."""
    f: dict[str, float] = {"bias": 1.0}
    words = [i for i in range(start, end) if not info.punct[i]] or list(range(start, end))
    lem = [info.lemma[i] for i in words]
    for i in words:
        f["w=" + info.lower[i]] = 1.0
        f["l=" + info.lemma[i]] = 1.0
        f["p=" + info.pos[i]] = 1.0
        if info.ent[i]:
            f["e=" + info.ent[i]] = 1.0
        if info.lex[i]:
            f["x=" + info.lex[i]] = 1.0
    for a, b in zip(lem, lem[1:]):
        f["bg=" + a + "|" + b] = 1.0
    f["first=" + lem[0]] = 1.0
    f["last=" + lem[-1]] = 1.0
    f["len=" + _len_bucket(len(words))] = 1.0
    for k in range(1, _CONTEXT + 1):
        if start - k >= 0:
            f["L=" + info.lemma[start - k]] = 1.0
        if end - 1 + k < len(info.lemma):
            f["R=" + info.lemma[end - 1 + k]] = 1.0
    if start > 0:
        f["L1=" + info.lower[start - 1]] = 1.0
    s0, s1 = info.sent_start[start], info.sent_end[end - 1]
    sent = info.lower[s0:s1]
    if "!" in sent:
        f["s!"] = 1.0
    if "?" in sent:
        f["s?"] = 1.0
    share = (end - start) / max(1, s1 - s0)
    f["share=" + ("lo" if share < 0.25 else "mid" if share < 0.6 else "hi" if share < 0.95 else "all")] = 1.0
    if start < info.title_tokens:
        f["title"] = 1.0
    if any(info.lower[i] in ('"', "“", "”", "``", "''") for i in range(max(0, start - 1), min(len(info.lower), end + 1))):
        f["quote"] = 1.0
    content = [info.counts[info.lemma[i]] for i in words if info.pos[i] in _CONTENT_POS]
    f["rep=" + _count_bucket(max(content, default=0))] = 1.0
    syntax_features(info, start, end, f)
    return f


@lru_cache(maxsize=1)
def classifier():
    """(vocabulary -> column, coefficients K×V, intercepts K, class names), loaded once."""
    data = load_arrays(CLASSIFIER_FILE)
    vocab = {str(w): i for i, w in enumerate(data["vocab"])}
    return vocab, data["coef"].astype("float64"), data["intercept"].astype("float64"), \
        [str(c) for c in data["classes"]]


def probabilities(feats: list[dict[str, float]], model=None) -> list[dict[str, float]]:
    """Each span's probability of every technique under the span classifier (the no-technique class left out)."""
    import numpy as np

    if not feats:
        return []
    vocab, coef, intercept, classes = model or classifier()
    out = []
    for f in feats:
        cols = [vocab[k] for k in f if k in vocab]
        z = coef[:, cols].sum(axis=1) + intercept
        z = np.exp(z - z.max())
        row = dict(zip(classes, z.tolist()))
        row.pop(NO_TECHNIQUE, None)
        total = sum(row.values())
        out.append({t: p / total for t, p in row.items()})
    return out


def assign(info: DocInfo | None, spans: list, weight: float, second: float | None, model=None,
           probs: list | None = None) -> list:
    """The CRF's spans with techniques chosen by the span classifier.

    Spans of the CRF's first pass (those with ``scores``) take the technique with the highest
    ``weight`` × classifier probability + (1 − ``weight``) × the CRF's own technique share; when
    the runner-up reaches ``second`` the span is also reported with it (PTC spans often carry
    two techniques). Per-technique spans of the CRF's second pass are kept as they are.
    ``probs`` (the classifier's output for the first-pass spans, in order) may be given to skip it.
    """
    first = [s for s in spans if s.scores]
    if probs is None:
        probs = probabilities([span_features(info, s.start, s.end) for s in first], model)
    out = [s for s in spans if not s.scores]
    for span, pr in zip(first, probs):
        mixed = {t: weight * p + (1.0 - weight) * span.scores.get(t, 0.0) for t, p in pr.items()}
        ranked = sorted(mixed, key=lambda t: (-mixed[t], t))
        out.append(fm.TaggedSpan(span.start, span.end, ranked[0], span.confidence, mixed[ranked[0]], span.scores))
        if second is not None and len(ranked) > 1 and mixed[ranked[1]] >= second:
            out.append(fm.TaggedSpan(span.start, span.end, ranked[1], span.confidence, mixed[ranked[1]], None))
    return sorted(out, key=lambda s: (s.start, s.end, s.technique))
