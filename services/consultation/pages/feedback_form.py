"""The public report form: posted fields to the API's body, and the schema's refusals in Bahasa Indonesia.

The rules stay in FeedbackSubmitSchema and domain/; this module only words them for a citizen
and names the form field each message belongs beside.
"""
from __future__ import annotations

from marshmallow import ValidationError
from werkzeug.datastructures import MultiDict

from services.consultation.api.feedback_schemas import FeedbackSubmitSchema
from services.consultation.domain.categories import load_categories
from services.consultation.domain.feedback import KIND_LABELS, FeedbackKind
from shared.web.pages import angka

KIND_HINTS = {
    FeedbackKind.ASPIRASI: "Usulan atau harapan untuk perbaikan kebijakan dan pelayanan.",
    FeedbackKind.PENGADUAN: "Keluhan atas pelayanan yang Anda alami.",
    FeedbackKind.PERMINTAAN_INFORMASI: "Pertanyaan atau permintaan informasi publik.",
}
CONTACT_FIELDS = {"name": "contact_name", "phone": "contact_phone", "email": "contact_email"}


def text_length() -> tuple[int, int]:
    """The report's length limits, read from the schema so that the form and the API never disagree."""
    rule = FeedbackSubmitSchema().fields["text"].validators[0]
    return rule.min, rule.max


def choices() -> dict:
    return {"kinds": [(kind.value, KIND_LABELS[kind], KIND_HINTS[kind]) for kind in FeedbackKind],
            "categories": [(c.key, c.label) for c in load_categories()], "text_length": text_length()}


def body_of(form: MultiDict) -> dict:
    contact = {key: (form.get(field) or "").strip() for key, field in CONTACT_FIELDS.items()}
    contact = {key: value for key, value in contact.items() if value}
    return {"kind": form.get("kind") or "", "category": form.get("category") or "",
            "policy_id": form.get("policy_id") or None, "text": form.get("text") or "",
            "contact": contact or None}


def messages() -> dict[str, str]:
    low, high = text_length()
    return {
        "kind": "Pilih jenis laporan: aspirasi, pengaduan, atau permintaan informasi.",
        "category": "Pilih kategori yang paling sesuai dengan laporan Anda.",
        "text": f"Tuliskan laporan Anda, paling sedikit {low} dan paling banyak {angka(high, 0)} karakter.",
        "policy_id": "Kebijakan yang dipilih tidak ditemukan. Kirim laporan tanpa memilih kebijakan.",
        "contact_name": "Nama paling banyak 120 karakter.",
        "contact_phone": "Tulis nomor ponsel Indonesia, misalnya 081234567890.",
        "contact_email": "Tulis alamat email yang benar, misalnya nama@contoh.id.",
        "contact": "Jika ingin dihubungi, isi nomor ponsel atau alamat email; jika tidak, kosongkan semua kolom kontak.",
    }


def field_errors(refused: dict) -> dict[str, str]:
    """{form field: message} for the schema's (or the API's) field errors."""
    words = messages()
    errors = {field: words[field] for field in ("kind", "category", "text", "policy_id") if field in refused}
    contact = refused.get("contact")
    if isinstance(contact, dict):
        errors.update({CONTACT_FIELDS[key]: words[CONTACT_FIELDS[key]] for key in contact if key in CONTACT_FIELDS})
        if "_schema" in contact:
            errors["contact"] = words["contact"]
    return errors


def load(form: MultiDict) -> tuple[dict | None, dict[str, str]]:
    try:
        return FeedbackSubmitSchema().load(body_of(form)), {}
    except ValidationError as exc:
        return None, field_errors(exc.messages)
