"""Framing: spans of loaded language, labeling and the other propaganda techniques (PTC's 14).

Two layers over the shared spaCy Doc:

1. two CRFs trained by us on PTC train (``framing_model``) propose spans, their inside probability
   sharpened by how likely the sentence is to hold spin (``framing_sentences``), and a span
   classifier (``framing_classifier``) names their technique, with the models' probabilities as confidence;
2. a few high-precision rules the model cannot learn from PTC alone: an insulting label
   attached to a named actor ("the terrorist Quds Force" -> labeling of the Quds Force), a
   quantity claimed for everybody ("the overwhelming majority of Iranians despised"), one label
   repeated through the document, unnamed authorities ("experts say"), and strong loaded words
   from our lexicon that the model left out.

Rule spans and model spans of the same technique that overlap are joined, so no span is
reported twice.
"""
from __future__ import annotations

from collections import defaultdict
from functools import lru_cache

from ..model import Framing, Span
from ..analysis import Analysis, Stage
from ..resources import load_json
from ..textutil import matchable
from . import framing_classifier as fc
from . import framing_model as fm
from . import framing_sentences as fs

LABELING = "Name_Calling,Labeling"
LOADED = "Loaded_Language"
REPETITION = "Repetition"
EXAGGERATION = "Exaggeration,Minimisation"
AUTHORITY = "Appeal_to_Authority"

#: Confidence of a rule span: about the rule's span precision on PTC train, rules alone (docs/framing.md).
RULE_CONFIDENCE = {LABELING: 0.5, LOADED: 0.6, EXAGGERATION: 0.3, REPETITION: 0.3, AUTHORITY: 0.3}
#: A label must occur this often in a document before its later uses count as repetition.
REPEAT_MIN = 3
_MODIFIER_DEPS = {"amod", "compound", "nmod", "appos", "attr"}
_AUTHORITY_VERBS = {"say", "agree", "believe", "warn", "argue", "show", "suggest", "confirm", "claim", "tell"}


@lru_cache(maxsize=1)
def _rules():
    data = load_json("framing_lexicon.json")["rules"]
    return {key: fm.PhraseSet(words) for key, words in data.items() if key != "_note"}


def _experimental() -> set[str]:
    return set(fm.model_info().get("experimental", ()))


def _actor_index(analysis: Analysis) -> list[tuple[int, int, str]]:
    return sorted((m.start, m.end, a.id) for a in analysis.actors for m in a.mentions)


def _actor_at(mentions, start: int, end: int, slack: int = 0):
    """The actor mention overlapping ``start:end`` (widened by ``slack`` characters), if any."""
    for m_start, m_end, actor_id in mentions:
        if m_start < end + slack and start - slack < m_end:
            return m_start, m_end, actor_id
    return None


def _labelled_actor(doc, mentions, start: int, end: int) -> str | None:
    """The actor a label span (tokens ``start:end``) is about, read off the parse.

    The span's head is the actor ("terrorist Quds Force"), stands in apposition to it
    ("Soleimani, an infamous symbol"), or is predicated of its subject ("Soleimani was ... the
    hatchet man"). A mere neighbour is not a target: "hatchet man for Iran's supreme leader"
    labels Soleimani, not the supreme leader.
    """
    root = doc[start:end].root
    candidates = [root]
    verb = None
    if root.dep_ == "appos":
        candidates.append(root.head)
    elif root.dep_ in ("attr", "acomp", "oprd"):
        verb = root.head
    elif root.dep_ == "pobj" and root.head.lower_ == "as":  # "was in disrepute as the hatchet man"
        verb = root.head.head
    if verb is not None:
        subjects = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]
        if not subjects and verb.dep_ == "conj":  # "Soleimani ... and was a hated figure"
            subjects = [c for c in verb.head.children if c.dep_ in ("nsubj", "nsubjpass")]
        candidates += subjects
    for tok in candidates:
        hit = _actor_at(mentions, tok.idx, tok.idx + len(tok.text))
        if hit:
            return hit[2]
    return None


def model_framing(analysis: Analysis) -> list[Framing]:
    """Spans the trained CRF proposes, each with its technique and probability."""
    doc = analysis.doc
    if not len(doc):
        return []
    info = fm.model_info()
    thresholds = [t for t in (info["threshold"], info.get("technique_threshold")) if t is not None]
    tokens = fm.Tokens(doc, analysis.text)
    feats = fm.item_sequence(fm.token_features(doc, tokens=tokens))
    weight = info.get("span_weight", 0.0)
    span_tagger = fm.span_tagger() if weight else None
    if span_tagger is None:
        probs = fm.marginals(fm.tagger(), feats, floor=min(thresholds))
    else:
        inside = fm.inside_marginals(span_tagger, feats)
        sentence = info.get("sentence") or {}
        if sentence.get("weight"):
            inside = fs.scale_inside(inside, fs.token_probabilities(tokens), sentence["mean"], sentence["weight"])
        probs = fm.mix_inside(fm.marginals(fm.tagger(), feats, floor=min(thresholds), inside=inside, weight=weight),
                              inside, weight)
    experimental = _experimental()
    mentions = _actor_index(analysis)
    tagged_spans = fm.decode(doc, probs, info["threshold"], info.get("technique_threshold"), info.get("gap", 0),
                             tokens=tokens)
    clf = info.get("classifier")
    if clf and tagged_spans:
        tagged_spans = fc.assign(fc.DocInfo(doc, tokens=tokens), tagged_spans, clf["weight"], clf.get("second"))
    tagged_spans = fm.reshape(tokens, tagged_spans, probs, fm.Shape.of(info))
    words, skip = tokens.orth, [p or s for p, s in zip(tokens.punct, tokens.stop)]
    out = []
    for tagged in tagged_spans:
        start, end = tokens.idx[tagged.start], tokens.end[tagged.end - 1]
        confidence = tagged.confidence * tagged.technique_confidence
        if tagged.technique in experimental:
            confidence = min(confidence, 0.3)
        ranked = sorted(range(tagged.start, tagged.end), key=lambda i: probs[i].get(fm.OUTSIDE, 1.0))
        triggers = [words[i] for i in ranked if not skip[i]][:3]
        target = _labelled_actor(doc, mentions, tagged.start, tagged.end) if tagged.technique == LABELING else None
        out.append(Framing(span=Span.of(analysis.text, start, end), technique=tagged.technique,
                           confidence=round(confidence, 3), target_actor_id=target,
                           triggers=triggers or [words[tagged.start]]))
    return out


def accurate_framing(analysis: Analysis) -> list[Framing]:
    """Accurate tier: the spans the head on the MiniLM encoder finds (``framing_accurate``), each with its
    technique, confidence and triggers (the span's words the head was surest of)."""
    import numpy as np

    from . import framing_accurate as fa

    text, doc = analysis.text, analysis.doc
    runs, offsets, probs = fa.find(text)
    mentions = _actor_index(analysis)
    out = []
    for run in runs:
        span = doc.char_span(run.start, run.end, alignment_mode="expand")
        tokens = [t for t in span if not (t.is_punct or t.is_space)] if span is not None else []

        def sureness(tok):
            rows = (offsets[:, 0] < tok.idx + len(tok.text)) & (offsets[:, 1] > tok.idx)
            return float(probs[rows, 0].max()) if rows.any() else 0.0

        ranked = sorted(tokens, key=sureness, reverse=True)
        triggers = [t.text for t in ranked if not t.is_stop][:3] or [t.text for t in ranked][:1]
        target = None
        if run.technique == LABELING and span is not None:
            target = _labelled_actor(doc, mentions, span.start, span.end)
        out.append(Framing(span=Span.of(text, run.start, run.end), technique=run.technique,
                           confidence=round(float(np.float32(run.confidence * run.technique_confidence)), 3),
                           target_actor_id=target, triggers=triggers or [text[run.start:run.end]]))
    return out


def accurate(analysis: Analysis) -> bool:
    """Whether this analysis uses the accurate tier's framing head (the tier asked for and the head shipped)."""
    if analysis.settings.tier != "accurate":
        return False
    from . import framing_accurate as fa

    return fa.available()


def labeling_rule(analysis: Analysis) -> list[Framing]:
    """An insulting label right before, or syntactically attached to, a named actor."""
    text, doc = analysis.text, analysis.doc
    plain = fm.plain(text)
    mentions = _actor_index(analysis)
    out = []
    for m in _rules()["labels"].finditer(plain):
        start, end = m.start(), m.end()
        target = None
        # "the terrorist Quds Force": the actor's name follows, at most a role noun between.
        for m_start, m_end, actor_id in mentions:
            gap = plain[end:m_start]
            if 0 < m_start - end <= 20 and (not gap.strip() or _rules()["role_nouns"].rx.fullmatch(gap.strip())):
                target, span_end = actor_id, m_end
                break
        if target is None:
            # "Soleimani, the notorious commander" / "a thug like X": the label's head is an actor.
            span = doc.char_span(start, end, alignment_mode="expand")
            head = span.root.head if span is not None else None
            if head is not None and span.root.dep_ in _MODIFIER_DEPS:
                # the head itself, or the actor it stands in apposition to ("Soleimani, the notorious commander")
                for node in (head, head.head if head.dep_ in ("appos", "attr") else None):
                    hit = node is not None and _actor_at(mentions, node.idx, node.idx + len(node.text))
                    if hit:
                        target, span_end = hit[2], end
                        break
        if target is None:
            continue
        out.append(Framing(span=Span.of(text, start, span_end), technique=LABELING,
                           confidence=RULE_CONFIDENCE[LABELING], target_actor_id=target,
                           triggers=[text[start:end]]))
    return out


def loaded_rule(analysis: Analysis) -> list[Framing]:
    """Strong loaded words and labels from our lexicon, marked even when the model misses them."""
    text = analysis.text
    plain = fm.plain(text)
    out = []
    for key, technique in (("loaded", LOADED), ("strong_labels", LABELING)):
        for m in _rules()[key].finditer(plain):
            out.append(Framing(span=Span.of(text, m.start(), m.end()), technique=technique,
                               confidence=RULE_CONFIDENCE[LOADED], triggers=[text[m.start():m.end()]]))
    return out


def exaggeration_rule(analysis: Analysis) -> list[Framing]:
    """A claim about (nearly) everybody, from the phrase to the verb it is the subject of."""
    text, doc = analysis.text, analysis.doc
    out = []
    for m in _rules()["everybody"].finditer(fm.plain(text)):
        span = doc.char_span(m.start(), m.end(), alignment_mode="expand")
        if span is None:
            continue
        root = span.root
        start, end = m.start(), m.end()
        if root.dep_ in ("nsubj", "nsubjpass") and root.head.pos_ in ("VERB", "AUX"):
            sub = list(root.subtree)
            start = min(start, sub[0].idx)
            end = max(end, root.head.idx + len(root.head.text))
        out.append(Framing(span=Span.of(text, start, end), technique=EXAGGERATION,
                           confidence=RULE_CONFIDENCE[EXAGGERATION], triggers=[text[m.start():m.end()]]))
    return out


def authority_rule(analysis: Analysis) -> list[Framing]:
    """Unnamed authorities ("experts say", "studies show"): the clause they are made to vouch for."""
    text, doc = analysis.text, analysis.doc
    out = []
    for m in _rules()["authorities"].finditer(fm.plain(text)):
        span = doc.char_span(m.start(), m.end(), alignment_mode="expand")
        if span is None:
            continue
        noun = span.root
        if noun.dep_ not in ("nsubj", "nsubjpass") or noun.head.lemma_.lower() not in _AUTHORITY_VERBS:
            continue
        if any(t.pos_ == "PROPN" or t.ent_type_ in ("PERSON", "ORG", "NORP") for t in noun.subtree):
            continue  # a named source is reporting, not an appeal to authority
        claim = [c for c in noun.head.children if c.dep_ in ("ccomp", "xcomp")]
        if not claim:
            continue
        tokens = [t for t in (*noun.subtree, noun.head, *claim[0].subtree) if not t.is_space and not t.is_punct]
        start = min(t.idx for t in tokens)
        end = max(t.idx + len(t.text) for t in tokens)
        out.append(Framing(span=Span.of(text, start, end), technique=AUTHORITY,
                           confidence=RULE_CONFIDENCE[AUTHORITY], triggers=[text[m.start():m.end()]]))
    return out


def repetition_rule(analysis: Analysis, found: list[Framing]) -> list[Framing]:
    """One label used ``REPEAT_MIN`` or more times: each use after the first is also repetition."""
    uses = defaultdict(list)
    for f in found:
        if f.technique == LABELING and f.triggers:
            uses[matchable(f.triggers[0]).lower()].append(f)
    out = []
    for label, items in uses.items():
        items = sorted({f.span.start: f for f in items}.values(), key=lambda f: f.span.start)
        if len(items) < REPEAT_MIN:
            continue
        for f in items[1:]:
            out.append(Framing(span=f.span, technique=REPETITION, confidence=RULE_CONFIDENCE[REPETITION],
                               target_actor_id=f.target_actor_id, triggers=[f.triggers[0]]))
    return out


def combine(items: list[Framing], text: str) -> list[Framing]:
    """Join overlapping spans of one technique: the union span, the highest confidence, all triggers."""
    by_tech = defaultdict(list)
    for f in items:
        by_tech[f.technique].append(f)
    out = []
    for technique, group in by_tech.items():
        group.sort(key=lambda f: (f.span.start, -f.span.end))
        current = None
        for f in group:
            if current is not None and f.span.start < current.span.end:
                triggers = current.triggers + [t for t in f.triggers if t not in current.triggers]
                current = Framing(span=Span.of(text, current.span.start, max(current.span.end, f.span.end)),
                                  technique=technique, confidence=max(current.confidence, f.confidence),
                                  target_actor_id=current.target_actor_id or f.target_actor_id,
                                  triggers=triggers)
            else:
                if current is not None:
                    out.append(current)
                current = f
        if current is not None:
            out.append(current)
    return sorted(out, key=lambda f: (f.span.start, f.span.end, f.technique))


def find_framing(analysis: Analysis, use_model: bool = True, use_rules: bool = True) -> list[Framing]:
    found: list[Framing] = []
    if accurate(analysis):
        from . import framing_accurate as fa

        use_rules = use_rules and fa.head().get("rules", True)
        if use_model:
            found += accurate_framing(analysis)
    elif use_model:
        found += model_framing(analysis)
    if use_rules:
        found += labeling_rule(analysis) + loaded_rule(analysis) + exaggeration_rule(analysis)
        found += authority_rule(analysis)
        found = combine(found, analysis.text)
        found += repetition_rule(analysis, found)
    return combine(found, analysis.text)


def _run(analysis: Analysis) -> None:
    analysis.framing = find_framing(analysis)


STAGE = Stage("framing", _run, requires=("doc", "actors"), assigns=("framing",))
