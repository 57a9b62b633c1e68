"""Parse and validate the 18-digit NIP (employee number), naming the part that is wrong.

The layout (Perka BKN 22/2007; docs/domain.md, 'NIP'): digits 1-8 the birth date, 9-14 the
year and month of the CPNS appointment (TMT CPNS), 15 the gender, 16-18 a sequence number.
"""

import re
from dataclasses import dataclass
from datetime import date

from services.personnel.domain.errors import FieldError
from services.personnel.domain.positions import EmployeeType, parse_employee_type

NIP_LENGTH = 18
LENGTH_RULE = f"a NIP has exactly {NIP_LENGTH} digits"
# PP 11/2017 art. 23(1)a: a CPNS applicant is at least 18 (docs/domain.md, 'NIP').
MINIMUM_APPOINTMENT_AGE = 18
_GENDERS = {"1": "male", "2": "female"}
# What a spreadsheet shows for a long number in a "General" column: 1.98502E+17, or 1,98502E+17 in Indonesian.
_SCIENTIFIC = re.compile(r"^\d[.,]\d+E\+?\d+$", re.IGNORECASE)


class NipError(FieldError):
    """A NIP that cannot be right; the message says which digits are wrong and why."""

    def __init__(self, message: str, indonesian: str | None = None):
        super().__init__("nip", message, indonesian)


@dataclass(frozen=True)
class ParsedNip:
    nip: str  # 18 digits, no spaces
    birth_date: date | None = None
    appointment_year: int | None = None
    appointment_month: int | None = None
    gender: str | None = None  # "male" / "female"
    sequence: int | None = None


def _shown(raw: str) -> str:
    text = str(raw)
    return repr(text if len(text) <= 40 else text[:40] + "…")


def normalize_nip(raw: str) -> str:
    """Drop the spaces people type between the groups and check it is 18 digits."""
    text = str(raw).strip()
    if _SCIENTIFIC.match(text):
        raise NipError(f"{LENGTH_RULE}; this looks like a number a spreadsheet shortened ({text}): "
                       "format the column as text and export again",
                       f"NIP ini terpotong oleh aplikasi lembar kerja ({text}): format kolom NIP sebagai Teks, "
                       "ketik ulang NIP-nya, lalu simpan dan unggah lagi.")
    nip = "".join(text.split())
    if nip and not nip.isdigit():
        raise NipError(f"NIP {_shown(raw)} may contain only digits and spaces",
                       f"NIP {_shown(raw)} hanya boleh berisi angka dan spasi.")
    if len(nip) != NIP_LENGTH:
        raise NipError(f"{LENGTH_RULE}; this one has {len(nip)}",
                       f"NIP terdiri atas {NIP_LENGTH} angka; yang ini {len(nip)} angka.")
    return nip


def _check_appointment_age(appointment_part: str, year: int, month: int, birth: date) -> None:
    if (year, month) <= (birth.year, birth.month):
        raise NipError(f"digits 9-14 (CPNS appointment) {appointment_part} is not after "
                       f"the birth month {birth.year:04d}-{birth.month:02d}",
                       f"Angka ke-9 s.d. 14 (TMT CPNS) {appointment_part} tidak sesudah bulan lahir.")
    # The NIP gives the TMT only to the month, so the comparison is by year and month: someone
    # born on 20 May 2000 with TMT 2018-05 is accepted, since a TMT on or after 20 May 2018 is
    # possible; TMT 2018-04 is refused, since no day of April 2018 makes them 18.
    adult = (birth.year + MINIMUM_APPOINTMENT_AGE, birth.month)
    if (year, month) < adult:
        raise NipError(f"digits 9-14 (CPNS appointment) {appointment_part} would make the person younger "
                       f"than {MINIMUM_APPOINTMENT_AGE} (born {birth.isoformat()}); "
                       f"the earliest possible TMT is {adult[0]:04d}-{adult[1]:02d}",
                       f"Angka ke-9 s.d. 14 (TMT CPNS) {appointment_part} berarti diangkat sebelum berusia "
                       f"{MINIMUM_APPOINTMENT_AGE} tahun.")


def parse_nip(raw: str, employee_type: str = "PNS") -> ParsedNip:
    """Parse a NIP; the layout (Perka BKN 22/2007) is checked for PNS only."""
    nip = normalize_nip(raw)
    # The PPPK layout is unconfirmed (docs/domain.md, 'NIP'), so rejecting on its date parts
    # could lock out valid contract staff.
    if parse_employee_type(employee_type) is EmployeeType.PPPK:
        return ParsedNip(nip=nip)

    birth_part, appointment_part = nip[0:8], nip[8:14]
    gender_part, sequence_part = nip[14], nip[15:18]
    try:
        birth = date(int(birth_part[0:4]), int(birth_part[4:6]), int(birth_part[6:8]))
    except ValueError:
        raise NipError(f"digits 1-8 (birth date) {birth_part} is not a real date",
                       f"Angka ke-1 s.d. 8 (tanggal lahir) {birth_part} bukan tanggal yang ada.") from None

    year, month = int(appointment_part[0:4]), int(appointment_part[4:6])
    if not 1 <= month <= 12:
        raise NipError(f"digits 9-14 (CPNS appointment) {appointment_part} is not a real year and month",
                       f"Angka ke-9 s.d. 14 (TMT CPNS) {appointment_part} bukan tahun dan bulan yang ada.")
    _check_appointment_age(appointment_part, year, month, birth)
    if gender_part not in _GENDERS:
        raise NipError(f"digit 15 (gender) {gender_part} must be 1 (male) or 2 (female)",
                       f"Angka ke-15 (jenis kelamin) {gender_part} harus 1 (laki-laki) atau 2 (perempuan).")
    if sequence_part == "000":
        raise NipError(f"digits 16-18 (sequence) {sequence_part} must be 001-999",
                       f"Angka ke-16 s.d. 18 (nomor urut) {sequence_part} harus 001 s.d. 999.")

    return ParsedNip(
        nip=nip,
        birth_date=birth,
        appointment_year=year,
        appointment_month=month,
        gender=_GENDERS[gender_part],
        sequence=int(sequence_part),
    )


def check_consistency(parsed: ParsedNip, birth_date: date | None = None, gender: str | None = None) -> None:
    """Raise NipError when a recorded birth date or gender contradicts the NIP.

    Parts the NIP does not encode (e.g. for PPPK) or values not given are not checked.
    """
    if birth_date is not None and parsed.birth_date is not None and birth_date != parsed.birth_date:
        raise NipError(
            f"digits 1-8 (birth date) give {parsed.birth_date.isoformat()} "
            f"but the recorded birth date is {birth_date.isoformat()}",
            "Tanggal lahir tidak sama dengan angka ke-1 s.d. 8 NIP.",
        )
    if gender is None or parsed.gender is None:
        return
    given = gender.strip().lower()
    if given not in _GENDERS.values():
        raise FieldError("gender", f"unknown gender {gender!r}: expected 'male' or 'female'",
                         "Pilih jenis kelamin: laki-laki atau perempuan.")
    if given != parsed.gender:
        raise NipError(f"digit 15 (gender) gives {parsed.gender} but the recorded gender is {given}",
                       "Jenis kelamin tidak sama dengan angka ke-15 NIP.")
