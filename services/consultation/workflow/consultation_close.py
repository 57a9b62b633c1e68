"""The scheduled closing of consultations: a round closes on the day after its closing date, with its event.

`close_due_consultations` is the whole rule and takes `now`, so tests drive it with a chosen
moment; `consultation_close_loop` is the worker's timer around it, acting as the SYSTEM
principal, on one replica at a time (a leader lock).
"""
from __future__ import annotations

import logging
import threading
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from services.consultation.db.models import Policy
from services.consultation.domain.consultation_round import RoundRules, due_to_close
from services.consultation.domain.policy_lifecycle import PolicyState
from services.consultation.domain.working_days import local_date
from services.consultation.workflow import access
from services.consultation.workflow.policy_moves import take_move
from shared.db import Database, utcnow
from shared.principal import SYSTEM, Principal

log = logging.getLogger(__name__)
REASON = "Batas waktu konsultasi publik berakhir."


def close_due_consultations(session: Session, principal: Principal, now: datetime) -> list[str]:
    """Close every round whose closing date has passed (WIB), inside the caller's transaction; their codes."""
    access.require_round_closer(principal)
    today = local_date(now)
    # Row locks: a staff move on the same policy waits, and a second replica skips what this one holds.
    due = session.execute(select(Policy).where(Policy.state == PolicyState.IN_CONSULTATION.value,
                                               Policy.closes_on < today)
                          .order_by(Policy.closes_on, Policy.code).with_for_update(skip_locked=True)).scalars().all()
    closed = []
    for policy in due:
        if due_to_close(today, policy.closes_on):
            take_move(session, principal, now, policy, PolicyState.CONSULTATION_CLOSED.value, REASON,
                      rounds=RoundRules())
            closed.append(policy.code)
    session.flush()
    return closed


def consultation_close_loop(db: Database, interval: float):
    """Worker loop factory: look for rounds to close every `interval` seconds, one replica at a time."""

    def loop(stop: threading.Event) -> None:
        while not stop.is_set():
            try:
                with db.leader_lock("consultation.close-rounds", stop=stop) as held:
                    if held:
                        with db.transaction() as session:
                            closed = close_due_consultations(session, SYSTEM, utcnow())
                        if closed:
                            log.info("consultations closed at their closing date: %s", ", ".join(closed))
            except Exception:  # noqa: BLE001 - a failed pass is retried at the next tick
                log.exception("closing consultations failed")
            stop.wait(interval)

    return loop
