"""The public pages of policies: every published policy with its stage, and a policy's page with its current text,
the moderated comments under each article with their official answers, the comment forms while the round is open,
the consultation meetings and the policy's history.

Comments are sent without an account, rate-limited and capped like the report form; a comment
waits for moderation before it shows, and its contact is never shown (workflow/comment_views.py).
"""
from __future__ import annotations

from flask import flash, redirect, render_template, request, url_for
from werkzeug.datastructures import MultiDict

from services.consultation.domain.comments import MAX_FORM_BYTES
from services.consultation.domain.consultation_round import accepts_comments, days_left
from services.consultation.domain.policy_lifecycle import PolicyState
from services.consultation.domain.working_days import local_date
from services.consultation.pages import comment_form, wording
from services.consultation.workflow.comment_views import public_comments
from services.consultation.workflow.comments import submit_comment
from services.consultation.workflow.policies import policy_detail, published_policies
from services.consultation.workflow.policy_text import text_of
from services.consultation.workflow.sessions import list_sessions
from shared.db import utcnow
from shared.errors import Invalid
from shared.principal import PUBLIC
from shared.web.app_factory import service_context
from shared.web.pages import PageBlueprint, html_errors
from shared.web.ratelimit import public_rate_limit
from shared.web.security import limit_body

blp = PageBlueprint("policy_pages", __name__, url_prefix="/kebijakan", template_folder="templates",
                    static_folder="static", static_url_path="/aset",
                    description="Public pages: policies, their text and public consultation (HTML)")
html_errors(blp)
limit_body(blp, MAX_FORM_BYTES)  # a citizen's comment, never an upload

ALL_SESSIONS = {"page": 1, "page_size": 100}


@blp.get("")
def index():
    with service_context().db.sessions() as session:
        policies = published_policies(session)
    today = local_date(utcnow())
    open_now = [p for p in policies if p.state == PolicyState.IN_CONSULTATION]
    others = [p for p in policies if p.state != PolicyState.IN_CONSULTATION]
    return render_template("consultation/policies.html", open_now=open_now, others=others, today=today,
                           days_left=days_left, labels=wording.STATE_LABELS)


def _page(policy_id: str, values: MultiDict | None = None, errors: dict | None = None, form_key: str | None = None,
          status: int = 200):
    """The policy's page; after a refused comment, with the citizen's typing and the reasons beside the form."""
    now = utcnow()
    with service_context().db.sessions() as session:
        detail = policy_detail(session, PUBLIC, policy_id)
        text = text_of(session, PUBLIC, policy_id) if detail["public_version"] else None
        comments = public_comments(session, PUBLIC, policy_id)
        meetings = list_sessions(session, PUBLIC, policy_id, ALL_SESSIONS)["items"]
    shown_keys = {a.key for a in text["articles"]} if text else set()
    general = [c for key, group in comments.items() if key not in shown_keys for c in group]
    today = local_date(now)
    is_open = (detail["state"] == PolicyState.IN_CONSULTATION
               and accepts_comments(today, detail["opens_on"], detail["closes_on"]))
    return render_template(
        "consultation/policy.html", p=detail, text=text, comments=comments, general=sorted(
            general, key=lambda c: c["submitted_at"]), meetings=meetings, is_open=is_open, today=today,
        days_left=days_left(today, detail["closes_on"]) if is_open else None, values=values or MultiDict(),
        errors=errors or {}, form_key=form_key, w=wording, limits=comment_form.LIMITS), status


@blp.get("/<policy_id>")
def policy(policy_id):
    return _page(policy_id)


@blp.post("/<policy_id>/tanggapan")
@public_rate_limit
def comment(policy_id):
    ctx = service_context()
    form_key = request.form.get("article_key") or "umum"
    try:
        with ctx.transaction() as session:
            # The form is the citizen's door: it files comments as the public, whoever's browser it is.
            receipt = submit_comment(session, PUBLIC, utcnow(), policy_id, comment_form.body_of(request.form))
    except Invalid as exc:  # messages beside the fields, the citizen's typing kept
        return _page(policy_id, request.form, comment_form.field_errors(exc.errors), form_key, 422)
    flash(receipt["message"], f"terkirim:{form_key}")
    anchor = f"pasal-{receipt['article_number']}" if receipt["article_number"] else "tanggapan-umum"
    # Post/redirect/get: reloading the page never sends the comment twice.
    return redirect(url_for(".policy", policy_id=policy_id, _anchor=anchor), 303)
