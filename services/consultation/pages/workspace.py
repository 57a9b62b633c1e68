"""The staff workspace of policies: the list with stages and deadlines, a policy's page with its moves and the
article editor, and the comparison of any two versions.

Staff only (BKPSDM and department operators, `require_staff`); each form calls one workflow and
comes back to the page, with the refusal beside the form it concerns.
"""
from __future__ import annotations

from datetime import date

from flask import flash, redirect, render_template, request, url_for

from services.consultation.domain.policy_lifecycle import PolicyState
from services.consultation.domain.working_days import local_date
from services.consultation.pages import staff_forms, wording
from services.consultation.pages.outcome import version_pair
from services.consultation.workflow import policy_text
from services.consultation.workflow.access import may_work_on_policy
from services.consultation.workflow.comments import comment_counts
from services.consultation.workflow.policies import create_policy, edit_policy, policy_detail
from services.consultation.workflow.policy_moves import move_policy
from services.consultation.workflow.workspace import lead_departments, workspace_policies
from shared.db import utcnow
from shared.errors import Conflict, Invalid
from shared.web.app_factory import service_context
from shared.web.pages import PageBlueprint, html_errors, require_staff

blp = PageBlueprint("policy_workspace", __name__, url_prefix="/kebijakan/kelola", template_folder="templates",
                    description="Staff pages: the policy workspace (HTML)")
html_errors(blp)

STAFF = ("admin", "operator")


@blp.get("")
def index():
    return _index()


def _index(problems: dict | None = None, values: dict | None = None, status: int = 200):
    principal = require_staff(*STAFF)
    with service_context().db.sessions() as session:
        rows = workspace_policies(session, principal)
        departments = lead_departments(session)
    return render_template("consultation/staff/policies.html", rows=rows, principal=principal, w=wording,
                           departments=departments, problems=problems or {}, values=values or {}), status


@blp.post("")
def create():
    principal = require_staff(*STAFF)
    data = staff_forms.new_policy(request.form)
    try:
        with service_context().transaction() as session:
            policy = create_policy(session, principal, utcnow(), data)
            policy_id = policy.id
    except (Invalid, Conflict) as exc:
        return _index({"baru": staff_forms.messages(exc)}, request.form, exc.status)
    flash("Rancangan dibuat. Tulis pasal-pasalnya di bawah.", "ok")
    return redirect(url_for(".policy", policy_id=policy_id), 303)


def _workspace(policy_id: str, problems: dict | None = None, values: dict | None = None, status: int = 200):
    principal = require_staff(*STAFF)
    config = service_context().config
    with service_context().db.sessions() as session:
        detail = policy_detail(session, principal, policy_id)
        text = policy_text.text_of(session, principal, policy_id)
        counts = comment_counts(session, policy_id)
    today = local_date(utcnow())
    return render_template(
        "consultation/staff/policy.html", p=detail, text=text, counts=counts, principal=principal, w=wording,
        mine=may_work_on_policy(principal, text["policy"]),
        problems=problems or {}, values=values or {}, earliest_close=config.rounds.earliest_close(today),
        min_days=config.rounds.min_days, states=PolicyState), status


@blp.get("/<policy_id>")
def policy(policy_id):
    return _workspace(policy_id)


def _closing_date(raw: str | None) -> date | None:
    try:
        return date.fromisoformat(raw) if raw else None
    except ValueError:
        return None


@blp.post("/<policy_id>/langkah")
def move(policy_id):
    principal = require_staff(*STAFF)
    form = request.form
    target = form.get("target", "")
    try:
        with service_context().transaction() as session:
            move_policy(session, principal, utcnow(), policy_id, target, (form.get("reason") or "").strip() or None,
                        closes_on=_closing_date(form.get("closes_on")),
                        confirm_unanswered=form.get("confirm_unanswered") == "ya",
                        rounds=service_context().config.rounds)
    except (Invalid, Conflict) as exc:
        return _workspace(policy_id, {f"move-{target}": staff_forms.messages(exc)}, form, exc.status)
    flash(f"Tahap kebijakan sekarang: {wording.state(target)}.", "ok")
    return redirect(url_for(".policy", policy_id=policy_id), 303)


@blp.post("/<policy_id>/naskah")
def edit_heading(policy_id):
    principal = require_staff(*STAFF)
    changes = {key: (request.form.get(key) or "").strip() for key in ("title", "summary")}
    try:
        with service_context().transaction() as session:
            edit_policy(session, principal, utcnow(), policy_id, staff_forms.checked_heading(changes))
    except (Invalid, Conflict) as exc:
        return _workspace(policy_id, {"naskah": staff_forms.messages(exc)}, request.form, exc.status)
    flash("Judul dan ringkasan disimpan.", "ok")
    return redirect(url_for(".policy", policy_id=policy_id), 303)


def _article_step(policy_id: str, form_id: str, anchor: str, done: str, use_case, *args):
    principal = require_staff(*STAFF)
    try:
        with service_context().transaction() as session:
            use_case(session, principal, utcnow(), policy_id, *args)
    except (Invalid, Conflict) as exc:
        return _workspace(policy_id, {form_id: staff_forms.messages(exc)}, request.form, exc.status)
    flash(done, "ok")
    return redirect(url_for(".policy", policy_id=policy_id, _anchor=anchor), 303)


@blp.post("/<policy_id>/pasal")
def add_article(policy_id):
    form = request.form
    return _article_step(policy_id, "pasal-baru", "pasal-baru", "Pasal ditambahkan.", policy_text.add_article,
                         form.get("heading", ""), form.get("body", ""), staff_forms.number(form.get("position")))


@blp.post("/<policy_id>/pasal/<key>")
def edit_article(policy_id, key):
    form = request.form
    return _article_step(policy_id, f"pasal-{key}", f"pasal-{key}", "Pasal disimpan.", policy_text.edit_article,
                         key, form.get("heading", ""), form.get("body", ""), staff_forms.number(form.get("position")))


@blp.post("/<policy_id>/pasal/<key>/hapus")
def remove_article(policy_id, key):
    return _article_step(policy_id, f"pasal-{key}", "naskah-pasal", "Pasal dihapus; nomor pasal berikutnya "
                         "disesuaikan.", policy_text.remove_article, key)


@blp.get("/<policy_id>/perbandingan")
def comparison(policy_id):
    principal = require_staff(*STAFF)
    with service_context().db.sessions() as session:
        versions = policy_text.versions(session, principal, policy_id)
        numbers = [v.version for v in versions]
        if "dari" in request.args:
            old, new = version_pair()
        else:  # the latest change by default: the version before the newest one, against it
            old, new = (numbers[-2], numbers[-1]) if len(numbers) > 1 else (numbers[0], numbers[0])
        result = policy_text.compare_versions(session, principal, policy_id, old, new)
    return render_template("consultation/staff/comparison.html", r=result, p=result["policy"], versions=versions,
                           w=wording, principal=principal)
