"""The step forms of a report's staff page: which to offer, what each asks, and taking one.

Every form carries a confirmation box that must be ticked (checked here, not only in the browser).
The step itself is the same use case the JSON API calls (workflow/followup.py).
"""
from __future__ import annotations

from werkzeug.datastructures import MultiDict

from services.consultation.domain.feedback import Privacy
from services.consultation.pages.report_wording import HISTORY_ACTIONS
from services.consultation.workflow import followup
from shared.db import utcnow
from shared.errors import Invalid
from shared.principal import Principal
from shared.web.app_factory import service_context

TEXT_MAX = 5000
FORMS = {
    "forward": {"title": "Verifikasi dan teruskan ke OPD", "fields": ("department_code", "note"),
                "confirm": "Saya sudah memverifikasi laporan ini dan meneruskannya ke perangkat daerah yang dipilih.",
                "button": "Teruskan"},
    "reroute": {"title": "Alihkan ke OPD lain", "fields": ("department_code", "reason"),
                "confirm": "Saya mengalihkan laporan ini; batas waktu tindak lanjut OPD baru dimulai lagi.",
                "button": "Alihkan"},
    "request_info": {"title": "Minta informasi tambahan dari pelapor", "fields": ("question",),
                     "confirm": "Batas waktu penanganan berhenti sampai pelapor menjawab.", "button": "Kirim pertanyaan"},
    "respond": {"title": "Tulis tindak lanjut", "fields": ("response",),
                "confirm": "Tindak lanjut ini ditampilkan kepada pelapor.", "button": "Kirim tindak lanjut"},
    "reopen": {"title": "Buka kembali laporan", "fields": ("reason",),
               "confirm": "Saya membuka kembali laporan ini.", "button": "Buka kembali"},
    "close": {"title": "Tutup laporan", "fields": ("reason",),
              "confirm": "Saya menutup laporan ini; alasannya ditampilkan kepada pelapor.", "button": "Tutup laporan"},
    "publish": {"title": "Tampilkan isi laporan kepada umum", "fields": (),
                "confirm": "Isi laporan sudah saya periksa dan layak ditampilkan kepada umum (tanpa data pribadi).",
                "button": "Tampilkan"},
    "hide": {"title": "Sembunyikan isi laporan (moderasi)", "fields": ("reason",),
             "confirm": "Isi laporan tidak akan pernah ditampilkan kepada umum lagi.", "button": "Sembunyikan"},
}
LABELS = {"department_code": "Perangkat daerah tujuan", "note": "Catatan untuk pelapor (tidak wajib)",
          "reason": "Alasan (ditampilkan kepada pelapor)", "question": "Pertanyaan untuk pelapor",
          "response": "Tindak lanjut"}
REQUIRED = {"department_code", "question", "response"}
DONE = {
    "forward": "Laporan sudah diteruskan.", "reroute": "Laporan sudah dialihkan.",
    "request_info": "Pertanyaan sudah dikirim kepada pelapor; batas waktu berhenti.",
    "respond": "Tindak lanjut sudah dikirim.", "reopen": "Laporan sudah dibuka kembali.",
    "close": "Laporan sudah ditutup.", "publish": "Isi laporan sekarang tampil untuk umum.",
    "hide": "Isi laporan sudah disembunyikan.",
}
__all__ = ["DONE", "HISTORY_ACTIONS", "field_errors", "forms_for", "take"]
CONFIRM_MISSING = "Centang kotak konfirmasi untuk melanjutkan."
INCOMPLETE = "Isian belum lengkap."  # the page's own refusal; its field messages are already in Bahasa Indonesia


def forms_for(report: dict, principal: Principal) -> list[dict]:
    """The forms to show: the flow's steps this person may take now, then moderation for BKPSDM."""
    names = [step for step in report["steps"] if step in FORMS]
    if principal.is_admin and not report["hidden"]:
        if report["privacy"] == Privacy.PUBLIC and report["published_at"] is None and report["purged_at"] is None:
            names.append("publish")
        names.append("hide")
    forms = []
    for name in names:
        form = {"name": name, **FORMS[name]}
        if name == "respond" and principal.is_admin:
            form["title"] = "Tulis tanggapan atas nama BKPSDM"
            form["confirm"] = "Tanggapan ini ditampilkan kepada pelapor sebagai tanggapan BKPSDM, bukan OPD."
        forms.append(form)
    return forms


def _read(step: str, form: MultiDict) -> dict:
    if step not in FORMS:
        raise Invalid("step", f"Unknown step {step!r}.", indonesian="Langkah ini tidak dikenal.")
    errors: dict[str, list[str]] = {}
    values = {name: (form.get(name) or "").strip() or None for name in FORMS[step]["fields"]}
    for name, value in values.items():
        if name in REQUIRED and not value:
            errors[name] = ["Isian ini wajib diisi."]
        elif value and len(value) > TEXT_MAX:
            errors[name] = [f"Paling banyak {TEXT_MAX} karakter."]
        elif name == "response" and value and len(value) < 10:
            errors[name] = ["Tulis tindak lanjut paling sedikit 10 karakter."]
    if form.get("konfirmasi") != "ya":
        errors["konfirmasi"] = [CONFIRM_MISSING]
    if errors:
        raise Invalid(errors=errors, indonesian=INCOMPLETE)
    return values


def take(principal: Principal, feedback_id: str, step: str, form: MultiDict) -> None:
    """Take `step` on the report as `principal`, in one transaction; Invalid names the fields to fix."""
    v = _read(step, form)
    ctx = service_context()
    deadlines = ctx.config.deadlines
    calls = {
        "forward": lambda: (followup.forward_feedback, v["department_code"], v["note"], deadlines),
        "reroute": lambda: (followup.reroute_feedback, v["department_code"], v["reason"], deadlines),
        "request_info": lambda: (followup.request_information, v["question"], deadlines),
        "respond": lambda: (followup.respond_to_feedback, v["response"], deadlines),
        "reopen": lambda: (followup.reopen_feedback, v["reason"], deadlines),
        "close": lambda: (followup.close_feedback, v["reason"]),
        "publish": lambda: (followup.publish_feedback,),
        "hide": lambda: (followup.hide_feedback, v["reason"] or ""),
    }
    use_case, *args = calls[step]()
    with ctx.transaction() as session:
        use_case(session, principal, utcnow(), feedback_id, *args)


def field_errors(step: str, exc: Invalid) -> dict[str, str]:
    """{field: message in Bahasa Indonesia} for the step's form."""
    if exc.indonesian == INCOMPLETE:
        return {name: messages[0] for name, messages in exc.errors.items()}
    # A use case's refusal: its Indonesian words, beside the field it names.
    message = exc.indonesian or "Isian ini perlu diperbaiki."
    return {name: message for name in (exc.errors or {"_form": None})}
