"""The review web app: server-rendered pages, each with a JSON twin, and a JSON API.

``create_app(db)`` returns an ASGI app (Starlette); ``eventsift serve`` runs it with uvicorn.
"""
from .app import create_app

__all__ = ["create_app"]
