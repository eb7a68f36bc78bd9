"""Attribution: who says what. Sources, cues and contents of direct and reported speech.

Rules over spaCy's dependency parse, written here because no maintained Python
library extracts source-cue-content triples: a reporting verb (from the team's
cue list) with a clausal complement or a quote gives an attribution; the
verb's subject is the source; a date in the cue region is the statement's date.
"""
from __future__ import annotations

import re
from functools import lru_cache

from ..model import Attribution, Span
from ..pipeline import Analysis, Stage
from ..resources import load_json
from ..textutil import matchable
from .actors import actor_at

QUOTE = re.compile(r'"([^"]{2,}?)"|“([^”]{2,}?)”')  # matched on matchable(text): curly quotes folded
PRONOUNS = {"he", "she", "they", "it", "we", "i", "his", "her", "their"}


@lru_cache(maxsize=1)
def cue_lemmas() -> frozenset[str]:
    return frozenset(load_json("report_cues.json")["verbs"])


def _subtree_span(token, exclude=None) -> tuple[int, int]:
    tokens = [t for t in token.subtree if exclude is None or t.i not in exclude]
    start = min(t.idx for t in tokens)
    end = max(t.idx + len(t.text) for t in tokens)
    return start, end


def _strip_punct(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start] in " ,:;.\n\"“”'‘’-—":
        start += 1
    while end > start and text[end - 1] in " ,:;\n\"“”'‘’-—":
        end -= 1
    return start, end


def _source_of(verb):
    for child in verb.children:
        if child.dep_ in ("nsubj", "nsubjpass") and child.dep_ != "nsubjpass":
            return child
    for child in verb.children:
        if child.dep_ == "agent":
            for grand in child.children:
                if grand.dep_ == "pobj":
                    return grand
    return None


def _quotes(text: str) -> list[tuple[int, int]]:
    """Spans of quoted passages (inside the quote marks), at least three words long."""
    spans = []
    for m in QUOTE.finditer(matchable(text)):
        group = 1 if m.group(1) is not None else 2
        s, e = m.span(group)
        if len(text[s:e].split()) >= 3:
            spans.append((s, e))
    return spans


class _Finder:
    def __init__(self, analysis: Analysis):
        self.a = analysis
        self.text = analysis.text
        self.out: list[Attribution] = []
        self.quotes = _quotes(self.text)

    def in_quote(self, idx: int) -> bool:
        return any(s <= idx < e for s, e in self.quotes)

    def add(self, source_tok, cue_start: int, cue_end: int, content: tuple[int, int], kind: str,
            source_span: tuple[int, int] | None = None) -> None:
        text = self.text
        cs, ce = _strip_punct(text, *content)
        if ce - cs < 3 or any(a.content.start == cs and a.content.end == ce for a in self.out):
            return
        source = None
        if source_span is None and source_tok is not None:
            source_span = _subtree_span(source_tok)
        if source_span is not None:
            ss, se = _strip_punct(text, *source_span)
            if se > ss:
                source = Span.of(text, ss, se)
        attribution = Attribution(id=f"q{len(self.out) + 1}", content=Span.of(text, cs, ce), kind=kind,
                                  source=source, cue=Span.of(text, cue_start, cue_end))
        attribution.source_actor_id = self.resolve_source(source)
        attribution.date = self.statement_date(min(cue_start, source.start if source else cue_start),
                                               max(cue_end, source.end if source else cue_end), cs, ce)
        self.out.append(attribution)

    def resolve_source(self, source: Span | None) -> str | None:
        if source is None:
            return None
        inside = [(m.start, a) for a in self.a.actors for m in a.mentions if source.contains(m) or m.overlaps(source)]
        if inside:
            return min(inside, key=lambda x: x[0])[1].id
        if source.text.lower() in PRONOUNS:
            before = [(m.start, a) for a in self.a.actors for m in a.mentions
                      if m.end <= source.start and a.kind == "person"]
            if before:
                return max(before, key=lambda x: x[0])[1].id
        return None

    def statement_date(self, region_start: int, region_end: int, content_start: int, content_end: int) -> str | None:
        for t in self.a.times:
            if region_start <= t.span.start and t.span.end <= max(region_end, content_start) and not (
                    content_start <= t.span.start < content_end) and t.type == "DATE" and re.match(r"\d{4}-\d\d-\d\d", t.value):
                return t.value[:10]
        return None

    def direct_quotes(self) -> None:
        doc = self.a.doc
        for qs, qe in self.quotes:
            # look for a cue verb outside the quote in the sentence(s) touching it
            sents = {doc.char_span(qs, qs + 1, alignment_mode="expand").sent,
                     doc.char_span(qe - 1, qe, alignment_mode="expand").sent}
            verb = None
            for sent in sorted(sents, key=lambda s: s.start):
                for tok in sent:
                    if tok.lemma_.lower() in cue_lemmas() and tok.pos_ in ("VERB", "AUX") and not self.in_quote(tok.idx):
                        verb = tok
                        break
                if verb is not None:
                    break
            if verb is None:
                continue
            subject = _source_of(verb)
            if subject is not None and self.in_quote(subject.idx):
                subject = None
            self.add(subject, verb.idx, verb.idx + len(verb.text), (qs, qe), "direct")

    def reported_speech(self) -> None:
        for tok in self.a.doc:
            if tok.lemma_.lower() not in cue_lemmas() or tok.pos_ not in ("VERB",) or self.in_quote(tok.idx):
                continue
            complement = next((c for c in tok.children if c.dep_ in ("ccomp", "xcomp") and c.i > tok.i), None)
            if complement is None and tok.lemma_.lower() in ("attribute", "blame", "accuse"):
                complement = next((c for c in tok.children if c.dep_ == "dobj"), None)
                if complement is not None:
                    start, end = _subtree_span(complement)
                    prep = next((c for c in tok.children if c.dep_ == "prep" and c.i > complement.i), None)
                    if prep is not None:
                        end = _subtree_span(prep)[1]
                    self.add(_source_of(tok), tok.idx, tok.idx + len(tok.text), (start, end), "indirect")
                continue
            if complement is None:
                continue
            subject = _source_of(tok)
            if subject is None:
                continue
            self.add(subject, tok.idx, tok.idx + len(tok.text), _subtree_span(complement), "indirect")

    def phrases(self) -> None:
        plain = matchable(self.text)
        doc = self.a.doc
        for m in re.finditer(r"\b(according to) ([^,.;]+)", plain):
            sent = doc.char_span(m.start(), m.start() + 1, alignment_mode="expand").sent
            cue_end = m.end(1)
            source = (m.start(2), m.end(2))
            rest = (sent.start_char, m.start()) if m.start() - sent.start_char > 15 else (m.end(), sent.end_char)
            self.add(None, m.start(1), cue_end, rest, "indirect", source_span=source)
        for m in re.finditer(r"\b(took|claimed|claims|claim|take) (responsibility for) ([^.;]+)", plain):
            sent = doc.char_span(m.start(), m.start() + 1, alignment_mode="expand").sent
            verb = doc.char_span(m.start(1), m.end(1), alignment_mode="expand")
            subject = _source_of(verb.root) if verb is not None else None
            source = _subtree_span(subject) if subject is not None else None
            self.add(None, m.start(1), m.end(2), (m.start(3), min(m.end(3), sent.end_char)), "indirect",
                     source_span=source)


def find_attributions(analysis: Analysis) -> list[Attribution]:
    finder = _Finder(analysis)
    finder.direct_quotes()
    finder.reported_speech()
    finder.phrases()
    finder.out.sort(key=lambda a: a.content.start)
    for i, a in enumerate(finder.out, 1):
        a.id = f"q{i}"
    return finder.out


def _run(analysis: Analysis) -> None:
    analysis.attributions = find_attributions(analysis)


STAGE = Stage("attributions", _run, requires=("doc", "actors", "times"), assigns=("attributions",))
