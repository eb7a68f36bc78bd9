"""HTTP errors and the one JSON shape every error answer has.

``{"error": {"status": 404, "code": "not_found", "message": "..."}}`` — for the API, for
JSON twins of pages, and (rendered as a page) for browsers.
"""
from __future__ import annotations

from ..errors import EventsiftError, NotFound, StoreError
from ..review import ReviewError


class HTTPError(EventsiftError):
    status = 400
    code = "bad_request"

    def __init__(self, message: str, status: int | None = None, code: str | None = None):
        super().__init__(message)
        self.status = status or self.status
        self.code = code or self.code


class Unauthorized(HTTPError):
    status, code = 401, "unauthorized"


class Forbidden(HTTPError):
    status, code = 403, "forbidden"


def status_of(exc: Exception) -> tuple[int, str, str]:
    """(HTTP status, code, message) for any exception; unknown ones hide their details."""
    if isinstance(exc, HTTPError):
        return exc.status, exc.code, str(exc)
    if isinstance(exc, NotFound):
        return 404, "not_found", str(exc)
    if isinstance(exc, ReviewError):
        return 422, "invalid_review", str(exc)
    if isinstance(exc, StoreError):
        return 503, "store_unavailable", str(exc)
    if isinstance(exc, EventsiftError):
        return 400, "bad_request", str(exc)
    return 500, "internal_error", "internal error; the server log has the details"


def error_body(status: int, code: str, message: str) -> dict:
    return {"error": {"status": status, "code": code, "message": message}}
