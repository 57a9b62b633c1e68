"""The worker's timer around `flag_overdue_actions`: open improvement actions past their deadline are flagged
once, with consultation.improvement.action_overdue, by one replica at a time."""
from __future__ import annotations

import logging
import threading

from services.consultation.workflow.improvement import flag_overdue_actions
from shared.db import Database, utcnow
from shared.principal import SYSTEM

log = logging.getLogger(__name__)


def overdue_actions_loop(db: Database, interval: float):
    """Worker loop factory: a pass every `interval` seconds (Config.sweep_seconds)."""

    def loop(stop: threading.Event) -> None:
        while not stop.is_set():
            try:
                with db.leader_lock("consultation.improvement-overdue", stop=stop) as held:
                    if held:
                        with db.transaction() as session:
                            flagged = flag_overdue_actions(session, SYSTEM, utcnow())
                        if flagged:
                            log.info("improvement actions: %d flagged overdue", flagged)
            except Exception:  # noqa: BLE001 - a failed pass is retried at the next tick
                log.exception("flagging overdue improvement actions failed")
            stop.wait(interval)

    return loop
