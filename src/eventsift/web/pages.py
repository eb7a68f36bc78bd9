"""Rendering shared by every page: the HTML page and its JSON twin come from one view.

A view builds one JSON-ready ``data`` dict. ``respond`` sends it as JSON when the address
ends in ``.json`` (see ``JsonSuffix`` in app.py) or the client asks for JSON, else renders
the template with ``data`` plus page-only extras (highlight segments, chart geometry).
"""
from __future__ import annotations

from pathlib import Path
from urllib.parse import quote, urlencode

from jinja2 import Environment, FileSystemLoader, select_autoescape
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse

from .auth import csrf_token, current_user
from .charts import colour
from .errors import HTTPError, error_body

TEMPLATES = Path(__file__).parent / "templates"

env = Environment(loader=FileSystemLoader(str(TEMPLATES)), autoescape=select_autoescape(["html", "svg"], default=True),
                  trim_blocks=True, lstrip_blocks=True)
env.filters["u"] = lambda value: quote(str(value), safe="")
env.filters["colour"] = colour
env.globals["urlencode"] = lambda params: urlencode({k: v for k, v in params.items() if v not in (None, "")})


def safe_url(url: str | None) -> str | None:
    """Only http(s) addresses become links; anything else (javascript:, data:) stays text."""
    return url if isinstance(url, str) and url.lower().startswith(("http://", "https://")) else None


env.filters["safe_url"] = safe_url


def wants_json(request: Request) -> bool:
    if request.scope.get("eventsift.json"):
        return True
    accept = request.headers.get("accept", "")
    return "application/json" in accept and "text/html" not in accept


def respond(request: Request, template: str, data: dict, extra: dict | None = None, status: int = 200):
    if wants_json(request):
        return JSONResponse(data, status_code=status)
    user = current_user(request)
    context = {**data, **(extra or {}), "data": data, "user": user, "csrf": csrf_token(request),
               "path": request.url.path, "query": dict(request.query_params)}
    return HTMLResponse(env.get_template(template).render(context), status_code=status)


def error_page(request: Request, status: int, code: str, message: str):
    body = error_body(status, code, message)
    if wants_json(request) or request.url.path.startswith("/api/"):
        return JSONResponse(body, status_code=status)
    try:
        user = current_user(request)
    except HTTPError:
        user = None
    html = env.get_template("error.html").render({**body["error"], "user": user, "csrf": csrf_token(request),
                                                  "path": request.url.path, "query": {}})
    return HTMLResponse(html, status_code=status)


def int_param(request: Request, name: str, default: int, low: int = 0, high: int = 10**9) -> int:
    value = request.query_params.get(name)
    if value in (None, ""):
        return default
    try:
        number = int(value)
    except ValueError:
        raise HTTPError(f"{name} must be a whole number, not {value!r}") from None
    if not low <= number <= high:
        raise HTTPError(f"{name} must be between {low} and {high}")
    return number


def date_param(request: Request, name: str) -> str | None:
    import re

    value = request.query_params.get(name) or None
    if value and not re.fullmatch(r"\d{4}(-\d{2}(-\d{2})?)?", value):
        raise HTTPError(f"{name} must be a date like 2020-01-05 (or 2020-01, 2020)")
    return value
