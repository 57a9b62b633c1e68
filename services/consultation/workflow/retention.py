"""Retention: once a closed report is past FEEDBACK_RETENTION_DAYS, its personal data and files are erased.

`purge_expired` is the rule and takes `now`, so tests drive it with a chosen moment; `retention_loop`
is the worker's timer around it, as the SYSTEM principal, one replica at a time. What is erased
and what stays: docs/complaints.md, 'Retention'.
"""
from __future__ import annotations

import logging
import threading
from datetime import datetime

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from services.consultation.db.models import Feedback, FeedbackAttachment, MailNotification
from services.consultation.domain.report_flow import Status
from services.consultation.domain.retention import Retention
from services.consultation.workflow import access
from services.consultation.workflow import feedback_steps as steps
from services.consultation.workflow.attachment_files import AttachmentStore
from shared.db import Database, utcnow
from shared.principal import SYSTEM, Principal

log = logging.getLogger(__name__)
BATCH = 200


def purge_expired(session: Session, principal: Principal, now: datetime, retention: Retention,
                  store: AttachmentStore) -> int:
    """Erase the reports closed before the retention period, in the caller's transaction; returns how many."""
    access.require_system(principal, "erase reports past their retention")
    reports = session.execute(
        select(Feedback).where(Feedback.status == Status.CLOSED.value, Feedback.purged_at.is_(None),
                               Feedback.closed_at < retention.closed_before(now))
        .order_by(Feedback.closed_at).limit(BATCH).with_for_update(skip_locked=True)).scalars().all()
    for fb in reports:
        for attachment_id in session.execute(select(FeedbackAttachment.id)
                                             .where(FeedbackAttachment.feedback_id == fb.id)).scalars():
            store.delete_after_commit(session, attachment_id)
        session.execute(delete(FeedbackAttachment).where(FeedbackAttachment.feedback_id == fb.id))
        session.execute(delete(MailNotification).where(MailNotification.feedback_id == fb.id))
        steps.purge(session, principal, now, fb)
    return len(reports)


def retention_loop(db: Database, config, interval: float = 3600.0):
    """Worker loop factory: erase what is past its retention, hourly, one replica at a time."""
    store = AttachmentStore(config.attachments_dir)

    def loop(stop: threading.Event) -> None:
        while not stop.is_set():
            try:
                with db.leader_lock("consultation.retention", stop=stop) as held:
                    if held:
                        with db.transaction() as session:
                            erased = purge_expired(session, SYSTEM, utcnow(), config.retention, store)
                        if erased:
                            log.info("retention: %d reports erased", erased)
            except Exception:  # noqa: BLE001 - a failed pass is retried at the next tick
                log.exception("retention pass failed")
            stop.wait(interval)

    return loop
