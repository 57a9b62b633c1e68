"""Event-carried state, versioned by `sequence`: the pattern every "latest state of X" projection shares."""
from __future__ import annotations

from sqlalchemy import Row, Table, and_, insert, select, update
from sqlalchemy.orm import Session


def _where(table: Table, key: dict):
    return and_(*(table.c[name] == value for name, value in key.items()))


def current_state(session: Session, table: Table, key: dict) -> Row | None:
    """The stored row, locked until commit, so that a competing replica cannot interleave a stale delta."""
    return session.execute(select(table).where(_where(table, key)).with_for_update()).first()


def is_stale(old: Row | None, sequence: int) -> bool:
    """True when a newer (or the same) state is already stored: a late or repeated event changes nothing."""
    return old is not None and old.sequence >= sequence


def store_state(session: Session, table: Table, old: Row | None, key: dict, values: dict) -> None:
    if old is None:
        session.execute(insert(table).values(**key, **values))
    else:
        session.execute(update(table).where(_where(table, key)).values(**values))
