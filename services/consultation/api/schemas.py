"""Request and response schemas of the policy and consultation-session API."""
from __future__ import annotations

from datetime import UTC, date, datetime

from marshmallow import Schema, ValidationError, fields, validate, validates

from services.consultation.domain.policy_lifecycle import PolicyState
from services.consultation.domain.policy_text import (
    BODY_MAX,
    BODY_MIN,
    HEADING_MAX,
    HEADING_MIN,
    MAX_ARTICLES,
)
from services.consultation.domain.working_days import local_date
from services.consultation.workflow.report_input import DEPARTMENT_CODE
from services.consultation.workflow.sessions import NOT_HELD_YET
from shared.web.pagination import PageArgsSchema, page_schema

POLICY_CODE = validate.Regexp(r"^[A-Z0-9][A-Z0-9_./-]{1,59}$",
                              error="Use 2-60 capital letters, digits, '.', '_', '/' or '-'.")
SESSION_FORMATS = ("public_hearing", "online", "workshop")
STAKEHOLDER_GROUPS = ("government", "opd", "community")
STATES = [s.value for s in PolicyState]


class NewArticleSchema(Schema):
    heading = fields.String(required=True, validate=validate.Length(min=HEADING_MIN, max=HEADING_MAX))
    body = fields.String(required=True, validate=validate.Length(min=BODY_MIN, max=BODY_MAX))


class PolicySchema(Schema):
    id = fields.String(dump_only=True)
    code = fields.String(required=True, validate=POLICY_CODE)
    title = fields.String(required=True, validate=validate.Length(min=3, max=300))
    summary = fields.String(required=True, validate=validate.Length(min=10, max=20000))
    department_code = fields.String(allow_none=True, validate=DEPARTMENT_CODE,
                                    metadata={"description": "the OPD that leads the policy, if any"})
    articles = fields.List(fields.Nested(NewArticleSchema), load_only=True,
                           validate=validate.Length(max=MAX_ARTICLES),
                           metadata={"description": "the first articles (pasal) of the draft, numbered in order"})
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


class PolicyUpdateSchema(Schema):
    title = fields.String(validate=validate.Length(min=3, max=300))
    summary = fields.String(validate=validate.Length(min=10, max=20000))
    department_code = fields.String(allow_none=True, validate=DEPARTMENT_CODE)


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


class SessionSchema(Schema):
    id = fields.String(dump_only=True)
    policy_id = fields.String(dump_only=True)
    policy_version = fields.Integer(dump_only=True)
    held_on = fields.Date(required=True)
    format = fields.String(required=True, validate=validate.OneOf(SESSION_FORMATS))
    stakeholder_groups = fields.List(fields.String(validate=validate.OneOf(STAKEHOLDER_GROUPS)), required=True,
                                     validate=validate.Length(min=1, max=len(STAKEHOLDER_GROUPS)))
    participants = fields.Integer(required=True, strict=True, validate=validate.Range(min=1, max=100_000))
    outcome_summary = fields.String(required=True, validate=validate.Length(min=10, max=10_000))
    place = fields.String(allow_none=True, validate=validate.Length(max=200))
    minutes = fields.String(allow_none=True, validate=validate.Length(max=50_000),
                            metadata={"description": "the minutes (notulen), public"})
    created_at = fields.AwareDateTime(dump_only=True)

    @validates("held_on")
    def _not_future(self, value: date, **_):
        if value > local_date(datetime.now(UTC)):
            raise ValidationError(NOT_HELD_YET)  # checked here too, so that one 422 names every wrong field

    @validates("stakeholder_groups")
    def _unique(self, value: list, **_):
        if len(set(value)) != len(value):
            raise ValidationError("Name each stakeholder group once.")


PolicyPageSchema = page_schema(PolicySchema, "PolicyPage")
SessionPageSchema = page_schema(SessionSchema, "SessionPage")
