"""Socialization pages: sessions for an adopted policy, and attendance recorded by NIP (typed, pasted or a file).

Those already recorded are skipped and reported; a NIP that cannot be taken refuses the batch, named.
"""
from __future__ import annotations

from flask import flash, redirect, render_template, request, url_for

from services.personnel.domain.socialization import SOCIALIZABLE_STATES, SessionFormat
from services.personnel.pages import forms, wording
from services.personnel.pages.blueprint import blp, department_options, staff
from services.personnel.workflow.attendance import attendees, record_attendance_by_nip
from services.personnel.workflow.known_policies import list_known_policies
from services.personnel.workflow.nips import nips_from_file, split_nips
from services.personnel.workflow.socialization import list_sessions, plan_session, socialization_session
from shared.db import utcnow
from shared.errors import Invalid
from shared.web.app_factory import service_context

MAX_LISTED = 500  # attendees listed on a session's page


def _list_page(principal, values, errors: dict, status: int = 200):
    with service_context().db.sessions() as session:
        filters = {"page": 1, "page_size": 100}
        if not principal.is_admin:
            filters["department_code"] = principal.department
        sessions = list_sessions(session, principal, filters)
        policies = [p for p in list_known_policies(session, principal, {"page": 1, "page_size": 500})["items"]
                    if p.state in SOCIALIZABLE_STATES]
        return render_template("kepegawaian/sessions.html", sessions=sessions, values=values, errors=errors,
                               policy_options=[(p.id, f"{p.code} — {p.title} (versi {p.policy_version})")
                                               for p in policies],
                               department_options=department_options(session),
                               chosen=values.getlist("department_codes") if hasattr(values, "getlist") else []), status


@blp.get("/sosialisasi")
def sessions():
    principal = staff()
    return _list_page(principal, {"format": "workshop"}, {})


@blp.post("/sosialisasi")
def plan():
    principal = staff()
    values, errors = forms.read(request.form, required=("policy_id", "format", "title"), dates=("held_on",))
    if "held_on" not in values and "held_on" not in errors:
        errors["held_on"] = forms.REQUIRED
    if values.get("format") and values["format"] not in SessionFormat.__members__.values():
        errors["format"] = wording.FIELD_MESSAGES["format"]
    if values.get("title") and not 3 <= len(values["title"]) <= 300:
        errors["title"] = wording.FIELD_MESSAGES["title"]
    codes = request.form.getlist("department_codes") if principal.is_admin else [principal.department]
    if not [c for c in codes if c]:
        errors["department_codes"] = wording.FIELD_MESSAGES["department_codes"]
    if errors:
        return _list_page(principal, request.form, errors, 422)
    try:
        with service_context().transaction() as session:
            row = plan_session(session, principal, utcnow(), {**values, "department_codes": codes})
    except Invalid as exc:
        return _list_page(principal, request.form, wording.field_errors(exc), 422)
    flash("Sesi sosialisasi telah dicatat.")
    return redirect(url_for(".session_page", session_id=row["id"]), 303)


def _session_page(principal, session_id: str, values, errors: dict, refusals=None, status: int = 200):
    with service_context().db.sessions() as session:
        row = socialization_session(session, principal, session_id)
        listed = attendees(session, principal, session_id, {"page": 1, "page_size": MAX_LISTED})
        return render_template("kepegawaian/session.html", row=row, attendees=listed, values=values, errors=errors,
                               refusals=refusals or []), status


@blp.get("/sosialisasi/<session_id>")
def session_page(session_id):
    return _session_page(staff(), session_id, {}, {})


@blp.post("/sosialisasi/<session_id>/hadir")
def attend(session_id):
    principal = staff()
    nips = split_nips(request.form.get("nips", ""))
    upload = request.files.get("file")
    try:
        if upload is not None and upload.filename:
            nips += nips_from_file(upload.read())
        if not nips:
            raise Invalid("nips", "Give at least one NIP.",
                          indonesian="Ketik atau tempel NIP, atau pilih berkas daftar hadir.")
        with service_context().transaction() as session:
            result = record_attendance_by_nip(session, principal, utcnow(), session_id, nips)
    except Invalid as exc:
        if isinstance(exc.errors.get("nips"), dict):  # each NIP that cannot be taken, named
            lines = (exc.indonesian or "").splitlines()
            return _session_page(principal, session_id, request.form,
                                 {"nips": f"{len(lines)} NIP tidak dapat dicatat; tidak ada yang disimpan."},
                                 lines, 422)
        return _session_page(principal, session_id, request.form, wording.field_errors(exc), status=422)
    message = f"{result['recorded']} kehadiran tercatat."
    if result["already_recorded"]:
        names = ", ".join(e["name"] for e in result["already_recorded"])
        message += f" {len(result['already_recorded'])} sudah tercatat sebelumnya dan dilewati: {names}."
    flash(message)
    return redirect(url_for(".session_page", session_id=session_id), 303)
