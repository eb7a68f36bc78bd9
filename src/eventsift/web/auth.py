"""Who is asking: bearer tokens for the API, signed-cookie sessions for browsers, CSRF tokens.

Sessions are Starlette's signed cookies (itsdangerous); they hold only the user's name and
the session's CSRF token, and the user's role is looked up again on every request, so a
changed role takes effect at once. A request carrying a bearer token is not
cookie-authenticated and so needs no CSRF token; every form post and every cookie-
authenticated API write does.
"""
from __future__ import annotations

import secrets

from starlette.requests import Request

from ..store.review import has_role
from .errors import Forbidden, Unauthorized


def current_user(request: Request) -> dict | None:
    """The user behind a bearer token, else behind the browser session, else None."""
    if "eventsift.user" in request.scope:
        return request.scope["eventsift.user"]
    rs = request.app.state.reviews
    header = request.headers.get("authorization", "")
    user = None
    if header:
        scheme, _, token = header.partition(" ")
        if scheme.lower() != "bearer" or not token.strip():
            raise Unauthorized("use the header Authorization: Bearer TOKEN")
        user = rs.user_for_token(token.strip())
        if user is None:
            raise Unauthorized("unknown or revoked token")
        user = {**user, "via": "token"}
    elif request.session.get("user"):
        found = rs.user(request.session["user"])
        user = {**found, "via": "session"} if found else None
    request.scope["eventsift.user"] = user
    return user


def require(request: Request, role: str) -> dict:
    """The current user if it has ``role`` (or a higher one); 401 when nobody is logged in, else 403."""
    user = current_user(request)
    if user is None:
        raise Unauthorized(f"log in or send a token: this needs the {role} role")
    if not has_role(user, role):
        raise Forbidden(f"user {user['name']} is a {user['role']}; this needs the {role} role")
    return user


def csrf_token(request: Request) -> str:
    token = request.session.get("csrf")
    if not token:
        token = request.session["csrf"] = secrets.token_urlsafe(32)
    return token


def check_csrf(request: Request, given: str | None) -> None:
    """Refuse a cookie-authenticated write whose CSRF token is missing or wrong."""
    user = current_user(request)
    if user is not None and user.get("via") == "token":
        return
    expected = request.session.get("csrf")
    if not expected or not given or not secrets.compare_digest(expected, given):
        raise Forbidden("the form is out of date or was not sent by this site (CSRF check); reload the page", code="csrf")
