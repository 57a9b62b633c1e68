"""Which departments (OPD) a campaign may belong to, and which version of a department to keep.

Survey keeps its own copy of personnel's departments from personnel's events (docs/domain.md,
'Departments (OPD)'); personnel remains the one place where departments are created and dissolved.
"""

DISSOLVED = "dissolved"


def is_newer(stored_sequence: int | None, incoming_sequence: int) -> bool:
    """Whether an event's version of a department replaces the stored one (events may arrive late or twice)."""
    return stored_sequence is None or incoming_sequence > stored_sequence


def takes_campaigns(status: str | None) -> bool:
    """A campaign may be made only for a department that is known and not dissolved (None: not known)."""
    return status is not None and status != DISSOLVED
