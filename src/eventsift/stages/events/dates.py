"""When an event happened: a date of its sentences from the time layer, never the date a statement was made,
a year in an actor's name or a day in a place's name."""
from __future__ import annotations

import re

from ...analysis import Analysis
from ...model import EventDate, Span
from ...resources import load_json


def _statement_time(analysis: Analysis, time_span: Span, trigger: Span, doc) -> bool:
    """A date that tells when something was said, not when the event happened."""
    for attribution in analysis.attributions:
        if attribution.content.contains(trigger) and not attribution.content.contains(time_span) and \
                _speech_cue(doc, attribution.cue):
            cue = attribution.cue
            if abs(time_span.start - cue.end) < 40 or attribution.source is not None and \
                    abs(time_span.start - attribution.source.end) < 40:
                return True
    return False


def _speech_cue(doc, cue: Span | None) -> bool:
    """A cue that reports speech ("revealed", "according to"), not a deed read as one ("fired")."""
    if cue is None:
        return False
    cues = load_json("report_cues.json")
    tokens = doc.char_span(cue.start, cue.end, alignment_mode="expand")
    lemmas = {t.lemma_.lower() for t in tokens} if tokens is not None else set()
    return bool(lemmas & set(cues["verbs"])) or cue.text.lower() in cues.get("phrases", {}) or \
        bool(lemmas & {"statement", "report", "communique", "interview", "announcement"})


def _in_a_name(doc, span: Span) -> bool:
    """'the Monday Market': a day name that is part of a proper name is no date."""
    tokens = doc.char_span(span.start, span.end, alignment_mode="expand")
    if tokens is None:
        return False
    root = tokens.root
    if ACTOR_PERIOD.search(doc[max(0, tokens.start - 12):tokens.start].text):
        return True  # "Military Forces of Chad (1990-2021)": the years of ACLED's actor name, not the event's
    return root.dep_ == "compound" and root.head.pos_ == "PROPN" and root.head.text[:1].isupper()


ACTOR_PERIOD = re.compile(r"\b(?:Forces|Government|Police|Military|Army) of (?:the )?[A-Z][\w' .-]*\($")


def inside_sentences(analysis: Analysis, layer: str, sents) -> list:
    """Items of a layer inside any of the sentences, in the layer's order."""
    if len(sents) == 1:
        return analysis.within(layer, sents[0].start_char, sents[0].end_char)
    found = {id(x): x for s in sents for x in analysis.within(layer, s.start_char, s.end_char)}
    items = getattr(analysis, layer)
    return [x for x in items if id(x) in found]


SHORT_REPORT = 1500  # characters: a monitoring note or a news snippet, whose opening day is the event's


def _days(analysis: Analysis, times) -> list:
    return [t for t in times if t.type == "DATE" and re.fullmatch(r"\d{4}-\d\d-\d\d", t.value)
            and not _in_a_name(analysis.doc, t.span)]


def reported_date(analysis: Analysis, sents) -> EventDate | None:
    """'On 5 July 2023, the army said its troops had killed 15 militants': with no other date, the day of the
    report stands for the event, as monitors code it when no closer date is known. Failing that, in a short
    report, the day its paragraph opened with ("On 13 August 2025, police opened fire on civilians in X. 1 person
    was injured."): the first day named earlier in the paragraph that is not the day something was said."""
    found = _days(analysis, inside_sentences(analysis, "times", sents))
    if len(found) == 1:
        return EventDate(value=found[0].value, span=found[0].span)
    if found or not sents or len(analysis.text) > SHORT_REPORT:
        return None  # in a long article the paragraph's first day is as often when something was said
    start = sents[0].start_char
    paragraph = analysis.text.rfind("\n\n", 0, start) + 1
    earlier = [t for t in _days(analysis, analysis.within("times", paragraph, start))
               if not _said_on(analysis, t.span)]
    return EventDate(value=earlier[0].value, span=earlier[0].span) if earlier else None


def _said_on(analysis: Analysis, span: Span) -> bool:
    """'The NCRI revealed on September 2, 2013': the day something was said, close to a speech cue."""
    return any(a.cue is not None and abs(span.start - a.cue.end) < 40 and _speech_cue(analysis.doc, a.cue)
               for a in analysis.attributions)


def event_date(analysis: Analysis, sents, trigger: Span, head=None) -> EventDate | None:
    inside = [t for t in inside_sentences(analysis, "times", sents) if t.type in ("DATE", "TIME")
              and re.match(r"\d{4}", t.value)]
    inside = [t for t in inside if not _statement_time(analysis, t.span, trigger, analysis.doc)
              and not _in_a_name(analysis.doc, t.span)]
    if not inside:
        return None
    intervals = [t for t in inside if "/" in t.value]
    own = set()
    if head is not None:  # "buried the dead on Sunday after the explosion on January 10"
        own = {t.i for t in head.subtree}
    doc = analysis.doc

    def under_trigger(t) -> bool:
        span = doc.char_span(t.span.start, t.span.end, alignment_mode="expand")
        return span is not None and span.root.i in own

    best = intervals[0] if intervals else min(
        inside, key=lambda t: (t.type != "DATE", t.relative, head is not None and head.pos_ == "NOUN" and not under_trigger(t),
                               -len(t.value.split("T")[0]), abs(t.span.start - trigger.start)))
    value = best.value.split("T")[0]
    before = analysis.text[max(0, best.span.start - 16):best.span.start]
    first = re.search(r"(?:\b(\d{1,2})\s*(?:[-–]|to)\s*|\bbetween\s+(\d{1,2})\s+and\s+)$", before, re.IGNORECASE)
    if first and re.fullmatch(r"\d{4}-\d\d-\d\d", value) and int(first.group(1) or first.group(2)) < int(value[8:]):
        value = f"{value[:8]}{int(first.group(1) or first.group(2)):02d}"  # "3-4 March", "3 to 4 May": the first day
    return EventDate(value=value, span=best.span)
