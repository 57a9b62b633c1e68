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
        raise FieldError("employee_type", str(exc)) from None
    parsed = parse_nip(data["nip"], employee_type)
    check_consistency(parsed, birth_date=data.get("birth_date"), gender=data.get("gender"))
    data["nip"] = parsed.nip
    data["birth_date"] = data.get("birth_date") or parsed.birth_date
    data["gender"] = data.get("gender") or parsed.gender
    if data.get("rank"):
        try:
            rank = parse_rank(data["rank"])
        except ValueError as exc:
            raise FieldError("rank", str(exc)) from None
        data["rank"], data["rank_order"] = rank.code, rank.order
    elif "rank" in data:
        data["rank"], data["rank_order"] = None, None
    return data
