"""An employee's identity: NIP, birth date and gender checked against each other, the rank normalised."""

from services.personnel.domain.errors import FieldError
from services.personnel.domain.nip import check_consistency, parse_nip
from services.personnel.domain.positions import parse_employee_type
from services.personnel.domain.ranks import parse_rank

EMPLOYEE_STATUSES = ("active", "on_leave", "moved", "retired", "dismissed")
EDUCATION_LEVELS = ("sd", "smp", "sma", "d1", "d2", "d3", "d4", "s1", "s2", "s3")
# The fields a correction of which is checked again against the NIP.
IDENTITY_FIELDS = ("nip", "employee_type", "birth_date", "gender")


def normalize_identity(data: dict) -> dict:
    """Parse the NIP, derive birth date and gender from it, and reject what disagrees with it.

    `data` holds nip and employee_type, and may hold birth_date, gender and rank. Returns a
    copy with the NIP without spaces, the derived values filled in and the rank's order;
    raises FieldError naming the field that is wrong.
    """
    data = dict(data)
    try:
        employee_type = parse_employee_type(data["employee_type"])
    except ValueError as exc:
        raise FieldError("employee_type", str(exc), "Pilih jenis pegawai: PNS atau PPPK.") from None
    parsed = parse_nip(data["nip"], employee_type)
    check_consistency(parsed, birth_date=data.get("birth_date"), gender=data.get("gender"))
    data["nip"] = parsed.nip
    data["birth_date"] = data.get("birth_date") or parsed.birth_date
    data["gender"] = data.get("gender") or parsed.gender
    if data.get("rank"):
        try:
            rank = parse_rank(data["rank"])
        except ValueError as exc:
            raise FieldError("rank", str(exc), "Pangkat/golongan tidak dikenal; tulis seperti III/a.") from None
        data["rank"], data["rank_order"] = rank.code, rank.order
    elif "rank" in data:
        data["rank"], data["rank_order"] = None, None
    return data


# Leaving the service this way is done by decree: a dismissal or a retirement is recorded with its
# reason and its SK number (docs/domain.md, 'Leaving the service'; PP 11/2017 as amended by PP 17/2020,
# its part on pemberhentian, which covers retirement; article numbers unconfirmed).
STATUSES_NEEDING_DECREE = ("retired", "dismissed")
MIN_REASON_LENGTH = 5


def check_status_change(status: str, reason: str | None, decree_number: str | None) -> None:
    """A dismissal or retirement needs a reason and an SK number."""
    if status not in STATUSES_NEEDING_DECREE:
        return
    if not (reason or "").strip() or len(reason.strip()) < MIN_REASON_LENGTH:
        raise FieldError("status_reason", f"A change of status to {status} needs a reason "
                                          f"(at least {MIN_REASON_LENGTH} characters).",
                         "Tuliskan alasan pemberhentian atau pensiun (paling sedikit 5 karakter).")
    if not (decree_number or "").strip():
        raise FieldError("decree_number", f"A change of status to {status} needs the decree (SK) number.",
                         "Isi nomor SK pemberhentian atau pensiun.")
