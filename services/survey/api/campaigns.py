"""SKM campaigns: one service unit, one period, draft -> open -> closed."""
from __future__ import annotations

from datetime import UTC, datetime

from flask.views import MethodView
from flask_smorest import Blueprint, abort
from sqlalchemy import or_, select

from services.survey.api.access import get_campaign
from services.survey.api.schemas import (
    CampaignPageSchema,
    CampaignQueryArgsSchema,
    CampaignSchema,
    CampaignUpdateSchema,
    check_period,
)
from services.survey.db.models import Campaign, CampaignTally
from services.survey.domain.lifecycle import CLOSED, DRAFT, OPEN, is_editable, next_status
from services.survey.domain.periods import survey_period
from services.survey.events import emit
from services.survey.results import new_tally_row, sample_verdict, snapshot
from shared.web.app_factory import service_context
from shared.web.auth import current_principal, require_roles, require_write
from shared.web.pagination import paginate
from shared.web.ratelimit import public_rate_limit

blp = Blueprint("campaigns", __name__, url_prefix="/api/v1/campaigns", description="SKM survey campaigns")
PERIOD_FIELDS = ("period_type", "period_year", "period_index")


def campaign_event(campaign: Campaign) -> dict:
    return {"campaign_id": campaign.id, "department_code": campaign.department_code,
            "service_unit": campaign.service_unit, "period_label": campaign.period_label,
            "period_start": campaign.period_start, "period_end": campaign.period_end,
            "population": campaign.population, "status": campaign.status,
            "requires_token": campaign.requires_token}


def emit_for_campaign(session, campaign: Campaign, event_type: str, data: dict) -> None:
    """Every event about a campaign gets the next version, so consumers can order them by sequence."""
    campaign.version += 1
    emit(session, event_type, campaign.id, data, campaign.version)


def emit_results(session, campaign: Campaign) -> None:
    emit_for_campaign(session, campaign, "survey.results.updated",
                      snapshot(campaign, session.get(CampaignTally, campaign.id)))


def dump(campaign: Campaign) -> Campaign:
    campaign.required_sample = sample_verdict(campaign, 0)[0]  # a display-only attribute
    return campaign


def set_period(campaign: Campaign) -> None:
    period = survey_period(campaign.period_type, campaign.period_year, campaign.period_index)
    campaign.period_label, campaign.period_start, campaign.period_end = period.label, period.start, period.end


@blp.route("")
class Campaigns(MethodView):
    @public_rate_limit
    @blp.arguments(CampaignQueryArgsSchema, location="query")
    @blp.response(200, CampaignPageSchema)
    def get(self, args):
        """List campaigns (the public sees open and closed ones; staff also their drafts)"""
        principal = current_principal()
        query = select(Campaign).order_by(Campaign.period_start.desc(), Campaign.service_unit, Campaign.id)
        if principal is None or principal.role == "operator":
            own = principal.department if principal else None
            query = query.where(or_(Campaign.status != DRAFT, Campaign.department_code == own))
        for key in ("department_code", "status"):
            if key in args:
                query = query.where(getattr(Campaign, key) == args[key])
        if "year" in args:
            query = query.where(Campaign.period_year == args["year"])
        with service_context().db.sessions() as session:
            page = paginate(session, query, args)
        page["items"] = [dump(c) for c in page["items"]]
        return page

    @require_roles("admin", "operator")
    @blp.arguments(CampaignSchema)
    @blp.response(201, CampaignSchema)
    def post(self, data):
        """Create a draft campaign (admin, or the operator of that department)"""
        require_write(data["department_code"])
        with service_context().db.transaction() as session:
            campaign = Campaign(**data, status=DRAFT, version=1, tokens_issued=0)
            set_period(campaign)
            session.add(campaign)
            session.flush()
            session.add(new_tally_row(campaign.id))
            return dump(campaign)


@blp.route("/<campaign_id>")
class CampaignById(MethodView):
    @public_rate_limit
    @blp.response(200, CampaignSchema)
    def get(self, campaign_id):
        """One campaign"""
        with service_context().db.sessions() as session:
            return dump(get_campaign(session, campaign_id))

    @require_roles("admin", "operator")
    @blp.arguments(CampaignUpdateSchema)
    @blp.response(200, CampaignSchema)
    def patch(self, data, campaign_id):
        """Change a draft campaign; once open, only the population served (N) may change"""
        with service_context().db.transaction() as session:
            campaign = get_campaign(session, campaign_id, for_update=True)
            require_write(campaign.department_code)
            fixed = sorted(set(data) - {"population"})
            if fixed and not is_editable(campaign.status):
                abort(409, message=f"A {campaign.status} campaign can change only its population, "
                                   f"not {', '.join(fixed)}.")
            for key, value in data.items():
                setattr(campaign, key, value)
            if set(PERIOD_FIELDS) & set(data):
                check_period(campaign.period_type, campaign.period_year, campaign.period_index)
                set_period(campaign)
            if campaign.status == DRAFT:
                campaign.version += 1
            elif "population" in data:  # the required sample moved, so the published verdict did too
                emit_results(session, campaign)
            return dump(campaign)


def transition(campaign_id: str, wanted: str) -> Campaign:
    with service_context().db.transaction() as session:
        campaign = get_campaign(session, campaign_id, for_update=True)
        require_write(campaign.department_code)
        try:
            campaign.status = next_status(campaign.status, wanted)
        except ValueError as exc:
            abort(409, message=f"{exc}.")
        now = datetime.now(UTC)
        if wanted == OPEN:
            campaign.opened_at = now
        else:
            campaign.closed_at = now
        event_type = "survey.campaign.opened" if wanted == OPEN else "survey.campaign.closed"
        emit_for_campaign(session, campaign, event_type, campaign_event(campaign))
        emit_results(session, campaign)  # the snapshot's status changed too
        return dump(campaign)


@blp.route("/<campaign_id>/open")
class CampaignOpen(MethodView):
    @require_roles("admin", "operator")
    @blp.response(200, CampaignSchema)
    def post(self, campaign_id):
        """Open a draft campaign for responses"""
        return transition(campaign_id, OPEN)


@blp.route("/<campaign_id>/close")
class CampaignClose(MethodView):
    @require_roles("admin", "operator")
    @blp.response(200, CampaignSchema)
    def post(self, campaign_id):
        """Close an open campaign: no more responses, and its results become public"""
        return transition(campaign_id, CLOSED)
