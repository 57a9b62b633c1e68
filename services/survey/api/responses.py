"""Anonymous responses: the public answers an open campaign; admins export them as CSV."""
from __future__ import annotations

from flask.views import MethodView
from flask_smorest import Blueprint
from sqlalchemy import select

from services.survey.api import idempotency
from services.survey.api.access import get_campaign
from services.survey.api.csv_export import csv_response
from services.survey.api.schemas import ResponseReceiptSchema, ResponseSubmissionSchema
from services.survey.db.models import Response
from services.survey.domain.unsur import PROFILE_CHOICES, UNSUR_KEYS
from services.survey.submission import record_response
from shared.web.app_factory import service_context
from shared.web.auth import require_roles
from shared.web.ratelimit import public_rate_limit

blp = Blueprint("responses", __name__, url_prefix="/api/v1/campaigns", description="Anonymous SKM responses")
THANKS = "Terima kasih atas partisipasi Anda dalam Survei Kepuasan Masyarakat."


@blp.route("/<campaign_id>/responses")
class CampaignResponses(MethodView):
    @public_rate_limit
    @blp.arguments(ResponseSubmissionSchema)
    @blp.response(201, ResponseReceiptSchema)
    @blp.doc(parameters=[{"in": "header", "name": "Idempotency-Key", "schema": {"type": "string"},
                          "description": "retry safely: the same key and body give the same answer"}])
    def post(self, data, campaign_id):
        """Answer an open campaign (public, anonymous; a token when the campaign requires one)"""
        key = idempotency.idempotency_key(f"response:{campaign_id}")
        print_ = idempotency.fingerprint(data)
        with service_context().transaction() as session:
            if key and (stored := idempotency.replay(session, key, print_)) is not None:
                return stored
            campaign = get_campaign(session, campaign_id, for_update=True, hide_draft=False)
            response = record_response(session, campaign, data)
            receipt = {"id": response.id, "campaign_id": campaign.id,
                       "submitted_at": response.submitted_at, "message": THANKS}
            if key:
                return idempotency.remember(session, key, print_, 201, ResponseReceiptSchema().dump(receipt))
            return receipt


@blp.route("/<campaign_id>/responses.csv")
class CampaignResponsesCsv(MethodView):
    @require_roles("admin")
    @blp.response(200, content_type="text/csv", description="one row per response, no identifying data")
    def get(self, campaign_id):
        """Export the campaign's responses as CSV (admin)"""
        with service_context().db.sessions() as session:
            campaign = get_campaign(session, campaign_id)
            rows = session.execute(select(Response).where(Response.campaign_id == campaign.id)
                                   .order_by(Response.submitted_at, Response.id)).scalars().all()
        extra_keys = [q["key"] for q in campaign.extra_questions or []]
        # The date only: this file travels by e-mail and spreadsheet, and a time of day could point at
        # the one citizen served at that moment.
        header = ["response_id", "submitted_on", *UNSUR_KEYS, *PROFILE_CHOICES, "suggestion",
                  *(f"extra_{k}" for k in extra_keys)]
        lines = ([r.id, r.submitted_at.date().isoformat(), *(getattr(r, k) for k in UNSUR_KEYS),
                  *(getattr(r, d) for d in PROFILE_CHOICES), r.suggestion,
                  *((r.extra_answers or {}).get(k) for k in extra_keys)] for r in rows)
        return csv_response(f"skm-responses-{campaign.id}.csv", header, lines)
