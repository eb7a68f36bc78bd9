"""The candidate event passed between the modules: the cue words of one sentence that tell one event."""
from __future__ import annotations

from dataclasses import dataclass, field

from ..event_types import Cue, priority


@dataclass
class Cluster:
    cues: list[Cue]
    sent: object
    index: int  # sentence number
    sents: list = field(default_factory=list)

    @property
    def families(self) -> set[str]:
        return {c.family for c in self.cues}

    @property
    def main(self) -> Cue:
        return min(self.cues, key=lambda c: (priority(c.family), c.start))  # ties: the first word
