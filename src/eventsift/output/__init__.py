"""Output formats. Each writer takes contract dicts and a text stream.

``FORMATS`` is the one registry the CLI reads: name -> writer.
"""
from __future__ import annotations

from typing import Callable, Iterable, TextIO

from . import brat, jsonout, ptc, report, timeml

Writer = Callable[[Iterable[dict], TextIO], None]

FORMATS: dict[str, Writer] = {
    "json": jsonout.write_json,
    "jsonl": jsonout.write_jsonl,
    "text": report.write_report,
    "timeml": timeml.write_timeml,
    "ptc": ptc.write_ptc,
    "brat": brat.write_brat,
}
