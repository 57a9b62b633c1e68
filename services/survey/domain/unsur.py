"""The fixed SKM questionnaire: the 9 unsur, the 1-4 answer scale and the respondent-profile choices.

Wording follows the sample questionnaire annexed to PermenPANRB 14/2017, so a printed form and
the web form read the same. Nothing here computes anything; the IKM formula lives in ikm.py.
"""

from dataclasses import dataclass

MIN_SCORE = 1
MAX_SCORE = 4
MAX_SUGGESTION = 2000  # characters of the free-text suggestion after the 9 unsur

# Generic meaning of each score, used where an unsur-specific label does not fit (charts, exports).
SCALE_LABELS: dict[int, str] = {1: "Tidak baik", 2: "Kurang baik", 3: "Baik", 4: "Sangat baik"}


@dataclass(frozen=True)
class Unsur:
    key: str
    name: str
    label_en: str
    question: str
    # answers[0] is the label for score 1, answers[3] for score 4.
    answers: tuple[str, str, str, str]




_SESUAI = ("Tidak sesuai", "Kurang sesuai", "Sesuai", "Sangat sesuai")

# Keys follow the unsur order of the regulation body (a..i). The annex's sample questionnaire
# prints sarana/prasarana before complaint handling; we keep u8 = complaints everywhere so that
# stored tallies never depend on how a form happened to be laid out.
UNSUR: tuple[Unsur, ...] = (
    Unsur(
        "u1",
        "Persyaratan",
        "Requirements",
        "Bagaimana pendapat Saudara tentang kesesuaian persyaratan pelayanan dengan jenis pelayanannya?",
        _SESUAI,
    ),
    Unsur(
        "u2",
        "Sistem, Mekanisme, dan Prosedur",
        "Procedure",
        "Bagaimana pemahaman Saudara tentang kemudahan prosedur pelayanan di unit ini?",
        ("Tidak mudah", "Kurang mudah", "Mudah", "Sangat mudah"),
    ),
    Unsur(
        "u3",
        "Waktu Penyelesaian",
        "Time to complete",
        "Bagaimana pendapat Saudara tentang kecepatan waktu dalam memberikan pelayanan?",
        ("Tidak cepat", "Kurang cepat", "Cepat", "Sangat cepat"),
    ),
    Unsur(
        "u4",
        "Biaya/Tarif",
        "Cost",
        "Bagaimana pendapat Saudara tentang kewajaran biaya/tarif dalam pelayanan?",
        ("Sangat mahal", "Cukup mahal", "Murah", "Gratis"),
    ),
    Unsur(
        "u5",
        "Produk Spesifikasi Jenis Pelayanan",
        "Service products",
        "Bagaimana pendapat Saudara tentang kesesuaian produk pelayanan antara yang tercantum "
        "dalam standar pelayanan dengan hasil yang diberikan?",
        _SESUAI,
    ),
    Unsur(
        "u6",
        "Kompetensi Pelaksana",
        "Staff competence",
        "Bagaimana pendapat Saudara tentang kompetensi/kemampuan petugas dalam pelayanan?",
        ("Tidak kompeten", "Kurang kompeten", "Kompeten", "Sangat kompeten"),
    ),
    Unsur(
        "u7",
        "Perilaku Pelaksana",
        "Staff behaviour",
        "Bagaimana pendapat Saudara tentang perilaku petugas dalam pelayanan terkait kesopanan "
        "dan keramahan?",
        ("Tidak sopan dan ramah", "Kurang sopan dan ramah", "Sopan dan ramah", "Sangat sopan dan ramah"),
    ),
    Unsur(
        "u8",
        "Penanganan Pengaduan, Saran dan Masukan",
        "Complaint handling",
        "Bagaimana pendapat Saudara tentang penanganan pengaduan pengguna layanan?",
        ("Tidak ada", "Ada tetapi tidak berfungsi", "Berfungsi kurang maksimal", "Dikelola dengan baik"),
    ),
    Unsur(
        "u9",
        "Sarana dan Prasarana",
        "Facilities",
        "Bagaimana pendapat Saudara tentang kualitas sarana dan prasarana?",
        ("Buruk", "Cukup", "Baik", "Sangat baik"),
    ),
)

UNSUR_KEYS: tuple[str, ...] = tuple(u.key for u in UNSUR)
UNSUR_BY_KEY: dict[str, Unsur] = {u.key: u for u in UNSUR}

# Respondent profile. Stored codes are stable ASCII; labels are what the form and report show.
# Age is asked as a band, not a birth year, so a profile cannot help re-identify a respondent.
GENDER: dict[str, str] = {"laki_laki": "Laki-laki", "perempuan": "Perempuan"}

AGE_GROUP: dict[str, str] = {
    "<20": "Di bawah 20 tahun",
    "20-29": "20–29 tahun",
    "30-39": "30–39 tahun",
    "40-49": "40–49 tahun",
    "50-59": "50–59 tahun",
    ">=60": "60 tahun ke atas",
}

EDUCATION: dict[str, str] = {
    "sd": "SD",
    "smp": "SMP",
    "sma": "SMA/SMK",
    "d1_d3": "D1–D3",
    "d4_s1": "D4/S1",
    "s2": "S2",
    "s3": "S3",
}

OCCUPATION: dict[str, str] = {
    "pns": "PNS",
    "tni_polri": "TNI/Polri",
    "swasta": "Pegawai swasta",
    "wiraswasta": "Wiraswasta/Wirausaha",
    "pelajar_mahasiswa": "Pelajar/Mahasiswa",
    "lainnya": "Lainnya",
}

PROFILE_CHOICES: dict[str, dict[str, str]] = {
    "gender": GENDER,
    "age_group": AGE_GROUP,
    "education": EDUCATION,
    "occupation": OCCUPATION,
}
