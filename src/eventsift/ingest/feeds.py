"""RSS and Atom feeds: each entry becomes a document (its full content if the feed has it, else its summary).

feedparser copes with the many dialects of feeds; entry HTML is reduced to text
with trafilatura when it has markup. Entry links are kept as the document URL;
the linked pages are not fetched (give their URLs to ``ingest`` for that).
"""
from __future__ import annotations

import re
import time
from typing import Iterator, Union

from ..errors import InputError
from ..model import Document

MARKUP = re.compile(r"<[a-zA-Z/][^>]*>")


def _plain(html: str) -> str:
    if not MARKUP.search(html):
        return html.strip()
    import trafilatura

    text = trafilatura.extract(f"<html><body><article>{html}</article></body></html>", favor_recall=True)
    return (text or MARKUP.sub(" ", html)).strip()


def documents_from_feed(name: str, data: bytes) -> Iterator[Union[Document, InputError]]:
    import feedparser

    from .rawbytes import sha256

    parsed = feedparser.parse(data)
    if not parsed.entries:
        reason = getattr(parsed, "bozo_exception", None)
        yield InputError(name, f"not an RSS/Atom feed with entries{f' ({reason})' if reason else ''}")
        return
    outlet = (parsed.feed.get("title") or "").strip() or None
    for number, entry in enumerate(parsed.entries, 1):
        where = f"{name}#{entry.get('id') or entry.get('link') or number}"
        body = ""
        if entry.get("content"):
            body = max((c.get("value", "") for c in entry.content), key=len)
        body = body or entry.get("summary", "")
        title = (entry.get("title") or "").strip()
        text = _plain(body)
        if not text:
            yield InputError(where, "feed entry has no text")
            continue
        full = f"{title}\n\n{text}" if title else text
        stamp = entry.get("published_parsed") or entry.get("updated_parsed")
        published = time.strftime("%Y-%m-%d", stamp) if stamp else None
        entry_bytes = full.encode("utf-8")  # feedparser gives no entry's own bytes: the text it was read as
        digest = sha256(entry_bytes)
        source = {"path": where, "url": entry.get("link"), "outlet": outlet, "sha256": digest, "format": "feed"}
        yield Document(text=full, id=digest[:16], title=title or None, published=published,
                       source={k: v for k, v in source.items() if v}, raw=entry_bytes)
