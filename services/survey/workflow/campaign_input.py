"""What staff send to create or change a campaign: the schemas that the API and the staff pages both read with."""
from __future__ import annotations

from marshmallow import Schema, ValidationError, fields, validate, validates_schema

from services.survey.domain.extra_questions import MAX_QUESTIONS, QUESTION_TYPES, check_definitions
from services.survey.domain.periods import PERIOD_TYPES, survey_period
from shared.errors import Invalid

CODE = validate.Regexp(r"^[A-Z0-9][A-Z0-9_.-]{1,39}$", error="Use 2-40 capital letters, digits, '.', '_' or '-'.")


class ExtraQuestionSchema(Schema):
    key = fields.String(required=True)
    text = fields.String(required=True, validate=validate.Length(min=3, max=500))
    type = fields.String(required=True, validate=validate.OneOf(QUESTION_TYPES))
    choices = fields.List(fields.String(validate=validate.Length(min=1, max=200)), load_default=None)
    required = fields.Boolean(load_default=False)


def check_period(period_type: str, year: int, index: int) -> None:
    try:
        survey_period(period_type, year, index)
    except ValueError as exc:
        raise ValidationError(str(exc), "period_index") from None


class CampaignUpdateSchema(Schema):
    service_unit = fields.String(validate=validate.Length(min=2, max=200))
    period_type = fields.String(validate=validate.OneOf(PERIOD_TYPES))
    period_year = fields.Integer(strict=True, validate=validate.Range(min=2000, max=2100))
    period_index = fields.Integer(strict=True, validate=validate.Range(min=1, max=4),
                                  metadata={"description": "quarter 1-4, semester 1-2, or 1 for a year"})
    population = fields.Integer(strict=True, allow_none=True, validate=validate.Range(min=1, max=100_000_000),
                                metadata={"description": "people served in the period (N), for the sample size"})
    requires_token = fields.Boolean(metadata={"description": "accept only one-time invitation tokens"})
    extra_questions = fields.List(fields.Nested(ExtraQuestionSchema), validate=validate.Length(max=MAX_QUESTIONS),
                                  metadata={"description": "asked after the 9 unsur; never part of the IKM"})

    @validates_schema
    def _extra_questions(self, data, **_):
        problems = check_definitions(data.get("extra_questions") or [])
        if problems:
            raise ValidationError(problems, "extra_questions")


class CampaignInputSchema(CampaignUpdateSchema):
    department_code = fields.String(required=True, validate=CODE,
                                    metadata={"description": "the service unit's department (OPD) code"})
    service_unit = fields.String(required=True, validate=validate.Length(min=2, max=200))
    period_type = fields.String(required=True, validate=validate.OneOf(PERIOD_TYPES))
    period_year = fields.Integer(required=True, strict=True, validate=validate.Range(min=2000, max=2100))
    period_index = fields.Integer(strict=True, load_default=1, validate=validate.Range(min=1, max=4))
    requires_token = fields.Boolean(load_default=False)
    extra_questions = fields.List(fields.Nested(ExtraQuestionSchema), load_default=list,
                                  validate=validate.Length(max=MAX_QUESTIONS))

    @validates_schema
    def _period(self, data, **_):
        if "period_type" in data and "period_year" in data:
            check_period(data["period_type"], data["period_year"], data.get("period_index", 1))


def _load(schema: Schema, body: dict) -> dict:
    try:
        return schema.load(body)
    except ValidationError as exc:
        raise Invalid(errors=exc.messages, detail="The input is not valid; see `errors` for each field.",
                      indonesian="Isian survei belum lengkap atau tidak valid.") from None


def read_campaign(body: dict) -> dict:
    """A new campaign as `create_campaign` takes it, or Invalid naming each wrong field."""
    return _load(CampaignInputSchema(), body)


def read_changes(body: dict) -> dict:
    """Changes to a campaign as `update_campaign` takes them, or Invalid naming each wrong field."""
    return _load(CampaignUpdateSchema(), body)
