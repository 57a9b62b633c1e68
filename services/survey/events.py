"""The events survey emits: their payload schemas (the contract in docs/asyncapi.yaml), `emit`, and the
payload builders.

No event carries an invitation token. The IKM formula stays in this service: other services
read the `survey.results.updated` snapshot instead of recomputing it.

Campaign events and results snapshots share the campaign as subject, so one counter orders them all:
each takes the campaign's next version as its sequence, and a consumer that keeps the highest
sequence per campaign never applies an older snapshot over a newer one.
"""
from __future__ import annotations

from datetime import datetime, time

from marshmallow import Schema, fields
from sqlalchemy.orm import Session

from services.survey.db.models import Campaign, CampaignTally, Response, plumbing
from services.survey.domain.ikm import compute_result
from services.survey.domain.periods import WIB, local_day
from services.survey.workflow.tally import read_tally, sample_verdict
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
    # Coarsened to the start of the day (WIB): the moment of an answer could point at the one
    # citizen served then. submitted_on says the same as a date.
    submitted_at = fields.AwareDateTime(required=True)
    submitted_on = fields.Date(metadata={"example": "2026-03-10"})


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


def campaign_payload(campaign: Campaign) -> dict:
    """survey.campaign.opened / closed"""
    return {"campaign_id": campaign.id, "department_code": campaign.department_code,
            "service_unit": campaign.service_unit, "period_label": campaign.period_label,
            "period_start": campaign.period_start, "period_end": campaign.period_end,
            "population": campaign.population, "status": campaign.status,
            "requires_token": campaign.requires_token}


def response_payload(response: Response, campaign: Campaign, profile: dict[str, str | None]) -> dict:
    """survey.response.submitted: the answers and the coarse profile (the categories of the exports), and
    the day, not the moment, of the answer."""
    day = local_day(response.submitted_at)
    return {"response_id": response.id, "campaign_id": campaign.id, "department_code": campaign.department_code,
            "answers": response.answers, "profile": profile, "submitted_on": day,
            "submitted_at": datetime.combine(day, time(0), WIB)}


def results_payload(campaign: Campaign, row: CampaignTally) -> dict:
    """survey.results.updated: the campaign's current figures, at full precision."""
    result = compute_result(read_tally(row))
    required, sufficient = sample_verdict(campaign, result.respondents)
    return {
        "campaign_id": campaign.id, "department_code": campaign.department_code,
        "service_unit": campaign.service_unit, "period_label": campaign.period_label,
        "period_start": campaign.period_start, "period_end": campaign.period_end, "status": campaign.status,
        "respondents": result.respondents, "nrr": result.nrr, "ikm": result.ikm, "converted": result.converted,
        "converted_display": str(result.converted_display) if result.converted_display is not None else None,
        "mutu": result.mutu, "kinerja": result.kinerja, "weakest_unsur": result.weakest_unsur,
        "required_sample": required, "sample_sufficient": sufficient,
        "population": campaign.population, "profile": row.profile_counts,
    }


def emit_for_campaign(session: Session, campaign: Campaign, event_type: str, data: dict) -> None:
    campaign.version += 1
    emit(session, event_type, campaign.id, data, campaign.version)


def emit_status(session: Session, campaign: Campaign, event_type: str) -> None:
    """survey.campaign.opened/closed, then the snapshot, whose status changed with it."""
    emit_for_campaign(session, campaign, event_type, campaign_payload(campaign))
    emit_results(session, campaign)


def emit_results(session: Session, campaign: Campaign) -> None:
    emit_for_campaign(session, campaign, "survey.results.updated",
                      results_payload(campaign, session.get(CampaignTally, campaign.id)))
