"""Schema changes shared by the corpus and web migrations."""
from __future__ import annotations

from sqlalchemy import inspect, text


def add_column(connection, table: str, column: str, sql_type: str) -> None:
    """``ALTER TABLE ... ADD COLUMN`` unless a fresh store already made the table with the column."""
    if column not in {c["name"] for c in inspect(connection).get_columns(table)}:
        connection.execute(text(f"ALTER TABLE {table} ADD COLUMN {column} {sql_type}"))
