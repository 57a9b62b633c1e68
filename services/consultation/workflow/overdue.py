"""When a report is overdue, and its next deadline: one rule for SQL filters and Python views.

Staff clocks run in three statuses: verification (received: forward_due) and the follow-up
(forwarded, escalated: follow_up_due). A report waiting for the citizen is paused and never
overdue; a responded one waits for the citizen until its auto-close day.
"""
from __future__ import annotations

from datetime import date

from sqlalchemy import and_, case, or_

from services.consultation.db.models import Feedback
from services.consultation.domain.report_flow import Status

FOLLOW_UP = (Status.FORWARDED.value, Status.ESCALATED.value)
STAFF_CLOCKS = (Status.RECEIVED.value, *FOLLOW_UP)


def overdue_clause(today: date):
    """SQL: not forwarded past its forwarding deadline, or not followed up past its own."""
    return or_(
        and_(Feedback.status == Status.RECEIVED, Feedback.forward_due < today),
        and_(Feedback.status.in_(FOLLOW_UP), Feedback.follow_up_due < today),
    )


def next_due_column():
    """SQL: the day the report's current stage is due (None once closed)."""
    return case((Feedback.status == Status.RECEIVED, Feedback.forward_due),
                (Feedback.status.in_(FOLLOW_UP), Feedback.follow_up_due),
                (Feedback.status == Status.INFO_REQUESTED, Feedback.info_due),
                (Feedback.status == Status.RESPONDED, Feedback.auto_close_due), else_=None)


def next_due(fb: Feedback) -> date | None:
    return {Status.RECEIVED: fb.forward_due, Status.FORWARDED: fb.follow_up_due, Status.ESCALATED: fb.follow_up_due,
            Status.INFO_REQUESTED: fb.info_due, Status.RESPONDED: fb.auto_close_due}.get(Status(fb.status))


def is_overdue(fb: Feedback, today: date) -> bool:
    if fb.status == Status.RECEIVED:
        return fb.forward_due < today
    if fb.status in FOLLOW_UP:
        return fb.follow_up_due is not None and fb.follow_up_due < today
    return False
