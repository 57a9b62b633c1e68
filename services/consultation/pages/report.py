"""The public report form (aspirasi, pengaduan, permintaan informasi) and its confirmation with the tracking id.

The form posts back to its page, which calls the API's own receive_feedback in one transaction.
Anonymous and rate-limited like the API; the body is capped the same way.
"""
from __future__ import annotations

from flask import redirect, render_template, request, url_for
from sqlalchemy import select
from werkzeug.datastructures import MultiDict
from werkzeug.exceptions import HTTPException

from services.consultation.api.body_limit import MAX_BODY_BYTES, limit_body
from services.consultation.api.feedback import RECEIPT_MESSAGE, receive_feedback
from services.consultation.api.policies import PUBLIC
from services.consultation.api.tracking import find_by_tracking_id
from services.consultation.db.models import Policy
from services.consultation.pages import feedback_form
from shared.web.app_factory import service_context
from shared.web.pages import PageBlueprint, html_errors
from shared.web.ratelimit import public_rate_limit

blp = PageBlueprint("feedback_pages", __name__, url_prefix="/lapor", template_folder="templates",
                    description="Public pages: the report form and its confirmation (HTML)")
html_errors(blp)


def _policy(policy_id: str | None) -> Policy | None:
    if not policy_id:
        return None
    with service_context().db.sessions() as session:
        return session.execute(select(Policy).where(Policy.id == policy_id, PUBLIC)).scalar_one_or_none()


def _render(values: MultiDict, errors: dict, status: int = 200):
    policy = _policy(values.get("policy_id"))
    return render_template("consultation/report_form.html", values=values, errors=errors, policy=policy,
                           **feedback_form.choices()), status


@blp.get("")
def form():
    values = MultiDict({"kind": request.args.get("jenis", ""), "policy_id": request.args.get("kebijakan", "")})
    if values["policy_id"] and not values["kind"]:
        values["kind"] = "aspirasi"  # feedback on a policy is an aspiration unless the citizen says otherwise
    return _render(values, {})


@blp.post("")
@public_rate_limit
@limit_body(MAX_BODY_BYTES)
def send():
    data, errors = feedback_form.load(request.form)
    if errors:
        return _render(request.form, errors, 422)
    try:
        with service_context().transaction() as session:
            tracking_id = receive_feedback(session, data).tracking_id
    except HTTPException as exc:
        refused = (getattr(exc, "data", None) or {}).get("errors")
        if exc.code != 422 or not refused:
            raise
        return _render(request.form, feedback_form.field_errors(refused), 422)
    # Post/redirect/get: reloading the confirmation never files the report twice.
    return redirect(url_for("feedback_pages.received", tracking_id=tracking_id), 303)


@blp.get("/diterima/<tracking_id>")
@public_rate_limit
def received(tracking_id):
    with service_context().db.sessions() as session:
        fb = find_by_tracking_id(session, tracking_id)
    return render_template("consultation/received.html", fb=fb, message=RECEIPT_MESSAGE)
