"""A campaign's results: NRR per unsur, IKM, mutu and kinerja, sample size and profile, as JSON or CSV."""
from __future__ import annotations

from flask.views import MethodView
from flask_smorest import Blueprint

from services.survey.api.access import check_results_readable, get_campaign
from services.survey.api.csv_export import csv_response
from services.survey.api.schemas import ResultsSchema
from services.survey.db.models import CampaignTally
from services.survey.domain.disclosure import public_counts, publishable
from services.survey.domain.unsur import PROFILE_CHOICES
from services.survey.results import snapshot, unsur_rows, weakest_name
from shared.web.app_factory import service_context
from shared.web.ratelimit import public_rate_limit

blp = Blueprint("results", __name__, url_prefix="/api/v1/campaigns", description="SKM results (IKM)")
FIGURES = ("nrr", "ikm", "converted", "converted_display", "mutu", "kinerja", "weakest_unsur",
           "weakest_unsur_name")


def campaign_results(campaign_id: str) -> dict:
    """The results the caller may see: everything for staff; for the public, closed campaigns without
    any group under 5 people."""
    with service_context().db.sessions() as session:
        campaign = get_campaign(session, campaign_id)
        full_view = check_results_readable(campaign)
        tally = session.get(CampaignTally, campaign.id)
        body = snapshot(campaign, tally)
        body["weakest_unsur_name"] = weakest_name(body["weakest_unsur"])
        body["unsur"] = unsur_rows(tally)
    body["suppressed"] = not full_view and not publishable(body["respondents"])
    if not full_view:
        body["profile"] = {dim: public_counts(counts) for dim, counts in body["profile"].items()}
    if body["suppressed"]:
        body.update(dict.fromkeys(FIGURES))
        body["unsur"] = [{"key": u["key"], "name": u["name"]} for u in body["unsur"]]
    return body


@blp.route("/<campaign_id>/results")
class Results(MethodView):
    @public_rate_limit
    @blp.response(200, ResultsSchema)
    def get(self, campaign_id):
        """The campaign's IKM (staff while open; the public once closed)"""
        return campaign_results(campaign_id)


@blp.route("/<campaign_id>/results.csv")
class ResultsCsv(MethodView):
    @public_rate_limit
    @blp.response(200, content_type="text/csv", description="the same figures as the JSON, one per row")
    def get(self, campaign_id):
        """The campaign's results as CSV: section, item, name, value"""
        body = campaign_results(campaign_id)
        rows = [["campaign", key, "", body[key]] for key in (
            "service_unit", "department_code", "period_label", "period_start", "period_end", "status",
            "respondents", "population", "required_sample", "sample_sufficient")]
        rows += [["unsur", u["key"], u["name"], u.get("nrr_display")] for u in body["unsur"]]
        rows += [["index", key, "", body[key]] for key in ("ikm", "converted", "converted_display", "mutu",
                                                          "kinerja", "weakest_unsur", "weakest_unsur_name")]
        rows += [[f"profile.{dim}", code, PROFILE_CHOICES[dim].get(code, code), n]
                 for dim, counts in body["profile"].items() for code, n in counts.items()]
        return csv_response(f"skm-results-{body['campaign_id']}.csv", ["section", "item", "name", "value"], rows)
