"""What every reader does with an input's bytes first: hash them and decode them as UTF-8."""
from __future__ import annotations

import hashlib

from ..errors import InputError


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def decode(name: str, data: bytes) -> str:
    """UTF-8 text, or an InputError that says why not."""
    if not data.strip():
        raise InputError(name, "empty input")
    if b"\x00" in data[:8192]:
        raise InputError(name, "binary file (contains NUL bytes), not text")
    try:
        return data.decode("utf-8-sig" if data.startswith(b"\xef\xbb\xbf") else "utf-8")
    except UnicodeDecodeError as exc:
        raise InputError(name, f"not valid UTF-8 (byte {exc.start})") from None
