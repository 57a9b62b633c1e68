"""The staff inbox of citizens' reports: the list with its filters, a report's page with the steps this person
may take now, its attachments, and signing out.

Signed-in BKPSDM staff (role admin) see every report; a department's operator only those forwarded
to their department (workflow/access.py decides, through the same use cases as the JSON API).
Each step is a form with a confirmation box; a refusal of a field is shown beside it.
"""
from __future__ import annotations

from datetime import date

from flask import Response, redirect, render_template, request, url_for

from services.consultation.domain.areas import KECAMATAN
from services.consultation.domain.feedback import KIND_LABELS
from services.consultation.domain.report_flow import STATUS_LABELS
from services.consultation.domain.working_days import local_date
from services.consultation.pages import report_steps
from services.consultation.workflow.attachment_files import AttachmentStore
from services.consultation.workflow.attachments import download_headers, open_attachment
from services.consultation.workflow.departments import receiving_departments
from services.consultation.workflow.feedback_views import feedback_detail, inbox_counts, list_feedback
from shared.db import utcnow
from shared.errors import Invalid
from shared.web.app_factory import service_context
from shared.web.pages import PageBlueprint, html_errors, require_staff

blp = PageBlueprint("staff_pages", __name__, url_prefix="/petugas", template_folder="templates",
                    description="Staff pages: the inbox of citizens' reports and their follow-up (HTML)")
html_errors(blp)
PAGE_SIZE = 25
HANDLERS = ("admin", "operator")


def _date(name: str) -> date | None:
    raw = (request.args.get(name) or "").strip()
    try:
        return date.fromisoformat(raw) if raw else None
    except ValueError:
        return None


def _filters() -> dict:
    """The inbox's filters from the address; anything unreadable is simply not applied."""
    args = request.args
    due = args.get("tenggat", "")
    filters = {"status": args.get("status") if args.get("status") in STATUS_LABELS else None,
               "department_code": (args.get("opd") or "").strip() or None,
               "category": (args.get("kategori") or "").strip() or None,
               "kind": args.get("jenis") if args.get("jenis") in KIND_LABELS else None,
               "kecamatan": (args.get("kecamatan") or "").strip() or None,
               "overdue": True if due == "terlambat" else None, "due_today": due == "hari_ini",
               "submitted_from": _date("dari"), "submitted_to": _date("sampai"),
               "q": (args.get("cari") or "").strip() or None,
               "page": max(1, args.get("halaman", 1, type=int) or 1), "page_size": PAGE_SIZE}
    return filters


@blp.get("/laporan")
def inbox():
    principal = require_staff(*HANDLERS)
    ctx = service_context()
    filters, error = _filters(), None
    now = utcnow()
    with ctx.db.sessions() as session:
        try:
            page = list_feedback(session, principal, now, filters)
        except Invalid as exc:
            error, filters["q"] = exc.indonesian, None
            page = list_feedback(session, principal, now, filters)
        counts = inbox_counts(session, principal, now)
        departments = receiving_departments(session) if principal.is_admin else []
    return (render_template("consultation/staff/inbox.html", page=page, counts=counts, principal=principal,
                           args=request.args, departments=departments, statuses=STATUS_LABELS,
                           categories=list(ctx.config.categories), kinds=KIND_LABELS, kecamatan=KECAMATAN,
                           search_error=error, today_day=local_date(now), category_label=ctx.config.categories.label),
                           422 if error else 200)


def render_report(feedback_id: str, errors: dict | None = None, values: dict | None = None, status: int = 200,
                  done: str | None = None):
    """A report's page for the signed-in staff member, with the forms of the steps they may take."""
    principal = require_staff(*HANDLERS)
    ctx = service_context()
    with ctx.db.sessions() as session:
        report = feedback_detail(session, principal, utcnow(), feedback_id)
        departments = receiving_departments(session) if principal.is_admin else []
    return render_template("consultation/staff/report.html", r=report, principal=principal,
                           departments=departments, errors=errors or {}, values=values or {},
                           forms=report_steps.forms_for(report, principal), done=report_steps.DONE.get(done),
                           categories=ctx.config.categories, kinds=KIND_LABELS,
                           actions=report_steps.HISTORY_ACTIONS, labels=report_steps.LABELS,
                           statuses=STATUS_LABELS), status


@blp.get("/laporan/<feedback_id>")
def report(feedback_id):
    return render_report(feedback_id, done=request.args.get("selesai"))


@blp.post("/laporan/<feedback_id>/<step>")
def take_step(feedback_id, step):
    principal = require_staff(*HANDLERS)
    try:
        report_steps.take(principal, feedback_id, step, request.form)
    except Invalid as exc:  # beside the fields of that step's form, the typing kept
        return render_report(feedback_id, report_steps.field_errors(step, exc), {"step": step, **request.form},
                             422)
    return redirect(url_for(".report", feedback_id=feedback_id, selesai=step), 303)


@blp.get("/laporan/<feedback_id>/lampiran/<attachment_id>")
def attachment(feedback_id, attachment_id):
    principal = require_staff(*HANDLERS)
    ctx = service_context()
    with ctx.db.sessions() as session:
        row, content = open_attachment(session, principal, feedback_id, attachment_id,
                                       AttachmentStore(ctx.config.attachments_dir))
    return Response(content, mimetype=row.content_type, headers=download_headers(row))


