"""Request and response schemas of improvement plans (rencana tindak lanjut) and their actions."""
from __future__ import annotations

from marshmallow import Schema, fields, validate

from services.consultation.domain.improvement import ORIGINS, ActionState


class RecommendationSchema(Schema):
    """A recommendation as reporting's evaluation report lists it, and the report it comes from."""

    scope = fields.String(required=True, metadata={"example": "DISDIK", "description": "a department code or CITY"})
    rule = fields.String(required=True, metadata={"example": "pns_training"})
    figure = fields.String(required=True, metadata={"example": "competence.jp.pns.share_at_minimum"})
    subject = fields.String(allow_none=True, load_default=None)
    value = fields.Float(required=True, metadata={"example": 0.4})
    threshold = fields.Float(required=True, metadata={"example": 0.8})
    text = fields.String(allow_none=True, load_default=None)


class NewActionSchema(Schema):
    policy_id = fields.String(required=True)
    period = fields.String(required=True, metadata={"example": "2026", "description": "the evaluation period"})
    origin = fields.String(load_default="recommendation", validate=validate.OneOf(ORIGINS))
    recommendation = fields.Nested(RecommendationSchema, allow_none=True, load_default=None)
    reason = fields.String(allow_none=True, load_default=None, metadata={"description": "required by hand"})
    description = fields.String(required=True, validate=validate.Length(min=1, max=2000))
    owner_department = fields.String(required=True, metadata={"example": "DISDIK"})
    deadline = fields.Date(required=True)
    policy_article = fields.Integer(allow_none=True, load_default=None, validate=validate.Range(min=1))
    policy_version = fields.Integer(allow_none=True, load_default=None, validate=validate.Range(min=1))


class ActionSchema(Schema):
    id = fields.String()
    plan_id = fields.String()
    number = fields.Integer()
    origin = fields.String()
    source_scope = fields.String(allow_none=True)
    rule = fields.String(allow_none=True)
    figure = fields.String(allow_none=True)
    subject = fields.String(allow_none=True)
    value = fields.Float(allow_none=True)
    threshold = fields.Float(allow_none=True)
    recommendation_text = fields.String(allow_none=True)
    reason = fields.String(allow_none=True)
    description = fields.String()
    owner_department = fields.String()
    deadline = fields.Date()
    policy_article = fields.Integer(allow_none=True)
    policy_version = fields.Integer(allow_none=True)
    state = fields.String()
    created_at = fields.AwareDateTime()
    started_at = fields.AwareDateTime(allow_none=True)
    done_at = fields.AwareDateTime(allow_none=True)
    dropped_at = fields.AwareDateTime(allow_none=True)
    evidence_note = fields.String(allow_none=True)
    drop_reason = fields.String(allow_none=True)
    overdue_at = fields.AwareDateTime(allow_none=True)
    attachment_name = fields.String(allow_none=True)


class ActionViewSchema(ActionSchema):
    state_label = fields.String()
    changes_text = fields.Boolean()
    overdue = fields.Boolean()
    done_on_time = fields.Boolean(allow_none=True)
    moves = fields.List(fields.String(), metadata={"description": "the moves the caller may take now"})
    period = fields.String()
    policy_code = fields.String()
    policy_title = fields.String()


class PlanPolicySchema(Schema):
    id = fields.String()
    code = fields.String()
    title = fields.String()
    state = fields.String()
    version = fields.Integer()
    department_code = fields.String(allow_none=True)


class PlanSchema(Schema):
    id = fields.String()
    policy_id = fields.String()
    period = fields.String()
    state = fields.String()
    state_label = fields.String()
    created_at = fields.AwareDateTime()
    created_by = fields.String(allow_none=True)
    adopted_at = fields.AwareDateTime(allow_none=True)
    adopted_by = fields.String(allow_none=True)


class PlanSummarySchema(PlanSchema):
    policy_code = fields.String()
    policy_title = fields.String()
    counts = fields.Dict(keys=fields.String(), values=fields.Integer(), metadata={"description": "actions by state"})


class PlanDetailSchema(PlanSchema):
    policy = fields.Nested(PlanPolicySchema)
    actions = fields.List(fields.Nested(ActionViewSchema))


class PlanQueryArgsSchema(Schema):
    policy_id = fields.String()
    period = fields.String()


class ActionQueryArgsSchema(Schema):
    department = fields.String(metadata={"description": "admins: one department's actions (operators: their own)"})


class PlanAdoptionSchema(Schema):
    reason = fields.String(allow_none=True, load_default=None,
                           metadata={"description": "recorded on the policy's move to revised, if the plan makes one"})


class ActionMoveSchema(Schema):
    target = fields.String(required=True, validate=validate.OneOf([s.value for s in ActionState if s != "planned"]))
    note = fields.String(allow_none=True, load_default=None, metadata={"description": "done: the evidence"})
    reason = fields.String(allow_none=True, load_default=None, metadata={"description": "dropped: why"})
