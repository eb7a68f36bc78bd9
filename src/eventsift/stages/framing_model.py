"""Token features and the trained CRF tagger behind the framing stage.

The tagger is a linear-chain CRF (CRFsuite, through python-crfsuite) that labels each token
with the PTC technique of the span it belongs to, or ``O``. A second CRF on the same
features only says whether a token is inside some span (``P``) or not (``O``): with every span
counted as one class it learns *where* the spin is from all the data at once, and its inside
probability is mixed with the first CRF's (``mix_inside``). CRFsuite is used because a CRF
decodes whole spans consistently and its marginals give each span a confidence; what is ours
is the feature set below, shared by training (``eventsift.train.framing``) and run time so the
two can never drift apart. Features read only the shared spaCy Doc and our own lexicon.
"""
from __future__ import annotations

import re
from bisect import bisect_right
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources as _res

from ..resources import load_json
from ..textutil import alternation, matchable

MODEL_FILE = "framing_crf.bin"
MODEL_INFO = "framing_crf.json"
SPAN_MODEL_FILE = "framing_span_crf.bin"
OUTSIDE = "O"
INSIDE = "P"
#: The commonest PTC technique: the label of a run the technique CRF gives no share at all.
LOADED_LANGUAGE = "Loaded_Language"

#: Lexicon categories of ``framing_lexicon.json`` that become token features.
LEXICON_CATEGORIES = ("labels", "loaded", "exaggeration", "bandwagon", "authority", "doubt", "fear",
                      "flag_waving", "cliches")
_CONTENT_POS = {"NOUN", "PROPN", "ADJ", "VERB", "ADV"}
_QUOTES = {'"', "“", "”", "‘", "’", "'", "«", "»"}


class PhraseSet:
    """Literal phrases matched case-insensitively on word boundaries (``textutil.alternation``).

    ``finditer`` gives exactly the matches of the regex's ``finditer``, but runs the regex only where
    a phrase occurs in the lower-cased text (found with ``str.find``): a regex that starts with a
    look-behind and ignores case is tried at every position of the text, which made the lexicon
    scan a tenth of the stage's time. Lower-casing keeps the offsets when the text has no character
    whose lower case is longer, and ``ı`` and ``ſ`` (which ``re`` also takes for ``i`` and ``s``) are
    not in it; otherwise the whole text is scanned as before.
    """

    def __init__(self, phrases):
        self.rx = re.compile("(?i)" + alternation(phrases))
        self.keys = sorted({p.lower() for p in phrases if p})

    def finditer(self, text: str) -> list:
        low = _lowered(text)
        if low is None:
            return list(self.rx.finditer(text))
        starts = set()
        for key in self.keys:
            i = low.find(key)
            while i >= 0:
                starts.add(i)
                i = low.find(key, i + 1)
        out, end = [], 0
        for i in sorted(starts):
            if i >= end:
                m = self.rx.match(text, i)
                if m:
                    out.append(m)
                    end = m.end()
        return out


@lru_cache(maxsize=2)
def _lowered(text: str) -> str | None:
    low = text.lower()
    return low if len(low) == len(text) and "ı" not in text and "ſ" not in text else None


@lru_cache(maxsize=1)
def _lexicon_regexes():
    data = load_json("framing_lexicon.json")
    return [(cat, PhraseSet(data[cat])) for cat in LEXICON_CATEGORIES if data.get(cat)]


@lru_cache(maxsize=1)
def _cues() -> frozenset:
    return frozenset(load_json("framing_lexicon.json").get("cues", ()))


@lru_cache(maxsize=2)
def plain(text: str) -> str:
    """``matchable(text)``, kept for the document at hand: the features and every rule match on it."""
    return matchable(text)


def lexicon_hits(text: str) -> list[tuple[str, int, int]]:
    """(category, start, end) of every lexicon phrase in ``text``."""
    plain_text = plain(text)
    return [(cat, m.start(), m.end()) for cat, phrases in _lexicon_regexes() for m in phrases.finditer(plain_text)]


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


class Tokens:
    """Every token attribute the framing stage reads, taken from a spaCy Doc in one pass.

    ``Doc.to_array`` reads the attributes as numbers without creating a spaCy ``Token`` per
    token (which was most of the stage's cost), and each distinct string is looked up once.
    The features, the decoding, the span classifier and the stage all share one table.
    """

    def __init__(self, doc, text: str | None = None):
        from spacy.attrs import (DEP, ENT_TYPE, HEAD, IDX, IS_PUNCT, IS_SPACE, IS_STOP, LEMMA, LENGTH, LOWER,
                                 ORTH, POS, SENT_START, TAG)

        self.doc = doc
        self.text = doc.text if text is None else text
        self.n = n = len(doc)
        cols = doc.to_array([ORTH, LOWER, LEMMA, POS, TAG, DEP, ENT_TYPE, HEAD, IDX, LENGTH, SENT_START,
                             IS_SPACE, IS_PUNCT, IS_STOP]).reshape(n, 14)
        strings = doc.vocab.strings
        named = cols[:, :7].T.tolist()
        lookup = {h: strings[h] for h in set().union(*named)} if n else {}
        self.orth, self.lower_, self.lemma_, self.pos, self.tag, self.dep, self.ent = \
            ([lookup[h] for h in col] for col in named)
        rest = cols[:, 7:].astype("int64").T.tolist()
        offsets, self.idx, length, sent_start, space, punct, stop = rest if n else [[]] * 7
        self.head = [i + off for i, off in enumerate(offsets)]
        self.end = [a + b for a, b in zip(self.idx, length)]
        #: Sentence starts as ``Token.is_sent_start`` and ``Doc.sents`` see them (token 0 always starts one).
        self.sent_start = [s == 1 for s in sent_start]
        self.space = [bool(x) for x in space]
        self.punct = [bool(x) for x in punct]
        self.stop = [bool(x) for x in stop]
        words: dict[str, str] = {}
        #: ``_word`` of the lower-cased text and of the lower-cased lemma, for every token.
        self.word = [words.get(w) or words.setdefault(w, _word(w)) for w in self.lower_]
        self.lemma = [words.get(w) or words.setdefault(w, _word(w)) for w in (x.lower() for x in self.lemma_)]
        self._lex = None
        self._sents = None

    @property
    def lex(self) -> list[str]:
        """The lexicon category of each token ('B-cat' / 'I-cat' or ''), computed once."""
        if self._lex is None:
            self._lex = _lexicon_tags(self)
        return self._lex

    @property
    def sentences(self) -> list[tuple[int, int]]:
        """(first, end) token of each sentence, as ``Doc.sents`` cuts them."""
        if self._sents is None:
            bounds = [i for i in range(self.n) if i == 0 or self.sent_start[i]] + [self.n]
            self._sents = list(zip(bounds, bounds[1:]))
        return self._sents


#: Feature strings that depend only on a token's own attributes, kept across documents (they repeat a lot).
_STRINGS: dict[str, dict] = {}
_STRINGS_MAX = 30000


def _strings(kind: str) -> dict:
    """The cache of ``kind``'s feature strings, emptied when it grows past ``_STRINGS_MAX`` entries."""
    cache = _STRINGS.setdefault(kind, {})
    if len(cache) > _STRINGS_MAX:
        cache.clear()
    return cache


def tokens_of(doc, text: str | None = None, tokens: Tokens | None = None) -> Tokens:
    """``tokens`` when given (built once per document by the stage), else a new table for ``doc``."""
    return tokens if tokens is not None else Tokens(doc, text)


def token_features(doc, text: str | None = None, tokens: Tokens | None = None) -> list[list[str]]:
    """One list of string features per token of a spaCy Doc (with tagger, parser and lemmatizer).

    Pass ``text`` (``doc.text``) when you have it: spaCy rebuilds ``doc.text`` from the tokens on
    every access; pass ``tokens`` when the document's table is already built. The feature order is
    part of the model (CRFsuite adds the weights in this order), so keep it.
    """
    tk = tokens_of(doc, text, tokens)
    n = tk.n
    if n == 0:
        return []
    text = tk.text
    lex = tk.lex
    cues = _cues()
    texts, idxs, tags, deps, heads, ents, starts = tk.orth, tk.idx, tk.tag, tk.dep, tk.head, tk.ent, tk.sent_start
    pos = tk.pos
    lemmas = ["_sp" if sp else lem for sp, lem in zip(tk.space, tk.lemma)]
    words = ["_sp" if sp else w for sp, w in zip(tk.space, tk.word)]
    counts = Counter(lemmas[i] for i in range(n) if pos[i] in _CONTENT_POS)
    title_end = text.find("\n")
    title_lemmas = {lemmas[i] for i in range(n) if idxs[i] < title_end and pos[i] in _CONTENT_POS} \
        if title_end > 0 else set()
    # Per sentence: marks, length, cue words, lexicon hits, inside-quotes state.
    sent_info: list = [None] * n
    in_quote = [False] * n
    for a, b in tk.sentences:
        words_ab = texts[a:b]
        info = []
        if "!" in words_ab:
            info.append("s!")
        if "?" in words_ab:
            info.append("s?")
        size = b - a
        info.append("sl=" + ("s" if size < 8 else "m" if size < 20 else "l" if size < 40 else "xl"))
        if idxs[a] < title_end or title_end < 0:
            info.append("title")
        info.extend(sorted({"sc=" + lemmas[i] for i in range(a, b) if lemmas[i] in cues}))
        lexcount = sum(1 for i in range(a, b) if lex[i].startswith("B-"))
        info.append("slex=" + _bucket(lexcount))
        quoted = False
        for i in range(a, b):
            if texts[i] in _QUOTES or texts[i] in ("``", "''"):
                quoted = not quoted
            in_quote[i] = quoted
            sent_info[i] = info
    # The features a token gives its neighbours, per offset, built once per distinct token.
    around = _strings("around")
    near = []
    for i in range(n):
        key = (words[i], lemmas[i], pos[i], lex[i])
        got = around.get(key)
        if got is None:
            w, lem, p, lx = key
            got = []
            for off in (-2, -1, 1, 2):
                g = [f"{off}w={w}", f"{off}p={p}"]
                if lx:
                    g.append(f"{off}x={lx[2:]}")
                if off in (-1, 1):
                    g.append(f"{off}l={lem}")
                got.append(g)
            around[key] = got
        near.append(got)
    # A token's own features, its head's, its entity and lexicon features, each built once per
    # distinct value (across documents); then the document's own counts (repetition, title) per lemma.
    own, head, marks = _strings("own"), _strings("head"), _strings("marks")
    counted: dict = {}
    feats: list[list[str]] = []
    for i in range(n):
        w, lem, p = words[i], lemmas[i], pos[i]
        key = (w, lem, p, tags[i], deps[i], texts[i])
        got = own.get(key)
        if got is None:
            got = own[key] = ("b", "w=" + w, "l=" + lem, "p=" + p, "t=" + tags[i], "d=" + deps[i],
                              "sh=" + _shape(texts[i]), "s3=" + w[-3:])
        f = list(got)
        h = heads[i]
        key = (lemmas[h], pos[h])
        got = head.get(key)
        if got is None:
            got = head[key] = ("h=" + key[0], "hp=" + key[1])
        f.extend(got)
        if ents[i] or lex[i]:
            key = (ents[i], lex[i])
            got = marks.get(key)
            if got is None:
                got = (("e=" + ents[i],) if ents[i] else ()) + (("x=" + lex[i], "xc=" + lex[i][2:]) if lex[i] else ())
                marks[key] = got
            f.extend(got)
        if p in _CONTENT_POS:
            got = counted.get(lem)
            if got is None:
                got = counted[lem] = ("rep=" + _bucket(counts[lem]),) + (("intitle",) if lem in title_lemmas else ())
            f.extend(got)
        if in_quote[i]:
            f.append("q")
        if starts[i]:
            f.append("first")
        f.extend(sent_info[i] or ())
        if i >= 2:
            f.extend(near[i - 2][0])
        if i >= 1:
            f.extend(near[i - 1][1])
        if i + 1 < n:
            f.extend(near[i + 1][2])
        if i + 2 < n:
            f.extend(near[i + 2][3])
        if i >= 1:
            f.append(f"bw={words[i - 1]}|{w}")
        if i + 1 < n:
            f.append(f"fw={w}|{words[i + 1]}")
        feats.append(f)
    return feats


@dataclass
class TaggedSpan:
    start: int  # token index
    end: int  # token index, exclusive
    technique: str
    confidence: float
    technique_confidence: float
    #: Share of the span's technique mass per technique (first pass only; empty for per-technique runs).
    scores: dict | None = None


@lru_cache(maxsize=1)
def model_info() -> dict:
    return load_json(MODEL_INFO)


@lru_cache(maxsize=2)
def tagger(name: str = MODEL_FILE):
    """A CRFsuite tagger with a shipped model (the technique CRF by default), opened once per process."""
    import pycrfsuite

    path = _res.files("eventsift.resources").joinpath(name)
    tg = pycrfsuite.Tagger()
    with _res.as_file(path) as real:
        tg.open(str(real))
    return tg


def span_tagger():
    """The inside/outside CRF, or None when no such model is shipped."""
    if not _res.files("eventsift.resources").joinpath(SPAN_MODEL_FILE).is_file():
        return None
    return tagger(SPAN_MODEL_FILE)


def item_sequence(feats: list[list[str]]):
    """The features converted once for CRFsuite, so that both taggers can read them."""
    import pycrfsuite

    return pycrfsuite.ItemSequence(feats)


def inside_marginals(tg, feats: list[list[str]]) -> list[float]:
    """Per-token probability of being inside some span under the inside/outside CRF."""
    tg.set(feats)
    return [tg.marginal(INSIDE, i) for i in range(len(feats))]


def mix_inside(probs: list[dict[str, float]], inside: list[float], weight: float) -> list[dict[str, float]]:
    """The technique CRF's marginals with each token's inside probability replaced by
    (1 − ``weight``) × its own + ``weight`` × the inside/outside CRF's; the technique shares stay.
    """
    if not weight:
        return probs
    out = []
    for row, p_in in zip(probs, inside):
        own = 1.0 - row[OUTSIDE]
        new = (1.0 - weight) * own + weight * p_in
        if len(row) == 1:
            out.append({OUTSIDE: 1.0 - new})
            continue
        scale = new / own if own > 1e-12 else 0.0
        out.append({lab: (1.0 - new if lab == OUTSIDE else pr * scale) for lab, pr in row.items()})
    return out


def marginals(tg, feats: list[list[str]], floor: float = 0.0, inside: list[float] | None = None,
              weight: float = 0.0) -> list[dict[str, float]]:
    """Per-token probability of each label under the CRF.

    Tokens whose chance of being inside any span is below ``floor`` get only ``O``: no decision
    threshold at or above ``floor`` can use their other labels, and most tokens are such. With
    ``inside`` (the inside/outside CRF's probabilities) that chance is the one ``mix_inside``
    will give the token with ``weight``.
    """
    tg.set(feats)
    labels = [lab for lab in tg.labels() if lab != OUTSIDE]
    marginal = tg.marginal
    out = []
    for i in range(len(feats)):
        p_out = marginal(OUTSIDE, i)
        p_in = 1.0 - p_out if inside is None else (1.0 - weight) * (1.0 - p_out) + weight * inside[i]
        if p_in >= floor:
            row = {OUTSIDE: p_out}
            for lab in labels:
                row[lab] = marginal(lab, i)
            out.append(row)
        else:
            out.append({OUTSIDE: p_out})
    return out


def _token_table(tk: Tokens) -> list[tuple[int, int, bool, bool, bool]]:
    """(start char, end char, sentence start, space, punctuation) per token."""
    return list(zip(tk.idx, tk.end, tk.sent_start, tk.space, tk.punct))


def _runs(table, kept: list[int], gap: int = 0) -> list[list[int]]:
    """Runs of the token indices ``kept`` (ascending), cut at sentence starts and spaces, trimmed of punctuation.

    Runs of one sentence at most ``gap`` tokens apart are joined with the tokens between them.
    """
    runs: list[list[int]] = []
    run: list[int] = []
    for i in kept:
        if table[i][3]:  # a space token is never part of a span
            continue
        if run and (i != run[-1] + 1 or table[i][2]):
            runs.append(run)
            run = []
        run.append(i)
    if run:
        runs.append(run)
    if gap > 0:
        joined: list[list[int]] = []
        for run in runs:
            prev = joined[-1] if joined else None
            if prev and run[0] - prev[-1] - 1 <= gap and \
                    not any(table[k][2] or table[k][3] for k in range(prev[-1] + 1, run[0] + 1)):
                prev.extend(range(prev[-1] + 1, run[-1] + 1))
            else:
                joined.append(list(run))
        runs = joined
    out = []
    for run in runs:
        lo, hi = 0, len(run)
        while lo < hi and table[run[lo]][4]:
            lo += 1
        while hi > lo and table[run[hi - 1]][4]:
            hi -= 1
        if lo < hi:
            out.append(run[lo:hi])
    return out


def decode(doc, probs: list[dict[str, float]], threshold: float,
           technique_threshold: float | None = None, gap: int = 0, tokens: Tokens | None = None) -> list[TaggedSpan]:
    """Spans from token marginals, in two passes.

    First, runs of tokens whose chance of being inside some span is at least ``threshold``; each
    takes the technique with the highest mean probability. Second (when ``technique_threshold``
    is given), runs where one technique alone reaches ``technique_threshold``: techniques in PTC
    overlap, and this lets a span carry a second one. Runs stay inside one sentence; first-pass
    runs at most ``gap`` tokens apart are joined.
    """
    table = _token_table(tokens_of(doc, tokens=tokens))
    spans: list[TaggedSpan] = []
    for run in _runs(table, [i for i, row in enumerate(probs) if 1.0 - row[OUTSIDE] >= threshold], gap):
        totals: Counter = Counter()
        inside = 0.0
        for i in run:
            for lab, pr in probs[i].items():
                if lab != OUTSIDE:
                    totals[lab] += pr
            inside += 1.0 - probs[i][OUTSIDE]
        if not totals:  # only the inside/outside CRF saw a span here
            totals[LOADED_LANGUAGE] = 0.0
        technique, mass = totals.most_common(1)[0]
        shares = {lab: m / inside for lab, m in totals.items()} if inside else {}
        spans.append(TaggedSpan(run[0], run[-1] + 1, technique, inside / len(run), mass / inside if inside else 0.0,
                                shares))
    if technique_threshold is not None:
        candidates = [i for i, row in enumerate(probs) if 1.0 - row[OUTSIDE] >= technique_threshold]
        labels = {lab for i in candidates for lab, pr in probs[i].items()
                  if lab != OUTSIDE and pr >= technique_threshold}
        # rows with only ``O`` give every technique 0.0
        rich = [i for i, row in enumerate(probs) if len(row) > 1] if technique_threshold > 0 else range(len(probs))
        for label in sorted(labels):
            kept = [i for i in rich if probs[i].get(label, 0.0) >= technique_threshold]
            for run in _runs(table, kept):
                mean = sum(probs[i][label] for i in run) / len(run)
                spans.append(TaggedSpan(run[0], run[-1] + 1, label, mean, 1.0))
    return spans


@dataclass(frozen=True)
class Shape:
    """How a span's technique reshapes it (chosen by cross-validation, stored in the model info).

    PTC marks some techniques on whole clauses (Doubt, Causal_Oversimplification) and others on a
    word or two (Loaded_Language, Name_Calling): the median gold span of the first covers most of its
    sentence, of the second a tenth. The CRF's runs sit in between, so a run whose technique is a
    clause technique grows to its sentence, and a long run of a word technique keeps only its
    tokens whose inside probability reaches ``trim_threshold``.
    """

    whole_sentence: frozenset = frozenset()
    trimmed: frozenset = frozenset()
    trim_length: int = 2
    trim_threshold: float | None = None

    @classmethod
    def of(cls, info: dict) -> "Shape":
        got = info.get("shape") or {}
        return cls(frozenset(got.get("whole_sentence", ())), frozenset(got.get("trimmed", ())),
                   got.get("trim_length", 2), got.get("trim_threshold"))

    def as_dict(self) -> dict:
        return {"whole_sentence": sorted(self.whole_sentence), "trimmed": sorted(self.trimmed),
                "trim_length": self.trim_length, "trim_threshold": self.trim_threshold}


def _pieces(tk: Tokens, table: list, span: TaggedSpan, probs: list[dict[str, float]], shape: Shape) -> list[tuple[int, int]]:
    if span.technique in shape.whole_sentence:
        sentences = tk.sentences
        first = sentences[bisect_right(sentences, (span.start, tk.n)) - 1][0]
        last = sentences[bisect_right(sentences, (span.end - 1, tk.n)) - 1][1]
        return [(first, last)]
    if shape.trim_threshold is not None and span.technique in shape.trimmed and span.scores \
            and span.end - span.start > shape.trim_length:
        kept = [i for i in range(span.start, span.end)
                if 1.0 - probs[i][OUTSIDE] >= shape.trim_threshold and not tk.punct[i]]
        if kept:
            return [(run[0], run[-1] + 1) for run in _runs(table, kept)]
    return [(span.start, span.end)]


def reshape(tokens: Tokens, spans: list[TaggedSpan], probs: list[dict[str, float]], shape: Shape) -> list[TaggedSpan]:
    """Each span grown to its sentence or trimmed to its surest tokens as ``shape`` says (see ``Shape``),
    then stripped of punctuation and spaces at either end."""
    table = _token_table(tokens) if shape.trim_threshold is not None else []
    skip = [p or s for p, s in zip(tokens.punct, tokens.space)]
    out = []
    for span in spans:
        for a, b in _pieces(tokens, table, span, probs, shape):
            while b > a + 1 and skip[b - 1]:
                b -= 1
            while a < b - 1 and skip[a]:
                a += 1
            out.append(TaggedSpan(a, b, span.technique, span.confidence, span.technique_confidence, span.scores))
    return out


def _lexicon_tags(tk: Tokens) -> list[str]:
    lex = [""] * tk.n
    for cat, start, end in lexicon_hits(tk.text):
        span = tk.doc.char_span(start, end, alignment_mode="expand")
        if span is not None:
            for i in range(span.start, span.end):
                if not lex[i]:
                    lex[i] = ("B-" if i == span.start else "I-") + cat
    return lex
