"""Display labels (Bahasa Indonesia) for the codes that arrive in events; unknown codes show as they are."""
from __future__ import annotations

# The 9 SKM unsur (PermenPANRB 14/2017), keyed u1..u9 as survey and consultation send them.
UNSUR = {
    "u1": "Persyaratan",
    "u2": "Sistem, mekanisme dan prosedur",
    "u3": "Waktu penyelesaian",
    "u4": "Biaya/tarif",
    "u5": "Produk spesifikasi jenis pelayanan",
    "u6": "Kompetensi pelaksana",
    "u7": "Perilaku pelaksana",
    "u8": "Penanganan pengaduan, saran dan masukan",
    "u9": "Sarana dan prasarana",
}
UNSUR_KEYS = tuple(UNSUR)

FEEDBACK_KINDS = {"aspirasi": "Aspirasi", "pengaduan": "Pengaduan",
                  "permintaan_informasi": "Permintaan Informasi"}

POLICY_STATES = {
    "draft": "Rancangan", "in_consultation": "Konsultasi publik", "consultation_closed": "Konsultasi ditutup",
    "in_revision": "Perbaikan rancangan", "adopted": "Ditetapkan",
    "in_implementation": "Pelaksanaan", "under_evaluation": "Evaluasi", "revised": "Direvisi",
    "retired": "Dicabut",
}

POSITION_TYPES = {"jpt_pratama": "JPT Pratama", "administrator": "Administrator", "pengawas": "Pengawas"}


def label(table: dict[str, str], key: str | None) -> str | None:
    return None if key is None else table.get(key, key)
