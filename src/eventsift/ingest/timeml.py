"""TimeML ``.tml`` files: the text inside <TEXT> with tags removed, the DCT as the anchor date.

The gold TIMEX3 annotations are returned by ``read_timeml`` for evaluation.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from ..errors import InputError
from ..model import Document

TAG = re.compile(r"<[^>]+>")
TIMEX_OPEN = re.compile(r"<TIMEX3\b([^>]*)>")
ATTR = re.compile(r'(\w+)="([^"]*)"')


@dataclass
class GoldTimex:
    start: int
    end: int
    text: str
    type: str
    value: str


def read_timeml(markup: str) -> tuple[str, str | None, list[GoldTimex]]:
    """(plain text of <TEXT>, DCT value, gold TIMEX3s with offsets into that text)."""
    dct = re.search(r"<DCT>.*?value=\"([^\"]+)\"", markup, re.S)
    body = re.search(r"<TEXT>(.*?)</TEXT>", markup, re.S)
    if body is None:
        raise ValueError("no <TEXT> element")
    inner = body.group(1)
    out: list[str] = []
    gold: list[GoldTimex] = []
    open_timex: list[tuple[int, dict]] = []
    length = 0
    pos = 0
    for m in TAG.finditer(inner):
        chunk = _unescape(inner[pos:m.start()])
        out.append(chunk)
        length += len(chunk)
        pos = m.end()
        tag = m.group()
        if tag.startswith("<TIMEX3"):
            open_timex.append((length, dict(ATTR.findall(tag))))
        elif tag.startswith("</TIMEX3") and open_timex:
            start, attrs = open_timex.pop()
            gold.append(GoldTimex(start, length, "", attrs.get("type", ""), attrs.get("value", "")))
    chunk = _unescape(inner[pos:])
    out.append(chunk)
    text = "".join(out)
    for g in gold:
        g.text = text[g.start:g.end]
    return text, (dct.group(1) if dct else None), gold


def _unescape(s: str) -> str:
    return s.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", '"').replace("&apos;", "'").replace("&amp;", "&")


def document_from_timeml(name: str, markup: str, digest: str) -> Document:
    try:
        text, dct, _ = read_timeml(markup)
    except ValueError as exc:
        raise InputError(name, f"not a TimeML document ({exc})") from None
    return Document(text=text, id=digest[:16], published=dct[:10] if dct else None,
                    source={"path": name, "sha256": digest, "format": "timeml"})
