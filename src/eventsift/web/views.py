"""The pages: /, /documents, /documents/{id}, /events, /events/{id}, /actors/{id}, /timeline,
/map, /clusters, /clusters/{id}, /audit, and the login/logout, review and split form posts. Thin: each calls the query
module or the review store and hands the result to ``respond``."""
from __future__ import annotations

from starlette.requests import Request
from starlette.responses import RedirectResponse

import logging

from ..errors import StoreError
from ..model import EVENT_TYPES, STATUSES
from ..review import EDITABLE_FIELDS
from ..store import review_queries as q
from .auth import check_csrf, current_user, require
from .charts import TYPE_COLOURS, map_points, timeline_bars
from .errors import HTTPError
from .highlight import LAYERS, annotations, segments
from .pages import date_param, int_param, respond, wants_json

PAGE = 50
log = logging.getLogger(__name__)


def review_store_of(request: Request):
    rs = request.app.state.reviews
    if request.app.state.background_sync:
        return rs
    try:
        rs.sync_index(max_docs=500, min_interval=request.app.state.sync_interval)
    except StoreError:
        log.warning("index not brought up to date (store busy); serving what is indexed")
    return rs


def event_filters(request: Request) -> dict:
    p = request.query_params
    return {"actor": p.get("actor") or None, "place": p.get("place") or None, "type": p.get("type") or None,
            "date_from": date_param(request, "from"), "date_to": date_param(request, "to"),
            "status": p.get("status") or None, "state": p.get("state") or None, "doc": p.get("doc") or None}


def home(request: Request):
    rs = review_store_of(request)
    docs = q.search_documents(rs, limit=10)
    events = q.list_events(rs, limit=1)
    reviewed = q.list_events(rs, limit=1, state="corrected")["total"] + q.list_events(rs, limit=1, state="accepted")["total"]
    data = {"documents": docs["total"], "events": events["total"], "reviewed_events": reviewed,
            "recent": docs["items"]}
    return respond(request, "home.html", data)


def documents(request: Request):
    rs = review_store_of(request)
    page = int_param(request, "page", 1, 1)
    p = request.query_params
    filters = {"q": p.get("q") or None, "outlet": p.get("outlet") or None,
               "date_from": date_param(request, "from"), "date_to": date_param(request, "to")}
    found = q.search_documents(rs, limit=PAGE, offset=(page - 1) * PAGE, **filters)
    data = {"filters": filters, "page": page, "per_page": PAGE, **found}
    return respond(request, "documents.html", data, {"outlets": q.outlets(rs)})


def document(request: Request):
    rs = review_store_of(request)
    doc = rs.reviewed_document(request.path_params["doc_id"])
    if wants_json(request):  # the twin is the reviewed contract JSON; highlighting is for the page only
        return respond(request, "document.html", doc)
    notes = annotations(doc)
    counts = {layer: sum(1 for n in notes if n["layer"] == layer and n["part"] in (None, "content")) for layer in LAYERS}
    extra = {"segments": segments(doc.get("text") or "", notes), "notes": notes, "layers": LAYERS, "counts": counts,
             "actors_by_id": {a["id"]: a for a in doc.get("actors", [])}, "actor_keys": q.actor_keys_of(rs, doc)}
    return respond(request, "document.html", doc, extra)


def events(request: Request):
    rs = review_store_of(request)
    page = int_param(request, "page", 1, 1)
    filters = event_filters(request)
    found = q.list_events(rs, limit=PAGE, offset=(page - 1) * PAGE, **filters)
    data = {"filters": filters, "page": page, "per_page": PAGE, **found}
    return respond(request, "events.html", data, {"event_types": EVENT_TYPES, "statuses": STATUSES})


def event(request: Request):
    rs = review_store_of(request)
    data = q.event_with_reports(rs, request.path_params["event_id"])
    extra = {"event_types": EVENT_TYPES, "statuses": STATUSES, "fields": EDITABLE_FIELDS}
    return respond(request, "event.html", data, extra)


def actor(request: Request):
    data = q.actor_profile(review_store_of(request), request.path_params["key"])
    return respond(request, "actor.html", data)


def timeline(request: Request):
    filters = event_filters(request)
    data = {"filters": filters, **q.timeline(review_store_of(request), **filters)}
    return respond(request, "timeline.html", data, {"chart": timeline_bars(data["months"]), "colours": TYPE_COLOURS})


def clusters_page(request: Request):
    """Same event, many reports: the clusters of two or more documents, most corroborated first."""
    from ..corpus.cluster import list_clusters

    show_all = request.query_params.get("all") == "1"
    rows = list_clusters(request.app.state.reviews.store, min_documents=1 if show_all else 2, limit=500)
    return respond(request, "clusters.html", {"all": show_all, "clusters": rows})


def cluster_page(request: Request):
    """One cluster: its reports side by side with their evidence, why they were joined, where they disagree."""
    from ..corpus.cluster import DISPUTED, cluster_view

    view = cluster_view(request.app.state.reviews.store, request.path_params["cluster_id"], rebuild=False)
    disputed = {field for field, label in DISPUTED if label in view["disagreements"]}
    return respond(request, "cluster.html", view, {"rows": REPORT_ROWS, "disputed": disputed})


#: The rows of the side-by-side table: label, report key, evidence key.
REPORT_ROWS = [("type", "sub_event_type", "trigger"), ("status", "status", "said_by"), ("date", "date", "date"),
               ("place", "location", "location"), ("country", "country", None), ("killed", "fatalities", "fatalities"),
               ("injured", "injured", "injured"), ("who", "actor1", "actor1"), ("to whom", "actor2", "actor2"),
               ("who says so", "said_by", "said_by")]


async def split_cluster_form(request: Request):
    """A reviewer moves the ticked reports out of a cluster; the split holds on every later rebuild."""
    user = require(request, "reviewer")
    form = await request.form()
    check_csrf(request, form.get("csrf") if isinstance(form.get("csrf"), str) else None)
    cid = form.get("cluster_id") if isinstance(form.get("cluster_id"), str) else ""
    refs = [v for v in form.getlist("ref") if isinstance(v, str)]
    if not cid or not refs:
        raise HTTPError("tick the reports that describe another event", status=422, code="invalid_split")
    try:
        parts = request.app.state.reviews.split_cluster(cid, refs, user)
    except StoreError as exc:
        raise HTTPError(str(exc), status=422, code="invalid_split") from None
    return _back(f"/clusters/{_quote(parts[0])}" if parts else "/clusters")


def map_page(request: Request):
    filters = event_filters(request)
    data = {"filters": filters, **q.map_points(review_store_of(request), **filters)}
    return respond(request, "map.html", data, {"chart": map_points(data["places"])})


def audit(request: Request):
    require(request, "admin")
    page = int_param(request, "page", 1, 1)
    rows = request.app.state.reviews.audit(limit=PAGE, offset=(page - 1) * PAGE,
                                           target=request.query_params.get("target") or None)
    return respond(request, "audit.html", {"page": page, "items": rows})


# ------------------------------------------------------------------ forms

async def _form(request: Request) -> dict:
    form = await request.form()
    values = {k: v for k, v in form.items() if isinstance(v, str)}
    check_csrf(request, values.get("csrf"))
    return values


def _back(url: str) -> RedirectResponse:
    return RedirectResponse(url, status_code=303)


async def login_form(request: Request):
    if request.method == "GET":
        return respond(request, "login.html", {"next": _local(request.query_params.get("next"))})
    values = await _form(request)
    user = request.app.state.reviews.user_for_token(values.get("token", "").strip())
    if user is None:
        return respond(request, "login.html", {"next": _local(values.get("next")), "error": "unknown token"}, status=401)
    request.session.clear()  # a fresh session and CSRF token for the logged-in user
    request.session["user"] = user["name"]
    return _back(_local(values.get("next")))


async def logout(request: Request):
    await _form(request)
    request.session.clear()
    return _back("/")


def _local(url: str | None) -> str:
    """Only same-site paths as redirect targets (no //host or scheme)."""
    return url if url and url.startswith("/") and not url.startswith("//") and "\\" not in url else "/"


def _correction_body(values: dict) -> dict:
    """The HTML review form as a PATCH body: empty inputs mean 'leave as is'."""
    body: dict = {}
    action = values.get("action")
    if action in ("accept", "reject", "reopen"):
        body["review"] = action
    for field in ("status", "event_type", "sub_event_type", "date", "actor1", "actor2", "location"):
        if values.get(field, "").strip():
            body[field] = values[field].strip()
    for field in ("fatalities", "injured"):
        raw = values.get(field, "").strip()
        if raw:
            if not raw.isdigit():
                raise HTTPError(f"{field}: a whole number", status=422, code="invalid_review")
            body[field] = {"best": int(raw)}
    rejected = [f for f in EDITABLE_FIELDS if values.get(f"reject_{f}")]
    if rejected:
        body["reject_fields"] = rejected
    if values.get("note", "").strip():
        body["note"] = values["note"].strip()
    if not body:
        raise HTTPError("nothing to save: choose a verdict or fill in a field", status=422, code="invalid_review")
    return body


async def review_event_form(request: Request):
    user = require(request, "reviewer")
    values = await _form(request)
    event_id = values.get("event_id", "")
    request.app.state.reviews.review_event(event_id, _correction_body(values), user)
    return _back(f"/events/{_quote(event_id)}")


async def review_bulk_form(request: Request):
    """Accept or reject several events at once (ticked on the events page)."""
    user = require(request, "reviewer")
    form = await request.form()
    check_csrf(request, form.get("csrf") if isinstance(form.get("csrf"), str) else None)
    action = form.get("action")
    ids = [v for v in form.getlist("event_id") if isinstance(v, str)]
    if action not in ("accept", "reject") or not ids:
        raise HTTPError("tick some events and choose accept or reject", status=422, code="invalid_review")
    if len(ids) > 500:
        raise HTTPError("at most 500 events at once", status=422, code="invalid_review")
    for event_id in ids:
        request.app.state.reviews.review_event(event_id, {"review": action}, user)
    back = form.get("back")
    return _back(_local(back if isinstance(back, str) else "/events"))


async def review_framing_form(request: Request):
    user = require(request, "reviewer")
    values = await _form(request)
    doc_id = values.get("doc_id", "")
    try:
        body = {"start": int(values.get("start", "")), "end": int(values.get("end", "")),
                "technique": values.get("technique", ""), "review": values.get("review")}
    except ValueError:
        raise HTTPError("start and end must be numbers", status=422, code="invalid_review") from None
    request.app.state.reviews.review_framing(doc_id, body, user)
    return _back(f"/documents/{_quote(doc_id)}#framing")


def _quote(value: str) -> str:
    from urllib.parse import quote

    return quote(value, safe="")


__all__ = ["home", "documents", "document", "events", "event", "actor", "timeline", "map_page", "audit",
           "clusters_page", "cluster_page", "split_cluster_form",
           "login_form", "logout", "review_event_form", "review_bulk_form", "review_framing_form", "current_user"]
