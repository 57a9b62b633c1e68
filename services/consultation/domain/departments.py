"""The departments (OPD) consultation knows: its own copy of personnel's, and which of them may receive work.

Personnel owns departments; consultation keeps a copy built from personnel's department events,
so that it can check a department code without calling another service. An event carries the
department's full state and its version (the envelope's `sequence`), so the newest version wins
whatever order events arrive in. See docs/domain.md, 'Departments (OPD)'.
"""

DISSOLVED = "dissolved"


def is_newer(incoming_sequence: int, stored_sequence: int | None) -> bool:
    """Apply an event only if it is newer than what the copy already holds."""
    return stored_sequence is None or incoming_sequence > stored_sequence


def receives_work(status: str) -> bool:
    """A dissolved department can no longer be sent complaints or lead a policy; its successor can."""
    return status != DISSOLVED
