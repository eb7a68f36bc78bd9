"""Attribution: who says (believes, intends) what. Sources, cues and contents.

No maintained Python library extracts PolNeAR-style source-cue-content triples, so
this stage is written here over spaCy's parse:

1. cues: a small trained model (``attribution_model``) scores every token as a cue
   head; the team's cue list (``resources/report_cues.json``) adds the reporting verbs
   and phrases that must never be missed (said, according to, took responsibility for);
2. content: the model picks which dependents of the cue hold what is said; a content
   that touches a quotation grows to the whole quote, across sentences and paragraphs
   ("…," he said. "…"), and a colon lead-in takes the quote after it;
3. source: the cue's subject, agent, "according to" object, or the subject it
   inherits; pronouns and descriptions ("he", "the newspaper") resolve to an actor
   (``attribution_sources``);
4. date: a time expression attached to the cue ("revealed on September 2, 2013").

Every token belongs to at most one attribution (as in PolNeAR): a cue that falls
inside another attribution's content is left to that one.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from itertools import takewhile

from ..model import Attribution, Span
from ..analysis import Analysis, Stage
from ..resources import load_json
from ..spanindex import SpanIndex
from ..textutil import alternation, matchable
from . import attribution_model as am
from .attribution_sources import SourceResolver
from .quotes import Quote, find_quotes

STRIP = " ,;:\n\t—–-"
LEAD_MARKS = (":", "—", "–", "-", "--")
MEDIA_NOUNS = frozenset({"statement", "interview", "video", "post", "message", "communique", "tweet", "broadcast",
                         "letter", "speech", "release", "website", "channel"})



@dataclass(frozen=True)
class Lexicon:
    verbs: frozenset[str]
    phrases: re.Pattern
    phrase_object: dict[str, str | None]
    naming: frozenset[str]
    not_cues: frozenset[str]


@lru_cache(maxsize=1)
def cue_lexicon() -> Lexicon:
    data = load_json("report_cues.json")
    phrases = data["phrases"]
    return Lexicon(frozenset(data["verbs"]), re.compile(alternation(phrases), re.IGNORECASE),
                   {k.lower(): v for k, v in phrases.items()}, frozenset(data["naming"]), frozenset(data["not_cues"]))


def _tok_end(tok) -> int:
    return tok.idx + len(tok.text)


def _strip(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start] in STRIP:
        start += 1
    while end > start and text[end - 1] in STRIP:
        end -= 1
    return start, end


class _Finder:
    """Finds the attributions of one analysed document."""

    def __init__(self, analysis: Analysis, models: am.Models | None = None):
        self.a = analysis
        self.text = analysis.text
        self.doc = analysis.doc
        self.quotes = sorted(find_quotes(self.text), key=lambda q: q.start)
        self.quote_index = SpanIndex((q.start, q.end, q) for q in self.quotes)
        self.quote_groups: dict = {}
        for q in self.quotes:
            self.quote_groups.setdefault(q.group, []).append(q)
        self.mask = am.in_quote_mask(self.doc, self.quotes)
        self.quoted_sent = am.quote_sentences(self.doc, self.mask)
        self.quoted_chars = bytearray(len(self.text))
        for q in self.quotes:
            self.quoted_chars[q.start:q.end] = b"\x01" * (q.end - q.start)
        self.models = models or am.models()
        self.lex = cue_lexicon()
        self.resolver = SourceResolver(self.text, analysis.actors, self.lex.naming)
        self.dated_times = SpanIndex((t.span.start, t.span.end, t) for t in analysis.times
                                     if t.type == "DATE" and re.match(r"\d{4}-\d\d", t.value))
        self.phrase_cues = self.find_phrases()
        self.out: list[Attribution] = []
        self.taken: list[tuple[int, int]] = []  # content ranges already given to an attribution
        self.cue_ids: set[int] = set()

    # -- cues ---------------------------------------------------------------------------------------------
    def find_phrases(self) -> dict[int, tuple[int, int, str | None]]:
        """Multi-word cues ("took responsibility for"): first token -> (start, end, object word)."""
        out = {}
        for m in self.lex.phrases.finditer(matchable(self.text)):
            span = am.char_span(self.doc, m.start(), m.end(), "expand")
            if span is not None and not self.mask[span.start]:
                out[span.start] = (m.start(), m.end(), self.lex.phrase_object.get(m.group(0).lower()))
        return out

    def headline_colon(self, tok) -> bool:
        """'Clinton: "Our goal is…"' or 'Clinton — "…"': a colon or dash after a short, verbless name
        that opens its sentence, right before a quotation."""
        if tok.text not in LEAD_MARKS or self.mask[tok.i]:
            return False
        rest = self.text[_tok_end(tok):_tok_end(tok) + 3].lstrip()
        if not rest or rest[0] not in "\"“" and not rest.startswith("''"):
            return False
        before = [t for t in self.doc[tok.sent.start:tok.i] if not t.is_space]
        return 0 < len(before) <= 8 and not any(t.pos_ in ("VERB", "AUX") for t in before) and \
            any(t.pos_ in ("PROPN", "NOUN") for t in before)

    def dash_byline(self, tok) -> bool:
        """'"Our patience has run out." — the IRGC generals': a dash after a quotation, then a short
        verbless name to the end of the line."""
        if tok.text not in LEAD_MARKS[1:] or self.mask[tok.i] or tok.i == 0 or not self.mask[tok.i - 1]:
            return False
        line_end = self.text.find("\n", tok.idx)
        line_end = len(self.text) if line_end < 0 else line_end
        after = [t for t in takewhile(lambda t: t.idx < line_end, self.doc[tok.i + 1:]) if not t.is_space]
        words = [t for t in after if not t.is_punct]
        return 0 < len(words) <= 8 and not any(t.pos_ in ("VERB", "AUX") for t in words) and \
            any(t.pos_ in ("PROPN", "NOUN") for t in words)

    sourceless_threshold = 0.5

    def sure_cue(self, cue) -> bool:
        """A cue without a source stands only if listed, framing a quote, or scored confidently."""
        if cue.i in self.phrase_cues or cue.text in LEAD_MARKS or self.adjacent_quotes(cue):
            return True
        if cue.pos_ == "VERB" and cue.lemma_.lower() in self.lex.verbs:
            return True
        if self.models is None:
            return False
        return self.models.cue.prob(am.cue_features(cue, self.mask, self.quoted_sent)) >= self.sourceless_threshold

    @staticmethod
    def names_only(tok) -> bool:
        """'a group called X', 'also known as', 'is named': a naming verb that only gives a name."""
        return tok.dep_ in ("acl", "amod") or any(
            c.dep_ == "prep" and c.lower_ == "as" or c.dep_ == "auxpass" for c in tok.children)

    def is_cue(self, tok, cue_model) -> bool:
        lemma = tok.lemma_.lower()
        if tok.i in self.phrase_cues or self.headline_colon(tok) or self.dash_byline(tok):
            return True
        if tok.text in LEAD_MARKS[1:]:
            return False
        if lemma in self.lex.not_cues or (lemma in self.lex.naming and self.names_only(tok)):
            return False
        if tok.pos_ == "VERB" and lemma in self.lex.verbs and not self.mask[tok.i]:
            return True
        return cue_model is not None and cue_model(am.cue_features(tok, self.mask, self.quoted_sent))

    def cue_tokens(self) -> list:
        """Cue heads in text order: listed phrases and reporting verbs, and what the model scores as a cue."""
        cue_model = self.models.cue if self.models else None
        nouns = self.models.cue_nouns if self.models else frozenset()
        return [tok for tok in self.doc
                if (am.is_cue_candidate(tok, nouns) or tok.i in self.phrase_cues or tok.text in LEAD_MARKS)
                and self.is_cue(tok, cue_model)]

    def cue_span(self, tok) -> tuple[int, int]:
        """The cue head with its particle or fixed preposition ("pointed out", "according to")."""
        if tok.i in self.phrase_cues:
            return self.phrase_cues[tok.i][:2]
        start, end = tok.idx, _tok_end(tok)
        for child in tok.children:
            if child.dep_ == "prt" or (tok.lower_ == "according" and child.lower_ == "to"):
                end = max(end, _tok_end(child))
        return start, end

    # -- content ------------------------------------------------------------------------------------------
    def content_of(self, cue) -> tuple[int, int] | None:
        text = self.text
        if self.dash_byline(cue):
            quote = self.quote_before(cue.idx)
            return self.quote_groups[quote.group][0].start, quote.end
        if cue.lower_ == "according":
            return self.according_to(cue)
        quotes = self.adjacent_quotes(cue)
        if quotes:
            return self.grow_to_quotes(quotes[0].start, quotes[-1].end, cue, follow=True)
        if cue.i in self.phrase_cues and self.phrase_cues[cue.i][2]:
            return self.phrase_object(cue)
        content_model = self.models.content if self.models else None
        picked = []
        for cand in am.content_candidates(cue, text):
            if content_model is not None:
                if content_model(am.content_features(cue, cand, text, self.mask)):
                    picked.append(cand)
            elif cand.kind in ("child:ccomp", "child:xcomp", "rest-left:parataxis", "rest-right:parataxis"):
                picked.append(cand)
        if not picked:
            return self.colon_quote(cue)
        if any(c.kind.startswith("rest-") for c in picked) and any(c.kind.startswith("child:") for c in picked):
            picked = [c for c in picked if not c.kind.startswith("rest-")]
        start = min(c.start for c in picked)
        end = max(c.end for c in picked)
        return self.grow_to_quotes(start, end, cue)

    def according_to(self, cue) -> tuple[int, int] | None:
        """'X, according to Y' or 'According to Y, X': the clause the phrase sits in (its longer side)."""
        rest = [c for c in am.content_candidates(cue, self.text) if c.kind.startswith("rest-")]
        if not rest:
            return None
        side = max(rest, key=lambda c: c.end - c.start)
        return self.grow_to_quotes(side.start, side.end, cue)

    def phrase_object(self, cue) -> tuple[int, int] | None:
        """'took responsibility for the rocket attack': the object of the phrase's last preposition."""
        start, end, word = self.phrase_cues[cue.i]
        span = am.char_span(self.doc, start, end, "expand")
        prep = next((t for t in reversed(list(span)) if t.lower_ == word), None) if span is not None else None
        obj = next((c for c in prep.children if c.dep_ in ("pobj", "pcomp")), None) if prep is not None else None
        if obj is None:
            following = am.char_span(self.doc, end, min(len(self.text), end + 1), "expand")
            obj = following[0] if following is not None and len(following) else None
            if obj is None:
                return None
            toks = [t for t in obj.sent if t.idx >= end and not t.is_punct]
            return (toks[0].idx, _tok_end(toks[-1])) if toks else None
        toks = [t for t in obj.subtree if not self.in_medium(t, obj)]
        return toks[0].idx, _tok_end(toks[-1])

    @staticmethod
    def in_medium(tok, top) -> bool:
        """True inside 'in a statement (posted online)', which says how a claim was made, not what."""
        for node in [tok, *tok.ancestors]:
            if node is top:
                return False
            if node.dep_ == "prep" and node.lower_ in ("in", "on", "via", "through") and any(
                    c.dep_ == "pobj" and c.lemma_.lower() in MEDIA_NOUNS for c in node.children):
                return True
        return False

    def quote_before(self, position: int) -> Quote | None:
        """The last quotation that ends at or before ``position``."""
        return next((q for _, _, q in self.quote_index.before(position)), None)

    def adjacent_quotes(self, cue) -> list[Quote]:
        """The quotations a cue frames: '"…," Sarandon, 69, told', 'he said: "…"', or both around it
        ('"Let's take this opportunity," Blackwell concluded, "to nominate…"'). Only the source, short
        words without a verb, and punctuation may stand between."""
        if self.mask[cue.i]:
            return []
        text = self.text
        source = self.source_token(cue)
        source_ids = {t.i for t in source.subtree} if source is not None else set()
        found = []
        q = self.quote_before(cue.idx)
        if q is not None:
            inner = text[q.start:q.end].rstrip("\"”'").rstrip()
            if self.clear_gap(q.end, cue.idx, source_ids) and (
                    inner[-1:] in ",?!—–-" or text[q.end:cue.idx].lstrip()[:1] in (",", "—")):
                found.append(q)
        after = next((q for _, _, q in self.quote_index.from_(_tok_end(cue))), None)
        if after is not None:
            gap_text = text[_tok_end(cue):after.start]
            if gap_text.rstrip()[-1:] in (":", ",", "") and "." not in gap_text and \
                    self.clear_gap(_tok_end(cue), after.start, source_ids):
                found.append(after)
            elif self.colon_lead_in(cue, gap_text, after):
                found.append(after)
        return found

    def colon_lead_in(self, cue, gap_text: str, quote: Quote) -> bool:
        """'Clinton has since apologized for what happened: "…"': the main verb of a sentence that
        ends in a colon before a quotation, with no other cue between."""
        if not gap_text.rstrip().endswith(":") or "\n\n" in gap_text.rstrip() or len(gap_text) > 200:
            return False
        if cue.pos_ != "VERB" or not (cue.dep_ == "ROOT" or self.mask[cue.head.i]):
            return False  # not the sentence's main verb (the parser may hang it under the quoted verb)
        gap = am.char_span(self.doc, _tok_end(cue), quote.start, "contract")
        return gap is None or not any(t.i in self.cue_ids for t in gap)

    def clear_gap(self, start: int, end: int, source_ids: set[int]) -> bool:
        """True when the words between a quote and its cue are only the source or a few verbless words."""
        if "\n\n" in self.text[start:end].rstrip() or end - start > 300:
            return False
        gap = am.char_span(self.doc, start, end, "contract")
        if gap is None:
            return True
        other = [t for t in gap if t.i not in source_ids and not t.is_punct and not t.is_space]
        return len(other) <= 8 and not any(t.pos_ in ("VERB", "AUX") for t in other)

    def colon_quote(self, cue) -> tuple[int, int] | None:
        """'X revealed on September 2, 2013: "…"' — the quote after a colon is the content."""
        sent = cue.sent
        colon = next((t for t in sent if t.i > cue.i and t.text == ":"), None)
        after = colon.idx + 1 if colon is not None else None
        if after is None:
            return None
        quote = next((q for _, _, q in self.quote_index.from_(after)), None)
        if quote is not None and quote.start - after > 3:
            quote = None
        if quote is None:
            return None
        return self.grow_to_quotes(quote.start, quote.end, cue)

    def grow_to_quotes(self, start: int, end: int, cue, follow: bool = False) -> tuple[int, int]:
        """A content touching a quotation takes all of it, and the quote paragraphs that continue it."""
        touching = [q for _, _, q in self.quote_index.overlapping(start, end)]
        if touching:
            members = [q for group in {q.group for q in touching} for q in self.quote_groups[group]]
            start = min(start, min(q.start for q in members))
            end = max(end, max(q.end for q in members))
            end = self.follow_on(end, cue, follow)
        return start, end

    def follow_on(self, end: int, cue, follow: bool) -> int:
        """'"A," he said. "B."': quotes right after the cue's sentence, in the same paragraph, continue it."""
        words = [t for t in cue.sent if not t.is_space]
        sent_end = _tok_end(words[-1]) if words else cue.sent.end_char
        if not follow and end < sent_end - 2:
            return end
        position = max(end, sent_end)
        for _, _, q in self.quote_index.from_(position):
            if q.start < position:
                continue
            gap = self.text[position:q.start]
            if gap.strip() or "\n" in gap:
                break
            position = max(x.end for x in self.quote_groups[q.group])
            if self.has_own_cue(position):
                break
            end = position
        return end

    def has_own_cue(self, quote_end: int) -> bool:
        """'"…," he notes.': a quote followed by its own reporting verb belongs to that verb."""
        after = am.char_span(self.doc, quote_end, min(len(self.text), quote_end + 160), "contract")
        if after is None:
            return False
        for tok in after[:10]:
            if (tok.is_sent_start and tok.i > after.start) or tok.text == "." or "\n" in tok.text:
                return False
            if tok.pos_ == "VERB" and tok.lemma_.lower() in self.lex.verbs:
                return True
        return False

    # -- source -------------------------------------------------------------------------------------------
    def source_token(self, cue):
        if cue.text in LEAD_MARKS and cue.i > 0 and self.mask[cue.i - 1]:  # dash byline: the name after it
            after = [t for t in self.doc[cue.i + 1:cue.sent.end] if t.pos_ in ("PROPN", "NOUN", "PRON")]
            return after[0] if after else None
        if cue.text in LEAD_MARKS:
            before = [t for t in self.doc[cue.sent.start:cue.i] if t.pos_ in ("PROPN", "NOUN", "PRON")]
            return before[-1] if before else None
        if cue.lower_ == "according":
            for child in cue.children:
                for grand in child.children if child.lower_ == "to" else []:
                    if grand.dep_ == "pobj":
                        return grand
                if child.dep_ == "pobj":
                    return child
            return None
        for child in cue.children:
            if child.dep_ in ("nsubj", "csubj"):
                return child
        for child in cue.children:
            if child.dep_ == "agent":
                return next((g for g in child.children if g.dep_ == "pobj"), None)
        if cue.pos_ == "NOUN":
            for child in cue.children:
                if child.dep_ == "poss":
                    return child
                if child.dep_ == "prep" and child.lower_ in ("by", "from"):
                    return next((g for g in child.children if g.dep_ == "pobj"), None)
        if cue.dep_ in ("xcomp", "conj", "advcl") and cue.head is not cue:
            return self.source_token(cue.head) if cue.head.pos_ in ("VERB", "AUX") else None
        if cue.dep_ in ("relcl", "acl") and cue.head.pos_ in ("NOUN", "PROPN"):
            return cue.head
        return None

    def source_span(self, tok) -> tuple[int, int] | None:
        """The source's words around its head: no relative clause (a naming one stays), nothing quoted."""
        if tok is None:
            return None
        drop = set()
        for t in tok.subtree:
            if t is not tok and t.dep_ in ("relcl", "acl", "advcl") and not (
                    t.dep_ == "acl" and t.lemma_.lower() in self.lex.naming):  # keep "a group called X"
                drop.update(x.i for x in t.subtree)
        keep = {t.i for t in tok.subtree if t.i not in drop and not self.mask[t.i]} | {tok.i}
        lo = hi = tok.i
        while lo - 1 in keep:
            lo -= 1
        while hi + 1 in keep:
            hi += 1
        start, end = _strip(self.text, self.doc[lo].idx, _tok_end(self.doc[hi]))
        return (start, end) if end > start else None

    # -- date ---------------------------------------------------------------------------------------------
    def statement_date(self, cue, content: tuple[int, int]) -> str | None:
        """A dated time expression in the cue's own words (not in its content or source)."""
        sent = cue.sent
        cs, ce = content
        lo, hi = sent.start_char, sent.end_char
        if cs <= cue.idx:
            lo = max(lo, ce)
        else:
            hi = min(hi, cs)
        best = None
        for start, end, t in self.dated_times.overlapping(lo, hi):
            if not (lo <= start and end <= hi):
                continue
            if cs <= t.span.start < ce:
                continue
            distance = abs(t.span.start - cue.idx)
            if best is None or distance < best[0]:
                best = (distance, t.value)
        return best[1] if best else None

    # -- assembly -----------------------------------------------------------------------------------------
    def inside_taken(self, idx: int) -> bool:
        return any(s <= idx < e for s, e in self.taken)

    def add(self, cue) -> None:
        text = self.text
        if self.inside_taken(cue.idx):
            return
        content = self.content_of(cue)
        if content is None:
            return
        cs, ce = _strip(text, *content)
        for left, right in ("()", "[]"):  # close a bracket the parse left open: "(PMOI-MEK)"
            if text.count(left, cs, ce) > text.count(right, cs, ce) and text[ce:ce + 1] == right:
                ce += 1
        cue_start, cue_end = self.cue_span(cue)
        if ce - cs < 2 or (cs <= cue_start < ce and not self.in_quote_char(cs)):
            return
        if any(s <= cs and ce <= e for s, e in self.taken):
            return
        source_tok = self.source_token(cue)
        src = self.source_span(source_tok)
        if cue.text in LEAD_MARKS and source_tok is not None:  # the whole name beside the colon or dash
            if source_tok.i > cue.i:
                line_end = text.find("\n", cue.idx)
                line_end = len(text) if line_end < 0 else line_end
                words = [t for t in takewhile(lambda t: t.idx < line_end, self.doc[cue.i + 1:]) if not t.is_space]
            else:
                words = [t for t in self.doc[cue.sent.start:cue.i] if not t.is_space]
            src = _strip(text, words[0].idx, _tok_end(words[-1]))
        source = Span.of(text, *src) if src and not (cs <= src[0] < ce and self.in_quote_char(src[0])) else None
        if source is None and not self.sure_cue(cue):
            return
        attribution = Attribution(id="", content=Span.of(text, cs, ce), kind=self.kind(cs, ce),
                                  source=source, cue=Span.of(text, cue_start, cue_end))
        attribution.source_actor_id = self.resolver.resolve(source, source_tok)
        attribution.date = self.statement_date(cue, (cs, ce))
        self.out.append(attribution)
        self.taken.append((cs, ce))

    def kind(self, start: int, end: int) -> str:
        chunk = self.text[start:end]
        flags = self.quoted_chars[start:end]
        quoted = sum(1 for ch, f in zip(chunk, flags) if f and not ch.isspace())
        body = sum(1 for ch in chunk if not ch.isspace())
        if body and quoted >= 0.9 * body:
            return "direct"
        return "mixed" if quoted >= 8 else "indirect"

    def in_quote_char(self, i: int) -> bool:
        return bool(self.quoted_chars[i])

    def run(self) -> list[Attribution]:
        cues = self.cue_tokens()
        self.cue_ids = {t.i for t in cues}
        # cues that frame a quotation first (the plainest evidence), then outer cues before the ones nested
        # in them, so a nested cue falls inside a taken content
        for cue in sorted(cues, key=lambda t: (not self.adjacent_quotes(t), self.depth(t), t.i)):
            self.add(cue)
        self.out.sort(key=lambda a: (a.content.start, a.content.end))
        for i, a in enumerate(self.out, 1):
            a.id = f"q{i}"
        return self.out

    @staticmethod
    def depth(tok) -> int:
        return sum(1 for _ in tok.ancestors)


def find_attributions(analysis: Analysis, models: am.Models | None = None) -> list[Attribution]:
    """The attributions of an analysed document; ``models`` replaces the shipped ones (for training)."""
    return _Finder(analysis, models).run()


def _run(analysis: Analysis) -> None:
    analysis.attributions = find_attributions(analysis)


STAGE = Stage("attributions", _run, requires=("doc", "actors", "times"), assigns=("attributions",))
