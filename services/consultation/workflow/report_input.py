"""What a citizen's report must hold, checked the same way whichever door it came through.

The JSON API documents and parses its body with these schemas, and the public form posts its
fields through `read_report`, so the two can never disagree. The limits themselves are rules
in domain/feedback.py; the category list is configuration and is passed in.
"""
from __future__ import annotations

from marshmallow import Schema, ValidationError, fields, pre_load, validate, validates_schema

from services.consultation.domain.areas import AreaError, check_area
from services.consultation.domain.categories import Categories
from services.consultation.domain.feedback import (
    CONTACT_NAME_MAX,
    PHONE_PATTERN,
    TEXT_MAX,
    TEXT_MIN,
    FeedbackKind,
    Privacy,
    keeps_contact,
)
from shared.errors import Invalid

KINDS = [k.value for k in FeedbackKind]
PRIVACY = [p.value for p in Privacy]
ANONYMOUS_CONTACT = "An anonymous report keeps no contact: leave the contact out, or choose another privacy level."
DEPARTMENT_CODE = validate.Regexp(r"^[A-Z0-9][A-Z0-9_.-]{1,39}$",
                                  error="Use 2-40 capital letters, digits, '.', '_' or '-'.")


def _strip_strings(data):
    if isinstance(data, dict):
        return {k: v.strip() if isinstance(v, str) else v for k, v in data.items()}
    return data


class ContactSchema(Schema):
    """Personal data: shown to admins only, never in events or public views."""

    name = fields.String(validate=validate.Length(min=1, max=CONTACT_NAME_MAX))
    phone = fields.String(validate=validate.Regexp(PHONE_PATTERN,
                                                   error="Use an Indonesian mobile number, e.g. 081234567890."))
    email = fields.Email(validate=validate.Length(max=254))

    @pre_load
    def _strip(self, data, **_):
        return _strip_strings(data)

    @validates_schema
    def _reachable(self, data, **_):
        if not data.get("phone") and not data.get("email"):
            raise ValidationError("Give a phone number or an e-mail address, or leave the contact out.", "_schema")


class ReportSchema(Schema):
    kind = fields.String(required=True, validate=validate.OneOf(KINDS))
    category = fields.String(required=True, metadata={"description": "a key of the configured category list"})
    policy_id = fields.String(allow_none=True, validate=validate.Length(max=36))
    department_code = fields.String(allow_none=True, validate=DEPARTMENT_CODE,
                                    metadata={"description": "the department the report is about, if known"})
    text = fields.String(required=True, validate=validate.Length(min=TEXT_MIN, max=TEXT_MAX))
    contact = fields.Nested(ContactSchema, allow_none=True)
    privacy = fields.String(load_default=Privacy.CONFIDENTIAL.value, validate=validate.OneOf(PRIVACY),
                            metadata={"description": "anonymous: no contact kept; confidential: the text for staff "
                                                     "only; public: the text shown publicly after moderation"})
    kecamatan = fields.String(allow_none=True, validate=validate.Length(max=40),
                              metadata={"description": "a key of the city's kecamatan (GET /api/v1/areas)"})
    kelurahan = fields.String(allow_none=True, validate=validate.Length(max=60),
                              metadata={"description": "a key of a kelurahan within that kecamatan"})

    @pre_load
    def _strip(self, data, **_):
        return _strip_strings(data)

    @validates_schema
    def _anonymous_keeps_no_contact(self, data, **_):
        if not keeps_contact(data.get("privacy", Privacy.CONFIDENTIAL)) and data.get("contact"):
            raise ValidationError(ANONYMOUS_CONTACT, "contact")

    @validates_schema
    def _known_area(self, data, **_):
        try:
            check_area(data.get("kecamatan"), data.get("kelurahan"))
        except AreaError as exc:
            raise ValidationError(str(exc), "kelurahan" if data.get("kecamatan") else "kecamatan") from None


def unknown_category(value: object, categories: Categories) -> str | None:
    """The reason a category is refused, or None if it is one of the configured ones."""
    if value in categories.keys:
        return None
    return f"Unknown category; use one of: {', '.join(categories.keys)}."


def read_report(raw: dict, categories: Categories) -> dict:
    """The report as loaded by ReportSchema, or Invalid with every field's problem at once."""
    errors: dict = {}
    try:
        data = ReportSchema().load(raw)
    except ValidationError as exc:
        errors, data = dict(exc.messages), {}
    category = data.get("category", (raw or {}).get("category"))
    category = category.strip() if isinstance(category, str) else category
    if "category" not in errors and (reason := unknown_category(category, categories)):
        errors["category"] = [reason]
    if errors:
        raise Invalid(errors=errors, detail="The report is not valid; see `errors` for each field.",
                      indonesian="Isian laporan belum lengkap atau tidak sesuai.")
    return data
