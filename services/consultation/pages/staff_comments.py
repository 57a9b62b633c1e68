"""Staff pages for citizens' comments on a policy: the list (filter: unanswered, awaiting moderation), moderation,
and the official answer to each comment.

For BKPSDM and the operator of the policy's lead department; only BKPSDM sees a commenter's contact.
"""
from __future__ import annotations

from flask import flash, redirect, render_template, request, url_for

from services.consultation.pages import staff_forms, wording
from services.consultation.workflow import comments
from services.consultation.workflow.comment_views import staff_comments
from services.consultation.workflow.comments import comment_counts, receiving_version
from services.consultation.workflow.policies import get_policy, policy_detail
from shared.db import utcnow
from shared.errors import Conflict, Invalid
from shared.web.app_factory import service_context
from shared.web.pages import PageBlueprint, html_errors, require_staff

blp = PageBlueprint("policy_comment_pages", __name__, url_prefix="/kebijakan/kelola", template_folder="templates",
                    description="Staff pages: comments on a policy and their answers (HTML)")
html_errors(blp)

STAFF = ("admin", "operator")
FILTERS = {"belum": {"unanswered": True}, "moderasi": {"moderation": "pending"}}
PAGE_SIZE = 50


def _filters() -> tuple[str, dict]:
    chosen = next((name for name in FILTERS if request.args.get(name)), "")
    page = request.args.get("halaman", "1")
    return chosen, {**FILTERS.get(chosen, {}), "page": int(page) if page.isdigit() and int(page) > 0 else 1,
                    "page_size": PAGE_SIZE}


def _page(policy_id: str, problems: dict | None = None, values: dict | None = None, status: int = 200):
    principal = require_staff(*STAFF)
    chosen, args = _filters()
    with service_context().db.sessions() as session:
        detail = policy_detail(session, principal, policy_id)
        listed = staff_comments(session, principal, policy_id, args)
        counts = comment_counts(session, policy_id)
        target = receiving_version(get_policy(session, principal, policy_id))
    return render_template("consultation/staff/comments.html", p=detail, listed=listed, counts=counts,
                           chosen=chosen, receiving=target, principal=principal, w=wording,
                           problems=problems or {}, values=values or {}), status


@blp.get("/<policy_id>/tanggapan")
def comments_page(policy_id):
    return _page(policy_id)


def _step(comment_id: str, use_case, *args):
    principal = require_staff(*STAFF)
    policy_id = request.form.get("policy_id", "")
    try:
        with service_context().transaction() as session:
            comment = use_case(session, principal, utcnow(), comment_id, *args)
            policy_id = comment.policy_id
    except (Invalid, Conflict) as exc:
        return _page(policy_id, {comment_id: staff_forms.messages(exc)}, request.form, exc.status)
    flash("Tersimpan.", "ok")
    back = {name: 1 for name in FILTERS if request.form.get("filter") == name}
    return redirect(url_for(".comments_page", policy_id=policy_id, **back, _anchor=f"t-{comment_id}"), 303)


@blp.post("/tanggapan/<comment_id>/moderasi")
def moderate(comment_id):
    form = request.form
    return _step(comment_id, comments.moderate_comment, form.get("moderation", ""),
                 (form.get("reason") or "").strip() or None)


@blp.post("/tanggapan/<comment_id>/jawab")
def answer(comment_id):
    form = request.form
    return _step(comment_id, comments.answer_comment, form.get("outcome", ""),
                 (form.get("reason") or "").strip() or None, staff_forms.number(form.get("version")),
                 staff_forms.number(form.get("article_number")))
