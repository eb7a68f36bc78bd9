"""The store: documents, their raw-bytes hash and their analysis, in SQLite by default."""
from .db import Store

__all__ = ["Store"]
