"""The public tracking page: a citizen follows a report by its tracking id.

It shows what the API's tracking view shows (status, history, the official words) and nothing
private: never the contact, the report's text, or internal notes.
"""
from __future__ import annotations

from flask import redirect, render_template, request, url_for
from werkzeug.exceptions import HTTPException

from services.consultation.api.tracking import find_by_tracking_id, tracking_view
from services.consultation.domain.feedback import normalize_tracking_id
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
NOT_AN_ID = "Nomor pelacakan tidak dikenali. Bentuknya seperti TBT-2026-7K3M-9QXA."
NOT_FOUND = "Tidak ada laporan dengan nomor pelacakan ini. Periksa kembali nomor yang Anda terima."


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
    try:
        with service_context().db.sessions() as session:
            view = tracking_view(session, find_by_tracking_id(session, tracking_id))
    except HTTPException as exc:
        if exc.code not in (404, 422):
            raise
        return _lookup_form(tracking_id, NOT_FOUND if exc.code == 404 else NOT_AN_ID, exc.code)
    return render_template("consultation/track.html", r=view, actions=ACTIONS, outcomes=OUTCOMES)
