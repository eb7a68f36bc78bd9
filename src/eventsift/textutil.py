"""Small text helpers shared by the stages.

``matchable`` makes a copy of a text for matching that has the same length, so
offsets found in the copy are offsets into the original.
"""
from __future__ import annotations

import re

_SAME_LENGTH = str.maketrans({"’": "'", "‘": "'", "ʼ": "'", "`": "'", "“": '"', "”": '"', "–": "-", "—": "-", "\u00a0": " "})


def matchable(text: str) -> str:
    """Curly quotes and dashes folded to ASCII, one character for one."""
    return text.translate(_SAME_LENGTH)


def fold(name: str) -> str:
    """A key for comparing names: case, quotes, possessives, articles and spaces folded."""
    name = matchable(name).lower().strip()
    name = re.sub(r"'s$", "", name)
    name = re.sub(r"^the\s+", "", name)
    return re.sub(r"[^\w]+", " ", name).strip()


def alternation(phrases) -> str:
    """A regex alternation of literal phrases, longest first, on word boundaries."""
    ordered = sorted({p for p in phrases if p}, key=len, reverse=True)
    return r"(?<![\w])(?:" + "|".join(re.escape(p) for p in ordered) + r")(?![\w])"
