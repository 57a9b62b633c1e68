"""Request and response schemas of survey's API (what a respondent and staff send: workflow/submission.py and
workflow/campaign_input.py, which the pages read with too)."""
from __future__ import annotations

from marshmallow import Schema, fields, validate

from services.survey.domain.invitation_tokens import MAX_BATCH
from services.survey.domain.lifecycle import STATUSES
from services.survey.domain.sample_size import required_sample
from services.survey.workflow.campaign_input import CampaignInputSchema, ExtraQuestionSchema
from services.survey.workflow.responses import THANKS
from shared.web.pagination import PageArgsSchema, page_schema


class CampaignSchema(CampaignInputSchema):
    id = fields.String(dump_only=True)
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
