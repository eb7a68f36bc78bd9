"""Human review of machine output: corrections kept beside the evidence, never over it.

A review is a small record (who, when, which event or framing span, which field,
what verdict or value). The machine's analysis stays as it was stored; ``apply_reviews``
returns a *copy* of a contract document with the reviewed values in place and a
``review`` object on each event and framing span saying what a person decided and
what the machine had said. Exporters call ``apply_reviews(doc, reviews, export=True)``
to carry reviewed values (rejected events and framing marked wrong left out).
"""
from __future__ import annotations

from .apply import apply_reviews, event_key, framing_key, reviewed_event
from .corrections import EDITABLE_FIELDS, ReviewError, parse_event_patch, parse_framing_patch

__all__ = [
    "apply_reviews", "reviewed_event", "event_key", "framing_key",
    "EDITABLE_FIELDS", "ReviewError", "parse_event_patch", "parse_framing_patch",
]
