"""One-time invitation tokens: generated in batches, shown once (JSON or CSV), stored only as hashes."""
from __future__ import annotations

from flask import request
from flask.views import MethodView
from flask_smorest import Blueprint, abort
from sqlalchemy import func, insert, select

from services.survey.api.access import get_campaign
from services.survey.api.csv_export import csv_response
from services.survey.api.schemas import TokenBatchSchema, TokenCountsSchema, TokenRequestSchema
from services.survey.db.models import Campaign, InvitationToken
from services.survey.domain.invitation_tokens import new_token, token_hash
from services.survey.domain.lifecycle import CLOSED
from shared.web.app_factory import service_context
from shared.web.auth import require_roles, require_write

blp = Blueprint("tokens", __name__, url_prefix="/api/v1/campaigns", description="One-time invitation tokens")


def unused_tokens(session, campaign_id: str) -> int:
    return session.execute(select(func.count()).select_from(InvitationToken)
                           .where(InvitationToken.campaign_id == campaign_id)).scalar_one()


def issue_tokens(campaign_id: str, count: int) -> tuple[Campaign, list[str]]:
    """Store `count` new tokens of the campaign as hashes and return their plain text (the API and the
    printed token sheet both call this; the caller has checked the count)."""
    with service_context().transaction() as session:
        campaign = get_campaign(session, campaign_id, for_update=True)
        require_write(campaign.department_code)
        if campaign.status == CLOSED:
            abort(409, message="A closed campaign takes no more responses, so it needs no tokens.")
        tokens = {token_hash(t): t for t in (new_token() for _ in range(count))}
        while len(tokens) < count:  # a repeat within one batch is ~impossible, but cheap to rule out
            token = new_token()
            tokens[token_hash(token)] = token
        session.execute(insert(InvitationToken), [{"token_hash": h, "campaign_id": campaign.id} for h in tokens])
        campaign.tokens_issued += len(tokens)
        campaign.version += 1
    return campaign, list(tokens.values())


@blp.route("/<campaign_id>/tokens")
class CampaignTokens(MethodView):
    @require_roles("admin", "operator")
    @blp.response(200, TokenCountsSchema)
    def get(self, campaign_id):
        """How many tokens were issued and how many are still unused"""
        with service_context().db.sessions() as session:
            campaign = get_campaign(session, campaign_id)
            require_write(campaign.department_code)
            return {"campaign_id": campaign.id, "issued": campaign.tokens_issued,
                    "unused": unused_tokens(session, campaign.id)}

    @require_roles("admin", "operator")
    @blp.arguments(TokenRequestSchema)
    @blp.response(201, TokenBatchSchema)
    @blp.alt_response(201, content_type="text/csv", description="the same tokens as CSV (Accept: text/csv)")
    def post(self, data, campaign_id):
        """Generate N tokens; their plain text is returned this once and never stored"""
        campaign, plain = issue_tokens(campaign_id, data["count"])
        if request.accept_mimetypes.best_match(["application/json", "text/csv"]) == "text/csv":
            resp = csv_response(f"skm-tokens-{campaign.id}.csv", ["token", "service_unit", "period"],
                                ([t, campaign.service_unit, campaign.period_label] for t in plain))
            resp.status_code = 201
            return resp
        return {"campaign_id": campaign.id, "count": len(plain), "tokens": plain}
