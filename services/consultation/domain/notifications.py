"""The e-mail a citizen gets when their report moves: its words (Bahasa Indonesia) and its identity.

A message is written in the same transaction as the step that caused it (workflow/notifications.py)
and sent later by the worker; its Message-ID is fixed when it is written, so a message sent
again after a crash carries the same id and a mail client shows it once. SMS and WhatsApp would
be other channels reading the same rows: docs/complaints.md, 'Notifications'.
"""
from __future__ import annotations

from dataclasses import dataclass

from services.consultation.domain.report_flow import STATUS_LABELS, Status

MAX_ATTEMPTS = 12
# Seconds to wait before attempt n+1 (the last value repeats): about a day in all, then it is given up.
BACKOFF = (30, 60, 120, 300, 600, 1800, 3600, 7200, 14400, 28800)

WHAT_HAPPENED = {
    "submitted": "Laporan Anda sudah masuk dan akan diverifikasi oleh BKPSDM.",
    "forwarded": "Laporan Anda sudah diverifikasi dan diteruskan ke perangkat daerah (OPD) yang bertanggung jawab.",
    "rerouted": "Laporan Anda dialihkan ke perangkat daerah (OPD) lain yang lebih tepat.",
    "info_requested": "Petugas membutuhkan informasi tambahan dari Anda. Buka tautan di bawah untuk menjawab; "
                      "selama menunggu jawaban Anda, batas waktu penanganan dihentikan sementara.",
    "responded": "Laporan Anda sudah ditindaklanjuti. Buka tautan di bawah untuk membaca tindak lanjutnya dan "
                 "menyatakan puas atau belum puas.",
    "reopened": "Laporan Anda dibuka kembali untuk ditindaklanjuti lagi.",
    "closed": "Laporan Anda sudah selesai.",
    "answered": "Masukan Anda atas kebijakan sudah mendapat jawaban resmi. Buka tautan di bawah untuk membacanya.",
}


@dataclass(frozen=True)
class Mail:
    subject: str
    body: str


def status_mail(event: str, status: str, tracking_id: str, link: str, note: str | None = None) -> Mail | None:
    """The message for a step announced as `event`, or None if that step tells the citizen nothing new."""
    what = WHAT_HAPPENED.get(event)
    if what is None:
        return None
    label = STATUS_LABELS[Status(status)]
    lines = ["Yth. Pelapor,", "", what, "", f"Nomor pelacakan: {tracking_id}", f"Status: {label}"]
    if note:
        lines += ["", note]
    lines += ["", f"Ikuti laporan Anda di: {link}", "",
              "Email ini dikirim otomatis oleh layanan aspirasi dan pengaduan Pemerintah Kota Tebing Tinggi. "
              "Jangan membalas email ini. Jangan berikan nomor pelacakan kepada orang lain.", ""]
    return Mail(subject=f"[{tracking_id}] {label}", body="\n".join(lines))


def backoff_seconds(attempts: int) -> int:
    """How long to wait after the `attempts`-th failed attempt."""
    return BACKOFF[min(max(attempts, 1), len(BACKOFF)) - 1]


def message_id(notification_id: str, domain: str) -> str:
    """The Message-ID the message keeps through every attempt."""
    return f"<{notification_id}@{domain}>"
