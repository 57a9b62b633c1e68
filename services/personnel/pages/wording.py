"""The staff pages' words: labels of codes, and refusals worded in Bahasa Indonesia beside their fields.

The rules and their own messages stay in domain/ and workflow/; where a rule gives no Indonesian
wording, the field's general message below stands beside it.
"""
from __future__ import annotations

from shared.errors import Invalid

EMPLOYEE_TYPES = {"PNS": "PNS", "PPPK": "PPPK"}
STATUSES = {"active": "Aktif", "on_leave": "Cuti", "moved": "Pindah", "retired": "Pensiun",
            "dismissed": "Diberhentikan"}
POSITION_TYPES = {"jpt_utama": "JPT Utama", "jpt_madya": "JPT Madya", "jpt_pratama": "JPT Pratama",
                  "administrator": "Administrator", "pengawas": "Pengawas", "pelaksana": "Pelaksana",
                  "fungsional": "Fungsional"}
GENDERS = {"male": "Laki-laki", "female": "Perempuan"}
EDUCATION = {"sd": "SD", "smp": "SMP", "sma": "SMA/SMK", "d1": "D-I", "d2": "D-II", "d3": "D-III", "d4": "D-IV",
             "s1": "S-1", "s2": "S-2", "s3": "S-3"}
TRAINING_STATUSES = {"completed": "Selesai", "planned": "Rencana", "cancelled": "Batal"}
LEADERSHIP = {"PKN_II": "PKN Tingkat II", "PKA": "PKA", "PKP": "PKP"}
LEADERSHIP_STATES = {"done": "Sudah memenuhi", "within_window": "Dalam batas waktu", "overdue": "Terlambat",
                     "no_tmt": "TMT jabatan belum dicatat"}
FORMATS = {"workshop": "Lokakarya (workshop)", "seminar": "Seminar"}
IMPORT_KINDS = {"employees": "Data pegawai", "training": "Catatan pelatihan"}
ROW_STATUSES = {"new": "Baru", "changed": "Berubah", "unchanged": "Tidak berubah", "error": "Salah"}

FIELD_MESSAGES = {
    "nip": "Tulis NIP 18 angka, misalnya 19850214 201001 1 004.",
    "nips": "Periksa NIP yang ditulis.",
    "name": "Tulis nama lengkap, 2 sampai 200 karakter.",
    "employee_type": "Pilih jenis pegawai: PNS atau PPPK.",
    "department_code": "Pilih perangkat daerah yang aktif.",
    "birth_date": "Tulis tanggal lahir yang benar.",
    "gender": "Pilih jenis kelamin.",
    "rank": "Pilih pangkat/golongan, misalnya III/a.",
    "position_title": "Tulis nama jabatan, 2 sampai 200 karakter.",
    "position_type": "Pilih jenis jabatan.",
    "tmt_jabatan": "Tulis TMT jabatan yang benar.",
    "decree_number": "Tulis nomor SK.",
    "decree_date": "Tulis tanggal SK yang benar.",
    "status": "Pilih status pegawai.",
    "status_reason": "Tuliskan alasannya.",
    "education": "Pilih pendidikan terakhir.",
    "programme_code": "Pilih program pelatihan.",
    "start_date": "Tulis tanggal mulai yang benar.",
    "end_date": "Tulis tanggal selesai yang benar.",
    "jp": "Tulis JP sebagai bilangan bulat 1 sampai 1000.",
    "policy_id": "Pilih kebijakan yang sudah ditetapkan.",
    "format": "Pilih bentuk sesi.",
    "title": "Tulis judul sesi, 3 sampai 300 karakter.",
    "held_on": "Tulis tanggal sesi yang benar.",
    "department_codes": "Pilih paling sedikit satu perangkat daerah.",
    "parent_code": "Pilih unit induk yang sesuai.",
    "file": "Pilih berkas CSV atau XLSX.",
    "kind": "Pilih jenis data.",
}


def field_errors(exc: Invalid) -> dict[str, str]:
    """{field: Indonesian message} for a workflow's refusal; a rule's own wording where it has one."""
    fields = list(exc.errors)
    if exc.indonesian and len(fields) == 1:
        return {fields[0]: exc.indonesian}
    return {name: FIELD_MESSAGES.get(name, "Isian ini tidak memenuhi aturan.") for name in fields}
