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


class TrackingStepSchema(Schema):
    at = fields.AwareDateTime()
    action = fields.String()
    status = fields.String()
    status_label = fields.String()
    note = fields.String(allow_none=True)


class TrackingResponseSchema(Schema):
    text = fields.String()
    responded_at = fields.AwareDateTime()


class TrackingAnswerSchema(Schema):
    outcome = fields.String()
    reason = fields.String(allow_none=True)
    policy_version = fields.Integer(allow_none=True)
    answered_at = fields.AwareDateTime()


class TrackingSchema(Schema):
    """What a tracking id shows: status and official words, never the contact or the report's text."""

    tracking_id = fields.String()
    kind = fields.String()
    kind_label = fields.String()
    category = fields.String()
    category_label = fields.String()
    status = fields.String()
    status_label = fields.String()
    submitted_at = fields.AwareDateTime()
    history = fields.List(fields.Nested(TrackingStepSchema))
    response = fields.Nested(TrackingResponseSchema, allow_none=True)
    answer = fields.Nested(TrackingAnswerSchema, allow_none=True)


class CitizenReplySchema(Schema):
    satisfied = fields.Boolean(required=True, metadata={"description": "true closes the report"})
    note = fields.String(allow_none=True, validate=validate.Length(max=2000))
