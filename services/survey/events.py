"""The events survey emits: their payload schemas (the contract in docs/asyncapi.yaml) and `emit`.

No event carries an invitation token. The IKM formula stays in this service: other services
read the `survey.results.updated` snapshot instead of recomputing it.
"""
from __future__ import annotations

from marshmallow import Schema, fields

from services.survey.db.models import plumbing
from shared.outbox import Emitter

SOURCE = "/asn/survey"
UNSUR_KEYS = tuple(f"u{i}" for i in range(1, 10))


class CampaignEvent(Schema):
    """survey.campaign.opened / closed"""

    campaign_id = fields.String(required=True)
    department_code = fields.String(required=True)
    service_unit = fields.String(required=True)
    period_label = fields.String(required=True)
    period_start = fields.Date(required=True)
    period_end = fields.Date(required=True)
    population = fields.Integer(allow_none=True)
    status = fields.String(required=True)
    requires_token = fields.Boolean(required=True)


class ProfileSchema(Schema):
    gender = fields.String(allow_none=True)
    age_group = fields.String(allow_none=True)
    education = fields.String(allow_none=True)
    occupation = fields.String(allow_none=True)


class ResponseSubmittedEvent(Schema):
    """survey.response.submitted: the 9 answers and the profile of one anonymous response."""

    response_id = fields.String(required=True)
    campaign_id = fields.String(required=True)
    department_code = fields.String(required=True)
    answers = fields.Dict(keys=fields.String(), values=fields.Integer(), required=True)
    profile = fields.Nested(ProfileSchema, required=True)
    submitted_at = fields.AwareDateTime(required=True)


class ResultsUpdatedEvent(Schema):
    """survey.results.updated: the campaign's current IKM snapshot."""

    campaign_id = fields.String(required=True)
    department_code = fields.String(required=True)
    service_unit = fields.String(required=True)
    period_label = fields.String(required=True)
    period_start = fields.Date(required=True)
    period_end = fields.Date(required=True)
    status = fields.String(required=True)
    respondents = fields.Integer(required=True)
    nrr = fields.Dict(keys=fields.String(), values=fields.Float(), allow_none=True)
    ikm = fields.Float(allow_none=True)
    converted = fields.Float(allow_none=True)
    converted_display = fields.String(allow_none=True)
    mutu = fields.String(allow_none=True)
    kinerja = fields.String(allow_none=True)
    weakest_unsur = fields.String(allow_none=True)
    required_sample = fields.Integer(allow_none=True)
    sample_sufficient = fields.Boolean(allow_none=True)
    # Added after the first contract (additive): N itself, and the respondent profile as counts
    # per choice code ("unspecified" when left empty), e.g. {"gender": {"perempuan": 3, ...}, ...}.
    population = fields.Integer(allow_none=True)
    profile = fields.Dict(keys=fields.String(),
                          values=fields.Dict(keys=fields.String(), values=fields.Integer()))


EMITS: dict[str, type[Schema]] = {
    "survey.campaign.opened": CampaignEvent,
    "survey.campaign.closed": CampaignEvent,
    "survey.response.submitted": ResponseSubmittedEvent,
    "survey.results.updated": ResultsUpdatedEvent,
}


# emit(session, type, subject, data, sequence): record an event inside the caller's transaction.
emit = Emitter(SOURCE, plumbing["outbox"], EMITS)
