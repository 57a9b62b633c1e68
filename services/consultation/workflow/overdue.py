"""When a report is overdue: past the deadline of the stage it is in. One rule for SQL filters and Python views."""
from __future__ import annotations

from datetime import date

from sqlalchemy import and_, or_

from services.consultation.db.models import Feedback
from services.consultation.domain.feedback import FeedbackStatus


def overdue_clause(today: date):
    """SQL: not forwarded past its forwarding deadline, or forwarded and not followed up past its own."""
    return or_(
        and_(Feedback.status == FeedbackStatus.RECEIVED, Feedback.forward_due < today),
        and_(Feedback.status == FeedbackStatus.FORWARDED, Feedback.follow_up_due < today),
    )


def is_overdue(fb: Feedback, today: date) -> bool:
    if fb.status == FeedbackStatus.RECEIVED:
        return fb.forward_due < today
    if fb.status == FeedbackStatus.FORWARDED:
        return fb.follow_up_due is not None and fb.follow_up_due < today
    return False
