"""The survey workspace: the list of a department's campaigns, creating and changing one, opening and closing it.

Every form posts back (CSRF token, messages beside the fields) and a success redirects
(post/redirect/get). The pages call the same use cases as the JSON API.
"""
from __future__ import annotations

from flask import flash, redirect, render_template, request, url_for
from werkzeug.datastructures import MultiDict

from services.survey.pages import campaign_form as cf
from services.survey.pages.staff import READERS, WRITERS, staff_blueprint
from services.survey.workflow import campaigns
from services.survey.workflow.campaign_input import read_campaign, read_changes
from services.survey.workflow.departments import departments_for_campaigns
from services.survey.workflow.workspace import campaign_page, workspace_campaigns
from shared.db import utcnow
from shared.errors import Conflict, Invalid
from shared.principal import Principal
from shared.web.app_factory import service_context
from shared.web.pages import require_staff, sign_out

blp = staff_blueprint("survey_workspace", "Staff pages: the survey workspace (HTML)")
STATUS_WORDS = {"draft": "Rancangan", "open": "Dibuka", "closed": "Ditutup"}


@blp.app_template_filter("status_kata")
def status_word(status: str) -> str:
    return STATUS_WORDS.get(status, status)


def _departments(principal: Principal) -> list:
    with service_context().db.sessions() as session:
        return departments_for_campaigns(session, principal)


@blp.get("")
def index():
    principal = require_staff(*READERS)
    filters = {"status": request.args.get("status") or None, "page": request.args.get("page", 1, type=int),
               "period_year": request.args.get("tahun", type=int), "page_size": 25}
    filters["page"] = max(1, min(filters["page"], 10_000))
    with service_context().db.sessions() as session:
        found = workspace_campaigns(session, principal, filters)
    return render_template("survey/workspace.html", found=found, filters=filters, statuses=STATUS_WORDS)


def _form_page(principal: Principal, values: MultiDict, errors: dict, campaign=None, general=None, status=200):
    return render_template("survey/campaign_form.html", values=values, errors=errors, campaign=campaign,
                           general=general, departments=_departments(principal), principal=principal,
                           periods=cf.PERIOD_CHOICES, modes=cf.MODES, rows=cf.row_count(values)), status


@blp.get("/baru")
def new():
    principal = require_staff(*WRITERS)
    return _form_page(principal, MultiDict({"mode": "terbuka", "period_type": "quarterly",
                                            "period_year": str(utcnow().year)}), {})


@blp.post("/baru")
def create():
    principal = require_staff(*WRITERS)
    department = request.form.get("department_code") if principal.is_admin else principal.department
    try:
        data = read_campaign(cf.body_of(request.form, department_code=department, draft=True))
        with service_context().transaction() as session:
            campaign = campaigns.create_campaign(session, principal, utcnow(), data)
            campaign_id = campaign.id
    except Invalid as exc:
        return _form_page(principal, request.form, cf.field_messages(exc.errors, request.form), status=422)
    except Conflict as exc:
        return _form_page(principal, request.form, {"service_unit": exc.indonesian}, status=409)
    flash("Survei dibuat sebagai rancangan. Periksa isinya, lalu buka survei agar warga dapat mengisi.")
    return redirect(url_for(".campaign", campaign_id=campaign_id), 303)


@blp.get("/<campaign_id>")
def campaign(campaign_id):
    principal = require_staff(*READERS)
    with service_context().db.sessions() as session:
        page = campaign_page(session, principal, campaign_id)
    return render_template("survey/campaign.html", **page, period_words=dict(cf.PERIOD_CHOICES))


@blp.get("/<campaign_id>/ubah")
def edit(campaign_id):
    principal = require_staff(*WRITERS)
    with service_context().db.sessions() as session:
        found = campaigns.campaign_for_writer(session, principal, campaign_id)
    return _form_page(principal, cf.values_of(found), {}, campaign=found)


@blp.post("/<campaign_id>/ubah")
def update(campaign_id):
    principal = require_staff(*WRITERS)
    with service_context().db.sessions() as session:
        found = campaigns.campaign_for_writer(session, principal, campaign_id)
    try:
        changes = read_changes(cf.body_of(request.form, department_code=None, draft=found.status == "draft"))
        with service_context().transaction() as session:
            campaigns.update_campaign(session, principal, utcnow(), campaign_id, changes)
    except Invalid as exc:
        return _form_page(principal, request.form, cf.field_messages(exc.errors, request.form), found, status=422)
    except Conflict as exc:
        return _form_page(principal, request.form, {}, found, general=exc.indonesian or exc.detail, status=409)
    flash("Perubahan disimpan.")
    return redirect(url_for(".campaign", campaign_id=campaign_id), 303)


def _move(campaign_id: str, move, message: str):
    principal = require_staff(*WRITERS)
    with service_context().transaction() as session:
        move(session, principal, utcnow(), campaign_id)
    flash(message)
    return redirect(url_for(".campaign", campaign_id=campaign_id), 303)


@blp.post("/<campaign_id>/buka")
def open_(campaign_id):
    return _move(campaign_id, campaigns.open_campaign,
                 "Survei dibuka. Warga kini dapat mengisi; hasil sementara hanya terlihat oleh petugas.")


@blp.post("/<campaign_id>/tutup")
def close(campaign_id):
    return _move(campaign_id, campaigns.close_campaign,
                 "Survei ditutup. Hasilnya kini diumumkan di halaman publik.")


@blp.get("/keluar")
def leave():
    # A stand-in until the suite's sign-in provides the shared sign-out link (the `sign_out` block).
    return sign_out(url_for("survey_pages.index"), "/")
