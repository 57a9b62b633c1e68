"""Rules for citizen reports (SP4N-LAPOR! practice): kinds, the form's limits, privacy, tracking ids, answers.

The statuses and the steps between them are in domain/report_flow.py.

See docs/domain.md, 'Citizen feedback'.
"""

import re
import secrets
from datetime import datetime
from enum import StrEnum

from services.consultation.domain.working_days import LOCAL_TZ


class FeedbackKind(StrEnum):
    ASPIRASI = "aspirasi"
    PENGADUAN = "pengaduan"
    PERMINTAAN_INFORMASI = "permintaan_informasi"


KIND_LABELS = {
    FeedbackKind.ASPIRASI: "Aspirasi",
    FeedbackKind.PENGADUAN: "Pengaduan",
    FeedbackKind.PERMINTAAN_INFORMASI: "Permintaan Informasi",
}


# What a report may hold. A 5000-character text is at most ~30 KB of escaped JSON, so a
# body far beyond MAX_FORM_BYTES is not a citizen's form and is refused before it is parsed.
TEXT_MIN, TEXT_MAX = 10, 5000
CONTACT_NAME_MAX = 120
PHONE_PATTERN = r"^(\+62|62|0)8[0-9]{7,12}$"  # an Indonesian mobile number
MAX_FORM_BYTES = 64 * 1024


class Privacy(StrEnum):
    """How much of a report others may see (as in SP4N-LAPOR!); docs/complaints.md, 'Privacy'."""

    ANONYMOUS = "anonymous"        # no contact kept at all: staff cannot know who sent it
    CONFIDENTIAL = "confidential"  # the text is for staff only
    PUBLIC = "public"              # the text shows on the tracking page and the public list, once moderated


PRIVACY_LABELS = {
    Privacy.ANONYMOUS: "Anonim",
    Privacy.CONFIDENTIAL: "Rahasia",
    Privacy.PUBLIC: "Terbuka untuk umum",
}
PRIVACY_HINTS = {
    Privacy.ANONYMOUS: "Identitas Anda tidak disimpan sama sekali. Anda tidak dapat dihubungi atau menerima email.",
    Privacy.CONFIDENTIAL: "Isi laporan hanya dibaca petugas. Kontak hanya dilihat petugas BKPSDM.",
    Privacy.PUBLIC: "Isi laporan ditampilkan di halaman pelacakan dan daftar laporan publik setelah diperiksa "
                    "petugas. Kontak tetap rahasia.",
}


def keeps_contact(privacy: str) -> bool:
    return privacy != Privacy.ANONYMOUS


def text_is_public(privacy: str, moderated: bool, hidden: bool) -> bool:
    """A report's text is public only if the citizen chose so and a moderator let it through."""
    return privacy == Privacy.PUBLIC and moderated and not hidden


# Crockford base32 already drops I, L, O and U, so a read-aloud id has no 1/I or 0/O
# confusion. 8 characters (40 bits) keep a year's ids unguessable and make collisions
# rare; storage must still enforce uniqueness and draw again on a clash.
TRACKING_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
TRACKING_PREFIX = "TBT"
_TRACKING_RE = re.compile(rf"{TRACKING_PREFIX}-\d{{4}}-[{TRACKING_ALPHABET}]{{4}}-[{TRACKING_ALPHABET}]{{4}}")
_TYPO_FIXES = str.maketrans({"O": "0", "I": "1", "L": "1"})


def new_tracking_id(year: int | None = None) -> str:
    """A random citizen-facing id like TBT-2026-7K3M-9QXA; the year defaults to now in WIB."""
    year = year if year is not None else datetime.now(LOCAL_TZ).year
    body = "".join(secrets.choice(TRACKING_ALPHABET) for _ in range(8))
    return f"{TRACKING_PREFIX}-{year:04d}-{body[:4]}-{body[4:]}"


def is_tracking_id(text: str) -> bool:
    """True only for the canonical form; pass citizen input through normalize_tracking_id first."""
    return bool(_TRACKING_RE.fullmatch(text))


def normalize_tracking_id(text: str) -> str | None:
    """Canonical id from what a citizen typed (case, spaces, O/I/L slips), or None."""
    cleaned = re.sub(r"[\s\-]", "", text.upper())
    if not cleaned.startswith(TRACKING_PREFIX) or len(cleaned) != len(TRACKING_PREFIX) + 12:
        return None
    year, body = cleaned[3:7], cleaned[7:].translate(_TYPO_FIXES)
    candidate = f"{TRACKING_PREFIX}-{year}-{body[:4]}-{body[4:]}"
    return candidate if is_tracking_id(candidate) else None


class AnswerOutcome(StrEnum):
    ACCEPTED = "accepted"
    REJECTED = "rejected"
    NOTED = "noted"


# The official answer's words: never the words of a report's status (domain/report_flow.py).
ANSWER_LABELS = {
    AnswerOutcome.ACCEPTED: "Diterima",
    AnswerOutcome.REJECTED: "Ditolak",
    AnswerOutcome.NOTED: "Dicatat",
}


class AnswerError(ValueError):
    pass


def check_answer(outcome: str, policy_version: int | None = None, reason: str | None = None) -> AnswerOutcome:
    """Validate an official answer: accepted names the policy version, rejected gives a reason."""
    try:
        result = AnswerOutcome(outcome)
    except ValueError:
        raise AnswerError(f"unknown answer outcome {outcome!r}") from None
    if result is AnswerOutcome.ACCEPTED and (policy_version is None or policy_version < 1):
        raise AnswerError("an accepted answer must name the policy version it went into")
    if result is AnswerOutcome.REJECTED and not (reason or "").strip():
        raise AnswerError("a rejected answer must give a reason")
    return result
