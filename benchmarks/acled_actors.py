"""Score the roles of the main events on real ACLED notes in ACLED's terms (issue 20).

For each note, the main event's (the first event's) ``actor1`` and ``actor2`` against ACLED's actor1 and
actor2: the category (ACLED's eight, derived from ACLED's actor names by the written mapping
``knowledge.acled_actors.category_of``) and the ACLED-style name, compared after case/diacritic folding and
without period markers ("(2013-)"). actor2 is scored where ACLED has one; where it has none, the event
should have none either. A note without an event has no roles (wrong on both). The scorer itself is
``eventsift.train.actors.score``, shared with the model's cross-validation.
"""
from __future__ import annotations

from eventsift.knowledge import acled_actors as K
from eventsift.train import acled, actors

import acled_notes


def roles(result) -> tuple:
    """((category, acled_name) or None for actor1, the same for actor2) of a result's main event."""
    if not result.events:
        return None, None
    event = result.events[0]
    return tuple(None if r is None else (r.category, r.acled_name) for r in (event.actor1, event.actor2))


def score(notes: list[acled.Note], results) -> dict:
    return actors.score(notes, {n.id: roles(r) for n, r in zip(notes, results)})


def errors(notes: list[acled.Note], results, side: int = 1, limit: int = 40) -> list[str]:
    """Readable lines for wrong ACLED names of one role (development notes only)."""
    lines = []
    for note, result in zip(notes, results):
        gold = note.actor1 if side == 1 else note.actor2
        got = roles(result)[side - 1]
        if K.comparable(got[1] if got else None) != K.comparable(gold):
            lines.append(f"[actor{side}] gold={gold!r} pred={got!r} :: {note.text[:200]}")
        if len(lines) >= limit:
            break
    return lines


def model_report() -> dict | None:
    """The role model's cross-validated and leave-one-country-out figures (its training report)."""
    found = acled_notes.training_report("actor_roles.json")
    return found[1] if found else None
