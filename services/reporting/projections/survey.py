"""Projects survey's IKM snapshots (one row per campaign, older ones kept for the trend) and response arrivals."""
from __future__ import annotations

from marshmallow import EXCLUDE, Schema, fields
from sqlalchemy.orm import Session

from services.reporting.db.models import SurveyCampaignFact, SurveyResponseFact
from services.reporting.domain.periods import local_date, periods_containing, periods_overlapping
from services.reporting.projections.batch import Batch, Fact, LatestState, buffer_fact, buffer_state
from services.reporting.projections.revisions import touch
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


def _campaign_touch(batch: Batch, before, after, time) -> None:
    periods = periods_overlapping(after["period_start"], after["period_end"])
    if before is not None:
        periods += periods_overlapping(before["period_start"], before["period_end"])
    touch(batch, {after["department_code"], before["department_code"] if before else None}, periods, time)


def _response_touch(batch: Batch, values, time) -> None:
    touch(batch, {values["department_code"]}, periods_containing(local_date(values["submitted_at"])), time)


CAMPAIGNS = LatestState(SurveyCampaignFact.__table__, "campaign_id", _campaign_touch)
RESPONSES = Fact(SurveyResponseFact.__table__, ("response_id",), _response_touch)


def apply_results_snapshot(session: Session, event: Envelope, data: dict) -> None:
    buffer_state(session, CAMPAIGNS, data["campaign_id"], {name: data[name] for name in SNAPSHOT_FIELDS},
                 event.sequence, event.time)


def apply_response(session: Session, event: Envelope, data: dict) -> None:
    buffer_fact(session, RESPONSES, dict(data), event.time)
