"""Request and response schemas of the policy and consultation-session API."""
from __future__ import annotations

from marshmallow import Schema, fields, validate

from services.consultation.domain.policy_lifecycle import PolicyState
from services.consultation.workflow.policy_input import (
    PolicyChangesSchema,
    PolicyInputSchema,
    SessionInputSchema,
)
from shared.web.pagination import PageArgsSchema, page_schema

STATES = [s.value for s in PolicyState]


class PolicySchema(PolicyInputSchema):
    id = fields.String(dump_only=True)
    version = fields.Integer(dump_only=True)
    state = fields.String(dump_only=True, metadata={"description": f"one of {STATES}"})
    opens_on = fields.Date(dump_only=True, allow_none=True)
    closes_on = fields.Date(dump_only=True, allow_none=True,
                            metadata={"description": "the last day of the current round of consultation (WIB)"})
    consultation_round = fields.Integer(dump_only=True)
    consulted_version = fields.Integer(dump_only=True, allow_none=True)
    adopted_version = fields.Integer(dump_only=True, allow_none=True)
    created_at = fields.AwareDateTime(dump_only=True)
    updated_at = fields.AwareDateTime(dump_only=True)


PolicyUpdateSchema = PolicyChangesSchema


class PolicyQueryArgsSchema(PageArgsSchema):
    state = fields.String(validate=validate.OneOf(STATES))
    department_code = fields.String()


class TransitionSchema(Schema):
    target = fields.String(required=True, validate=validate.OneOf(STATES))
    reason = fields.String(allow_none=True, validate=validate.Length(max=2000),
                           metadata={"description": "why; shown publicly in the policy's history"})
    closes_on = fields.Date(allow_none=True, metadata={
        "description": "opening a round of consultation: the last day citizens may comment (WIB)"})
    confirm_unanswered = fields.Boolean(load_default=False, metadata={
        "description": "adopting while comments have no official answer: confirm it, with a reason"})


class PolicyTransitionSchema(Schema):
    version = fields.Integer()
    from_state = fields.String(allow_none=True)
    to_state = fields.String()
    actor = fields.String()
    actor_name = fields.String()
    reason = fields.String(allow_none=True)
    at = fields.AwareDateTime()


class PolicyVersionSchema(Schema):
    version = fields.Integer()
    title = fields.String()
    summary = fields.String()
    created_at = fields.AwareDateTime()
    frozen_at = fields.AwareDateTime(allow_none=True)
    frozen_for = fields.String(allow_none=True, metadata={"description": "consultation or adoption; "
                                                                         "null while being written"})
    consultation_round = fields.Integer(allow_none=True)


class ShapingFeedbackSchema(Schema):
    """A piece of feedback accepted into the policy: the official answer, not the citizen's text or contact."""

    feedback_id = fields.String(attribute="id")
    kind = fields.String()
    category = fields.String()
    submitted_at = fields.AwareDateTime()
    answered_at = fields.AwareDateTime()
    answered_in_version = fields.Integer()
    answer = fields.String(attribute="answer_reason", allow_none=True)


class PolicyDetailSchema(PolicySchema):
    state_label = fields.String()
    public_version = fields.Integer(allow_none=True, metadata={"description": "the version the public reads"})
    allowed_targets = fields.List(fields.String())
    versions = fields.List(fields.Nested(PolicyVersionSchema))
    history = fields.List(fields.Nested(PolicyTransitionSchema))
    shaped_by = fields.List(fields.Nested(ShapingFeedbackSchema),
                            metadata={"description": "feedback accepted into this policy (accountability)"})


class SessionSchema(SessionInputSchema):
    id = fields.String(dump_only=True)
    policy_id = fields.String(dump_only=True)
    policy_version = fields.Integer(dump_only=True)
    created_at = fields.AwareDateTime(dump_only=True)


PolicyPageSchema = page_schema(PolicySchema, "PolicyPage")
SessionPageSchema = page_schema(SessionSchema, "SessionPage")
