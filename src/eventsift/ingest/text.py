"""Plain-text documents: kept exactly as given, with a publication date read from the first lines."""
from __future__ import annotations

import re
from datetime import datetime

MONTHS = "January|February|March|April|May|June|July|August|September|October|November|December"
HEADER_PATTERNS = [
    re.compile(r"\b(?:date|published|posted|updated)\s*:?\s*(\d{4}-\d{2}-\d{2})", re.I),
    re.compile(rf"\b(?:published|posted|date)\s*:?\s*(?:\w+day,?\s+)?(\d{{1,2}}\s+(?:{MONTHS})\s+\d{{4}})", re.I),
    re.compile(rf"\b(?:published|posted|date)\s*:?\s*(?:\w+day,?\s+)?((?:{MONTHS})\s+\d{{1,2}},?\s+\d{{4}})", re.I),
]


def _to_iso(value: str) -> str | None:
    for fmt in ("%Y-%m-%d", "%d %B %Y", "%B %d, %Y", "%B %d %Y"):
        try:
            return datetime.strptime(value, fmt).date().isoformat()
        except ValueError:
            continue
    return None


def published_from_header(text: str, lines: int = 5) -> str | None:
    """A publication date written in the first lines ('date 2020-01-05', 'Published: 05 January 2020')."""
    head = "\n".join(text.splitlines()[:lines])[:600]
    for pattern in HEADER_PATTERNS:
        m = pattern.search(head)
        if m:
            iso = _to_iso(m.group(1))
            if iso:
                return iso
    return None
