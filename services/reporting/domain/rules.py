"""Reporting's reading of the ASN rules, for display: every threshold a report applies, in one place.

These are reporting's interpretation of the regulations (the owning services keep their own
rules for their own decisions). Each number can be changed by an environment variable,
read on every call so that operators and tests can change it without a restart:

| variable | default | meaning |
| --- | --- | --- |
| REPORT_PNS_MIN_JP | 20 | JP a PNS must reach per year (PP 11/2017 art. 203(4)) |
| REPORT_PPPK_MAX_JP | 24 | JP cap per contract year for a PPPK (PP 49/2018 art. 40) |
| LEADERSHIP_TRAINING_WINDOW_DAYS | 365 | days a new official has for leadership training (unconfirmed; the same variable personnel reads) |
| REPORT_PUBLIC_MIN_GROUP | 5 | public views suppress every figure over fewer people than this |
"""
from __future__ import annotations

import os
from dataclasses import dataclass

# Position type → the leadership training it requires (PermenPANRB 22/2021, as DOMAIN.md reads it).
REQUIRED_LEADERSHIP = {"jpt_pratama": "PKN_II", "administrator": "PKA", "pengawas": "PKP"}
IN_SERVICE_STATUSES = ("active", "on_leave")  # counted in the head count; moved/retired/dismissed are not
ADOPTED_POLICY_STATES = ("adopted", "in_implementation", "under_evaluation")  # in force: socialized
OPEN_FEEDBACK_STATUSES = ("received", "forwarded")  # waiting for the OPD's follow-up
COMPLAINT_KIND = "pengaduan"


@dataclass(frozen=True)
class ReportRules:
    pns_min_jp: int = 20
    pppk_max_jp: int = 24
    leadership_window_days: int = 365
    public_min_group: int = 5


def _positive_int(name: str, default: int) -> int:
    raw = os.environ.get(name, "").strip()
    if not raw:
        return default
    try:
        value = int(raw)
    except ValueError:
        value = 0
    if value <= 0:
        raise ValueError(f"{name} must be a positive whole number, got {raw!r}")
    return value


def load_rules() -> ReportRules:
    """The rules in force now (defaults overridden by the environment)."""
    return ReportRules(
        pns_min_jp=_positive_int("REPORT_PNS_MIN_JP", 20),
        pppk_max_jp=_positive_int("REPORT_PPPK_MAX_JP", 24),
        leadership_window_days=_positive_int("LEADERSHIP_TRAINING_WINDOW_DAYS", 365),
        public_min_group=_positive_int("REPORT_PUBLIC_MIN_GROUP", 5),
    )


# The short texts a report shows beside its figures (Bahasa Indonesia: OPD staff read them).
def headcount_rule(rules: ReportRules) -> str:
    return "Jumlah ASN (PNS dan PPPK) berstatus aktif atau cuti menurut data kepegawaian terakhir."


def jp_rule(rules: ReportRules) -> str:
    return (f"Setiap PNS wajib mencapai minimal {rules.pns_min_jp} JP pengembangan kompetensi per tahun "
            f"(PP 11/2017 ps. 203 ayat 4); PPPK paling banyak {rules.pppk_max_jp} JP per tahun "
            "(PP 49/2018 ps. 40). JP dihitung dari pelatihan selesai sejak 1 Januari s.d. akhir periode.")


def leadership_rule(rules: ReportRules) -> str:
    return ("JPT pratama wajib PKN Tingkat II, administrator wajib PKA, pengawas wajib PKP, "
            f"paling lambat {rules.leadership_window_days} hari sejak TMT jabatan "
            "(PermenPANRB 22/2021; batas waktu dapat diatur). Dinilai per akhir periode atau hari ini.")


def socialization_rule(rules: ReportRules) -> str:
    return ("Cakupan sosialisasi: bagian ASN aktif yang pernah menghadiri sesi sosialisasi kebijakan "
            "yang berlaku (ditetapkan, dilaksanakan atau dievaluasi) s.d. akhir periode.")


def responsiveness_rule(rules: ReportRules) -> str:
    return ("Laporan masyarakat (SP4N-LAPOR!) yang masuk dalam periode: diverifikasi/diteruskan dalam "
            "3 hari kerja dan ditindaklanjuti OPD dalam 5 hari kerja. Respons pertama = tindakan pertama "
            "(diteruskan, ditindaklanjuti atau ditutup). Terlambat = belum ditindaklanjuti melewati batas.")


def satisfaction_rule(rules: ReportRules) -> str:
    return ("IKM menurut PermenPANRB 14/2017 sebagaimana dihitung layanan survei (9 unsur, NRR 1-4, "
            "konversi x25); hasil terakhir per unit layanan yang dimulai s.d. akhir periode. Gabungan "
            "beberapa unit dirata-rata tertimbang menurut jumlah responden. Sampel cukup menurut tabel "
            "Krejcie-Morgan.")


def consultation_rule(rules: ReportRules) -> str:
    return ("Masukan publik per kebijakan yang masuk dalam periode, beserta jawaban resminya "
            "(diterima, ditolak, dicatat) dan tahap siklus kebijakan saat ini.")
