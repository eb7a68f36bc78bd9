"""HTML pages: main text, title and publication date via trafilatura and htmldate.

Offsets in the result point into the extracted text, which becomes the
document's text.
"""
from __future__ import annotations

from ..errors import InputError
from ..model import Document


def document_from_html(name: str, html: str, digest: str) -> Document:
    import trafilatura
    from htmldate import find_date

    extracted = trafilatura.bare_extraction(html, with_metadata=True, include_comments=False, favor_recall=True)
    fields = extracted.as_dict() if hasattr(extracted, "as_dict") else (extracted or {})
    text = fields.get("text")
    if not text or not text.strip():
        raise InputError(name, "no article text found in the HTML")
    title = fields.get("title")
    published = None
    try:
        published = find_date(html, original_date=True, extensive_search=False)
    except Exception:  # htmldate raises on odd markup; a missing date is not an error
        published = None
    return Document(text=text, id=digest[:16], title=title, published=published,
                    source={"path": name, "sha256": digest, "format": "html"})
