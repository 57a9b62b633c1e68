"""Staff page of a policy's consultation meetings (sesi konsultasi): those held, and the form to record one.

A meeting is recorded once held: its date, place, the stakeholder groups invited, the number
present, what came out and the minutes; the public policy page shows them.
"""
from __future__ import annotations

from flask import flash, redirect, render_template, request, url_for

from services.consultation.domain.working_days import local_date
from services.consultation.pages import staff_forms, wording
from services.consultation.workflow.policies import policy_detail
from services.consultation.workflow.sessions import list_sessions, record_session
from shared.db import utcnow
from shared.errors import Conflict, Invalid
from shared.web.app_factory import service_context
from shared.web.pages import PageBlueprint, html_errors, require_staff

blp = PageBlueprint("policy_meeting_pages", __name__, url_prefix="/kebijakan/kelola", template_folder="templates",
                    description="Staff pages: consultation meetings of a policy (HTML)")
html_errors(blp)

STAFF = ("admin", "operator")
ALL = {"page": 1, "page_size": 200}


def _page(policy_id: str, problems: list | None = None, values=None, status: int = 200):
    principal = require_staff(*STAFF)
    with service_context().db.sessions() as session:
        detail = policy_detail(session, principal, policy_id)
        held = list_sessions(session, principal, policy_id, ALL)["items"]
    return render_template("consultation/staff/meetings.html", p=detail, held=held, principal=principal, w=wording,
                           problems={"sesi": problems} if problems else {}, values=values or {},
                           chosen_groups=values.getlist("stakeholder_groups") if values else [],
                           today=local_date(utcnow())), status


@blp.get("/<policy_id>/sesi")
def meetings(policy_id):
    return _page(policy_id)


@blp.post("/<policy_id>/sesi")
def record(policy_id):
    principal = require_staff(*STAFF)
    try:
        data = staff_forms.meeting(request.form)
        with service_context().transaction() as session:
            record_session(session, principal, utcnow(), policy_id, data)
    except (Invalid, Conflict) as exc:
        return _page(policy_id, staff_forms.messages(exc), request.form, exc.status)
    flash("Sesi konsultasi dicatat dan ditampilkan pada halaman publik kebijakan.", "ok")
    return redirect(url_for(".meetings", policy_id=policy_id), 303)
