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
from services.survey.campaign_events import emit_results, emit_status
from services.survey.db.models import Campaign
from services.survey.domain.lifecycle import CLOSED, DRAFT, OPEN, is_editable, next_status
from services.survey.domain.periods import survey_period
from services.survey.results import new_tally_row
from shared.web.app_factory import service_context
from shared.web.auth import current_principal, require_roles, require_write
from shared.web.pagination import paginate
from shared.web.ratelimit import public_rate_limit

blp = Blueprint("campaigns", __name__, url_prefix="/api/v1/campaigns", description="SKM survey campaigns")
PERIOD_FIELDS = ("period_type", "period_year", "period_index")


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
            return paginate(session, query, args)

    @require_roles("admin", "operator")
    @blp.arguments(CampaignSchema)
    @blp.response(201, CampaignSchema)
    def post(self, data):
        """Create a draft campaign (admin, or the operator of that department)"""
        require_write(data["department_code"])
        with service_context().transaction() as session:
            campaign = Campaign(**data, status=DRAFT, version=1, tokens_issued=0)
            set_period(campaign)
            session.add(campaign)
            session.flush()
            session.add(new_tally_row(campaign.id))
            return campaign


@blp.route("/<campaign_id>")
class CampaignById(MethodView):
    @public_rate_limit
    @blp.response(200, CampaignSchema)
    def get(self, campaign_id):
        """One campaign"""
        with service_context().db.sessions() as session:
            return get_campaign(session, campaign_id)

    @require_roles("admin", "operator")
    @blp.arguments(CampaignUpdateSchema)
    @blp.response(200, CampaignSchema)
    def patch(self, data, campaign_id):
        """Change a draft campaign; once open, only the population served (N) may change"""
        with service_context().transaction() as session:
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
            return campaign


def transition(campaign_id: str, wanted: str) -> Campaign:
    with service_context().transaction() as session:
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
        emit_status(session, campaign, "survey.campaign.opened" if wanted == OPEN else "survey.campaign.closed")
        return campaign


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
