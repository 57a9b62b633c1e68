"""The scheduled deadline job: flags overdue reports once per stage and auto-closes silent ones (after a
follow-up, or when the citizen never gave the information asked for).

`run_deadline_sweep` is the whole rule and takes `now`, so tests drive it with a chosen
moment; `deadline_sweep_loop` is the worker's timer around it, acting as the SYSTEM principal.
"""
from __future__ import annotations

import logging
import threading
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import and_, or_, select
from sqlalchemy.orm import Session

from services.consultation.db.models import Feedback
from services.consultation.domain.report_flow import Status
from services.consultation.domain.working_days import local_date
from services.consultation.workflow import access
from services.consultation.workflow import feedback_steps as steps
from services.consultation.workflow.overdue import FOLLOW_UP, overdue_clause
from shared.db import Database, utcnow
from shared.principal import SYSTEM, Principal

log = logging.getLogger(__name__)
BATCH = 500
NO_INFORMATION = "Ditutup otomatis: informasi yang diminta tidak diberikan dalam batas waktu."


@dataclass(frozen=True)
class SweepResult:
    overdue: int
    closed: int


def _due_now(today):
    """Reports with something to do today: overdue in a stage not yet flagged, or an auto-close day reached."""
    return or_(
        and_(overdue_clause(today), or_(
            and_(Feedback.status == Status.RECEIVED, Feedback.forward_overdue_at.is_(None)),
            and_(Feedback.status.in_(FOLLOW_UP), Feedback.follow_up_overdue_at.is_(None)))),
        and_(Feedback.status == Status.RESPONDED, Feedback.auto_close_due <= today),
        # The citizen had until info_due to answer: closed the day after.
        and_(Feedback.status == Status.INFO_REQUESTED, Feedback.info_due < today),
    )


def run_deadline_sweep(session: Session, principal: Principal, now: datetime) -> SweepResult:
    """One pass at `now`, inside the caller's transaction. Repeating it emits nothing new."""
    access.require_system(principal, "run the deadline sweep")
    today = local_date(now)
    overdue = closed = 0
    while True:
        # Row locks: a staff action on the same report waits, so versions never collide.
        rows = session.execute(select(Feedback).where(_due_now(today)).order_by(Feedback.submitted_at)
                               .limit(BATCH).with_for_update(skip_locked=True)).scalars().all()
        for fb in rows:
            if fb.status == Status.RESPONDED:
                steps.close(session, principal, now, fb, None)
                closed += 1
            elif fb.status == Status.INFO_REQUESTED:
                steps.close(session, principal, now, fb, NO_INFORMATION)
                closed += 1
            else:
                stage = "forward" if fb.status == Status.RECEIVED else "follow_up"
                steps.mark_overdue(session, principal, now, fb, stage)
                overdue += 1
        session.flush()
        if len(rows) < BATCH:
            return SweepResult(overdue, closed)


def deadline_sweep_loop(db: Database, interval: float):
    """Worker loop factory: sweep every `interval` seconds (Config.sweep_seconds), one replica at a time."""

    def loop(stop: threading.Event) -> None:
        while not stop.is_set():
            try:
                with db.leader_lock("consultation.deadline-sweep", stop=stop) as held:
                    if held:
                        with db.transaction() as session:
                            result = run_deadline_sweep(session, SYSTEM, utcnow())
                        if result.overdue or result.closed:
                            log.info("deadline sweep: %d overdue, %d auto-closed", result.overdue, result.closed)
            except Exception:  # noqa: BLE001 - a failed pass is retried at the next tick
                log.exception("deadline sweep failed")
            stop.wait(interval)

    return loop
