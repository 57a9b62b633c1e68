"""Request and response schemas of the public feedback API: the form, the receipt and the tracking page."""
from __future__ import annotations

from marshmallow import Schema, ValidationError, fields, validate, validates

from services.consultation.workflow.report_input import ReportSchema, unknown_category
from shared.web.app_factory import service_context


class FeedbackSubmitSchema(ReportSchema):
    """The report's rules (workflow/report_input.py), with the category checked here too, so that one 422
    names every wrong field at once."""

    @validates("category")
    def _known_category(self, value, **_):
        if reason := unknown_category(value, service_context().config.categories):
            raise ValidationError(reason)


class ReceiptSchema(Schema):
    tracking_id = fields.String()
    status = fields.String()
    submitted_at = fields.AwareDateTime()
    forward_due = fields.Date()
    message = fields.String()
    privacy = fields.String()
    emailed = fields.Boolean(metadata={"description": "whether status changes will be e-mailed"})


class TrackingStepSchema(Schema):
    at = fields.AwareDateTime()
    action = fields.String()
    status = fields.String()
    status_label = fields.String()
    note = fields.String(allow_none=True)


class TrackingResponseSchema(Schema):
    text = fields.String()
    responded_at = fields.AwareDateTime()
    by = fields.String(metadata={"description": "opd: the department's follow-up; bkpsdm: BKPSDM's own"})
    label = fields.String()


class TrackingQuestionSchema(Schema):
    text = fields.String(allow_none=True)
    asked_at = fields.AwareDateTime()
    due = fields.Date(metadata={"description": "the last day to answer before the report closes"})


class TrackingAnswerSchema(Schema):
    outcome = fields.String()
    reason = fields.String(allow_none=True)
    policy_version = fields.Integer(allow_none=True)
    answered_at = fields.AwareDateTime()


class TrackingSchema(Schema):
    """What a tracking id shows: status and official words; the text only if public and moderated; never the
    contact."""

    tracking_id = fields.String()
    kind = fields.String()
    kind_label = fields.String()
    category = fields.String()
    category_label = fields.String()
    status = fields.String()
    status_label = fields.String()
    submitted_at = fields.AwareDateTime()
    privacy = fields.String()
    privacy_label = fields.String()
    area = fields.String(allow_none=True)
    text = fields.String(allow_none=True)
    department_name = fields.String(allow_none=True)
    history = fields.List(fields.Nested(TrackingStepSchema))
    response = fields.Nested(TrackingResponseSchema, allow_none=True)
    question = fields.Nested(TrackingQuestionSchema, allow_none=True)
    may_reply = fields.Boolean()
    may_provide_info = fields.Boolean()
    answer = fields.Nested(TrackingAnswerSchema, allow_none=True)


class CitizenReplySchema(Schema):
    satisfied = fields.Boolean(required=True, metadata={
        "description": "true closes the report; false reopens it to the same department (twice, then BKPSDM)"})
    note = fields.String(allow_none=True, validate=validate.Length(max=2000))


class CitizenInformationSchema(Schema):
    information = fields.String(required=True, validate=validate.Length(min=1, max=2000))
