"""The ASGI app factory: routes, sessions, security headers, one error shape.

Security choices, in one place: sessions are signed cookies (HttpOnly, SameSite=Lax);
every form post carries a CSRF token; the Content-Security-Policy allows scripts, styles
and images from this server only, so even a markup bug could not run a document's
script; document text is escaped by the templates' autoescape, never marked safe.
"""
from __future__ import annotations

import contextlib
import logging
import threading
from pathlib import Path

from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.middleware import Middleware
from starlette.middleware.sessions import SessionMiddleware
from starlette.requests import Request
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles

from ..errors import EventsiftError
from ..store import Store
from ..store.review import ReviewStore
from . import api, views
from .errors import status_of
from .pages import error_page

log = logging.getLogger(__name__)
STATIC = Path(__file__).parent / "static"

CSP = ("default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
       "form-action 'self'; frame-ancestors 'none'; base-uri 'none'")


class JsonSuffix:
    """``/events.json`` and ``/events/ID.json`` are the JSON twins of the pages without the suffix."""

    def __init__(self, app):
        self.app = app

    async def __call__(self, scope, receive, send):
        if scope["type"] == "http" and scope["path"].endswith(".json") and not scope["path"].startswith(("/api/", "/static/")):
            scope = dict(scope)
            scope["path"] = scope["path"][:-5] or "/"
            if scope.get("raw_path", b"").endswith(b".json"):
                scope["raw_path"] = scope["raw_path"][:-5]
            scope["eventsift.json"] = True
        await self.app(scope, receive, send)


class SecurityHeaders:
    def __init__(self, app):
        self.app = app

    async def __call__(self, scope, receive, send):
        async def send_with_headers(message):
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                headers += [(b"content-security-policy", CSP.encode()), (b"x-content-type-options", b"nosniff"),
                            (b"referrer-policy", b"same-origin"), (b"x-frame-options", b"DENY")]
                message = {**message, "headers": headers}
            await send(message)
        await self.app(scope, receive, send_with_headers if scope["type"] == "http" else send)


async def _library_error(request: Request, exc: Exception):
    status, code, message = status_of(exc)
    return error_page(request, status, code, message)


async def _http_error(request: Request, exc: HTTPException):
    code = {404: "not_found", 405: "method_not_allowed"}.get(exc.status_code, "http_error")
    message = "no such page" if exc.status_code == 404 else str(exc.detail)
    return error_page(request, exc.status_code, code, message)


async def _crash(request: Request, exc: Exception):
    log.exception("internal error on %s", request.url.path)
    return error_page(request, 500, "internal_error", "internal error; the server log has the details")


def routes() -> list:
    return [
        Route("/", views.home),
        Route("/documents", views.documents),
        Route("/documents/{doc_id:path}", views.document),
        Route("/events", views.events),
        Route("/events/{event_id:path}", views.event),
        Route("/actors/{key:path}", views.actor),
        Route("/timeline", views.timeline),
        Route("/map", views.map_page),
        Route("/clusters", views.clusters_page),
        Route("/clusters/{cluster_id}", views.cluster_page),
        Route("/audit", views.audit),
        Route("/login", views.login_form, methods=["GET", "POST"]),
        Route("/logout", views.logout, methods=["POST"]),
        Route("/review/event", views.review_event_form, methods=["POST"]),
        Route("/review/framing", views.review_framing_form, methods=["POST"]),
        Route("/review/bulk", views.review_bulk_form, methods=["POST"]),
        Route("/review/split", views.split_cluster_form, methods=["POST"]),
        Route("/api/documents", api.documents),
        Route("/api/documents/{doc_id:path}/framing", api.patch_framing, methods=["PATCH"]),
        Route("/api/documents/{doc_id:path}", api.document),
        Route("/api/events", api.events),
        Route("/api/events/{event_id:path}", api.event, methods=["GET"]),
        Route("/api/events/{event_id:path}", api.patch_event, methods=["PATCH"]),
        Route("/api/actors/{key:path}", api.actor),
        Route("/api/audit", api.audit),
        Route("/api/{rest:path}", api.not_found, methods=["GET", "POST", "PATCH", "PUT", "DELETE"]),
        Mount("/static", StaticFiles(directory=str(STATIC)), name="static"),
    ]


@contextlib.asynccontextmanager
async def _lifespan(app: Starlette):
    """While a server runs, a background thread keeps the read indexes up to date, so no
    request pays for indexing; without it (e.g. a test client) requests sync as they come."""
    stop = threading.Event()

    def loop():
        while not stop.wait(app.state.sync_interval or 2.0):
            try:
                app.state.reviews.sync_index()
            except Exception:  # noqa: BLE001 - keep serving; the next round retries
                log.exception("background index sync failed")
    worker = threading.Thread(target=loop, name="eventsift-index-sync", daemon=True)
    worker.start()
    app.state.background_sync = True
    try:
        yield
    finally:
        app.state.background_sync = False
        stop.set()
        worker.join(timeout=30)


def create_app(db: str | Store, sync_interval: float = 2.0, secret: str | None = None) -> Starlette:
    """The web app over one store (path, URL or an open :class:`Store`).

    The read indexes are brought up to date once here, then every ``sync_interval`` seconds
    (by a background thread under a server, else by the requests), so documents ingested
    meanwhile appear.
    """
    store = db if isinstance(db, Store) else Store(db)
    reviews = ReviewStore(store)
    reviews.sync_index()
    middleware = [
        Middleware(SecurityHeaders),
        Middleware(JsonSuffix),
        Middleware(SessionMiddleware, secret_key=secret or reviews.secret(), session_cookie="eventsift_session",
                   same_site="lax", max_age=12 * 3600),
    ]
    app = Starlette(routes=routes(), middleware=middleware, lifespan=_lifespan, exception_handlers={
        EventsiftError: _library_error, HTTPException: _http_error, Exception: _crash})
    app.state.reviews = reviews
    app.state.sync_interval = sync_interval
    app.state.background_sync = False
    return app
