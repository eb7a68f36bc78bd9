"""Who stands behind an event (the article, a source, a denial, a hedge or a condition), from the attribution
layer and the words above the trigger."""
from __future__ import annotations

import re

from ...analysis import Analysis
from ...model import Span


HEDGES = re.compile(r"(?i)^(reportedly|allegedly|alleged|purportedly|purported|supposedly|apparently|unconfirmed|"
                    r"rumou?red|suspected|presumably|possibly|probably|likely|unverified)$")
HEDGED_REPORTS = re.compile(r"(?i)^(say|believe|think|report|allege|rumou?r|suspect|understand|claim|presume)$")
CONDITIONAL = re.compile(r"(?i)^(if|unless|would|could|might|may|should|will|shall|wo|ca|threaten|plan|intend|vow|"
                         r"prepare|want|seek|aim|hope|consider|propose)$")
DENIAL = re.compile(r"(?i)^(deny|denial|reject|dismiss|refute|rebut|disown|disavow)$")


def event_status(analysis: Analysis, sentence: Span, trigger: Span, head) -> tuple[str, str | None]:
    """Who stands behind an event: a reported source, a denial, a hedge, a condition, or the article.

    Inside an attribution's content the event is that source's (``attributed``; ``denied`` when the
    cue is a denial, ``hypothetical`` when it is a threat or plan). Otherwise the trigger's own clause
    decides: the trigger and the words governing it up to where another clause begins, so "he said
    that" elsewhere in the sentence is not counted. Negation or a denying verb above it -> ``denied``;
    a hedge word or "is said/believed to" -> ``hedged``; "if", a modal or "threatened / planned to"
    -> ``hypothetical``; else ``asserted``.
    """
    for attribution in analysis.attributions:
        if attribution.content.contains(trigger):
            try:
                cue = attribution.cue and head.doc.char_span(attribution.cue.start, attribution.cue.end,
                                                              alignment_mode="expand")
            except (IndexError, ValueError):
                cue = None
            if cue is not None and any(DENIAL.match(t.lemma_) for t in cue):
                return "denied", attribution.id
            if cue is not None and any(CONDITIONAL.match(t.lemma_) and t.pos_ == "VERB" for t in cue):
                return "hypothetical", attribution.id  # "threatened to bomb": an intention, not a report
            return "attributed", attribution.id
    chain = [head]  # "were reportedly killed", "threatened to attack"
    while chain[-1].head is not chain[-1] and len(chain) <= 4 and chain[-1].dep_ not in (
            "ccomp", "advcl", "relcl", "acl", "parataxis", "conj", "appos", "ROOT"):
        chain.append(chain[-1].head)
    words = [t for link in chain for t in [link, *link.children]]
    if any(t.dep_ == "neg" for t in words) or any(c.dep_ == "det" and c.lower_ == "no" for c in head.children) or \
            any(DENIAL.match(a.lemma_) for a in head.ancestors):
        return "denied", None
    if any(HEDGES.match(t.lower_) for t in words) or any(
            HEDGED_REPORTS.match(link.lemma_) and any(c.dep_ == "auxpass" for c in link.children) for link in chain[1:]):
        return "hedged", None
    if any(c.dep_ == "mark" and c.lower_ in ("if", "unless") for link in chain for c in link.children) or any(
            t.tag_ == "MD" and CONDITIONAL.match(t.lower_) for t in words) or any(
            CONDITIONAL.match(link.lemma_) and link.pos_ == "VERB" for link in chain[1:]):
        return "hypothetical", None
    top = chain[-1]
    if top.dep_ in ("ccomp", "parataxis") and top.head.lemma_.lower() in SAY_VERBS and any(
            c.dep_ == "nsubj" and c.lower_ not in ("i", "we") for c in top.head.children):
        return "attributed", None  # "rights groups said 1,500 were killed": a source the attribution layer missed
    return "asserted", None


SAY_VERBS = {"say", "tell", "report", "claim", "allege", "state", "announce", "reveal", "confirm", "estimate",
             "accuse", "add", "insist", "assert", "write", "tweet", "post", "believe", "document", "record", "count"}


def direct_quote(analysis: Analysis, attribution_id: str | None) -> bool:
    """A quotation has its own scene and time; reported speech continues the narrator's."""
    return any(a.id == attribution_id and a.kind != "indirect" for a in analysis.attributions)
