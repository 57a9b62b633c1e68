"""The staff pages of a campaign: its QR code to print, and a printed sheet of one-time invitation tokens.

Signed-in admins and the campaign's own department operator only (anyone else is sent to the sign-in). Tokens are made by the same
use case as the API (workflow.tokens.issue_tokens) and shown this once: only their hashes are kept.
"""
from __future__ import annotations

from flask import render_template, request

from services.survey.pages.qr import campaign_url, qr_svg
from services.survey.workflow.campaigns import campaign_for_writer
from services.survey.workflow.tokens import issue_tokens
from shared.db import utcnow
from shared.errors import Conflict
from shared.web.app_factory import service_context
from shared.web.pages import PageBlueprint, html_errors, require_staff

blp = PageBlueprint("survey_staff_pages", __name__, url_prefix="/survei", template_folder="templates",
                    description="Staff pages: QR codes and token sheets to print (HTML)")
html_errors(blp)
MAX_PER_SHEET = 200  # a printable sheet, not a bulk export (the API gives CSV for thousands)


def _qr_page(campaign, count: str = "", error: str | None = None, status: int = 200):
    url = campaign_url(campaign.id)
    return render_template("survey/qr.html", campaign=campaign, url=url, qr=qr_svg(url, scale=8),
                           count=count, error=error, max_per_sheet=MAX_PER_SHEET), status


@blp.get("/<campaign_id>/qr")
def qr_code(campaign_id):
    principal = require_staff("admin", "operator")
    with service_context().db.sessions() as session:
        return _qr_page(campaign_for_writer(session, principal, campaign_id))


@blp.post("/<campaign_id>/qr/token")
def token_sheet(campaign_id):
    principal = require_staff("admin", "operator")
    with service_context().db.sessions() as session:
        campaign = campaign_for_writer(session, principal, campaign_id)
    raw = (request.form.get("count") or "").strip()
    if not raw.isdigit() or not 1 <= int(raw) <= MAX_PER_SHEET:
        return _qr_page(campaign, raw, f"Isi jumlah token dengan bilangan bulat 1 sampai {MAX_PER_SHEET}.", 422)
    try:
        with service_context().transaction() as session:
            campaign, tokens = issue_tokens(session, principal, utcnow(), campaign_id, int(raw))
    except Conflict as exc:
        return _qr_page(campaign, raw, exc.indonesian, 409)
    slips = [{"token": t, "qr": qr_svg(campaign_url(campaign.id, t), scale=3)} for t in tokens]
    response = render_template("survey/token_sheet.html", campaign=campaign, slips=slips,
                               url=campaign_url(campaign.id))
    # Shown once: a browser must not keep the tokens in its cache.
    return response, 201, {"Cache-Control": "no-store"}
