"""The follow-up of a citizen's report, step by step (SP4N-LAPOR!): each step is a history row and one event.

Every step bumps the report's version (the event sequence), writes a history row that the
tracking page may show, and records the event in the same transaction.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from services.consultation.db.models import Feedback, FeedbackHistory
from services.consultation.domain import deadlines
from services.consultation.domain.categories import unsur_for
from services.consultation.domain.feedback import (
    FeedbackStatus,
    check_answer,
    check_transition,
    new_tracking_id,
)
from services.consultation.domain.working_days import local_date
from services.consultation.events import emit
from services.consultation.workflow.payloads import feedback_payload


@dataclass(frozen=True)
class Actor:
    subject: str
    role: str  # admin, operator, citizen or system


CITIZEN = Actor("citizen", "citizen")
SYSTEM = Actor("system", "system")


def _step(session: Session, fb: Feedback, action: str, actor: Actor, now: datetime, *, event: str | None,
          public_note: str | None = None, internal_note: str | None = None) -> Feedback:
    fb.version += 1
    session.add(FeedbackHistory(feedback_id=fb.id, feedback_version=fb.version, action=action, status=fb.status,
                                actor=actor.subject, actor_role=actor.role, public_note=public_note,
                                internal_note=internal_note, at=now))
    if event:
        emit(session, f"consultation.feedback.{event}", fb.id, feedback_payload(fb, now), fb.version)
    return fb


def _unused_tracking_id(session: Session, now: datetime) -> str:
    while True:  # 40 random bits: a clash is rare, and the unique index still guards the race
        candidate = new_tracking_id(local_date(now).year)
        if session.execute(select(Feedback.id).where(Feedback.tracking_id == candidate)).first() is None:
            return candidate


def submit(session: Session, data: dict, now: datetime) -> Feedback:
    """Store a citizen's report as received, with its forwarding deadline."""
    contact = data.get("contact") or {}
    fb = Feedback(
        tracking_id=_unused_tracking_id(session, now), kind=data["kind"], category=data["category"],
        unsur=unsur_for(data["category"]), policy_id=data.get("policy_id"),
        department_code=data.get("department_code"), text=data["text"], contact_name=contact.get("name"),
        contact_phone=contact.get("phone"), contact_email=contact.get("email"),
        status=FeedbackStatus.RECEIVED.value, submitted_at=now, forward_due=deadlines.forward_due(now),
        hidden=False, version=0,
    )
    session.add(fb)
    session.flush()
    return _step(session, fb, "submitted", CITIZEN, now, event="submitted")


def forward(session: Session, fb: Feedback, department_code: str, note: str | None, actor: Actor,
            now: datetime) -> Feedback:
    """Verified and disposed to the responsible OPD, whose follow-up clock starts now."""
    fb.status = check_transition(fb.status, FeedbackStatus.FORWARDED).value
    fb.department_code, fb.forwarded_at = department_code, now
    fb.follow_up_due = deadlines.follow_up_due(now)
    return _step(session, fb, "forwarded", actor, now, event="forwarded", public_note=note)


def respond(session: Session, fb: Feedback, response: str, actor: Actor, now: datetime) -> Feedback:
    """The OPD's follow-up, shown to the citizen; silence after it closes the report in time."""
    fb.status = check_transition(fb.status, FeedbackStatus.RESPONDED).value
    fb.responded_at, fb.response_text = now, response
    fb.auto_close_due = deadlines.auto_close_due(now)
    return _step(session, fb, "responded", actor, now, event="responded")


def close(session: Session, fb: Feedback, reason: str | None, actor: Actor, now: datetime,
          closed_by: str = "staff") -> Feedback:
    fb.status = check_transition(fb.status, FeedbackStatus.CLOSED, reason).value
    fb.closed_at, fb.closed_by, fb.close_reason = now, closed_by, reason
    return _step(session, fb, "closed", actor, now, event="closed", public_note=reason)


def citizen_reply(session: Session, fb: Feedback, satisfied: bool, note: str | None, now: datetime) -> Feedback:
    """The reporter answers the follow-up: satisfied closes it; otherwise staff must look again.

    The reporter's words stay internal: like the report's text, they are never shown publicly.
    """
    if satisfied:
        fb.status = check_transition(fb.status, FeedbackStatus.CLOSED).value
        fb.closed_at, fb.closed_by = now, "citizen"
        return _step(session, fb, "citizen_confirmed", CITIZEN, now, event="closed", internal_note=note)
    fb.citizen_replied_at = now  # stops the auto-close: the reporter is not silent
    return _step(session, fb, "citizen_replied", CITIZEN, now, event=None, internal_note=note)


def answer(session: Session, fb: Feedback, outcome: str, reason: str | None, version: int | None,
           actor: Actor, now: datetime) -> Feedback:
    """The official answer on a policy: accepted into a version, rejected with a reason, or noted."""
    fb.answer_outcome = check_answer(outcome, version, reason).value
    fb.answer_reason = reason
    fb.answered_in_version = version if outcome == "accepted" else None
    fb.answered_at = now
    return _step(session, fb, "answered", actor, now, event="answered")


def hide(session: Session, fb: Feedback, reason: str, actor: Actor, now: datetime) -> Feedback:
    """Moderation: the record stays and keeps counting, its text never shows publicly again."""
    fb.hidden, fb.hide_reason, fb.hidden_at = True, reason, now
    return _step(session, fb, "hidden", actor, now, event=None, internal_note=reason)


def mark_overdue(session: Session, fb: Feedback, stage: str, now: datetime) -> Feedback:
    """Flag a missed deadline once per stage ("forward" or "follow_up") and announce it."""
    if stage == "forward":
        fb.forward_overdue_at = now
    else:
        fb.follow_up_overdue_at = now
    fb.overdue_stage = stage
    return _step(session, fb, f"overdue_{stage}", SYSTEM, now, event="overdue")
