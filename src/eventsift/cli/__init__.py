"""The ``eventsift`` command. Each module in this package adds its commands to ``main``;
commands parse arguments, call one library function and format the result."""
from __future__ import annotations

from .base import main
from . import analyze, corpus, store, web  # noqa: F401  (they register their commands)

__all__ = ["main"]
