"""One-time invitation tokens: generated in batches, shown once (JSON or CSV), stored only as hashes."""
from __future__ import annotations

from flask import request
from flask.views import MethodView

from services.survey.api.schemas import TokenBatchSchema, TokenCountsSchema, TokenRequestSchema
from services.survey.workflow.tokens import issue_tokens, token_counts
from shared.db import utcnow
from shared.web.api_blueprint import ApiBlueprint
from shared.web.app_factory import service_context
from shared.web.auth import acting_principal, require_roles
from shared.web.csv import csv_response

blp = ApiBlueprint("tokens", __name__, url_prefix="/api/v1/campaigns", description="One-time invitation tokens")


@blp.route("/<campaign_id>/tokens")
class CampaignTokens(MethodView):
    @require_roles("admin", "operator")
    @blp.response(200, TokenCountsSchema)
    def get(self, campaign_id):
        """How many tokens were issued and how many are still unused"""
        with service_context().db.sessions() as session:
            return token_counts(session, acting_principal(), campaign_id)

    @require_roles("admin", "operator")
    @blp.arguments(TokenRequestSchema)
    @blp.response(201, TokenBatchSchema)
    @blp.alt_response(201, content_type="text/csv", description="the same tokens as CSV (Accept: text/csv)")
    def post(self, data, campaign_id):
        """Generate a batch of N tokens; only their hashes are stored (the staff pages can print the unused ones again)"""
        with service_context().transaction() as session:
            campaign, _, plain = issue_tokens(session, acting_principal(), utcnow(), campaign_id, data["count"],
                                              service_context().config.token_secret)
        if request.accept_mimetypes.best_match(["application/json", "text/csv"]) == "text/csv":
            resp = csv_response(f"skm-tokens-{campaign.id}.csv", ["token", "service_unit", "period"],
                                ([t, campaign.service_unit, campaign.period_label] for t in plain))
            resp.status_code = 201
            return resp
        return {"campaign_id": campaign.id, "count": len(plain), "tokens": plain}
