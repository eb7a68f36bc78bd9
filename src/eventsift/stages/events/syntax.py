"""Small walks over the spaCy parse that several modules of the package share: a preposition's object, the
verb that governs a token, the named entities of one sentence."""
from __future__ import annotations

from spacy.tokens import Span as SpacySpan


def clause(tok):
    """The verb that governs a token (itself if it is one)."""
    for _ in range(8):
        if tok.pos_ in ("VERB", "AUX") or tok.head == tok:
            return tok
        tok = tok.head
    return tok


def pobj_of(prep):
    """The object of a preposition ("in Pibor": Pibor), or None."""
    return next((g for g in prep.children if g.dep_ == "pobj"), None)


def ents_in(sent) -> list:
    """The named entities inside a sentence, from its own tokens (``Span.ents`` walks the whole document)."""
    doc, found, i = sent.doc, [], sent.start
    while i < sent.end:
        if doc[i].ent_iob_ == "B":
            j = i + 1
            while j < len(doc) and doc[j].ent_iob_ == "I":
                j += 1
            if j <= sent.end:  # as Span.ents: only entities wholly inside
                found.append(SpacySpan(doc, i, j, label=doc[i].ent_type_))
            i = j
        else:
            i += 1
    return found
