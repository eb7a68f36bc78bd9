"""TimeML: the document text with a TIMEX3 tag around every time we found, and the DCT.

Meant for the TempEval-3 scorer and other TimeML tools, so it follows TimeML's
rules rather than ours: TIMEX3s never nest or overlap, and an interval of ours
("from 2009 to 2016", value 2009/2016) is written as its two endpoint TIMEX3s.
Several documents are written one after another, each a complete <TimeML> element;
for the scorer, write one document per file.
"""
from __future__ import annotations

from dataclasses import replace
from typing import Iterable, TextIO
from xml.sax.saxutils import escape, quoteattr

from ..model import DocumentResult, TimeValue
from ..record import from_record
from ..timex import parse_anchor, timex3_view


def _times(r: DocumentResult) -> list[TimeValue]:
    times = [replace(t, anchor=r.document.published) for t in r.times]
    view = timex3_view(r.document.text, times)
    out: list[TimeValue] = []
    for t in sorted(view, key=lambda t: (t.span.start, -t.span.end)):
        if not out or t.span.start >= out[-1].span.end:
            out.append(t)
    return out


def _function(value: str) -> str:
    return "false" if value[:4].isdigit() and not value.startswith("P") else "true"


def render(record: dict) -> str:
    """One document (a contract dict of any record version, read through the typed model) as a TimeML string."""
    r = from_record(record)
    doc = r.document
    text = doc.text
    parts: list[str] = []
    pos = 0
    for i, t in enumerate(_times(r), 1):
        parts.append(escape(text[pos:t.span.start]))
        parts.append(f'<TIMEX3 tid="t{i}" type="{t.type}" value={quoteattr(t.value)}>')
        parts.append(escape(text[t.span.start:t.span.end]))
        parts.append("</TIMEX3>")
        pos = t.span.end
    parts.append(escape(text[pos:]))
    dct = ""
    anchor = parse_anchor(doc.published)
    if anchor is not None:
        dct = (f'<DCT><TIMEX3 tid="t0" type="DATE" value="{anchor.isoformat()}" temporalFunction="false" '
               f'functionInDocument="CREATION_TIME">{anchor.isoformat()}</TIMEX3></DCT>\n')
    title = f"<TITLE>{escape(doc.title)}</TITLE>\n" if doc.title else ""
    return ('<?xml version="1.0" ?>\n<TimeML>\n'
            f"<DOCID>{escape(doc.id or '')}</DOCID>\n{dct}{title}<TEXT>{''.join(parts)}</TEXT>\n</TimeML>\n")


def write_timeml(results: Iterable[dict], stream: TextIO) -> None:
    for d in results:
        stream.write(render(d))
        stream.flush()
