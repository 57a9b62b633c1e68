"""Anonymous responses: the public answers an open campaign; admins and its department's operator export them as CSV."""
from __future__ import annotations

from flask.views import MethodView

from services.survey.api.schemas import ResponseReceiptSchema
from services.survey.throttle import limit_responses_per_address
from services.survey.workflow.responses import export_responses, submit_response
from services.survey.workflow.submission import ResponseSubmissionSchema
from shared.db import utcnow
from shared.web.api_blueprint import ApiBlueprint
from shared.web.app_factory import service_context
from shared.web.auth import acting_principal, require_roles
from shared.web.csv import csv_response
from shared.web.idempotency import idempotent
from shared.web.ratelimit import public_rate_limit

blp = ApiBlueprint("responses", __name__, url_prefix="/api/v1/campaigns", description="Anonymous SKM responses")


@blp.route("/<campaign_id>/responses")
class CampaignResponses(MethodView):
    @public_rate_limit
    @limit_responses_per_address
    @blp.arguments(ResponseSubmissionSchema)
    # The token never enters the key's fingerprint: a hash over token + answers could link them.
    @idempotent("survey-responses", leave_out=("token",))
    @blp.response(201, ResponseReceiptSchema)
    def post(self, data, campaign_id, session):
        """Answer an open campaign (public, anonymous; a token when the campaign requires one)"""
        return submit_response(session, acting_principal(), utcnow(), campaign_id, data)


@blp.route("/<campaign_id>/responses.csv")
class CampaignResponsesCsv(MethodView):
    @require_roles("admin", "operator")
    @blp.response(200, content_type="text/csv", description="one row per response, no identifying data")
    def get(self, campaign_id):
        """Export the campaign's responses with their suggestions as CSV (admin, the department's operator)"""
        with service_context().db.sessions() as session:
            return csv_response(*export_responses(session, acting_principal(), campaign_id))
