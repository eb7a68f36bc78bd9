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

    extracted = trafilatura.bare_extraction(html, with_metadata=True, include_comments=False,
                                            favor_recall=True, as_dict=True)
    text = (extracted or {}).get("text") if isinstance(extracted, dict) else getattr(extracted, "text", None)
    if not text or not text.strip():
        raise InputError(name, "no article text found in the HTML")
    title = extracted.get("title") if isinstance(extracted, dict) else getattr(extracted, "title", None)
    published = None
    try:
        published = find_date(html, original_date=True, extensive_search=False)
    except Exception:  # htmldate raises on odd markup; a missing date is not an error
        published = None
    return Document(text=text, id=digest[:16], title=title, published=published,
                    source={"path": name, "sha256": digest, "format": "html"})
