"""Projects survey's IKM snapshots (one row per campaign, older ones kept for the trend) and response arrivals."""
from __future__ import annotations

from marshmallow import EXCLUDE, Schema, fields
from sqlalchemy import select
from sqlalchemy.orm import Session

from services.reporting.db.models import SurveyCampaignFact, SurveyResponseFact
from services.reporting.domain.periods import local_date, periods_containing, periods_overlapping
from services.reporting.projections.revisions import touch
from services.reporting.projections.state import current_state, is_stale, store_state
from shared.envelope import Envelope

SNAPSHOT_FIELDS = ("department_code", "service_unit", "period_label", "period_start", "period_end", "status",
                   "respondents", "nrr", "ikm", "converted", "converted_display", "mutu", "kinerja",
                   "weakest_unsur", "required_sample", "sample_sufficient")


class ResultsPayload(Schema):
    """survey.results.updated as reporting reads it: the figures survey computed (IKM stays survey's)."""

    class Meta:
        unknown = EXCLUDE

    campaign_id = fields.String(required=True)
    department_code = fields.String(required=True)
    service_unit = fields.String(required=True)
    period_label = fields.String(required=True)
    period_start = fields.Date(required=True)
    period_end = fields.Date(required=True)
    status = fields.String(required=True)
    respondents = fields.Integer(required=True)
    nrr = fields.Dict(keys=fields.String(), values=fields.Float(), allow_none=True, load_default=None)
    ikm = fields.Float(allow_none=True, load_default=None)
    converted = fields.Float(allow_none=True, load_default=None)
    converted_display = fields.String(allow_none=True, load_default=None)
    mutu = fields.String(allow_none=True, load_default=None)
    kinerja = fields.String(allow_none=True, load_default=None)
    weakest_unsur = fields.String(allow_none=True, load_default=None)
    required_sample = fields.Integer(allow_none=True, load_default=None)
    sample_sufficient = fields.Boolean(allow_none=True, load_default=None)


class ResponsePayload(Schema):
    """survey.response.submitted: reporting counts arrivals and ignores the answers themselves."""

    class Meta:
        unknown = EXCLUDE

    response_id = fields.String(required=True)
    campaign_id = fields.String(required=True)
    department_code = fields.String(required=True)
    submitted_at = fields.AwareDateTime(required=True)


def apply_results_snapshot(session: Session, event: Envelope, data: dict) -> bool:
    table = SurveyCampaignFact.__table__
    key = {"campaign_id": data["campaign_id"]}
    old = current_state(session, table, key)
    if is_stale(old, event.sequence):
        return False
    store_state(session, table, old, key,
                {**{name: data[name] for name in SNAPSHOT_FIELDS}, "sequence": event.sequence})
    touch(session, {data["department_code"]}, periods_overlapping(data["period_start"], data["period_end"]),
          event.time)
    return True


def apply_response(session: Session, event: Envelope, data: dict) -> bool:
    if session.execute(select(SurveyResponseFact.response_id)
                       .where(SurveyResponseFact.response_id == data["response_id"])).first():
        return False
    session.add(SurveyResponseFact(**data))
    touch(session, {data["department_code"]}, periods_containing(local_date(data["submitted_at"])), event.time)
    return True
