"""Words the report pages share: what each step of a report's history is called in Bahasa Indonesia."""
from __future__ import annotations

HISTORY_ACTIONS = {
    "submitted": "Laporan masuk",
    "forwarded": "Diverifikasi dan diteruskan ke perangkat daerah (OPD)",
    "rerouted": "Dialihkan ke perangkat daerah (OPD) lain",
    "info_requested": "Petugas meminta informasi tambahan dari pelapor",
    "info_provided": "Pelapor memberikan informasi tambahan",
    "responded": "Ditindaklanjuti",
    "citizen_confirmed": "Pelapor menyatakan puas; laporan selesai",
    "citizen_not_satisfied": "Pelapor menyatakan belum puas; laporan dibuka kembali",
    "reopened": "Laporan dibuka kembali",
    "escalated": "Pelapor belum puas; laporan ditangani langsung oleh BKPSDM",
    "closed": "Laporan ditutup",
    "answered": "Jawaban resmi diberikan",
    "overdue_forward": "Batas waktu verifikasi terlewati",
    "overdue_follow_up": "Batas waktu tindak lanjut terlewati",
    "hidden": "Isi laporan disembunyikan (moderasi)",
    "published": "Isi laporan ditampilkan untuk umum (moderasi)",
    "purged": "Data pribadi dihapus (masa simpan berakhir)",
}
