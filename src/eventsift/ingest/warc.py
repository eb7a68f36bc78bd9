"""WARC archives (plain or gzipped): every HTML or text response becomes a document.

warcio does the record parsing; we keep only successful responses and hand their
payload to the HTML reader, with the record's target URI as the document's URL.
"""
from __future__ import annotations

import io
from typing import Iterator, Union

from ..errors import InputError
from ..model import Document
from ..settings import Settings

TEXT_TYPES = ("text/html", "application/xhtml+xml", "text/plain")


def documents_from_warc(name: str, data: bytes, settings: Settings) -> Iterator[Union[Document, InputError]]:
    from warcio.archiveiterator import ArchiveIterator
    from warcio.exceptions import ArchiveLoadFailed

    from .rawbytes import decode, sha256
    from .html import document_from_html

    found = 0
    try:
        for number, record in enumerate(ArchiveIterator(io.BytesIO(data)), 1):
            if record.rec_type != "response":
                continue
            uri = record.rec_headers.get_header("WARC-Target-URI") or f"{name}#{number}"
            http = record.http_headers
            status = http.get_statuscode() if http else "200"
            ctype = (http.get_header("Content-Type") if http else "") or ""
            if status != "200" or not ctype.lower().startswith(TEXT_TYPES):
                continue
            payload = record.content_stream().read(settings.max_bytes + 1)
            where = f"{name}:{uri}"
            if len(payload) > settings.max_bytes:
                yield InputError(where, f"record larger than the size limit of {settings.max_bytes} bytes")
                continue
            found += 1
            digest = sha256(payload)
            try:
                text = decode(where, payload)
                if ctype.lower().startswith("text/plain"):
                    document = Document(text=text, id=digest[:16], source={"format": "text"})
                else:
                    document = document_from_html(where, text, digest)
            except InputError as exc:
                yield exc
                continue
            document.source.update({"path": where, "url": uri, "sha256": digest, "format": "warc"})
            document.raw = payload
            yield document
    except (ArchiveLoadFailed, ValueError, EOFError, OSError) as exc:
        yield InputError(name, f"not a readable WARC file ({exc})")
        return
    if not found:
        yield InputError(name, "WARC file holds no HTML or text responses")
