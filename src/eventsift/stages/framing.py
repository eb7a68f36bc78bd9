"""Framing: spans of loaded language, labeling and other propaganda techniques (PTC's 14).

A first lexicon layer: curated words and phrases, a labeling rule (insulting
label next to an actor's mention targets that actor), and repetition of one
label through a document.
"""
from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache

from ..model import Framing, Span
from ..pipeline import Analysis, Stage
from ..resources import load_json
from ..textutil import alternation, matchable

CATEGORY = {
    "labels": ("Name_Calling,Labeling", 0.6),
    "loaded": ("Loaded_Language", 0.5),
    "exaggeration": ("Exaggeration,Minimisation", 0.5),
    "bandwagon": ("Bandwagon,Reductio_ad_hitlerum", 0.35),
    "authority": ("Appeal_to_Authority", 0.4),
    "doubt": ("Doubt", 0.35),
    "fear": ("Appeal_to_fear-prejudice", 0.35),
    "flag_waving": ("Flag-Waving", 0.35),
    "cliches": ("Thought-terminating_Cliches", 0.35),
}


@lru_cache(maxsize=1)
def lexicon_patterns():
    data = load_json("framing_lexicon.json")
    return [(re.compile("(?i)" + alternation(data[cat])), tech, conf) for cat, (tech, conf) in CATEGORY.items()]


def _actor_after(analysis: Analysis, end: int):
    """An actor mention starting right after ``end`` (allowing 'the' and an adjective)."""
    best = None
    for actor in analysis.actors:
        for m in actor.mentions:
            gap = analysis.text[end:m.start]
            if 0 <= m.start - end <= 25 and re.fullmatch(r"[\s\w'’-]{0,25}", gap) and len(gap.split()) <= 2:
                if best is None or m.start < best[1].start:
                    best = (actor, m)
    return best


def _actor_before(analysis: Analysis, start: int):
    for actor in analysis.actors:
        for m in actor.mentions:
            gap = analysis.text[m.end:start]
            if 0 <= start - m.end <= 30 and re.fullmatch(r",?\s*(?:the|a|an|as the|was)?\s*", gap):
                return actor, m
    return None


def find_framing(analysis: Analysis) -> list[Framing]:
    text = analysis.text
    plain = matchable(text)
    out: list[Framing] = []
    for pattern, technique, confidence in lexicon_patterns():
        for m in pattern.finditer(plain):
            span = Span.of(text, m.start(), m.end())
            if any(f.span.overlaps(span) and f.technique == technique for f in out):
                continue
            target = None
            if technique == "Name_Calling,Labeling":
                after = _actor_after(analysis, m.end())
                before = None if after else _actor_before(analysis, m.start())
                hit = after or before
                if hit is not None:
                    target = hit[0].id
                    if after:  # "the terrorist Quds Force": the label with the name it modifies
                        span = Span.of(text, m.start(), hit[1].end)
                    confidence = min(0.9, confidence + 0.2)
            out.append(Framing(span=span, technique=technique, confidence=confidence, target_actor_id=target,
                               triggers=[text[m.start():m.end()]]))
    out.extend(_repetition(analysis, out))
    return out


def _repetition(analysis: Analysis, found: list[Framing]) -> list[Framing]:
    """The same label used three or more times through a document is also repetition."""
    counts = Counter(f.triggers[0].lower() for f in found if f.technique == "Name_Calling,Labeling")
    repeated = {word for word, n in counts.items() if n >= 3}
    return [Framing(span=f.span, technique="Repetition", confidence=0.4, target_actor_id=f.target_actor_id,
                    triggers=list(f.triggers))
            for f in found if f.technique == "Name_Calling,Labeling" and f.triggers[0].lower() in repeated]


def _run(analysis: Analysis) -> None:
    analysis.framing = find_framing(analysis)


STAGE = Stage("framing", _run, requires=("doc", "actors"), assigns=("framing",))
