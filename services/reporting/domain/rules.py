"""Reporting's reading of the ASN rules, for display: every threshold a report applies, in one place.

These are reporting's interpretation of the regulations (the owning services keep their own
rules for their own decisions). `ReportRules` states each default once; config.py reads the
overrides from the environment when the service starts and passes the object in.
"""
from __future__ import annotations

from dataclasses import dataclass

# Position type → the leadership training it requires (PermenPANRB 22/2021; docs/domain.md, 'Leadership training').
REQUIRED_LEADERSHIP = {"jpt_pratama": "PKN_II", "administrator": "PKA", "pengawas": "PKP"}
IN_SERVICE_STATUSES = ("active", "on_leave")  # counted in the head count; moved/retired/dismissed are not
ADOPTED_POLICY_STATES = ("adopted", "in_implementation", "under_evaluation")  # in force: socialized
ENDED_POLICY_STATES = ("revised", "retired")  # the version stops being in force (a revision opens the next)
OPEN_FEEDBACK_STATUSES = ("received", "forwarded")  # waiting for the OPD's follow-up
COMPLAINT_KIND = "pengaduan"


@dataclass(frozen=True)
class ReportRules:
    """The numbers a report applies (docs/domain.md, 'Training hours (JP)' and 'Leadership training')."""

    pns_min_jp: int = 20  # JP a PNS must reach per year (PP 11/2017 art. 203(4))
    pppk_max_jp: int = 24  # JP cap per contract year for a PPPK (PP 49/2018 art. 40)
    # Only for employee events from before personnel published its leadership facts (due date, met on):
    # the days a new official had, in the report's former reading (unconfirmed).
    leadership_window_days: int = 365
    public_min_group: int = 5  # public views suppress every figure over fewer people than this


# The short texts a report shows beside its figures (Bahasa Indonesia: OPD staff read them).
def headcount_rule(rules: ReportRules) -> str:
    return "Jumlah ASN (PNS dan PPPK) berstatus aktif atau cuti menurut data kepegawaian terakhir."


def jp_rule(rules: ReportRules) -> str:
    return (f"Setiap PNS wajib mencapai minimal {rules.pns_min_jp} JP pengembangan kompetensi per tahun "
            f"(PP 11/2017 ps. 203 ayat 4); PPPK paling banyak {rules.pppk_max_jp} JP per tahun "
            "(PP 49/2018 ps. 40). JP dihitung dari pelatihan selesai sejak 1 Januari s.d. akhir periode.")


def leadership_rule(rules: ReportRules) -> str:
    return ("JPT pratama wajib PKN Tingkat II, administrator wajib PKA, pengawas wajib PKP; pelatihan tingkat "
            "lebih tinggi memenuhi kewajiban tingkat di bawahnya (PKN II ⊇ PKA ⊇ PKP). Batas waktu dan "
            "pemenuhannya menurut data kepegawaian (TMT jabatan ditambah jangka bulan kalender yang berlaku, "
            "PermenPANRB 22/2021); untuk data lama tanpa batas waktu: "
            f"{rules.leadership_window_days} hari sejak TMT jabatan. Dinilai per akhir periode atau hari ini.")


def socialization_rule(rules: ReportRules) -> str:
    return ("Cakupan sosialisasi: bagian ASN aktif perangkat daerah ini (menurut perangkat daerahnya sendiri, "
            "siapa pun pengampu kebijakannya) yang menghadiri sesi sosialisasi versi kebijakan yang berlaku "
            "(ditetapkan, dilaksanakan atau dievaluasi) dalam periode, selama versi itu berlaku s.d. akhir periode.")


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
    return ("Masukan publik per kebijakan yang masuk dalam periode (tanggapan atas pasal dan laporan yang "
            "menyebut kebijakan), beserta jawaban resminya (diterima, ditolak, dicatat) dan tahap siklus kebijakan "
            "saat ini. Tanggapan yang disembunyikan moderator tidak perlu dijawab. Pasal berubah = pasal teks yang "
            "ditetapkan yang berbeda dari rancangan pertama yang dikonsultasikan.")


def improvement_rule(rules: ReportRules) -> str:
    return ("Tindak lanjut dari rencana tindak lanjut yang ditetapkan untuk periode evaluasi sebelumnya: status, "
            "ketepatan waktu terhadap tenggatnya, dan angka yang memicu rekomendasi saat itu dibandingkan angka "
            "pada laporan ini. Kesenjangan tertutup bila angka sekarang telah mencapai ambang batasnya.")
