"""Request and response schemas of the staff side of feedback: lists, the full view, and follow-up steps."""
from __future__ import annotations

from marshmallow import Schema, fields, validate

from services.consultation.domain.feedback import AnswerOutcome
from services.consultation.domain.report_flow import Status
from services.consultation.workflow.report_input import DEPARTMENT_CODE, KINDS, PRIVACY, ContactSchema
from shared.web.pagination import PageArgsSchema, page_schema

STATUSES = [s.value for s in Status]


class FeedbackQueryArgsSchema(PageArgsSchema):
    status = fields.String(validate=validate.OneOf(STATUSES))
    kind = fields.String(validate=validate.OneOf(KINDS))
    category = fields.String()
    department_code = fields.String()
    policy_id = fields.String()
    overdue = fields.Boolean(metadata={"description": "true: past the deadline of the current stage"})
    due_today = fields.Boolean(metadata={"description": "true: the current stage is due today"})
    open = fields.Boolean(metadata={"description": "true: not closed"})
    privacy = fields.String(validate=validate.OneOf(PRIVACY))
    kecamatan = fields.String()
    submitted_from = fields.Date(metadata={"description": "received on or after this WIB day"})
    submitted_to = fields.Date(metadata={"description": "received on or before this WIB day"})
    q = fields.String(validate=validate.Length(min=1, max=40),
                      metadata={"description": "a tracking id, or at least 4 of its characters"})


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
    status_label = fields.String()
    next_due = fields.Date(allow_none=True, metadata={"description": "the day the current stage is due"})
    privacy = fields.String()
    privacy_label = fields.String()
    kecamatan = fields.String(allow_none=True)
    kelurahan = fields.String(allow_none=True)
    area = fields.String(allow_none=True)
    published_at = fields.AwareDateTime(allow_none=True)
    assigned_at = fields.AwareDateTime(allow_none=True)
    reroute_count = fields.Integer()
    reopen_count = fields.Integer()
    first_responded_at = fields.AwareDateTime(allow_none=True)
    responded_by = fields.String(allow_none=True)
    response_label = fields.String(allow_none=True)
    citizen_satisfied = fields.Boolean(allow_none=True)
    info_requested_at = fields.AwareDateTime(allow_none=True)
    info_due = fields.Date(allow_none=True)
    paused_hours = fields.Float()
    paused_working_days = fields.Integer()
    purged_at = fields.AwareDateTime(allow_none=True)
    steps = fields.List(fields.String(), metadata={"description": "the steps the caller may take now"})


class AttachmentSchema(Schema):
    id = fields.String()
    filename = fields.String()
    content_type = fields.String()
    size = fields.Integer()
    created_at = fields.AwareDateTime()


class FeedbackDetailSchema(FeedbackSchema):
    history = fields.List(fields.Nested(HistoryEntrySchema))
    attachments = fields.List(fields.Nested(AttachmentSchema))
    department_name = fields.String(allow_none=True)


class ForwardSchema(Schema):
    department_code = fields.String(required=True, validate=DEPARTMENT_CODE)
    note = fields.String(allow_none=True, validate=validate.Length(max=2000),
                         metadata={"description": "shown to the citizen on the tracking page"})


class RerouteSchema(Schema):
    department_code = fields.String(required=True, validate=DEPARTMENT_CODE)
    reason = fields.String(required=True, validate=validate.Length(min=5, max=2000),
                           metadata={"description": "why it moves; shown to the citizen"})


class RequestInfoSchema(Schema):
    question = fields.String(required=True, validate=validate.Length(min=10, max=2000),
                             metadata={"description": "what the citizen is asked; shown and e-mailed to them"})


class ReopenSchema(Schema):
    reason = fields.String(allow_none=True, validate=validate.Length(max=2000),
                           metadata={"description": "required to reopen a closed report; shown to the citizen"})


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
