"""The tense of the clause a time expression belongs to, read from the spaCy parse.

Why: a weekday or a month without a year points back or forward depending on the verb it
modifies ("the king met Monday" vs "they meet Monday"; "stepped down in March" vs "takes
office in January"). Words near the time (the regex cues in :mod:`.context`) often belong to
another clause; the dependency parse names the verb the time hangs from. The parse is the
one the pipeline already made, so this costs a walk up a few tokens.

``clause_tense`` answers one of:

- ``"past"``: a past form ("met", "was held", "had been due to expire") or a perfect
  ("has been on patrol since March");
- ``"future"``: will/shall/'ll, a modal ("must present by Monday"), "be to", "going to", or an
  infinitive under a verb of intent or schedule ("plans to leave", "is scheduled for Saturday");
- ``"present"``: a simple or progressive present ("voters go to the polls on Tuesday");
- ``None``: no verb found, or one that says nothing (a bare infinitive, "would").
"""
from __future__ import annotations

FUTURE_AUX = {"will", "shall", "'ll", "wo", "ll"}
#: Modals that point ahead; "could", "may", "might" and "would" as often weigh up the past.
MODAL_AUX = {"must", "should", "can", "ought"}
#: Verbs whose infinitive or passive points ahead: "plans to meet", "is scheduled for Friday".
INTENT = {"plan", "expect", "schedule", "set", "due", "hope", "intend", "aim", "prepare", "want", "promise",
          "vow", "threaten", "agree", "propose", "seek", "go", "slate", "decide", "pledge"}
MAX_CLIMB = 8


#: Present forms that are also past forms: "hurt", "set", "cut" tell nothing by themselves.
SAME_IN_PAST = {"hurt", "set", "put", "cut", "hit", "let", "cost", "spread", "quit", "shut", "bid", "read",
                "rid", "split", "burst", "cast", "upset", "broadcast", "forecast", "beat", "come", "run", "become"}
#: Prepositions that make a date an end point: "extended to Nov. 16" is ahead even in the past tense.
END_POINT = {"to", "until", "till", "through", "thru", "into", "by"}


def _verb_of(doc, start: int, end: int):
    """(verb, preposition, direct): the verb a time hangs from, the preposition before the time, and
    whether the time modifies that verb directly ("met Monday", "stepped down in March") rather than a
    noun on the way ("payable Dec. 7", "Tuesday's declaration")."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or len(span) == 0:
        return None, None, False
    root = span.root
    inside = {t.i for t in span}
    if root.dep_ in ("dobj", "attr", "oprd", "appos", "poss", "compound", "nsubj", "nsubjpass"):
        return None, None, False  # a time that is an argument ("set Nov. 10 as the deadline"), not an adjunct
    prep = root.head.lower_ if root.dep_ == "pobj" and root.head.dep_ == "prep" else None
    tok, steps = root, 0
    for _ in range(MAX_CLIMB):
        if tok.i not in inside and tok.pos_ in ("VERB", "AUX"):
            return tok, prep, steps <= (2 if prep else 1)
        if tok.head is tok:
            return None, prep, False
        if tok.i not in inside and tok.dep_ in ("nsubj", "nsubjpass", "csubj"):
            return None, prep, False  # a time inside the subject ("Tuesday's vote ...") says nothing of its verb
        tok = tok.head
        steps += 1
    return None, prep, False


#: Words that put the time they govern ahead of the speaker: "due Friday", "slated for June".
SCHEDULED = {"due", "scheduled", "slated", "set", "planned", "expected", "upcoming"}


def _first_head(doc, start: int, end: int):
    """The word a time expression hangs from, across a preposition ("scheduled for June" -> scheduled)."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or len(span) == 0:
        return None
    head = span.root.head
    if head.dep_ == "prep" and span.root.dep_ == "pobj":
        head = head.head
    return None if head.i in range(span.start, span.end) else head


def _own_tense(verb) -> str | None:
    auxes = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
    lowers = {a.lower_ for a in auxes}
    if lowers & FUTURE_AUX:
        return "future"
    if any(a.tag_ == "VBD" or a.lower_ in ("had", "was", "were", "did") for a in auxes):
        return "past"
    if verb.tag_ == "VBN" and any(a.lemma_ == "have" for a in auxes):
        return "past"  # a (modal) perfect tells of the past: "has been on patrol since March", "may have been"
    if lowers & MODAL_AUX:
        return "future"
    if verb.tag_ == "VBN" and verb.lemma_ in INTENT and any(a.lemma_ == "be" for a in auxes):
        return "future"  # "is scheduled for Saturday", "are expected Tuesday"
    if verb.tag_ == "VBD":
        return "past"
    if verb.lower_ in SAME_IN_PAST and not auxes:
        return None
    if verb.tag_ in ("VBZ", "VBP") or (verb.tag_ == "VBG" and any(a.lemma_ == "be" for a in auxes)):
        return "present"
    return None


def _headline(sentence) -> bool:
    """A title-case line: most of its longer words capitalised."""
    words = [t.text for t in sentence if t.is_alpha and len(t.text) > 3]
    return len(words) >= 2 and sum(w[0].isupper() for w in words) >= 0.7 * len(words)


def clause_tense(doc, start: int, end: int) -> tuple[str | None, str | None]:
    """(tense of the verb text[start:end] modifies directly, or None; the preposition before the time).

    A past verb says nothing of a date that is an end point ("extended to Nov. 16")."""
    verb, prep, direct = _verb_of(doc, start, end)
    head = _first_head(doc, start, end)
    if head is not None and head.lower_ in SCHEDULED and head.tag_ in ("JJ", "VBN"):
        # "the report due Friday", "talks scheduled for June": ahead, unless told in the past
        past = head.pos_ in ("VERB", "AUX") and _own_tense(head) == "past"
        return (None if past else "future"), prep
    if verb is None or not direct:
        return None, prep
    tense = _own_tense(verb)
    if tense == "present" and _headline(verb.sent):
        return None, prep  # headlines tell the past in the present: "Gunman Kills Five Sunday"
    # an infinitive or participle clause takes its time from the verb it hangs from
    if tense is None and verb.dep_ in ("xcomp", "conj") and verb.head is not verb:
        head = verb.head
        head_tense = _own_tense(head)
        if verb.dep_ == "xcomp" and head.lemma_ in INTENT:
            # "plans to leave Friday" points ahead; "agreed to buy it in February" says nothing
            return ("future" if head_tense != "past" else None), prep
        if verb.dep_ == "xcomp" and head.lemma_ == "be" and head.tag_ in ("VBZ", "VBP"):
            return "future", prep  # "is to meet"
        tense = head_tense
    if tense == "past" and prep in END_POINT:
        return None, prep
    return tense, prep
