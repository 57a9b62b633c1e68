"""Request and response schemas of the staff side of feedback: lists, the full view, and follow-up steps."""
from __future__ import annotations

from marshmallow import Schema, fields, validate

from services.consultation.domain.feedback import AnswerOutcome, FeedbackStatus
from services.consultation.workflow.report_input import DEPARTMENT_CODE, KINDS, ContactSchema
from shared.web.pagination import PageArgsSchema, page_schema

STATUSES = [s.value for s in FeedbackStatus]


class FeedbackQueryArgsSchema(PageArgsSchema):
    status = fields.String(validate=validate.OneOf(STATUSES))
    kind = fields.String(validate=validate.OneOf(KINDS))
    category = fields.String()
    department_code = fields.String()
    policy_id = fields.String()
    overdue = fields.Boolean(metadata={"description": "true: past the deadline of the current stage"})


class HistoryEntrySchema(Schema):
    at = fields.AwareDateTime()
    action = fields.String()
    status = fields.String()
    actor = fields.String()
    actor_name = fields.String()
    actor_role = fields.String()
    public_note = fields.String(allow_none=True)
    internal_note = fields.String(allow_none=True)


class FeedbackSchema(Schema):
    """The staff view. `contact` only for admins; an operator does not see hidden text."""

    id = fields.String()
    tracking_id = fields.String()
    kind = fields.String()
    category = fields.String()
    unsur = fields.String(allow_none=True)
    policy_id = fields.String(allow_none=True)
    department_code = fields.String(allow_none=True)
    text = fields.String(allow_none=True)
    contact = fields.Nested(ContactSchema, allow_none=True)
    status = fields.String()
    overdue = fields.Boolean()
    overdue_stage = fields.String(allow_none=True)
    submitted_at = fields.AwareDateTime()
    forward_due = fields.Date()
    forwarded_at = fields.AwareDateTime(allow_none=True)
    follow_up_due = fields.Date(allow_none=True)
    responded_at = fields.AwareDateTime(allow_none=True)
    response_text = fields.String(allow_none=True)
    auto_close_due = fields.Date(allow_none=True)
    citizen_replied_at = fields.AwareDateTime(allow_none=True)
    closed_at = fields.AwareDateTime(allow_none=True)
    closed_by = fields.String(allow_none=True)
    close_reason = fields.String(allow_none=True)
    answer_outcome = fields.String(allow_none=True)
    answer_reason = fields.String(allow_none=True)
    answered_in_version = fields.Integer(allow_none=True)
    answered_at = fields.AwareDateTime(allow_none=True)
    hidden = fields.Boolean()
    hide_reason = fields.String(allow_none=True)
    version = fields.Integer()


class FeedbackDetailSchema(FeedbackSchema):
    history = fields.List(fields.Nested(HistoryEntrySchema))


class ForwardSchema(Schema):
    department_code = fields.String(required=True, validate=DEPARTMENT_CODE)
    note = fields.String(allow_none=True, validate=validate.Length(max=2000),
                         metadata={"description": "shown to the citizen on the tracking page"})


class RespondSchema(Schema):
    response = fields.String(required=True, validate=validate.Length(min=10, max=5000),
                             metadata={"description": "the OPD's follow-up, shown to the citizen"})


class CloseSchema(Schema):
    reason = fields.String(allow_none=True, validate=validate.Length(max=2000),
                           metadata={"description": "required when closing without forwarding; shown publicly"})


class AnswerSchema(Schema):
    outcome = fields.String(required=True, validate=validate.OneOf([o.value for o in AnswerOutcome]))
    reason = fields.String(allow_none=True, validate=validate.Length(max=5000))
    policy_version = fields.Integer(allow_none=True, strict=True, validate=validate.Range(min=1, max=10_000))


class HideSchema(Schema):
    reason = fields.String(required=True, validate=validate.Length(min=3, max=1000))


FeedbackPageSchema = page_schema(FeedbackSchema, "FeedbackPage")
