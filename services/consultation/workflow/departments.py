"""Consultation's copy of personnel's departments: kept from personnel's events, checked before work is sent.

No call to personnel: a department code is checked against this copy, which the consumer
keeps up to date from personnel.department.created / updated / dissolved.
"""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from services.consultation.db.models import Department
from services.consultation.domain.departments import DISSOLVED, is_newer, receives_work
from services.consultation.workflow import access
from shared.consumer import check_sequence
from shared.errors import Invalid
from shared.principal import Principal


def record_department(session: Session, principal: Principal, now: datetime, data: dict, sequence: int) -> bool:
    """Apply a department's state as of version `sequence`; an older or repeated version changes nothing.

    Returns whether the copy changed.
    """
    access.require_system(principal, "change the copy of personnel's departments")
    department = session.get(Department, data["code"], with_for_update=True)
    check_sequence(department.sequence if department else None, sequence, f"department {data['code']}")
    if department is None:
        session.add(Department(code=data["code"], name=data["name"], type=data["type"], status=data["status"],
                               sequence=sequence))
        return True
    if not is_newer(sequence, department.sequence):
        return False
    department.name, department.type, department.status = data["name"], data["type"], data["status"]
    department.sequence = sequence
    return True


def require_receiving_department(session: Session, code: str, field: str = "department_code") -> Department:
    """The department that will receive a report or lead a policy, or Invalid naming `field`."""
    department = session.get(Department, code)
    if department is None:
        raise Invalid(field, f"No department has the code {code!r}.",
                      indonesian=f"Perangkat daerah dengan kode {code} tidak dikenal.")
    if not receives_work(department.status):
        raise Invalid(field, f"Department {code!r} is dissolved; choose its successor.",
                      indonesian=f"Perangkat daerah {department.name} sudah dibubarkan.")
    return department


def receiving_departments(session: Session) -> list[Department]:
    """The departments that may receive work now, by name: the choices of a forwarding form."""
    return list(session.execute(select(Department).where(Department.status != DISSOLVED)
                                .order_by(Department.name)).scalars())
