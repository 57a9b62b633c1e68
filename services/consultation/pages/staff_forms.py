"""The staff forms of the policy workspace: posted fields to the workflows' input, and refusals in Bahasa Indonesia.

The rules are in domain/ and workflow/policy_input.py (which the JSON API uses too); this module
only reads the forms and words the refusals for staff, beside the form they concern.
"""
from __future__ import annotations

from werkzeug.datastructures import MultiDict

from services.consultation.domain.comments import TEXT_MAX
from services.consultation.domain.policy_text import BODY_MAX, BODY_MIN, HEADING_MAX, HEADING_MIN
from services.consultation.workflow.policy_input import (
    PolicyChangesSchema,
    PolicyInputSchema,
    SessionInputSchema,
    read,
)
from shared.errors import Invalid, WorkflowError
from shared.web.pages import angka

FIELD_MESSAGES = {
    "code": "Kode: 2 sampai 60 huruf besar, angka, titik, garis bawah, garis miring atau tanda hubung "
            "(misalnya PERWAL-ASN-2026-07).",
    "title": "Judul 3 sampai 300 karakter.",
    "summary": f"Ringkasan 10 sampai {angka(20000, 0)} karakter.",
    "department_code": "Pilih perangkat daerah yang dikenal dan masih aktif.",
    "heading": f"Judul pasal {HEADING_MIN} sampai {HEADING_MAX} karakter.",
    "body": f"Isi pasal {BODY_MIN} sampai {angka(BODY_MAX, 0)} karakter.",
    "number": "Posisi pasal di luar urutan pasal yang ada.",
    "articles": "Tulis paling sedikit satu pasal.",
    "closes_on": "Pilih tanggal penutupan konsultasi yang cukup jauh dari hari ini.",
    "reason": "Tuliskan alasannya.",
    "confirm_unanswered": "Centang konfirmasi dan tulis alasan penetapan.",
    "outcome": "Pilih jawaban: diterima, ditolak, atau dicatat.",
    "version": "Versi penampung harus versi setelah versi yang ditanggapi, paling tinggi versi perbaikan.",
    "article_number": "Tulis nomor pasal yang menampung tanggapan ini.",
    "moderation": "Tanggapan ini tidak dapat dimoderasi seperti itu.",
    "held_on": "Tulis tanggal sesi yang sudah berlangsung (bukan tanggal mendatang).",
    "format": "Pilih bentuk sesi.",
    "stakeholder_groups": "Pilih paling sedikit satu pihak yang diundang.",
    "participants": "Tulis jumlah yang hadir, 1 sampai 100.000 orang.",
    "outcome_summary": f"Ringkasan hasil 10 sampai {angka(10000, 0)} karakter.",
    "place": "Tempat paling banyak 200 karakter.",
    "minutes": "Notulen terlalu panjang.",
    "text": f"Paling banyak {angka(TEXT_MAX, 0)} karakter.",
}


def messages(exc: WorkflowError) -> list[str]:
    """What to say beside the form: one message per wrong field, or the refusal itself."""
    if isinstance(exc, Invalid):
        return [FIELD_MESSAGES.get(field, exc.indonesian or str(reason)) for field, reason in exc.errors.items()]
    return [exc.indonesian or exc.detail]


def _clean(form: MultiDict, names) -> dict:
    return {name: (form.get(name) or "").strip() for name in names}


def new_policy(form: MultiDict) -> dict:
    """A new draft from the workspace's form: the code in capitals, no department for a city-wide policy."""
    raw = _clean(form, ("code", "title", "summary", "department_code"))
    raw["code"] = raw["code"].upper()
    raw["department_code"] = raw["department_code"] or None
    return read(PolicyInputSchema, raw)


def checked_heading(changes: dict) -> dict:
    return read(PolicyChangesSchema, changes)


def number(raw: str | None) -> int | None:
    """A whole number typed in a form, or None when left empty or not a number (the workflow then refuses)."""
    raw = (raw or "").strip()
    return int(raw) if raw.isdigit() else None


def meeting(form: MultiDict) -> dict:
    """A held consultation meeting from its form."""
    raw = _clean(form, ("held_on", "format", "outcome_summary", "place", "minutes"))
    raw = {key: value for key, value in raw.items() if value or key in ("held_on", "format", "outcome_summary")}
    raw["stakeholder_groups"] = form.getlist("stakeholder_groups")
    participants = (form.get("participants") or "").strip()
    raw["participants"] = int(participants) if participants.isdigit() else participants
    return read(SessionInputSchema, raw)
