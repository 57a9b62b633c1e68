"""The staff pages of improvement plans (rencana tindak lanjut), beside the policy workspace.

BKPSDM turns a recommendation of an evaluation report into an action ("Jadikan tindak lanjut" on
reporting's dashboard opens the form here with the recommendation's figures), adds actions by
hand, and adopts the plan; a department's operator sees the actions their department owns and
moves them along. Each form calls one workflow function (workflow/improvement.py), as the API does.
"""
from __future__ import annotations

from datetime import date

from flask import Response, flash, redirect, render_template, request, url_for
from sqlalchemy import select

from services.consultation.db.models import Policy
from services.consultation.domain import improvement as rules
from services.consultation.domain.working_days import local_date
from services.consultation.pages import staff_forms
from services.consultation.workflow import improvement
from services.consultation.workflow.attachment_files import AttachmentStore
from services.consultation.workflow.attachments import Upload
from services.consultation.workflow.departments import receiving_departments
from shared.db import utcnow
from shared.errors import Conflict, Invalid
from shared.web.app_factory import service_context
from shared.web.pages import PageBlueprint, html_errors, require_staff

blp = PageBlueprint("improvement_pages", __name__, url_prefix="/kebijakan/kelola/tindak-lanjut",
                    template_folder="templates", description="Staff pages: improvement plans (HTML)")
html_errors(blp)

STAFF = ("admin", "operator")
FIGURE_FIELDS = {"cakupan": "scope", "aturan": "rule", "angka": "figure", "subjek": "subject", "teks": "text"}
DEFAULT_MONTHS = 3  # the deadline the form proposes: a quarter, the rhythm of the reports


def months_after(day: date, months: int) -> date:
    """The same day `months` later (the month's last day when it is shorter)."""
    year, month = divmod(day.month - 1 + months, 12)
    year, month = day.year + year, month + 1
    for candidate in (day.day, 30, 29, 28):
        try:
            return date(year, month, candidate)
        except ValueError:
            continue
    raise ValueError(day)


def _number(raw: str | None) -> float | int | None:
    try:
        return float(raw) if raw not in (None, "") else None
    except ValueError:
        return None


def _int(raw: str | None) -> int | None:
    try:
        return int(raw) if raw else None
    except ValueError:
        return None


def _date(raw: str | None) -> date | None:
    try:
        return date.fromisoformat(raw) if raw else None
    except ValueError:
        return None


def recommendation_from(values) -> dict | None:
    """The recommendation carried by the form (or by the dashboard's link), or None for an action by hand."""
    if not values.get("aturan"):
        return None
    found = {key: (values.get(name) or "").strip() or None for name, key in FIGURE_FIELDS.items()}
    return {**found, "value": _number(values.get("nilai")), "threshold": _number(values.get("ambang"))}


def _plan_policies(session) -> list[Policy]:
    return list(session.execute(select(Policy).where(Policy.adopted_version.is_not(None))
                                .order_by(Policy.code)).scalars())


@blp.get("")
def index():
    return _index()


def _index(problems: dict | None = None, status: int = 200):
    principal = require_staff(*STAFF)
    now = utcnow()
    with service_context().db.sessions() as session:
        plans = improvement.list_plans(session, principal) if principal.is_admin else []
        actions = improvement.department_actions(session, principal, now, request.args.get("opd") or None)
    return render_template("consultation/staff/improvement_index.html", plans=plans, actions=actions,
                           principal=principal, labels=rules.LABELS, move_labels=rules.MOVE_LABELS,
                           problems=problems or {}), status


def _new_form(values, problems: list | None = None, status: int = 200):
    principal = require_staff("admin")
    with service_context().db.sessions() as session:
        policies = _plan_policies(session)
        departments = receiving_departments(session)
    today = local_date(utcnow())
    return render_template("consultation/staff/improvement_new.html", values=values, problems=problems or [],
                           rec=recommendation_from(values), policies=policies, departments=departments,
                           principal=principal,
                           default_deadline=months_after(today, DEFAULT_MONTHS).isoformat()), status


@blp.get("/baru")
def new_action():
    return _new_form(request.args)


@blp.post("/baru")
def add_action():
    principal = require_staff("admin")
    form = request.form
    rec = recommendation_from(form)
    data = {"policy_id": form.get("policy_id", ""), "period": form.get("periode", ""),
            "origin": "recommendation" if rec else "manual", "recommendation": rec,
            "reason": form.get("reason") or None, "description": form.get("description", ""),
            "owner_department": form.get("owner_department", ""), "deadline": _date(form.get("deadline")),
            "policy_article": _int(form.get("policy_article")), "policy_version": _int(form.get("policy_version"))}
    try:
        with service_context().transaction() as session:
            action = improvement.add_action(session, principal, utcnow(), data)
            plan_id = action.plan_id
    except (Invalid, Conflict) as exc:
        return _new_form(form, staff_forms.messages(exc), exc.status)
    flash("Tindak lanjut ditambahkan ke rencana.", "ok")
    return redirect(url_for(".plan", plan_id=plan_id), 303)


def _plan_page(plan_id: str, problems: dict | None = None, status: int = 200):
    principal = require_staff(*STAFF)
    with service_context().db.sessions() as session:
        plan = improvement.plan_detail(session, principal, utcnow(), plan_id)
    return render_template("consultation/staff/improvement_plan.html", plan=plan, principal=principal,
                           problems=problems or {}, move_labels=rules.MOVE_LABELS), status


@blp.get("/<plan_id>")
def plan(plan_id):
    return _plan_page(plan_id)


@blp.post("/<plan_id>/tetapkan")
def adopt(plan_id):
    principal = require_staff("admin")
    try:
        with service_context().transaction() as session:
            improvement.adopt_plan(session, principal, utcnow(), plan_id, (request.form.get("reason") or None),
                                   service_context().config.rounds)
    except (Invalid, Conflict) as exc:
        return _plan_page(plan_id, {"tetapkan": staff_forms.messages(exc)}, exc.status)
    flash("Rencana tindak lanjut ditetapkan: perangkat daerah dapat mulai mengerjakannya.", "ok")
    return redirect(url_for(".plan", plan_id=plan_id), 303)


@blp.post("/aksi/<action_id>/langkah")
def move(action_id):
    principal = require_staff(*STAFF)
    form, ctx = request.form, service_context()
    upload = request.files.get("evidence")
    upload = Upload(upload.filename, upload.read()) if upload and upload.filename else None
    plan_id = form.get("rencana")  # the form was on the plan's page; else on the list of actions
    back = url_for(".plan", plan_id=plan_id) if plan_id else url_for(".index")
    try:
        with ctx.transaction() as session:
            action = improvement.move_action(session, principal, utcnow(), action_id, form.get("target", ""),
                                             note=form.get("note"), reason=form.get("reason"), upload=upload,
                                             store=AttachmentStore(ctx.config.attachments_dir))
            state = action.state
    except (Invalid, Conflict) as exc:
        problems = {f"aksi-{action_id}": staff_forms.messages(exc)}
        return _plan_page(plan_id, problems, exc.status) if plan_id else _index(problems, exc.status)
    flash(f"Tindak lanjut sekarang: {rules.LABELS[state]}.", "ok")
    return redirect(back + f"#aksi-{action_id}", 303)


@blp.get("/aksi/<action_id>/lampiran")
def evidence(action_id):
    principal = require_staff(*STAFF)
    ctx = service_context()
    with ctx.db.sessions() as session:
        action, content = improvement.open_evidence(session, principal, action_id,
                                                    AttachmentStore(ctx.config.attachments_dir))
    return Response(content, mimetype=action.attachment_type, headers={
        "Content-Disposition": f'attachment; filename="{action.attachment_name}"',
        "Cache-Control": "private, no-store", "X-Content-Type-Options": "nosniff"})
