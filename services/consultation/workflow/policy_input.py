"""What a new policy, a change of its heading and a consultation meeting must hold, checked the same way whichever
door they came through: the JSON API documents its bodies with these schemas (api/schemas.py extends them) and
the staff pages read their forms through `read`.
"""
from __future__ import annotations

from datetime import UTC, date, datetime

from marshmallow import Schema, ValidationError, fields, validate, validates

from services.consultation.domain.policy_text import (
    BODY_MAX,
    BODY_MIN,
    HEADING_MAX,
    HEADING_MIN,
    MAX_ARTICLES,
)
from services.consultation.domain.working_days import local_date
from services.consultation.workflow.report_input import DEPARTMENT_CODE
from shared.errors import Invalid

POLICY_CODE = validate.Regexp(r"^[A-Z0-9][A-Z0-9_./-]{1,59}$",
                              error="Use 2-60 capital letters, digits, '.', '_', '/' or '-'.")
SESSION_FORMATS = ("public_hearing", "online", "workshop")
STAKEHOLDER_GROUPS = ("government", "opd", "community")
NOT_HELD_YET = "A session is recorded once it has been held; this date is in the future."


class NewArticleSchema(Schema):
    heading = fields.String(required=True, validate=validate.Length(min=HEADING_MIN, max=HEADING_MAX))
    body = fields.String(required=True, validate=validate.Length(min=BODY_MIN, max=BODY_MAX))


class PolicyInputSchema(Schema):
    code = fields.String(required=True, validate=POLICY_CODE)
    title = fields.String(required=True, validate=validate.Length(min=3, max=300))
    summary = fields.String(required=True, validate=validate.Length(min=10, max=20000))
    department_code = fields.String(allow_none=True, validate=DEPARTMENT_CODE,
                                    metadata={"description": "the OPD that leads the policy, if any"})
    articles = fields.List(fields.Nested(NewArticleSchema), load_only=True,
                           validate=validate.Length(max=MAX_ARTICLES),
                           metadata={"description": "the first articles (pasal) of the draft, numbered in order"})


class PolicyChangesSchema(Schema):
    title = fields.String(validate=validate.Length(min=3, max=300))
    summary = fields.String(validate=validate.Length(min=10, max=20000))
    department_code = fields.String(allow_none=True, validate=DEPARTMENT_CODE)


class SessionInputSchema(Schema):
    held_on = fields.Date(required=True)
    format = fields.String(required=True, validate=validate.OneOf(SESSION_FORMATS))
    stakeholder_groups = fields.List(fields.String(validate=validate.OneOf(STAKEHOLDER_GROUPS)), required=True,
                                     validate=validate.Length(min=1, max=len(STAKEHOLDER_GROUPS)),
                                     metadata={"description": "the groups invited"})
    participants = fields.Integer(required=True, strict=True, validate=validate.Range(min=1, max=100_000),
                                  metadata={"description": "the number present"})
    outcome_summary = fields.String(required=True, validate=validate.Length(min=10, max=10_000))
    place = fields.String(allow_none=True, validate=validate.Length(max=200))
    minutes = fields.String(allow_none=True, validate=validate.Length(max=50_000),
                            metadata={"description": "the minutes (notulen), public"})

    @validates("held_on")
    def _not_future(self, value: date, **_):
        if value > local_date(datetime.now(UTC)):
            raise ValidationError(NOT_HELD_YET)

    @validates("stakeholder_groups")
    def _unique(self, value: list, **_):
        if len(set(value)) != len(value):
            raise ValidationError("Name each stakeholder group once.")


def read(schema: type[Schema], raw: dict) -> dict:
    """`raw` loaded by `schema`, or Invalid with every field's problem at once."""
    try:
        return schema().load(raw)
    except ValidationError as exc:
        raise Invalid(errors=dict(exc.messages), detail="The form is not valid; see `errors` for each field.",
                      indonesian="Isian belum lengkap atau tidak sesuai.") from None
