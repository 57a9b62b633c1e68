"""The public survey pages: the list of surveys (whose, open or with results), a campaign's questionnaire, the
thank-you page, the token entry page, and a closed campaign's published results.

The form posts back to its own page, which calls the same use case as the JSON API
(workflow.responses.submit_response) in one transaction; a refused form is shown again with the
answers kept and a message beside each field. An open campaign (no tokens) also gets its soft
controls here (pages/integrity.py, throttle.py): one answer per device, a limit per address, and
a honeypot; each refusal is counted for staff.
"""
from __future__ import annotations

from flask import redirect, render_template, request, url_for
from werkzeug.datastructures import MultiDict

from services.survey.db.models import Campaign
from services.survey.domain.integrity import CHALLENGE, REPEAT, already_answered, soft_controls_apply
from services.survey.domain.invitation_tokens import printed
from services.survey.domain.lifecycle import OPEN
from services.survey.pages import form as survey_form
from services.survey.pages import integrity
from services.survey.pages.charts import grade_table, nrr_bars
from services.survey.throttle import limit_responses_per_address
from services.survey.workflow.campaigns import get_campaign
from services.survey.workflow.publication import public_campaigns, published_results
from services.survey.workflow.refusals import count_refusal
from services.survey.workflow.responses import THANKS, submit_response
from services.survey.workflow.submission import read_submission
from services.survey.workflow.tokens import campaign_for_token
from shared.db import utcnow
from shared.errors import Conflict, Forbidden, Invalid
from shared.principal import PUBLIC
from shared.web.app_factory import service_context
from shared.web.auth import acting_principal
from shared.web.pages import PageBlueprint, html_errors
from shared.web.ratelimit import public_rate_limit

blp = PageBlueprint("survey_pages", __name__, url_prefix="/survei", template_folder="templates",
                    static_folder="static", static_url_path="/static",
                    description="Public pages: the SKM questionnaire and published results (HTML)")
html_errors(blp)


def _campaign(campaign_id: str) -> Campaign:
    with service_context().db.sessions() as session:
        return get_campaign(session, acting_principal(), campaign_id)


def _render_form(campaign: Campaign, values: MultiDict, errors: dict, general: str | None = None,
                 status: int = 200):
    return render_template("survey/form.html", campaign=campaign, q=survey_form.questionnaire(campaign),
                           values=values, errors=errors, general=general, honeypot=integrity.HONEYPOT), status


def _count_refusal(campaign_id: str, reason: str) -> None:
    with service_context().transaction() as session:
        count_refusal(session, PUBLIC, utcnow(), campaign_id, reason)


def _answered_here(campaign: Campaign) -> bool:
    return soft_controls_apply(campaign.requires_token) and already_answered(integrity.answered_campaigns(),
                                                                             campaign.id)


@blp.get("")
@public_rate_limit
def index():
    with service_context().db.sessions() as session:
        listed = public_campaigns(session)
    return render_template("survey/index.html", **listed)


@blp.get("/token")
@public_rate_limit
def token_entry():
    return render_template("survey/token_entry.html", token="", error=None)


@blp.post("/token")
@public_rate_limit
def token_lookup():
    token = (request.form.get("token") or "").strip()
    try:
        with service_context().db.sessions() as session:
            campaign = campaign_for_token(session, PUBLIC, token)
    except Invalid as exc:
        return render_template("survey/token_entry.html", token=token, error=exc.indonesian), 422
    # The token goes back after "#", where the form picks it up and no server log sees it.
    target = url_for(".questionnaire", campaign_id=campaign.id) + f"#token={printed(token)}"
    return redirect(target, 303)


@blp.get("/<campaign_id>")
@public_rate_limit
def questionnaire(campaign_id):
    campaign = _campaign(campaign_id)
    if campaign.status != OPEN:
        return render_template("survey/not_open.html", campaign=campaign), 409
    if _answered_here(campaign):
        return render_template("survey/already_answered.html", campaign=campaign)
    return _render_form(campaign, MultiDict(), {})


@blp.post("/<campaign_id>")
@public_rate_limit
@limit_responses_per_address
def send(campaign_id):
    campaign = _campaign(campaign_id)
    thanks = redirect(url_for("survey_pages.thanks", campaign_id=campaign.id), 303)
    if campaign.status == OPEN and _answered_here(campaign):
        _count_refusal(campaign.id, REPEAT)
        return render_template("survey/already_answered.html", campaign=campaign, repeat=True), 409
    if campaign.status == OPEN and integrity.robot_filled(request.form):
        _count_refusal(campaign.id, CHALLENGE)
        return thanks  # a robot is told nothing; nothing was stored
    try:
        data = read_submission(survey_form.submission(request.form, campaign))
        with service_context().transaction() as session:
            submit_response(session, acting_principal(), utcnow(), campaign_id, data)
    except (Invalid, Forbidden, Conflict) as exc:  # shown beside the form's fields, the answers kept
        errors, general = survey_form.refusal(exc)
        return _render_form(campaign, request.form, errors, general, status=exc.status)
    # Post/redirect/get: reloading the thank-you page never sends the answers twice.
    if soft_controls_apply(campaign.requires_token):
        integrity.mark_answered(thanks, campaign.id)
    return thanks


@blp.get("/<campaign_id>/terima-kasih")
def thanks(campaign_id):
    campaign = _campaign(campaign_id)
    return render_template("survey/thanks.html", campaign=campaign, message=THANKS)


@blp.get("/<campaign_id>/hasil")
@public_rate_limit
def results(campaign_id):
    with service_context().db.sessions() as session:
        body = published_results(session, campaign_id)
    return render_template("survey/results_public.html", r=body, nrr_chart=nrr_bars(body["unsur"]),
                           grades=grade_table())
