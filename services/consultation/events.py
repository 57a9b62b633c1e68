"""The events consultation emits: their payload schemas (the contract in docs/asyncapi.yaml), `emit`, and the
payload builders, the one place that decides what leaves the service about each aggregate.

No event carries a complainant's contact or the feedback text: other city systems and
reporting need the facts of responsiveness (timestamps, kind, category, department,
deadlines met), not what the citizen wrote.
"""
from __future__ import annotations

from datetime import datetime

from marshmallow import Schema, fields

from services.consultation.db.models import ConsultationSession, Feedback, Policy, plumbing
from services.consultation.domain.deadlines import met
from shared.outbox import Emitter

SOURCE = "/asn/consultation"
POLICY_SUFFIXES = ("drafted", "consultation_opened", "adopted", "implementation_started",
                   "evaluation_started", "revised", "retired")


class PolicyEvent(Schema):
    """consultation.policy.<drafted|consultation_opened|adopted|implementation_started|evaluation_started|revised|retired>"""

    policy_id = fields.String(required=True)
    code = fields.String(required=True)
    title = fields.String(required=True)
    version = fields.Integer(required=True)
    state = fields.String(required=True)
    department_code = fields.String(allow_none=True)
    changed_at = fields.AwareDateTime(required=True)
    reason = fields.String(allow_none=True)


class SessionHeldEvent(Schema):
    """consultation.session.held"""

    session_id = fields.String(required=True)
    policy_id = fields.String(required=True)
    held_on = fields.Date(required=True)
    format = fields.String(required=True)
    stakeholder_groups = fields.List(fields.String(), required=True)
    participants = fields.Integer(required=True)
    policy_version = fields.Integer(allow_none=True)


class FeedbackEvent(Schema):
    """consultation.feedback.<submitted|forwarded|responded|closed|overdue|answered>: the item's current state."""

    feedback_id = fields.String(required=True)
    # No tracking id: it is the citizen's only credential for following and answering the report,
    # so it never leaves consultation (docs/events.md, "Personal data on the bus").
    kind = fields.String(required=True)
    category = fields.String(required=True)
    unsur = fields.String(allow_none=True)
    policy_id = fields.String(allow_none=True)
    department_code = fields.String(allow_none=True)
    status = fields.String(required=True)
    submitted_at = fields.AwareDateTime(required=True)
    forwarded_at = fields.AwareDateTime(allow_none=True)
    responded_at = fields.AwareDateTime(allow_none=True)
    closed_at = fields.AwareDateTime(allow_none=True)
    forward_due = fields.Date(required=True)
    follow_up_due = fields.Date(allow_none=True)
    forward_deadline_met = fields.Boolean(allow_none=True)
    follow_up_deadline_met = fields.Boolean(allow_none=True)
    overdue_stage = fields.String(allow_none=True)
    answer_outcome = fields.String(allow_none=True)
    answered_in_version = fields.Integer(allow_none=True)
    hidden = fields.Boolean(required=True)
    auto_close_due = fields.Date(allow_none=True)
    closed_by = fields.String(allow_none=True)  # staff, citizen or system (auto-closed)


EMITS: dict[str, type[Schema]] = {
    **{f"consultation.policy.{suffix}": PolicyEvent for suffix in POLICY_SUFFIXES},
    "consultation.session.held": SessionHeldEvent,
    **{f"consultation.feedback.{verb}": FeedbackEvent
       for verb in ("submitted", "forwarded", "responded", "closed", "overdue", "answered")},
}


# emit(session, type, subject, data, sequence): record an event inside the caller's transaction.
emit = Emitter(SOURCE, plumbing["outbox"], EMITS)


def policy_payload(policy: Policy, changed_at: datetime, reason: str | None, *, version: int | None = None,
                   state: str | None = None) -> dict:
    """The policy as of a transition; `version`/`state` name the old version when it is being revised."""
    return {
        "policy_id": policy.id, "code": policy.code, "title": policy.title,
        "version": version if version is not None else policy.version,
        "state": state or policy.state, "department_code": policy.department_code,
        "changed_at": changed_at, "reason": reason,
    }


def session_payload(held: ConsultationSession) -> dict:
    return {
        "session_id": held.id, "policy_id": held.policy_id, "held_on": held.held_on, "format": held.format,
        "stakeholder_groups": list(held.stakeholder_groups), "participants": held.participants,
        "policy_version": held.policy_version,
    }


def feedback_payload(fb: Feedback, now: datetime) -> dict:
    # Closing a report straight from "received" (spam, duplicate) also ends the forwarding clock.
    forward_done = fb.forwarded_at or fb.closed_at
    return {
        "feedback_id": fb.id, "kind": fb.kind, "category": fb.category,
        "unsur": fb.unsur, "policy_id": fb.policy_id, "department_code": fb.department_code,
        "status": fb.status, "submitted_at": fb.submitted_at, "forwarded_at": fb.forwarded_at,
        "responded_at": fb.responded_at, "closed_at": fb.closed_at, "forward_due": fb.forward_due,
        "follow_up_due": fb.follow_up_due,
        "forward_deadline_met": met(fb.forward_due, forward_done, now),
        "follow_up_deadline_met": (met(fb.follow_up_due, fb.responded_at, now)
                                   if fb.follow_up_due is not None else None),
        "overdue_stage": fb.overdue_stage, "answer_outcome": fb.answer_outcome,
        "answered_in_version": fb.answered_in_version, "hidden": fb.hidden,
        "auto_close_due": fb.auto_close_due, "closed_by": fb.closed_by,
    }
