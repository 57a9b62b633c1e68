"""The public report form: posted fields to the report's body, and its refusals worded in Bahasa Indonesia.

The rules stay in domain/feedback.py and workflow/report_input.py (which the JSON API uses
too); this module only words them for a citizen and names the form field each message
belongs beside.
"""
from __future__ import annotations

from werkzeug.datastructures import MultiDict

from services.consultation.domain.areas import KECAMATAN
from services.consultation.domain.attachments import MAX_BYTES, MAX_FILES
from services.consultation.domain.categories import Categories
from services.consultation.domain.feedback import (
    CONTACT_NAME_MAX,
    KIND_LABELS,
    PRIVACY_HINTS,
    PRIVACY_LABELS,
    TEXT_MAX,
    TEXT_MIN,
    FeedbackKind,
    Privacy,
)
from shared.web.pages import angka

KIND_HINTS = {
    FeedbackKind.ASPIRASI: "Usulan atau harapan untuk perbaikan kebijakan dan pelayanan.",
    FeedbackKind.PENGADUAN: "Keluhan atas pelayanan yang Anda alami.",
    FeedbackKind.PERMINTAAN_INFORMASI: "Pertanyaan atau permintaan informasi publik.",
}
CONTACT_FIELDS = {"name": "contact_name", "phone": "contact_phone", "email": "contact_email"}


def choices(categories: Categories) -> dict:
    return {"kinds": [(kind.value, KIND_LABELS[kind], KIND_HINTS[kind]) for kind in FeedbackKind],
            "categories": [(c.key, c.label) for c in categories], "text_length": (TEXT_MIN, TEXT_MAX),
            "privacies": [(p.value, PRIVACY_LABELS[p], PRIVACY_HINTS[p]) for p in Privacy],
            "kecamatan": KECAMATAN, "max_files": MAX_FILES, "max_megabytes": MAX_BYTES // (1024 * 1024)}


def body_of(form: MultiDict) -> dict:
    contact = {key: (form.get(field) or "").strip() for key, field in CONTACT_FIELDS.items()}
    contact = {key: value for key, value in contact.items() if value}
    # One "lokasi" choice: "kecamatan" or "kecamatan/kelurahan" (a list grouped by kecamatan needs no script).
    kecamatan, _, kelurahan = (form.get("lokasi") or "").partition("/")
    body = {"kind": form.get("kind") or "", "category": form.get("category") or "",
            "policy_id": form.get("policy_id") or None, "text": form.get("text") or "",
            "contact": contact or None, "kecamatan": kecamatan or None, "kelurahan": kelurahan or None}
    if form.get("privacy"):
        body["privacy"] = form["privacy"]
    return body


MESSAGES = {
    "kind": "Pilih jenis laporan: aspirasi, pengaduan, atau permintaan informasi.",
    "category": "Pilih kategori yang paling sesuai dengan laporan Anda.",
    "text": f"Tuliskan laporan Anda, paling sedikit {TEXT_MIN} dan paling banyak {angka(TEXT_MAX, 0)} karakter.",
    "policy_id": "Kebijakan yang dipilih tidak ditemukan. Kirim laporan tanpa memilih kebijakan.",
    "contact_name": f"Nama paling banyak {CONTACT_NAME_MAX} karakter.",
    "contact_phone": "Tulis nomor ponsel Indonesia, misalnya 081234567890.",
    "contact_email": "Tulis alamat email yang benar, misalnya nama@contoh.id.",
    "contact": "Jika ingin dihubungi, isi nomor ponsel atau alamat email; jika tidak, kosongkan semua kolom kontak.",
    "anonymous_contact": "Laporan anonim tidak menyimpan kontak. Kosongkan kolom kontak, atau pilih tingkat "
                         "privasi lain.",
    "privacy": "Pilih tingkat privasi laporan: anonim, rahasia, atau terbuka.",
    "lokasi": "Pilih lokasi dari daftar.",
}


def field_errors(refused: dict, attachments_message: str | None = None) -> dict[str, str]:
    """{form field: message} for the report's field errors (workflow Invalid.errors)."""
    errors = {field: MESSAGES[field] for field in ("kind", "category", "text", "policy_id", "privacy")
              if field in refused}
    if "kecamatan" in refused or "kelurahan" in refused:
        errors["lokasi"] = MESSAGES["lokasi"]
    contact = refused.get("contact")
    if isinstance(contact, dict):
        errors.update({CONTACT_FIELDS[key]: MESSAGES[CONTACT_FIELDS[key]] for key in contact if key in CONTACT_FIELDS})
        if "_schema" in contact:
            errors["contact"] = MESSAGES["contact"]
    elif contact:  # a list: the report-level rule that an anonymous report keeps no contact
        errors["contact"] = MESSAGES["anonymous_contact"]
    if "attachments" in refused:
        errors["attachments"] = attachments_message or "Lampiran ini tidak dapat dipakai."
    return errors
