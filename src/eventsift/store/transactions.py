"""The one way anything writes to the store: a function run in one transaction, retried while SQLite is busy.

Documents, derived rows, clusters, reviews, users and the web's indexes all go
through :func:`write`, so every write has the same discipline: all of it lands
or none of it does; on SQLite the write lock is taken up front (``BEGIN
IMMEDIATE``), so two writers queue instead of failing half-way on a lock upgrade;
a database that stays locked gives one clear error instead of a traceback.
"""
from __future__ import annotations

import time
from typing import Callable, TypeVar

from sqlalchemy.engine import Connection, Engine
from sqlalchemy.exc import OperationalError

from ..errors import StoreError

T = TypeVar("T")
ATTEMPTS = 6


def write(engine: Engine, work: Callable[[Connection], T]) -> T:
    """``work(conn)`` in one write transaction; its result is returned once the transaction has committed."""
    for attempt in range(ATTEMPTS):
        try:
            with engine.begin() as conn:
                if engine.dialect.name == "sqlite":
                    conn.exec_driver_sql("BEGIN IMMEDIATE")
                return work(conn)
        except OperationalError as exc:
            if "locked" not in str(exc) or attempt == ATTEMPTS - 1:
                raise StoreError(f"store is busy, try again later ({exc.orig})") from None
            time.sleep(0.2 * (attempt + 1))
    raise AssertionError("unreachable")
