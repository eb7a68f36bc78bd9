"""The JSON API under /api: reads open like the pages, writes need the reviewer role.

Bodies and answers are JSON; every error is ``{"error": {"status", "code", "message"}}``.
"""
from __future__ import annotations

import json

from starlette.requests import Request
from starlette.responses import JSONResponse

from ..store import review_queries as q
from .auth import check_csrf, require
from .errors import HTTPError
from .pages import int_param
from .views import review_store_of, event_filters


async def _json_body(request: Request):
    if "application/json" not in request.headers.get("content-type", ""):
        raise HTTPError("send the body as JSON (Content-Type: application/json)", status=415, code="unsupported_media_type")
    raw = await request.body()
    if len(raw) > 100_000:
        raise HTTPError("body too large", status=413, code="too_large")
    try:
        return json.loads(raw)
    except ValueError as exc:
        raise HTTPError(f"body is not valid JSON: {exc}", code="invalid_json") from None


def _page(request: Request) -> dict:
    return {"limit": int_param(request, "limit", 50, 1, q.MAX_LIMIT), "offset": int_param(request, "offset", 0)}


def documents(request: Request):
    p = request.query_params
    found = q.search_documents(review_store_of(request), q=p.get("q"), outlet=p.get("outlet"),
                               date_from=p.get("from"), date_to=p.get("to"), **_page(request))
    return JSONResponse(found)


def document(request: Request):
    return JSONResponse(review_store_of(request).reviewed_document(request.path_params["doc_id"]))


def events(request: Request):
    return JSONResponse(q.list_events(review_store_of(request), **_page(request), **event_filters(request)))


def event(request: Request):
    return JSONResponse(q.event_with_reports(review_store_of(request), request.path_params["event_id"]))


def actor(request: Request):
    return JSONResponse(q.actor_profile(review_store_of(request), request.path_params["key"]))


async def patch_event(request: Request):
    user = require(request, "reviewer")
    check_csrf(request, request.headers.get("x-csrf-token"))
    body = await _json_body(request)
    return JSONResponse(request.app.state.reviews.review_event(request.path_params["event_id"], body, user))


async def patch_framing(request: Request):
    user = require(request, "reviewer")
    check_csrf(request, request.headers.get("x-csrf-token"))
    body = await _json_body(request)
    return JSONResponse(request.app.state.reviews.review_framing(request.path_params["doc_id"], body, user))


def audit(request: Request):
    require(request, "admin")
    page = _page(request)
    rows = request.app.state.reviews.audit(limit=page["limit"], offset=page["offset"],
                                           target=request.query_params.get("target") or None)
    return JSONResponse({"items": rows})


def not_found(request: Request):
    raise HTTPError(f"no API endpoint {request.url.path}", status=404, code="not_found")
