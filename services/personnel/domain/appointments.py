"""Appointments to a position: who can be appointed, and when a new position may start."""

from datetime import date

from services.personnel.domain.errors import FieldError

# Retired, moved or dismissed staff hold no position here any more; those on leave still do.
APPOINTABLE_STATUSES = ("active", "on_leave")


def check_appointment_date(tmt: date, current_tmt: date | None, today: date) -> None:
    """A new position starts after the current one and not in the future (it takes effect on its TMT)."""
    if tmt > today:
        raise FieldError("tmt_jabatan", f"TMT {tmt.isoformat()} is in the future; record the appointment "
                                        "once it takes effect.",
                         "TMT jabatan belum tiba; catat pengangkatan setelah berlaku.")
    if current_tmt is not None and tmt < current_tmt:
        raise FieldError("tmt_jabatan", f"TMT {tmt.isoformat()} is before the current position's TMT "
                                        f"{current_tmt.isoformat()}.",
                         f"TMT jabatan sebelum TMT jabatan saat ini ({current_tmt:%d/%m/%Y}).")


class HeadPositionTaken(Exception):
    """The unit already has a head; the new appointment must end theirs, or wait."""

    def __init__(self, holder_name: str):
        super().__init__(holder_name)
        self.holder_name = holder_name


def check_one_head(current_holder: tuple[str, str] | None, appointee_id: str, ends_current: bool) -> str | None:
    """One holder per head position in a unit at a time (docs/domain.md, 'One head per unit'; an acting head,
    Plt/Plh, is not a holder and is not recorded here).

    `current_holder` is (employee id, name) of the unit's head now, or None. Returns the id of
    the holder whose headship the new appointment ends; raises HeadPositionTaken when it may not.
    """
    if current_holder is None or current_holder[0] == appointee_id:
        return None
    if not ends_current:
        raise HeadPositionTaken(current_holder[1])
    return current_holder[0]
