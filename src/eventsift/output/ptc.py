"""PTC label lines (SemEval-2020 Task 11): ``id<TAB>technique<TAB>start<TAB>end``, end exclusive.

The article id is the number in a PTC-style file name (``article123.txt`` -> ``123``) so that the
output can go straight to the task's scorers; other documents use their eventsift id.
"""
from __future__ import annotations

import re
from pathlib import PurePath
from typing import Iterable, TextIO

_PTC_NAME = re.compile(r"^article(\d+)$")


def article_id(result: dict) -> str:
    path = (result.get("source") or {}).get("path")
    if path:
        m = _PTC_NAME.match(PurePath(str(path)).stem)
        if m:
            return m.group(1)
    return str(result.get("id"))


def write_ptc(results: Iterable[dict], stream: TextIO) -> None:
    for result in results:
        art = article_id(result)
        for f in result.get("framing", []):
            stream.write(f"{art}\t{f['technique']}\t{f['start']}\t{f['end']}\n")
        stream.flush()
