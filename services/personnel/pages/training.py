"""Training pages: the programme catalogue, and recording one training for one person or a whole class by NIP."""
from __future__ import annotations

from flask import flash, redirect, render_template, request, url_for

from services.personnel.domain.competence import MAX_JP_PER_RECORD, TRAINING_KINDS
from services.personnel.domain.positions import LeadershipLevel
from services.personnel.domain.training import TRAINING_STATUSES
from services.personnel.pages import forms, wording
from services.personnel.pages.blueprint import blp, staff, window
from services.personnel.workflow.nips import split_nips
from services.personnel.workflow.programmes import create_programme, list_programmes
from services.personnel.workflow.training_class import record_for_class
from shared.db import utcnow
from shared.errors import Conflict, Invalid
from shared.web.app_factory import service_context

KINDS = {"teknis": "Teknis", "manajerial": "Manajerial", "kepemimpinan": "Kepemimpinan", "fungsional": "Fungsional",
         "sosial_kultural": "Sosial kultural", "seminar": "Seminar", "workshop": "Lokakarya", "kursus": "Kursus"}


def _page(values, errors: dict, refusals: list[str] | None = None, status: int = 200,
          programme_values=None, programme_errors=None):
    with service_context().db.sessions() as session:
        programmes = list_programmes(session, {"page": 1, "page_size": 500})["items"]
        return render_template("kepegawaian/training.html", values=values, errors=errors, refusals=refusals or [],
                               programmes=programmes, kinds=KINDS,
                               program_options=[(p.code, f"{p.code} — {p.title} ({p.jp} JP)") for p in programmes], programme_values=programme_values or {},
                               programme_errors=programme_errors or {}, max_jp=MAX_JP_PER_RECORD), status


@blp.get("/pelatihan")
def training():
    staff()
    return _page({"status": "completed"}, {})


@blp.post("/pelatihan")
def record_class():
    principal = staff()
    values, errors = forms.read(request.form, required=("programme_code",), optional=("status",),
                                dates=("start_date", "end_date"), numbers=("jp",))
    for name in ("start_date", "end_date"):
        if name not in values and name not in errors:
            errors[name] = forms.REQUIRED
    if values.get("status", "completed") not in TRAINING_STATUSES:
        errors["status"] = wording.FIELD_MESSAGES["status"]
    if "jp" in values and not 1 <= values["jp"] <= MAX_JP_PER_RECORD:
        errors["jp"] = wording.FIELD_MESSAGES["jp"]
    nips = split_nips(request.form.get("nips", ""))
    if not nips:
        errors["nips"] = "Tempel atau ketik paling sedikit satu NIP, satu per baris."
    if errors:
        return _page(request.form, errors, status=422)
    try:
        with service_context().transaction() as session:
            result = record_for_class(session, principal, utcnow(), values, nips, window=window())
    except Invalid as exc:
        if "nips" in exc.errors:  # each NIP that cannot be taken, named
            lines = (exc.indonesian or "").splitlines()
            return _page(request.form, {"nips": f"{len(lines)} NIP tidak dapat dicatat; tidak ada yang disimpan."},
                         lines, 422)
        return _page(request.form, wording.field_errors(exc), status=422)
    flash(f"{result['recorded']} catatan pelatihan tersimpan.")
    return redirect(url_for(".training"), 303)


@blp.post("/pelatihan/program")
def add_programme():
    principal = staff()
    values, errors = forms.read(request.form, required=("code", "title", "kind"), optional=("leadership_level",),
                                numbers=("jp",))
    if "jp" not in values and "jp" not in errors:
        errors["jp"] = forms.REQUIRED
    if values.get("kind") and values["kind"] not in TRAINING_KINDS:
        errors["kind"] = "Pilih jenis pelatihan."
    level = values.get("leadership_level")
    if (values.get("kind") == "kepemimpinan") != bool(level) or level and level not in LeadershipLevel.__members__.values():
        errors["leadership_level"] = "Pelatihan kepemimpinan wajib memilih tingkatnya; jenis lain tanpa tingkat."
    values["code"] = (values.get("code") or "").upper()
    if errors:
        return _page({"status": "completed"}, {}, programme_values=request.form, programme_errors=errors, status=422)
    try:
        with service_context().transaction() as session:
            create_programme(session, principal, utcnow(), {**values, "leadership_level": level or None})
    except Conflict:
        return _page({"status": "completed"}, {}, programme_values=request.form,
                     programme_errors={"code": "Kode program ini sudah dipakai."}, status=409)
    flash(f"Program {values['code']} ditambahkan.")
    return redirect(url_for(".training"), 303)
