"""Who a source is: the actor a source span names, or the one a pronoun or description points back to.

Full coreference is more than the stage needs (and no small, maintained Python library
does it well on news), so this is a short rule set over the parse and the actor layer:
a named actor inside the source wins; a description given a name ("the news agency
called Tasnim") takes that name; "he", "they", "the agency", "the generals" take the
latest earlier actor of a fitting kind; "who" goes through the noun it modifies.
"""
from __future__ import annotations

import re

from ..model import Actor, Span
from ..spanindex import SpanIndex

PERSON_PRONOUNS = {"he", "she", "him", "her"}
GROUP_PRONOUNS = {"they", "them", "it"}
FIRST_PERSON = {"i", "me", "we", "us", "my", "our"}
DESCRIPTION_KINDS = {
    "media": re.compile(r"(?i)\b(newspaper|paper|agency|outlet|broadcaster|channel|daily|website|magazine|network)\b"),
    "person": re.compile(r"(?i)\b(man|woman|spokes(?:man|woman|person)|official|minister|president|leader|general|"
                         r"commander|envoy|senator|governor|candidate)\b"),
    "group": re.compile(r"(?i)\b(group|organi[sz]ation|council|movement|party|coalition|government|ministry|"
                        r"regime|guards?|corps|forces|militia|army|generals|officials|commanders|leaders|campaign)\b"),
}
GROUP_KINDS = ("organization", "armed_group", "state_forces", "government", "media", "political_party", "civilians")


def _end(tok) -> int:
    return tok.idx + len(tok.text)


class SourceResolver:
    """Resolves sources of one document against its actors."""

    def __init__(self, text: str, actors: list[Actor], naming: frozenset[str]):
        self.text = text
        self.actors = actors
        self.naming = naming
        self.mentions = SpanIndex((m.start, m.end, a) for a in actors for m in a.mentions)

    def first_overlapping(self, span: Span) -> str | None:
        """The actor with the earliest mention overlapping ``span``."""
        return next((a.id for _, _, a in self.mentions.overlapping(span.start, span.end)), None)

    def resolve(self, source: Span | None, source_tok) -> str | None:
        """The actor a source names, or the one a pronoun or description refers back to."""
        if source is None:
            return None
        if source_tok is not None:
            named = self.named_by(source_tok)
            if named is not None:
                return named
        inside = self.first_overlapping(source)
        if inside is not None:
            return inside
        word = source.text.lower()
        if word in ("who", "which", "that") and source_tok is not None:
            clause = source_tok.head
            for _ in range(3):
                if clause.dep_ == "relcl" or clause.head is clause:
                    break
                clause = clause.head
            if clause.dep_ == "relcl":
                noun = clause.head
                return self.resolve(Span.of(self.text, noun.idx, _end(noun)), noun)
            return None
        if word in FIRST_PERSON:
            return None  # the author, or a speaker only the quote's own attribution knows
        if word in PERSON_PRONOUNS:
            wanted = ("person",)
        elif word in GROUP_PRONOUNS:
            wanted = GROUP_KINDS + ("person",) if word == "they" else GROUP_KINDS
        elif self.anaphoric(source_tok):
            wanted = next((("person",) if k == "person" else ("media",) if k == "media" else GROUP_KINDS
                           for k, rx in DESCRIPTION_KINDS.items() if rx.search(source_tok.text)), None)
        else:
            wanted = None
        if wanted is None:
            return None
        return next((a.id for _, _, a in self.mentions.before(source.start) if a.kind in wanted), None)

    @staticmethod
    def anaphoric(tok) -> bool:
        """'the agency', 'the generals': a definite description with nothing that names a new entity
        ('Iraqi officials', 'Iraq's government', 'a spokesman' are not references back)."""
        if tok is None or tok.pos_ not in ("NOUN",):
            return False
        left = [t for t in tok.lefts]
        return any(t.dep_ == "det" and t.lower_ in ("the", "this", "that", "these", "those") for t in left) and \
            not any(t.pos_ == "PROPN" or t.ent_type_ or t.dep_ == "poss" for t in left)

    def named_by(self, tok) -> str | None:
        """'the news agency called Tasnim', 'the newspaper, Kayhan,': the actor a description is given as."""
        for child in tok.children:
            names = []
            if child.dep_ == "appos":
                names = list(child.subtree)
            elif child.dep_ in ("acl", "relcl") and child.lemma_.lower() in self.naming:
                names = [t for c in child.children if c.dep_ in ("oprd", "dobj", "attr", "xcomp") for t in c.subtree]
            if not names:
                continue
            span = Span.of(self.text, names[0].idx, _end(names[-1]))
            hit = self.first_overlapping(span)
            if hit is not None:
                return hit
        return None
