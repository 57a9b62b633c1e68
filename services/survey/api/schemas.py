"""Request and response schemas of survey's API (a response's own schema is workflow/submission.py)."""
from __future__ import annotations

from marshmallow import Schema, ValidationError, fields, validate, validates_schema

from services.survey.domain.extra_questions import MAX_QUESTIONS, QUESTION_TYPES, check_definitions
from services.survey.domain.invitation_tokens import MAX_BATCH
from services.survey.domain.lifecycle import STATUSES
from services.survey.domain.periods import PERIOD_TYPES, survey_period
from services.survey.domain.sample_size import required_sample
from services.survey.workflow.responses import THANKS
from shared.web.pagination import PageArgsSchema, page_schema

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


class CampaignSchema(CampaignUpdateSchema):
    id = fields.String(dump_only=True)
    department_code = fields.String(required=True, validate=CODE,
                                    metadata={"description": "the service unit's department (OPD) code"})
    service_unit = fields.String(required=True, validate=validate.Length(min=2, max=200))
    period_type = fields.String(required=True, validate=validate.OneOf(PERIOD_TYPES))
    period_year = fields.Integer(required=True, strict=True, validate=validate.Range(min=2000, max=2100))
    period_index = fields.Integer(strict=True, load_default=1, validate=validate.Range(min=1, max=4))
    requires_token = fields.Boolean(load_default=False)
    extra_questions = fields.List(fields.Nested(ExtraQuestionSchema), load_default=list,
                                  validate=validate.Length(max=MAX_QUESTIONS))
    period_label = fields.String(dump_only=True)
    period_start = fields.Date(dump_only=True)
    period_end = fields.Date(dump_only=True)
    required_sample = fields.Method("_required_sample", dump_only=True, allow_none=True,
                                    metadata={"description": "Krejcie-Morgan minimum for the population"})
    status = fields.String(dump_only=True)
    tokens_issued = fields.Integer(dump_only=True)
    version = fields.Integer(dump_only=True)
    created_at = fields.AwareDateTime(dump_only=True)
    opened_at = fields.AwareDateTime(dump_only=True, allow_none=True)
    closed_at = fields.AwareDateTime(dump_only=True, allow_none=True)

    def _required_sample(self, campaign) -> int | None:
        return required_sample(campaign.population) if campaign.population else None

    @validates_schema
    def _period(self, data, **_):
        if "period_type" in data and "period_year" in data:
            check_period(data["period_type"], data["period_year"], data.get("period_index", 1))


class CampaignQueryArgsSchema(PageArgsSchema):
    department_code = fields.String()
    status = fields.String(validate=validate.OneOf(STATUSES))
    year = fields.Integer(validate=validate.Range(min=2000, max=2100))


CampaignPageSchema = page_schema(CampaignSchema, "CampaignPage")

class ResponseReceiptSchema(Schema):
    id = fields.String()
    campaign_id = fields.String()
    submitted_at = fields.AwareDateTime()
    message = fields.Constant(THANKS)


class TokenRequestSchema(Schema):
    count = fields.Integer(required=True, strict=True, validate=validate.Range(min=1, max=MAX_BATCH))


class TokenBatchSchema(Schema):
    campaign_id = fields.String()
    count = fields.Integer()
    tokens = fields.List(fields.String(), metadata={"description": "shown once; only their hashes are kept"})


class TokenCountsSchema(Schema):
    campaign_id = fields.String()
    issued = fields.Integer()
    unused = fields.Integer()


class UnsurResultSchema(Schema):
    key = fields.String()
    name = fields.String()
    sum = fields.Integer()
    nrr = fields.Float(allow_none=True)
    nrr_display = fields.String(allow_none=True)


class ResultsSchema(Schema):
    campaign_id = fields.String()
    department_code = fields.String()
    service_unit = fields.String()
    period_label = fields.String()
    period_start = fields.Date()
    period_end = fields.Date()
    status = fields.String()
    respondents = fields.Integer()
    population = fields.Integer(allow_none=True)
    required_sample = fields.Integer(allow_none=True)
    sample_sufficient = fields.Boolean(allow_none=True)
    ikm = fields.Float(allow_none=True, metadata={"description": "mean of the 9 NRR, full precision"})
    converted = fields.Float(allow_none=True, metadata={"description": "IKM x 25, full precision"})
    converted_display = fields.String(allow_none=True, metadata={"description": "rounded half up to 2 decimals"})
    mutu = fields.String(allow_none=True)
    kinerja = fields.String(allow_none=True)
    weakest_unsur = fields.String(allow_none=True)
    weakest_unsur_name = fields.String(allow_none=True)
    nrr = fields.Dict(keys=fields.String(), values=fields.Float(), allow_none=True)
    unsur = fields.List(fields.Nested(UnsurResultSchema))
    profile = fields.Dict(keys=fields.String(), values=fields.Dict(
        keys=fields.String(), values=fields.Integer(allow_none=True)),
        metadata={"description": "counts per choice code; for the public, groups under 5 are null"})
    suppressed = fields.Boolean(metadata={"description": "the public sees no figures under 5 respondents"})


class ChoiceSchema(Schema):
    code = fields.String()
    label = fields.String()


class AnswerOptionSchema(Schema):
    score = fields.Integer()
    label = fields.String()


class QuestionSchema(Schema):
    key = fields.String()
    name = fields.String()
    question = fields.String()
    answers = fields.List(fields.Nested(AnswerOptionSchema))


class QuestionnaireSchema(Schema):
    campaign_id = fields.String()
    service_unit = fields.String()
    period_label = fields.String()
    status = fields.String()
    requires_token = fields.Boolean()
    unsur = fields.List(fields.Nested(QuestionSchema))
    profile = fields.Dict(keys=fields.String(), values=fields.List(fields.Nested(ChoiceSchema)))
    extra_questions = fields.List(fields.Nested(ExtraQuestionSchema))
    suggestion_max_length = fields.Integer()
