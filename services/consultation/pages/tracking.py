"""The public tracking page: a citizen follows a report by its tracking id.

It shows the same tracking view as the API (status, history, the official words) and nothing
private: never the contact, the report's text, or internal notes.
"""
from __future__ import annotations

from flask import redirect, render_template, request, url_for

from services.consultation.domain.feedback import normalize_tracking_id
from services.consultation.workflow.feedback_views import NOT_AN_ID, track_report
from shared.errors import Invalid, NotFound
from shared.web.app_factory import service_context
from shared.web.pages import PageBlueprint, html_errors
from shared.web.ratelimit import public_rate_limit

blp = PageBlueprint("tracking_pages", __name__, url_prefix="/lacak", template_folder="templates",
                    description="Public pages: follow a report by its tracking id (HTML)")
html_errors(blp)

ACTIONS = {
    "submitted": "Laporan diterima",
    "forwarded": "Diverifikasi dan diteruskan ke perangkat daerah (OPD)",
    "responded": "Ditindaklanjuti oleh OPD",
    "closed": "Laporan ditutup",
    "citizen_confirmed": "Pelapor menyatakan puas; laporan selesai",
    "citizen_replied": "Pelapor menanggapi tindak lanjut; petugas meninjau kembali",
    "answered": "Jawaban resmi diberikan",
    "overdue_forward": "Batas waktu verifikasi terlewati",
    "overdue_follow_up": "Batas waktu tindak lanjut terlewati",
}
OUTCOMES = {"accepted": "Diterima", "rejected": "Tidak diterima", "noted": "Dicatat sebagai masukan"}


def _lookup_form(number: str = "", error: str | None = None, status: int = 200):
    return render_template("consultation/track_lookup.html", number=number, error=error), status


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
    ctx = service_context()
    try:
        with ctx.db.sessions() as session:
            view = track_report(session, tracking_id, ctx.config.categories)
    except (Invalid, NotFound) as exc:  # the lookup form again, with the reason beside the number
        return _lookup_form(tracking_id, exc.indonesian, exc.status)
    return render_template("consultation/track.html", r=view, actions=ACTIONS, outcomes=OUTCOMES)
