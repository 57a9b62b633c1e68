"""The follow-up of a citizen's report, step by step (SP4N-LAPOR!): each step is a history row and one event.

Every step bumps the report's version (the event sequence), writes a history row that the
tracking page may show, and records the event in the same transaction. These are the state
changes only: the use cases around them (workflow/feedback.py, followup.py, deadline_sweep.py)
decide who may take them.
"""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from services.consultation.db.models import Feedback, FeedbackHistory
from services.consultation.domain.deadlines import Deadlines
from services.consultation.domain.feedback import (
    AnswerError,
    AnswerOutcome,
    FeedbackStatus,
    FeedbackTransitionError,
    allowed_moves,
    check_answer,
    check_transition,
    new_tracking_id,
)
from services.consultation.domain.working_days import local_date
from services.consultation.events import emit, feedback_payload
from shared.errors import Conflict, Invalid
from shared.principal import Principal


def _record(session: Session, fb: Feedback, action: str, principal: Principal, now: datetime, *,
            event: str | None, public_note: str | None = None, internal_note: str | None = None) -> Feedback:
    fb.version += 1
    session.add(FeedbackHistory(feedback_id=fb.id, feedback_version=fb.version, action=action, status=fb.status,
                                actor=principal.subject, actor_name=principal.display_name,
                                actor_role=principal.role, public_note=public_note, internal_note=internal_note,
                                at=now))
    if event:
        emit(session, f"consultation.feedback.{event}", fb.id, feedback_payload(fb, now), fb.version)
    return fb


def _move(fb: Feedback, target: FeedbackStatus, reason: str | None = None) -> str:
    try:
        return check_transition(fb.status, target, reason).value
    except FeedbackTransitionError as exc:
        raise Conflict(str(exc), allowed=allowed_moves(fb.status),
                       indonesian="Laporan ini tidak dapat diproses pada tahap ini.") from None


def _unused_tracking_id(session: Session, now: datetime) -> str:
    while True:  # 40 random bits: a clash is rare, and the unique index still guards the race
        candidate = new_tracking_id(local_date(now).year)
        if session.execute(select(Feedback.id).where(Feedback.tracking_id == candidate)).first() is None:
            return candidate


def receive(session: Session, principal: Principal, now: datetime, data: dict, unsur: str | None,
         deadlines: Deadlines) -> Feedback:
    """Store a checked report as received, with its forwarding deadline."""
    contact = data.get("contact") or {}
    fb = Feedback(
        tracking_id=_unused_tracking_id(session, now), kind=data["kind"], category=data["category"],
        unsur=unsur, policy_id=data.get("policy_id"), department_code=data.get("department_code"),
        text=data["text"], contact_name=contact.get("name"), contact_phone=contact.get("phone"),
        contact_email=contact.get("email"), status=FeedbackStatus.RECEIVED.value, submitted_at=now,
        forward_due=deadlines.forward_due(now), hidden=False, version=0,
    )
    session.add(fb)
    session.flush()
    return _record(session, fb, "submitted", principal, now, event="submitted")


def forward(session: Session, principal: Principal, now: datetime, fb: Feedback, department_code: str,
            note: str | None, deadlines: Deadlines) -> Feedback:
    """Verified and disposed to the responsible OPD, whose follow-up clock starts now."""
    fb.status = _move(fb, FeedbackStatus.FORWARDED)
    fb.department_code, fb.forwarded_at = department_code, now
    fb.follow_up_due = deadlines.follow_up_due(now)
    return _record(session, fb, "forwarded", principal, now, event="forwarded", public_note=note)


def respond(session: Session, principal: Principal, now: datetime, fb: Feedback, response: str,
            deadlines: Deadlines) -> Feedback:
    """The OPD's follow-up, shown to the citizen; silence after it closes the report in time."""
    fb.status = _move(fb, FeedbackStatus.RESPONDED)
    fb.responded_at, fb.response_text = now, response
    fb.auto_close_due = deadlines.auto_close_due(now)
    return _record(session, fb, "responded", principal, now, event="responded")


def close(session: Session, principal: Principal, now: datetime, fb: Feedback, reason: str | None) -> Feedback:
    """Closed by staff, or by the system when the reporter stayed silent after the follow-up."""
    fb.status = _move(fb, FeedbackStatus.CLOSED, reason)
    fb.closed_at, fb.close_reason = now, reason
    fb.closed_by = "system" if principal.role == "system" else "staff"
    return _record(session, fb, "closed", principal, now, event="closed", public_note=reason)


def citizen_reply(session: Session, principal: Principal, now: datetime, fb: Feedback, satisfied: bool,
                  note: str | None) -> Feedback:
    """The reporter answers the follow-up: satisfied closes it; otherwise staff must look again.

    The reporter's words stay internal: like the report's text, they are never shown publicly.
    """
    if satisfied:
        fb.status = _move(fb, FeedbackStatus.CLOSED)
        fb.closed_at, fb.closed_by = now, "citizen"
        return _record(session, fb, "citizen_confirmed", principal, now, event="closed", internal_note=note)
    fb.citizen_replied_at = now  # stops the auto-close: the reporter is not silent
    return _record(session, fb, "citizen_replied", principal, now, event=None, internal_note=note)


def answer(session: Session, principal: Principal, now: datetime, fb: Feedback, outcome: str,
           reason: str | None, version: int | None) -> Feedback:
    """The official answer on a policy: accepted into a version, rejected with a reason, or noted."""
    try:
        fb.answer_outcome = check_answer(outcome, version, reason).value
    except AnswerError as exc:
        raise Invalid("policy_version" if outcome == AnswerOutcome.ACCEPTED else "reason", str(exc)) from None
    fb.answer_reason = reason
    fb.answered_in_version = version if outcome == AnswerOutcome.ACCEPTED else None
    fb.answered_at = now
    return _record(session, fb, "answered", principal, now, event="answered")


def hide(session: Session, principal: Principal, now: datetime, fb: Feedback, reason: str) -> Feedback:
    """Moderation: the record stays and keeps counting, its text never shows publicly again."""
    fb.hidden, fb.hide_reason, fb.hidden_at = True, reason, now
    return _record(session, fb, "hidden", principal, now, event=None, internal_note=reason)


def mark_overdue(session: Session, principal: Principal, now: datetime, fb: Feedback, stage: str) -> Feedback:
    """Flag a missed deadline once per stage ("forward" or "follow_up") and announce it."""
    if stage == "forward":
        fb.forward_overdue_at = now
    else:
        fb.follow_up_overdue_at = now
    fb.overdue_stage = stage
    return _record(session, fb, f"overdue_{stage}", principal, now, event="overdue")
