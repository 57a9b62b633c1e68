"""Request and response schemas of the public feedback API: the form, the receipt and the tracking page."""
from __future__ import annotations

from marshmallow import Schema, ValidationError, fields, pre_load, validate, validates, validates_schema

from services.consultation.api.schemas import DEPARTMENT_CODE
from services.consultation.domain.categories import load_categories
from services.consultation.domain.feedback import FeedbackKind

KINDS = [k.value for k in FeedbackKind]
PHONE = validate.Regexp(r"^(\+62|62|0)8[0-9]{7,12}$", error="Use an Indonesian mobile number, e.g. 081234567890.")


def _strip_strings(data):
    if isinstance(data, dict):
        return {k: v.strip() if isinstance(v, str) else v for k, v in data.items()}
    return data


class ContactSchema(Schema):
    """Personal data: shown to admins only, never in events or public views."""

    name = fields.String(validate=validate.Length(min=1, max=120))
    phone = fields.String(validate=PHONE)
    email = fields.Email(validate=validate.Length(max=254))

    @pre_load
    def _strip(self, data, **_):
        return _strip_strings(data)

    @validates_schema
    def _reachable(self, data, **_):
        if not data.get("phone") and not data.get("email"):
            raise ValidationError("Give a phone number or an e-mail address, or leave the contact out.", "_schema")


class FeedbackSubmitSchema(Schema):
    kind = fields.String(required=True, validate=validate.OneOf(KINDS))
    category = fields.String(required=True, metadata={"description": "a key of the configured category list"})
    policy_id = fields.String(allow_none=True, validate=validate.Length(max=36))
    department_code = fields.String(allow_none=True, validate=DEPARTMENT_CODE)
    text = fields.String(required=True, validate=validate.Length(min=10, max=5000))
    contact = fields.Nested(ContactSchema, allow_none=True)

    @pre_load
    def _strip(self, data, **_):
        return _strip_strings(data)

    @validates("category")
    def _known_category(self, value, **_):
        keys = [c.key for c in load_categories()]
        if value not in keys:
            raise ValidationError(f"Unknown category; use one of: {', '.join(keys)}.")


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
