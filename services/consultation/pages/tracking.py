"""The public tracking page: a citizen follows a report by its tracking id, says whether the follow-up
satisfies them, and gives the information staff asked for.

It shows the same tracking view as the API (status, history, the official words; the text only
if public and moderated) and nothing private: never the contact or internal notes.
"""
from __future__ import annotations

from flask import redirect, render_template, request, url_for

from services.consultation.domain.feedback import ANSWER_LABELS, normalize_tracking_id
from services.consultation.pages.report_wording import HISTORY_ACTIONS
from services.consultation.workflow.feedback import provide_information, reply_to_follow_up
from services.consultation.workflow.feedback_views import NOT_AN_ID, track_report
from shared.db import utcnow
from shared.errors import Invalid, NotFound
from shared.principal import PUBLIC
from shared.web.app_factory import service_context
from shared.web.pages import PageBlueprint, html_errors
from shared.web.ratelimit import public_rate_limit
from shared.web.security import limit_body

blp = PageBlueprint("tracking_pages", __name__, url_prefix="/lacak", template_folder="templates",
                    description="Public pages: follow a report by its tracking id (HTML)")
html_errors(blp)
limit_body(blp, 64 * 1024)  # a reply or an answer, never an upload

OUTCOMES = {outcome.value: label for outcome, label in ANSWER_LABELS.items()}
DONE = {"puas": "Terima kasih. Laporan Anda sudah selesai.",
        "belum_puas": "Terima kasih. Laporan Anda dibuka kembali untuk ditindaklanjuti lagi.",
        "informasi": "Terima kasih. Jawaban Anda sudah sampai kepada petugas dan laporan diproses kembali."}


def _lookup_form(number: str = "", error: str | None = None, status: int = 200):
    return render_template("consultation/track_lookup.html", number=number, error=error), status


def _page(tracking_id: str, errors: dict | None = None, values=None, status: int = 200, done: str | None = None):
    ctx = service_context()
    try:
        with ctx.db.sessions() as session:
            view = track_report(session, tracking_id, ctx.config.categories)
    except (Invalid, NotFound) as exc:  # the lookup form again, with the reason beside the number
        return _lookup_form(tracking_id, exc.indonesian, exc.status)
    return render_template("consultation/track.html", r=view, actions=HISTORY_ACTIONS, outcomes=OUTCOMES,
                           errors=errors or {}, values=values or {}, done=DONE.get(done or "")), status


@blp.get("")
@public_rate_limit
def lookup():
    number = (request.args.get("nomor") or "").strip()
    if not number:
        return _lookup_form()
    canonical = normalize_tracking_id(number)
    if canonical is None:
        return _lookup_form(number, NOT_AN_ID, 422)
    return redirect(url_for("tracking_pages.report", tracking_id=canonical), 303)


@blp.get("/<tracking_id>")
@public_rate_limit
def report(tracking_id):
    return _page(tracking_id, done=request.args.get("terkirim"))


@blp.post("/<tracking_id>/tanggapan")
@public_rate_limit
def reply(tracking_id):
    choice = request.form.get("satisfied")
    if choice not in ("puas", "belum_puas"):
        return _page(tracking_id, {"satisfied": "Pilih puas atau belum puas."}, request.form, 422)
    ctx = service_context()
    try:
        with ctx.transaction() as session:
            reply_to_follow_up(session, PUBLIC, utcnow(), tracking_id, choice == "puas", request.form.get("note"),
                               ctx.config.categories, ctx.config.deadlines)
    except Invalid as exc:
        return _page(tracking_id, {"note": exc.indonesian}, request.form, 422)
    return redirect(url_for("tracking_pages.report", tracking_id=tracking_id, terkirim=choice), 303)


@blp.post("/<tracking_id>/informasi")
@public_rate_limit
def information(tracking_id):
    ctx = service_context()
    try:
        with ctx.transaction() as session:
            provide_information(session, PUBLIC, utcnow(), tracking_id, request.form.get("information") or "",
                                ctx.config.categories, ctx.config.deadlines)
    except Invalid as exc:
        return _page(tracking_id, {"information": exc.indonesian}, request.form, 422)
    return redirect(url_for("tracking_pages.report", tracking_id=tracking_id, terkirim="informasi"), 303)
