"""Report revisions: every applied event bumps the revision of each report it touches.

Handlers call `touch()`; the bumps of a whole consumer batch are summed in the session and
written with one upsert just before the batch commits, so the cost per event stays constant
and the bump commits (or rolls back) with the event that caused it.
"""
from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from sqlalchemy import case, event
from sqlalchemy.orm import Session

from services.reporting.db.models import ReportRevision
from services.reporting.db.upsert import insert_for
from services.reporting.domain.periods import Period

CITY = "CITY"
_PENDING = "reporting.touched"
_LISTENING = "reporting.touch_listeners"


def touch(session: Session, departments: Iterable[str | None], periods: Iterable[Period],
          event_time: datetime) -> None:
    """Record that an applied event changed these departments' (and so the city's) reports for these periods."""
    if not session.info.get(_LISTENING):
        event.listen(session, "before_commit", _write_revisions)
        event.listen(session, "after_rollback", _forget)
        session.info[_LISTENING] = True
    pending = session.info.setdefault(_PENDING, {})
    scopes = {code for code in departments if code} | {CITY}
    for scope in scopes:
        for label in {p.label for p in periods}:
            count, latest = pending.get((scope, label), (0, event_time))
            pending[(scope, label)] = (count + 1, max(latest, event_time))


def _forget(session: Session) -> None:
    session.info.pop(_PENDING, None)


def _write_revisions(session: Session) -> None:
    pending = session.info.pop(_PENDING, None)
    if not pending:
        return
    table = ReportRevision.__table__
    stmt = insert_for(session)(table)
    stmt = stmt.on_conflict_do_update(
        index_elements=[table.c.scope, table.c.period],
        set_={"revision": table.c.revision + stmt.excluded.revision,
              "as_of": case((stmt.excluded.as_of > table.c.as_of, stmt.excluded.as_of), else_=table.c.as_of)},
    )
    # Sorted, so that two replicas committing at once lock the rows in the same order (no deadlock).
    rows = [{"scope": scope, "period": label, "revision": count, "as_of": latest}
            for (scope, label), (count, latest) in sorted(pending.items())]
    session.execute(stmt, rows)
