"""Checks one employee or training record against the domain rules, for the API and the CSV import alike.

Each check raises InvalidField naming the field, so the API can answer a 422 for that field
and the import can report the line and the field.
"""
from __future__ import annotations

from datetime import date

from services.personnel.domain.nip import NipError, check_consistency, parse_nip
from services.personnel.domain.ranks import parse_rank


class InvalidField(ValueError):
    def __init__(self, field: str, message: str):
        super().__init__(message)
        self.field = field
        self.message = message


def normalize_identity(data: dict) -> dict:
    """Parse the NIP, derive birth date and gender from it, and reject what disagrees with it.

    `data` holds nip and employee_type, and may hold birth_date, gender and rank.
    Returns a copy with the NIP without spaces, the derived values filled in and the rank's order.
    """
    data = dict(data)
    try:
        parsed = parse_nip(data["nip"], data["employee_type"])
        check_consistency(parsed, birth_date=data.get("birth_date"), gender=data.get("gender"))
    except NipError as exc:
        raise InvalidField("nip", str(exc)) from None
    except ValueError as exc:  # an unknown employee type or gender
        raise InvalidField("employee_type", str(exc)) from None
    data["nip"] = parsed.nip
    data["birth_date"] = data.get("birth_date") or parsed.birth_date
    data["gender"] = data.get("gender") or parsed.gender
    if data.get("rank"):
        try:
            rank = parse_rank(data["rank"])
        except ValueError as exc:
            raise InvalidField("rank", str(exc)) from None
        data["rank"], data["rank_order"] = rank.code, rank.order
    elif "rank" in data:
        data["rank"], data["rank_order"] = None, None
    return data


def check_training_dates(status: str, start: date, end: date, today: date | None = None) -> None:
    """An end before the start, or a completion in the future, cannot be right."""
    if end < start:
        raise InvalidField("end_date", "The end date is before the start date.")
    if status == "completed" and end > (today or date.today()):
        raise InvalidField("end_date", "A completed training cannot end in the future; record it as planned.")


def check_appointment_date(tmt: date, current_tmt: date | None, today: date | None = None) -> None:
    """A new position starts after the current one and not in the future (it takes effect on its TMT)."""
    today = today or date.today()
    if tmt > today:
        raise InvalidField("tmt_jabatan", f"TMT {tmt.isoformat()} is in the future; record the appointment "
                                          "once it takes effect.")
    if current_tmt is not None and tmt < current_tmt:
        raise InvalidField("tmt_jabatan", f"TMT {tmt.isoformat()} is before the current position's TMT "
                                          f"{current_tmt.isoformat()}.")
