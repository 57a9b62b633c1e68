"""The public comment form: posted fields to the comment's body, and its refusals worded in Bahasa Indonesia.

The rules are in domain/comments.py and workflow/comment_input.py (which the JSON API uses too);
this module only words them for a citizen and names the form field each message belongs beside.
"""
from __future__ import annotations

from werkzeug.datastructures import MultiDict

from services.consultation.domain.comments import NAME_MAX, TEXT_MAX, TEXT_MIN
from shared.web.pages import angka

LIMITS = {"text": (TEXT_MIN, TEXT_MAX), "name": NAME_MAX}
FIELDS = ("text", "article_key", "name", "phone", "email")
MESSAGES = {
    "text": f"Tuliskan tanggapan Anda, paling sedikit {TEXT_MIN} dan paling banyak {angka(TEXT_MAX, 0)} karakter.",
    "article_key": "Pasal yang dipilih tidak ada dalam rancangan ini. Muat ulang halaman, lalu coba lagi.",
    "name": f"Nama paling banyak {NAME_MAX} karakter.",
    "phone": "Tulis nomor ponsel Indonesia, misalnya 081234567890.",
    "email": "Tulis alamat email yang benar, misalnya nama@contoh.id.",
}


def body_of(form: MultiDict) -> dict:
    return {name: form.get(name) or None for name in FIELDS} | {"text": form.get("text") or ""}


def field_errors(refused: dict) -> dict[str, str]:
    """{form field: message} for the comment's field errors (workflow Invalid.errors)."""
    return {field: MESSAGES[field] for field in FIELDS if field in refused}
