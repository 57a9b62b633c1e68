"""Appointments to a position: who can be appointed, and when a new position may start."""

from datetime import date

from services.personnel.domain.errors import FieldError

# Retired, moved or dismissed staff hold no position here any more; those on leave still do.
APPOINTABLE_STATUSES = ("active", "on_leave")


def check_appointment_date(tmt: date, current_tmt: date | None, today: date) -> None:
    """A new position starts after the current one and not in the future (it takes effect on its TMT)."""
    if tmt > today:
        raise FieldError("tmt_jabatan", f"TMT {tmt.isoformat()} is in the future; record the appointment "
                                        "once it takes effect.")
    if current_tmt is not None and tmt < current_tmt:
        raise FieldError("tmt_jabatan", f"TMT {tmt.isoformat()} is before the current position's TMT "
                                        f"{current_tmt.isoformat()}.")
