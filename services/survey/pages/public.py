"""The public survey pages: the list of open surveys, a campaign's questionnaire, and the thank-you page.

The form posts back to its own page, which calls the same use case as the JSON API
(workflow.responses.submit_response) in one transaction; a refused form is shown again with the
answers kept and a message beside each field.
"""
from __future__ import annotations

from flask import redirect, render_template, request, url_for
from werkzeug.datastructures import MultiDict

from services.survey.db.models import Campaign
from services.survey.domain.lifecycle import OPEN
from services.survey.pages import form as survey_form
from services.survey.workflow.campaigns import get_campaign, open_campaigns
from services.survey.workflow.responses import THANKS, submit_response
from services.survey.workflow.submission import read_submission
from shared.db import utcnow
from shared.errors import Conflict, Forbidden, Invalid
from shared.web.app_factory import service_context
from shared.web.auth import acting_principal
from shared.web.pages import PageBlueprint, html_errors
from shared.web.ratelimit import public_rate_limit

blp = PageBlueprint("survey_pages", __name__, url_prefix="/survei", template_folder="templates",
                    description="Public pages: the SKM questionnaire (HTML)")
html_errors(blp)


def _campaign(campaign_id: str) -> Campaign:
    with service_context().db.sessions() as session:
        return get_campaign(session, acting_principal(), campaign_id)


def _render_form(campaign: Campaign, values: MultiDict, errors: dict, general: str | None = None,
                 status: int = 200):
    return render_template("survey/form.html", campaign=campaign, q=survey_form.questionnaire(campaign),
                           values=values, errors=errors, general=general), status


@blp.get("")
@public_rate_limit
def index():
    with service_context().db.sessions() as session:
        campaigns = open_campaigns(session)
    return render_template("survey/index.html", campaigns=campaigns)


@blp.get("/<campaign_id>")
@public_rate_limit
def questionnaire(campaign_id):
    campaign = _campaign(campaign_id)
    if campaign.status != OPEN:
        return render_template("survey/not_open.html", campaign=campaign), 409
    return _render_form(campaign, MultiDict(), {})


@blp.post("/<campaign_id>")
@public_rate_limit
def send(campaign_id):
    campaign = _campaign(campaign_id)
    try:
        data = read_submission(survey_form.submission(request.form, campaign))
        with service_context().transaction() as session:
            submit_response(session, acting_principal(), utcnow(), campaign_id, data)
    except (Invalid, Forbidden, Conflict) as exc:  # shown beside the form's fields, the answers kept
        errors, general = survey_form.refusal(exc)
        return _render_form(campaign, request.form, errors, general, status=exc.status)
    # Post/redirect/get: reloading the thank-you page never sends the answers twice.
    return redirect(url_for("survey_pages.thanks", campaign_id=campaign.id), 303)


@blp.get("/<campaign_id>/terima-kasih")
def thanks(campaign_id):
    campaign = _campaign(campaign_id)
    return render_template("survey/thanks.html", campaign=campaign, message=THANKS)
