"""Turn command-line inputs into Documents, one clear error per bad input.

Paths are read in order; folders are walked recursively in sorted order. Each
item yielded is a ``Document`` or an ``InputError``, so one bad input never
stops the good ones. Plain text and JSONL text are kept exactly as given.
"""
from __future__ import annotations

import json
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Iterator, Union

from ..errors import InputError
from ..model import Document
from ..settings import Settings
from .rawbytes import decode, sha256
from .text import published_from_header

TEXT_SUFFIXES = {".txt", ".md", ".text"}
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
JSONL_SUFFIXES = {".jsonl", ".ndjson"}
TIMEML_SUFFIXES = {".tml"}
WARC_SUFFIXES = {".warc", ".warc.gz"}
FEED_SUFFIXES = {".rss", ".atom"}
KNOWN_SUFFIXES = TEXT_SUFFIXES | HTML_SUFFIXES | JSONL_SUFFIXES | TIMEML_SUFFIXES | WARC_SUFFIXES | FEED_SUFFIXES


def suffix_of(path: Path) -> str:
    """The reader suffix of a file name (``.warc.gz`` counts as one)."""
    name = path.name.lower()
    return ".warc.gz" if name.endswith(".warc.gz") else path.suffix.lower()

Item = Union[Document, InputError]


@dataclass
class RawInput:
    """The bytes of one input and where they came from."""

    name: str
    data: bytes
    suffix: str
    url: str | None = None


def _walk(path: Path) -> list[Path]:
    return sorted(p for p in path.rglob("*") if p.is_file() and suffix_of(p) in KNOWN_SUFFIXES
                  and not any(part.startswith(".") for part in p.relative_to(path).parts))


def raw_inputs(paths: Iterable[str], settings: Settings) -> Iterator[Union[RawInput, InputError]]:
    """Bytes for each path ('-' is stdin), folders expanded."""
    for arg in paths:
        if arg == "-":
            data = sys.stdin.buffer.read(settings.max_bytes + 1)
            if len(data) > settings.max_bytes:
                yield InputError("<stdin>", f"larger than the size limit of {settings.max_bytes} bytes")
            else:
                yield RawInput("<stdin>", data, ".txt")
            continue
        if arg.startswith(("http://", "https://")):
            from .web import fetch

            try:
                data, suffix = fetch(arg, settings.max_bytes)
            except InputError as exc:
                yield exc
                continue
            yield RawInput(arg, data, suffix, url=arg)
            continue
        path = Path(arg)
        if not path.exists():
            yield InputError(arg, "no such file or folder")
            continue
        files = _walk(path) if path.is_dir() else [path]
        if path.is_dir() and not files:
            yield InputError(arg, "folder holds no .txt, .md, .html, .jsonl, .tml, .warc or feed files")
        for file in files:
            try:
                size = file.stat().st_size
                if size > settings.max_bytes:
                    yield InputError(str(file), f"{size} bytes is over the size limit of {settings.max_bytes} bytes")
                    continue
                yield RawInput(str(file), file.read_bytes(), suffix_of(file))
            except OSError as exc:
                yield InputError(str(file), exc.strerror or "cannot be read")


def documents_from(raw: RawInput, settings: Settings) -> Iterator[Item]:
    """The documents in one input (several for JSONL)."""
    digest = sha256(raw.data)
    try:
        if raw.suffix in JSONL_SUFFIXES:
            yield from _jsonl(raw)
            return
        if raw.suffix in WARC_SUFFIXES:
            from .warc import documents_from_warc

            yield from documents_from_warc(raw.name, raw.data, settings)
            return
        if raw.suffix in FEED_SUFFIXES or raw.suffix == ".xml":
            from .feeds import documents_from_feed

            yield from documents_from_feed(raw.name, raw.data)
            return
        text = decode(raw.name, raw.data)
        if raw.suffix in HTML_SUFFIXES:
            from .html import document_from_html

            document = document_from_html(raw.name, text, digest)
            if raw.url:
                document.source["url"] = raw.url
            document.raw = raw.data
            yield document
            return
        if raw.suffix in TIMEML_SUFFIXES:
            from .timeml import document_from_timeml

            document = document_from_timeml(raw.name, text, digest)
            document.raw = raw.data
            yield document
            return
        source = {"path": raw.name, "sha256": digest, "format": "text"}
        if raw.url:
            source["url"] = raw.url
        yield Document(text=text, id=digest[:16], published=published_from_header(text), source=source,
                       raw=raw.data)
    except InputError as exc:
        yield exc


def _jsonl(raw: RawInput) -> Iterator[Item]:
    try:
        text = decode(raw.name, raw.data)
    except InputError as exc:
        yield exc
        return
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        where = f"{raw.name}:{number}"
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            yield InputError(where, f"not valid JSON ({exc.msg})")
            continue
        if not isinstance(record, dict) or not isinstance(record.get("text"), str) or not record["text"].strip():
            yield InputError(where, "expected an object with a non-empty \"text\" string")
            continue
        line_bytes = line.encode("utf-8")
        digest = sha256(line_bytes)
        doc_id = record.get("id")
        published = record.get("published")
        yield Document(
            text=record["text"],
            id=str(doc_id) if doc_id not in (None, "") else digest[:16],
            title=record.get("title") if isinstance(record.get("title"), str) else None,
            published=str(published) if published else published_from_header(record["text"]),
            source={k: v for k, v in {"path": where, "url": record.get("url"), "outlet": record.get("outlet"),
                                      "sha256": digest, "format": "jsonl"}.items() if v is not None},
            raw=line_bytes,
        )


def read_documents(paths: Iterable[str], settings: Settings | None = None,
                   published: str | None = None) -> Iterator[Item]:
    """Every document (or error) from the inputs, in order. ``published`` overrides every anchor date."""
    settings = settings or Settings()
    for raw in raw_inputs(paths, settings):
        if isinstance(raw, InputError):
            yield raw
            continue
        for item in documents_from(raw, settings):
            if published and isinstance(item, Document):
                item.published = published
            yield item
