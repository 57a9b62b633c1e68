"""Seed survey's copy of the departments the way production fills it: personnel's events, through the real handler."""
from __future__ import annotations

from services.survey.handlers import SUBSCRIPTIONS
from shared.envelope import Envelope


def department_event(code: str, *, sequence: int = 1, verb: str = "created", name: str | None = None,
                     status: str | None = None) -> Envelope:
    """A personnel.department.<verb> event exactly as personnel publishes it."""
    status = status or ("dissolved" if verb == "dissolved" else "active")
    return Envelope(type=f"personnel.department.{verb}", source="/asn/personnel", subject=code, sequence=sequence,
                    data={"code": code, "name": name or f"Dinas {code.title()}", "type": "dinas",
                          "parent_code": None, "status": status})


def apply_department(db, code: str, **event) -> None:
    """Apply one department event to a survey database, as the consumer would (schema, then handler)."""
    env = department_event(code, **event)
    subscription = SUBSCRIPTIONS[env.type]
    with db.transaction() as session:
        subscription.handle(session, env, subscription.schema.load(env.data))


def seed_departments(db, *codes: str) -> None:
    for code in codes:
        apply_department(db, code)
