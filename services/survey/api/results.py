"""A campaign's results: NRR per unsur, IKM, mutu and kinerja, sample size and profile, as JSON or CSV."""
from __future__ import annotations

from flask.views import MethodView

from services.survey.api.schemas import ResultsSchema
from services.survey.workflow.results import campaign_results, results_table
from shared.web.api_blueprint import ApiBlueprint
from shared.web.app_factory import service_context
from shared.web.auth import acting_principal
from shared.web.csv import csv_response
from shared.web.ratelimit import public_rate_limit

blp = ApiBlueprint("results", __name__, url_prefix="/api/v1/campaigns", description="SKM results (IKM)")


@blp.route("/<campaign_id>/results")
class Results(MethodView):
    @public_rate_limit
    @blp.response(200, ResultsSchema)
    def get(self, campaign_id):
        """The campaign's IKM (staff while open; the public once closed)"""
        with service_context().db.sessions() as session:
            return campaign_results(session, acting_principal(), campaign_id)


@blp.route("/<campaign_id>/results.csv")
class ResultsCsv(MethodView):
    @public_rate_limit
    @blp.response(200, content_type="text/csv", description="the same figures as the JSON, one per row")
    def get(self, campaign_id):
        """The campaign's results as CSV: section, item, name, value"""
        with service_context().db.sessions() as session:
            return csv_response(*results_table(session, acting_principal(), campaign_id))
