"""INSERT ... ON CONFLICT for the dialect in use (PostgreSQL in production, SQLite in all-in-one mode)."""
from __future__ import annotations

from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session


def insert_for(session: Session):
    """The dialect's `insert` construct, which has on_conflict_do_update / do_nothing."""
    return postgresql.insert if session.get_bind().dialect.name == "postgresql" else sqlite.insert
