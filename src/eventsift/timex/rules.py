"""The rule registry: each kind of time expression is one regular expression and one resolver.

Each rule's ``accept`` looks only at the text (a bare "May" must follow "in",
"since", ...); its ``resolve`` turns the match into a TIMEX3 (type, value,
relative) using the :class:`~eventsift.timex.context.Context`. Rules register in
import order, which breaks ties between matches of the same extent.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Callable

from .context import Context

#: (type, value, relative), optionally with a later start when the match's first words are not part of it.
Result = tuple


@dataclass(frozen=True)
class Rule:
    name: str
    pattern: re.Pattern
    resolve: Callable[[re.Match, Context], Result | None]
    accept: Callable[[re.Match, str], bool] = lambda m, text: True
    #: A cheap pattern every match must contain; the full pattern runs only near its hits (speed).
    trigger: re.Pattern | None = None
    #: True when the trigger is written in lower case, to be searched in the lower-cased text.
    lower: bool = False


RULES: list[Rule] = []


def rule(name: str, pattern: str, accept: Callable[[re.Match, str], bool] | None = None):
    def register(resolve):
        RULES.append(Rule(name, re.compile(pattern, re.IGNORECASE), resolve, accept or (lambda m, t: True)))
        return resolve
    return register


def lower_group(m: re.Match, name: str) -> str:
    return (m.group(name) or "").lower()


def text_before(text: str, m: re.Match, n: int = 30) -> str:
    return text[max(0, m.start() - n):m.start()]


