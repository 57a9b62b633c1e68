"""Recording one training for a whole class, the participants named by NIP: every one of them, or none."""
from __future__ import annotations

from datetime import datetime

from sqlalchemy.orm import Session

from services.personnel.domain.competence import LeadershipWindow
from services.personnel.workflow.nips import Refusals, employees_by_nip
from services.personnel.workflow.training import record_training
from shared.errors import Conflict, Invalid
from shared.principal import Principal


def record_for_class(session: Session, principal: Principal, now: datetime, data: dict, nips: list[str], *,
                     window: LeadershipWindow) -> dict:
    """Record `data` (programme, dates, JP, status) for each NIP; any refusal refuses the class, each named.

    Each record is checked as a single one is (an exact duplicate names the existing record); the
    caller's transaction makes it all or nothing.
    """
    refusals = Refusals()
    employees = employees_by_nip(session, principal, nips, refusals)
    records = []
    for nip, employee in employees.items():
        try:
            with session.begin_nested():  # a refused record leaves nothing behind, the others go on being checked
                records.append(record_training(session, principal, now, {**data, "employee_id": employee.id},
                                               window=window))
        except Conflict as exc:
            refusals.add(nip, exc.detail, f"{employee.name}: {exc.indonesian or exc.detail}")
        except Invalid as exc:
            if exc.field in ("programme_code", "end_date", "start_date"):
                raise  # the class's own fields are wrong: one message for all of them
            refusals.add(nip, exc.reason, f"{employee.name}: {exc.indonesian or exc.reason}")
    refusals.raise_if_any("nips", "training")
    return {"recorded": len(records), "records": records}
