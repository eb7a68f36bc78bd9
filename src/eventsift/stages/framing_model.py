"""Token features and the trained CRF tagger behind the framing stage.

The tagger is a linear-chain CRF (CRFsuite, through python-crfsuite) that labels each token
with the PTC technique of the span it belongs to, or ``O``. CRFsuite is used because a CRF
decodes whole spans consistently and its marginals give each span a confidence; what is ours
is the feature set below, shared by training (``eventsift.train.framing``) and run time so the
two can never drift apart. Features read only the shared spaCy Doc and our own lexicon.
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources as _res

from ..resources import load_json
from ..textutil import alternation, matchable

MODEL_FILE = "framing_crf.bin"
MODEL_INFO = "framing_crf.json"
OUTSIDE = "O"

#: Lexicon categories of ``framing_lexicon.json`` that become token features.
LEXICON_CATEGORIES = ("labels", "loaded", "exaggeration", "bandwagon", "authority", "doubt", "fear",
                      "flag_waving", "cliches")
_CONTENT_POS = {"NOUN", "PROPN", "ADJ", "VERB", "ADV"}
_QUOTES = {'"', "“", "”", "‘", "’", "'", "«", "»"}


@lru_cache(maxsize=1)
def _lexicon_regexes():
    data = load_json("framing_lexicon.json")
    return [(cat, re.compile("(?i)" + alternation(data[cat]))) for cat in LEXICON_CATEGORIES if data.get(cat)]


@lru_cache(maxsize=1)
def _cues() -> frozenset:
    return frozenset(load_json("framing_lexicon.json").get("cues", ()))


def lexicon_hits(text: str) -> list[tuple[str, int, int]]:
    """(category, start, end) of every lexicon phrase in ``text``."""
    plain = matchable(text)
    return [(cat, m.start(), m.end()) for cat, rx in _lexicon_regexes() for m in rx.finditer(plain)]


def _shape(word: str) -> str:
    if word.isupper() and len(word) > 1:
        return "UP"
    if word[:1].isupper():
        return "Ti"
    if word.isdigit():
        return "d"
    if word.isalpha():
        return "lo"
    return "o"


def _word(text: str) -> str:
    """A token's text as a feature value: no whitespace (CRFsuite's dumps split on it), at most 25 chars."""
    return "".join(text.split())[:25] or "_sp"


def _bucket(n: int) -> str:
    return "1" if n <= 1 else "2" if n == 2 else "3-4" if n <= 4 else "5+"


def token_features(doc) -> list[list[str]]:
    """One list of string features per token of a spaCy Doc (with tagger, parser and lemmatizer)."""
    n = len(doc)
    if n == 0:
        return []
    text = doc.text
    lex = lexicon_tokens(doc)
    cues = _cues()
    lemmas = [_word(t.lemma_.lower()) if not t.is_space else "_sp" for t in doc]
    pos = [t.pos_ for t in doc]
    counts = Counter(lemmas[i] for i in range(n) if pos[i] in _CONTENT_POS)
    title_end = text.find("\n")
    title_lemmas = {lemmas[t.i] for t in doc if t.idx < title_end and pos[t.i] in _CONTENT_POS} \
        if title_end > 0 else set()
    # Per sentence: marks, length, inside-quotes state.
    sent_info = [None] * n
    in_quote = [False] * n
    for sent in doc.sents:
        words = [t.text for t in sent]
        info = []
        if "!" in words:
            info.append("s!")
        if "?" in words:
            info.append("s?")
        size = len(sent)
        info.append("sl=" + ("s" if size < 8 else "m" if size < 20 else "l" if size < 40 else "xl"))
        if sent.start_char < title_end or title_end < 0:
            info.append("title")
        info.extend(sorted({"sc=" + lemmas[t.i] for t in sent if lemmas[t.i] in cues}))
        lexcount = sum(1 for t in sent if lex[t.i].startswith("B-"))
        info.append("slex=" + _bucket(lexcount))
        quoted = False
        for t in sent:
            if t.text in _QUOTES or t.text in ("``", "''"):
                quoted = not quoted
            in_quote[t.i] = quoted
            sent_info[t.i] = info
    base = []
    for t in doc:
        i = t.i
        w = _word(t.lower_) if not t.is_space else "_sp"
        base.append((w, lemmas[i], pos[i], lex[i]))
    feats: list[list[str]] = []
    for t in doc:
        i = t.i
        w, lem, p, lx = base[i]
        f = ["b", "w=" + w, "l=" + lem, "p=" + p, "t=" + t.tag_, "d=" + t.dep_, "sh=" + _shape(t.text),
             "s3=" + w[-3:], "h=" + lemmas[t.head.i], "hp=" + t.head.pos_]
        if t.ent_type_:
            f.append("e=" + t.ent_type_)
        if lx:
            f.append("x=" + lx)
            f.append("xc=" + lx[2:])
        if p in _CONTENT_POS:
            f.append("rep=" + _bucket(counts[lem]))
            if lem in title_lemmas:
                f.append("intitle")
        if in_quote[i]:
            f.append("q")
        if t.is_sent_start:
            f.append("first")
        f.extend(sent_info[i] or ())
        for off in (-2, -1, 1, 2):
            j = i + off
            if 0 <= j < n:
                ow, olem, op, olx = base[j]
                f.append(f"{off}w={ow}")
                f.append(f"{off}p={op}")
                if olx:
                    f.append(f"{off}x={olx[2:]}")
                if off in (-1, 1):
                    f.append(f"{off}l={olem}")
        if i > 0:
            f.append(f"bw={base[i - 1][0]}|{w}")
        if i + 1 < n:
            f.append(f"fw={w}|{base[i + 1][0]}")
        feats.append(f)
    return feats


@dataclass
class TaggedSpan:
    start: int  # token index
    end: int  # token index, exclusive
    technique: str
    confidence: float
    technique_confidence: float


@lru_cache(maxsize=1)
def model_info() -> dict:
    return load_json(MODEL_INFO)


@lru_cache(maxsize=1)
def tagger():
    """The CRFsuite tagger with the shipped model, opened once per process."""
    import pycrfsuite

    path = _res.files("eventsift.resources").joinpath(MODEL_FILE)
    tg = pycrfsuite.Tagger()
    with _res.as_file(path) as real:
        tg.open(str(real))
    return tg


def marginals(tg, feats: list[list[str]]) -> list[dict[str, float]]:
    """Per-token probability of each label under the CRF."""
    tg.set(feats)
    labels = tg.labels()
    return [{lab: tg.marginal(lab, i) for lab in labels} for i in range(len(feats))]


def _runs(doc, keep) -> list[list[int]]:
    """Token runs where ``keep(i)`` holds, cut at sentence starts and spaces, trimmed of punctuation."""
    runs: list[list[int]] = []
    run: list[int] = []
    for tok in doc:
        if (tok.is_sent_start or tok.is_space or not keep(tok.i)) and run:
            runs.append(run)
            run = []
        if not tok.is_space and keep(tok.i):
            run.append(tok.i)
    if run:
        runs.append(run)
    out = []
    for run in runs:
        lo, hi = 0, len(run)
        while lo < hi and doc[run[lo]].is_punct:
            lo += 1
        while hi > lo and doc[run[hi - 1]].is_punct:
            hi -= 1
        if lo < hi:
            out.append(run[lo:hi])
    return out


def decode(doc, probs: list[dict[str, float]], threshold: float,
           technique_threshold: float | None = None) -> list[TaggedSpan]:
    """Spans from token marginals, in two passes.

    First, runs of tokens whose chance of being inside some span is at least ``threshold``; each
    takes the technique with the highest mean probability. Second (when ``technique_threshold``
    is given), runs where one technique alone reaches ``technique_threshold``: techniques in PTC
    overlap, and this lets a span carry a second one. Runs stay inside one sentence.
    """
    spans: list[TaggedSpan] = []
    for run in _runs(doc, lambda i: 1.0 - probs[i].get(OUTSIDE, 0.0) >= threshold):
        totals: Counter = Counter()
        inside = 0.0
        for i in run:
            for lab, pr in probs[i].items():
                if lab != OUTSIDE:
                    totals[lab] += pr
            inside += 1.0 - probs[i].get(OUTSIDE, 0.0)
        technique, mass = totals.most_common(1)[0]
        spans.append(TaggedSpan(run[0], run[-1] + 1, technique, inside / len(run), mass / inside if inside else 0.0))
    if technique_threshold is not None and probs:
        for label in probs[0]:
            if label == OUTSIDE:
                continue
            for run in _runs(doc, lambda i: probs[i].get(label, 0.0) >= technique_threshold):
                mean = sum(probs[i][label] for i in run) / len(run)
                spans.append(TaggedSpan(run[0], run[-1] + 1, label, mean, 1.0))
    return spans


def _norm_phrase(doc, start: int, end: int) -> str:
    return " ".join(t.lower_ for t in doc[start:end] if not t.is_punct and not t.is_space)


def span_features(doc, start: int, end: int, lex: list[str] | None = None,
                  phrase_counts: Counter | None = None) -> list[str]:
    """Features of one token span for the technique classifier (a CRFsuite model on one-item sequences)."""
    toks = [t for t in doc[start:end]]
    size = len(toks)
    sent = doc[start].sent
    f = ["b", "len=" + ("1" if size == 1 else "2" if size == 2 else "3-4" if size <= 4 else "5-9" if size <= 9
                        else "10-19" if size <= 19 else "20+")]
    for t in toks:
        if not t.is_punct and not t.is_space:
            f.append("l=" + t.lemma_.lower())
            f.append("p=" + t.pos_)
        if t.ent_type_:
            f.append("e=" + t.ent_type_)
        if t.text in ("!", "?"):
            f.append("m=" + t.text)
        if t.text in _QUOTES:
            f.append("quote")
        if t.dep_ == "neg":
            f.append("neg")
        if lex and lex[t.i]:
            f.append("x=" + lex[t.i][2:])
    first, last = toks[0], toks[-1]
    f += ["fw=" + first.lower_, "lw=" + last.lower_, "fp=" + first.pos_, "lp=" + last.pos_,
          "pp=" + "_".join(t.pos_ for t in toks[:3])]
    if size <= 3:
        f.append("whole=" + _norm_phrase(doc, start, end))
    for k in (1, 2, 3):
        if start - k >= sent.start:
            f.append(f"-{k}w=" + doc[start - k].lower_)
        if end + k - 1 < sent.end:
            f.append(f"+{k}w=" + doc[end + k - 1].lower_)
    cover = size / max(1, len(sent))
    f.append("cover=" + ("all" if cover > 0.8 else "half" if cover > 0.4 else "part"))
    if phrase_counts is not None:
        f.append("rep=" + _bucket(phrase_counts[_norm_phrase(doc, start, end)]))
    if sent.start_char < max(0, doc.text.find("\n")):
        f.append("title")
    return f


def phrase_counts(doc, max_len: int = 4) -> Counter:
    """How often each word n-gram (up to ``max_len`` words, punctuation dropped) occurs in the doc."""
    words = [t.lower_ for t in doc if not t.is_punct and not t.is_space]
    counts: Counter = Counter()
    for n in range(1, max_len + 1):
        for i in range(len(words) - n + 1):
            counts[" ".join(words[i:i + n])] += 1
    return counts


def lexicon_tokens(doc) -> list[str]:
    """The lexicon category of each token ('B-cat' / 'I-cat' or '')."""
    lex = [""] * len(doc)
    for cat, start, end in lexicon_hits(doc.text):
        span = doc.char_span(start, end, alignment_mode="expand")
        if span is not None:
            for k, tok in enumerate(span):
                if not lex[tok.i]:
                    lex[tok.i] = ("B-" if k == 0 else "I-") + cat
    return lex
