"""SKM campaigns: one service unit, one period, draft -> open -> closed."""
from __future__ import annotations

from flask.views import MethodView

from services.survey.api.schemas import CampaignPageSchema, CampaignQueryArgsSchema, CampaignSchema
from services.survey.workflow import campaigns
from services.survey.workflow.campaign_input import CampaignUpdateSchema
from shared.db import utcnow
from shared.web.api_blueprint import ApiBlueprint
from shared.web.app_factory import service_context
from shared.web.auth import acting_principal, require_roles
from shared.web.ratelimit import public_rate_limit

blp = ApiBlueprint("campaigns", __name__, url_prefix="/api/v1/campaigns", description="SKM survey campaigns")
STAFF = ("admin", "operator")


@blp.route("")
class Campaigns(MethodView):
    @public_rate_limit
    @blp.arguments(CampaignQueryArgsSchema, location="query")
    @blp.response(200, CampaignPageSchema)
    def get(self, args):
        """List campaigns (the public sees open and closed ones; staff also their drafts)"""
        with service_context().db.sessions() as session:
            return campaigns.list_campaigns(session, acting_principal(), args)

    @require_roles(*STAFF)
    @blp.arguments(CampaignSchema)
    @blp.response(201, CampaignSchema)
    def post(self, data):
        """Create a draft campaign (admin, or the operator of that department; the department must be known)"""
        with service_context().transaction() as session:
            return campaigns.create_campaign(session, acting_principal(), utcnow(), data)


@blp.route("/<campaign_id>")
class CampaignById(MethodView):
    @public_rate_limit
    @blp.response(200, CampaignSchema)
    def get(self, campaign_id):
        """One campaign"""
        with service_context().db.sessions() as session:
            return campaigns.get_campaign(session, acting_principal(), campaign_id)

    @require_roles(*STAFF)
    @blp.arguments(CampaignUpdateSchema)
    @blp.response(200, CampaignSchema)
    def patch(self, data, campaign_id):
        """Change a draft campaign; once open, only the population served (N) may change"""
        with service_context().transaction() as session:
            return campaigns.update_campaign(session, acting_principal(), utcnow(), campaign_id, data)


@blp.route("/<campaign_id>/open")
class CampaignOpen(MethodView):
    @require_roles(*STAFF)
    @blp.response(200, CampaignSchema)
    def post(self, campaign_id):
        """Open a draft campaign for responses"""
        with service_context().transaction() as session:
            return campaigns.open_campaign(session, acting_principal(), utcnow(), campaign_id)


@blp.route("/<campaign_id>/close")
class CampaignClose(MethodView):
    @require_roles(*STAFF)
    @blp.response(200, CampaignSchema)
    def post(self, campaign_id):
        """Close an open campaign: no more responses, and its results become public"""
        with service_context().transaction() as session:
            return campaigns.close_campaign(session, acting_principal(), utcnow(), campaign_id)
