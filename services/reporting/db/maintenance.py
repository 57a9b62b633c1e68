"""Planner statistics after bulk loads.

The batch lookups (`key IN (...500 keys...)`) choose an index only once PostgreSQL knows the key
columns are unique; on a table it has never analyzed it guesses a seq scan, whose cost grows
with the table. Autovacuum analyzes new tables within a minute or so; a rebuild (a bulk load)
and a server that runs without autovacuum need an explicit ANALYZE.
"""
from __future__ import annotations

from sqlalchemy import text

from shared.db import Database


def autovacuum_on(db: Database) -> bool:
    if not db.is_postgres:
        return True
    with db.engine.connect() as conn:
        return conn.execute(text("SHOW autovacuum")).scalar() == "on"


def analyze(db: Database) -> None:
    """Refresh the planner's statistics of every table of the service's database (PostgreSQL only)."""
    if db.is_postgres:
        with db.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
            conn.execute(text("ANALYZE"))
