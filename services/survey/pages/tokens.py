"""Printing for a campaign: the QR poster for the counter, and invitation-token sheets.

Tokens are issued only by the explicit "Buat token" action, with a count (a POST that redirects to
the new batch's sheet). Viewing or reloading a sheet issues nothing: it derives the batch's tokens
again and prints those still unused (workflow/tokens.py), so a sheet can be printed again later.
"""
from __future__ import annotations

from flask import redirect, render_template, request, url_for

from services.survey.pages.qr import campaign_url, qr_svg, short_url
from services.survey.pages.staff import WRITERS, staff_blueprint
from services.survey.workflow.campaigns import campaign_for_writer
from services.survey.workflow.tokens import issue_tokens, unused_tokens
from shared.db import utcnow
from shared.errors import Conflict, Invalid
from shared.web.app_factory import service_context
from shared.web.pages import require_staff

blp = staff_blueprint("survey_printing", "Staff pages: QR posters and token sheets to print (HTML)")
MAX_PER_SHEET = 200  # tokens per batch made here: sheets to print, not a bulk export (the API gives CSV)
NO_STORE = {"Cache-Control": "no-store"}  # a sheet of live tokens stays out of the browser's cache


@blp.get("/<campaign_id>/poster")
def poster(campaign_id):
    principal = require_staff(*WRITERS)
    with service_context().db.sessions() as session:
        campaign = campaign_for_writer(session, principal, campaign_id)
    url = campaign_url(campaign.id)
    return render_template("survey/poster.html", campaign=campaign, url=url, qr=qr_svg(url, scale=8),
                           short=short_url(campaign))


@blp.post("/<campaign_id>/token")
def issue(campaign_id):
    principal = require_staff(*WRITERS)
    raw = (request.form.get("count") or "").strip()
    message = f"Isi jumlah token dengan bilangan bulat 1 sampai {MAX_PER_SHEET}."
    try:
        if not raw.isdigit() or not 1 <= int(raw) <= MAX_PER_SHEET:
            raise Invalid("count", message, indonesian=message)
        with service_context().transaction() as session:
            _, batch, _ = issue_tokens(session, principal, utcnow(), campaign_id, int(raw),
                                       service_context().config.token_secret)
            batch_id = batch.id
    except (Invalid, Conflict) as exc:
        with service_context().db.sessions() as session:
            campaign = campaign_for_writer(session, principal, campaign_id)
        return render_template("survey/token_form.html", campaign=campaign, count=raw,
                               error=exc.indonesian or message), exc.status
    return redirect(url_for(".sheet", campaign_id=campaign_id, batch_id=batch_id), 303)


@blp.get("/<campaign_id>/token/<batch_id>")
def sheet(campaign_id, batch_id):
    principal = require_staff(*WRITERS)
    with service_context().db.sessions() as session:
        campaign, batch, tokens = unused_tokens(session, principal, campaign_id, batch_id,
                                                service_context().config.token_secret)
    slips = [{"token": t, "qr": qr_svg(campaign_url(campaign.id, t), scale=3)} for t in tokens]
    return render_template("survey/token_sheet.html", campaign=campaign, batch=batch, slips=slips,
                           short=short_url(campaign)), 200, NO_STORE
