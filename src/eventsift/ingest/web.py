"""Fetch a URL politely: a named user agent, a timeout, a size limit, http(s) only.

The standard library's urllib is enough for one GET; redirects are followed by it.
"""
from __future__ import annotations

import urllib.error
import urllib.request
from urllib.parse import urlparse

from .. import __version__
from ..errors import InputError

USER_AGENT = f"eventsift/{__version__} (research tool; fetches one page per request)"
TIMEOUT_SECONDS = 20


def suffix_for(content_type: str, url: str) -> str:
    """The reader suffix for a response: HTML, a feed, JSONL or plain text."""
    ctype = content_type.split(";")[0].strip().lower()
    if ctype in ("application/rss+xml", "application/atom+xml", "application/xml", "text/xml"):
        return ".rss"
    if ctype in ("text/plain", "text/markdown"):
        return ".txt"
    if ctype in ("application/jsonl", "application/x-ndjson"):
        return ".jsonl"
    path = urlparse(url).path.lower()
    for suffix in (".warc.gz", ".warc", ".rss", ".atom", ".txt", ".jsonl"):
        if path.endswith(suffix):
            return suffix
    return ".html"


def fetch(url: str, max_bytes: int, timeout: float = TIMEOUT_SECONDS) -> tuple[bytes, str]:
    """(body, reader suffix) of one URL, or an InputError that says why not."""
    if urlparse(url).scheme not in ("http", "https"):
        raise InputError(url, "only http and https URLs can be fetched")
    request = urllib.request.Request(url, headers={"User-Agent": USER_AGENT, "Accept": "text/html, application/xhtml+xml, application/rss+xml, application/atom+xml, text/plain;q=0.9, */*;q=0.5"})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            length = response.headers.get("Content-Length")
            if length and length.isdigit() and int(length) > max_bytes:
                raise InputError(url, f"{length} bytes is over the size limit of {max_bytes} bytes")
            body = response.read(max_bytes + 1)
            if len(body) > max_bytes:
                raise InputError(url, f"larger than the size limit of {max_bytes} bytes")
            return body, suffix_for(response.headers.get("Content-Type", ""), response.geturl())
    except urllib.error.HTTPError as exc:
        raise InputError(url, f"HTTP {exc.code} {exc.reason}") from None
    except urllib.error.URLError as exc:
        raise InputError(url, f"cannot fetch: {exc.reason}") from None
    except (TimeoutError, OSError) as exc:
        raise InputError(url, f"cannot fetch: {exc}") from None
