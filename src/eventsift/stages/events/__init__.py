"""Events: who did what to whom, when, where, how many were killed, and who says so.

Cues (``event_types.py``) are grouped into events: cues linked in the parse, a death or injury word
and the act that caused it ("an airstrike hit a market, killing 13"), and definite or bare mentions
in the next sentences ("The fighting left 6 dead", "the attack") fold into one event, so several
cue words or places in a sentence never multiply one event. Each event gets ACLED types, roles from
the parse (actor1 acts, actor2 is targeted), casualties (``casualties.py``), a date from the time
layer (never the date a statement was made), a place from the place layer (never a country used as
an adjective, "a US airstrike"), and a status from the attribution layer.

One module per job: ``candidates`` (with ``filters``) finds the clusters of cue words, ``participants``
the roles, ``dates`` and ``place`` when and where, ``classify`` what the type decision reads, ``status``
who stands behind it, and ``assembly`` puts them together (``find_events``); ``fallback`` gives a short report
without cue events its one event, typed by the model; ``cluster``, ``syntax`` and
``words`` are what several of them share. ``assembly`` builds on the others, and nothing imports it.
"""
from __future__ import annotations

from ...analysis import Analysis, Stage
from .. import event_model
from .assembly import find_events
from .fallback import fallback_event
from .participants import label_roles

__all__ = ["STAGE", "find_events"]


def _run(analysis: Analysis) -> None:
    analysis.events = find_events(analysis)
    if not analysis.events:  # a short report may still tell one event in words the cue rules lack
        fallback = fallback_event(analysis, keep_candidate=event_model.training())
        analysis.events = [fallback] if fallback is not None else []
    if analysis.settings.tier == "accurate":
        event_model.retype_accurate(analysis.events)
    label_roles(analysis, analysis.events)  # ACLED's category and name on every role


STAGE = Stage("events", _run, requires=("doc", "times", "actors", "places", "attributions"), assigns=("events",))
