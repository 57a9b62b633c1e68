"""The public report form (aspirasi, pengaduan, permintaan informasi) and its confirmation with the tracking id.

The form posts back to its page (multipart, with its CSRF token and up to 3 attachments), which
files the report through the same use case as the JSON API, in one transaction. Anonymous and
rate-limited like the API; the body is capped at what 3 attachments and the fields can weigh.
The public list shows the reports their senders made public, once moderated.
"""
from __future__ import annotations

from flask import redirect, render_template, request, url_for
from werkzeug.datastructures import MultiDict

from services.consultation.domain.attachments import MAX_UPLOAD_BODY
from services.consultation.pages import feedback_form
from services.consultation.workflow.attachment_files import AttachmentStore
from services.consultation.workflow.attachments import Upload
from services.consultation.workflow.feedback import submit_feedback
from services.consultation.workflow.feedback_views import public_reports, receipt_for
from services.consultation.workflow.policies import published_policy
from shared.db import utcnow
from shared.errors import Invalid
from shared.principal import PUBLIC
from shared.web.app_factory import service_context
from shared.web.pages import PageBlueprint, html_errors
from shared.web.ratelimit import public_rate_limit
from shared.web.security import limit_body

blp = PageBlueprint("feedback_pages", __name__, url_prefix="/lapor", template_folder="templates",
                    static_folder="static", static_url_path="/static",
                    description="Public pages: the report form and its confirmation (HTML)")
html_errors(blp)

# The form carries up to 3 files of 5 MB: this blueprint alone accepts bodies that large.
limit_body(blp, MAX_UPLOAD_BODY)


def _render(values: MultiDict, errors: dict, status: int = 200):
    ctx = service_context()
    policy = None
    if values.get("policy_id"):
        with ctx.db.sessions() as session:
            policy = published_policy(session, values["policy_id"])
    return render_template("consultation/report_form.html", values=values, errors=errors, policy=policy,
                           **feedback_form.choices(ctx.config.categories)), status


@blp.get("")
def form():
    values = MultiDict({"kind": request.args.get("jenis", ""), "policy_id": request.args.get("kebijakan", "")})
    if values["policy_id"] and not values["kind"]:
        values["kind"] = "aspirasi"  # feedback on a policy is an aspiration unless the citizen says otherwise
    return _render(values, {})


@blp.post("")
@public_rate_limit
def send():
    ctx = service_context()
    try:
        with ctx.transaction() as session:
            # The form is the citizen's door: it files reports as the public, whoever's browser it is.
            receipt = submit_feedback(session, PUBLIC, utcnow(), feedback_form.body_of(request.form),
                                      ctx.config.deadlines, ctx.config.categories, _uploads(),
                                      AttachmentStore(ctx.config.attachments_dir))
    except Invalid as exc:  # messages beside the fields, the citizen's typing kept
        return _render(request.form, feedback_form.field_errors(exc.errors, exc.indonesian), 422)
    # Post/redirect/get: reloading the confirmation never files the report twice.
    return redirect(url_for("feedback_pages.received", tracking_id=receipt["tracking_id"]), 303)





def _uploads() -> list[Upload]:
    """The files chosen in the form (an empty file input sends a nameless empty part: not a file)."""
    return [Upload(f.filename, f.read()) for f in request.files.getlist("lampiran") if f and f.filename]


@blp.get("/publik")
@public_rate_limit
def public_list():
    ctx = service_context()
    args = {"page": max(1, request.args.get("halaman", 1, type=int) or 1), "page_size": 20,
            "kecamatan": request.args.get("kecamatan") or None}
    with ctx.db.sessions() as session:
        page = public_reports(session, ctx.config.categories, args)
    return render_template("consultation/public_list.html", page=page, **feedback_form.choices(ctx.config.categories))


@blp.get("/diterima/<tracking_id>")
@public_rate_limit
def received(tracking_id):
    with service_context().db.sessions() as session:
        receipt = receipt_for(session, tracking_id)
    return render_template("consultation/received.html", receipt=receipt)
