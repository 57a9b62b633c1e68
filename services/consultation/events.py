"""The events consultation emits: their payload schemas (the contract in docs/asyncapi.yaml) and `emit`.

No event carries a complainant's contact or the feedback text: other city systems and
reporting need the facts of responsiveness, not what the citizen wrote.
"""
from __future__ import annotations

from marshmallow import Schema, fields

from services.consultation.db.models import plumbing
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
    tracking_id = fields.String(required=True)
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
