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


def token_features(doc, text: str | None = None) -> list[list[str]]:
    """One list of string features per token of a spaCy Doc (with tagger, parser and lemmatizer).

    Token attributes are read in one pass into plain lists: creating spaCy Token objects is the
    main cost here, and the stage must stay cheap next to the parse. Pass ``text`` (``doc.text``)
    when you have it: spaCy rebuilds ``doc.text`` from the tokens on every access.
    """
    n = len(doc)
    if n == 0:
        return []
    text = doc.text if text is None else text
    lex = lexicon_tokens(doc, text)
    cues = _cues()
    texts, idxs, tags, deps, heads, ents, starts, base = [], [], [], [], [], [], [], []
    lemmas, pos = [], []
    for t in doc:
        space = t.is_space
        texts.append(t.text)
        idxs.append(t.idx)
        tags.append(t.tag_)
        deps.append(t.dep_)
        heads.append(t.head.i)
        ents.append(t.ent_type_)
        starts.append(t.is_sent_start)
        lemmas.append("_sp" if space else _word(t.lemma_.lower()))
        pos.append(t.pos_)
        base.append(("_sp" if space else _word(t.lower_), lemmas[-1], pos[-1], lex[t.i]))
    counts = Counter(lemmas[i] for i in range(n) if pos[i] in _CONTENT_POS)
    title_end = text.find("\n")
    title_lemmas = {lemmas[i] for i in range(n) if idxs[i] < title_end and pos[i] in _CONTENT_POS} \
        if title_end > 0 else set()
    # Per sentence: marks, length, cue words, lexicon hits, inside-quotes state.
    sent_info: list = [None] * n
    in_quote = [False] * n
    bounds = [i for i in range(n) if i == 0 or starts[i]] + [n]
    for a, b in zip(bounds, bounds[1:]):
        words = texts[a:b]
        info = []
        if "!" in words:
            info.append("s!")
        if "?" in words:
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
    feats: list[list[str]] = []
    for i in range(n):
        w, lem, p, lx = base[i]
        h = heads[i]
        f = ["b", "w=" + w, "l=" + lem, "p=" + p, "t=" + tags[i], "d=" + deps[i], "sh=" + _shape(texts[i]),
             "s3=" + w[-3:], "h=" + lemmas[h], "hp=" + pos[h]]
        if ents[i]:
            f.append("e=" + ents[i])
        if lx:
            f.append("x=" + lx)
            f.append("xc=" + lx[2:])
        if p in _CONTENT_POS:
            f.append("rep=" + _bucket(counts[lem]))
            if lem in title_lemmas:
                f.append("intitle")
        if in_quote[i]:
            f.append("q")
        if starts[i]:
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
    out = []
    for i in range(len(feats)):
        p_out = tg.marginal(OUTSIDE, i)
        row = {OUTSIDE: p_out}
        p_in = 1.0 - p_out if inside is None else (1.0 - weight) * (1.0 - p_out) + weight * inside[i]
        if p_in >= floor:
            for lab in labels:
                row[lab] = tg.marginal(lab, i)
        out.append(row)
    return out


def _token_table(doc) -> list[tuple[int, int, bool, bool, bool]]:
    """(start char, end char, sentence start, space, punctuation) per token, read once."""
    return [(t.idx, t.idx + len(t.text), bool(t.is_sent_start), t.is_space, t.is_punct) for t in doc]


def _runs(table, keep, gap: int = 0) -> list[list[int]]:
    """Token runs where ``keep(i)`` holds, cut at sentence starts and spaces, trimmed of punctuation.

    Runs of one sentence at most ``gap`` tokens apart are joined with the tokens between them.
    """
    runs: list[list[int]] = []
    run: list[int] = []
    for i, (_, _, start, space, _) in enumerate(table):
        ok = not space and keep(i)
        if run and (start or not ok):
            runs.append(run)
            run = []
        if ok:
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
           technique_threshold: float | None = None, gap: int = 0) -> list[TaggedSpan]:
    """Spans from token marginals, in two passes.

    First, runs of tokens whose chance of being inside some span is at least ``threshold``; each
    takes the technique with the highest mean probability. Second (when ``technique_threshold``
    is given), runs where one technique alone reaches ``technique_threshold``: techniques in PTC
    overlap, and this lets a span carry a second one. Runs stay inside one sentence; first-pass
    runs at most ``gap`` tokens apart are joined.
    """
    table = _token_table(doc)
    spans: list[TaggedSpan] = []
    for run in _runs(table, lambda i: 1.0 - probs[i][OUTSIDE] >= threshold, gap):
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
        for label in sorted(labels):
            for run in _runs(table, lambda i: probs[i].get(label, 0.0) >= technique_threshold):
                mean = sum(probs[i][label] for i in run) / len(run)
                spans.append(TaggedSpan(run[0], run[-1] + 1, label, mean, 1.0))
    return spans


def lexicon_tokens(doc, text: str | None = None) -> list[str]:
    """The lexicon category of each token ('B-cat' / 'I-cat' or '')."""
    lex = [""] * len(doc)
    for cat, start, end in lexicon_hits(doc.text if text is None else text):
        span = doc.char_span(start, end, alignment_mode="expand")
        if span is not None:
            for k, tok in enumerate(span):
                if not lex[tok.i]:
                    lex[tok.i] = ("B-" if k == 0 else "I-") + cat
    return lex
