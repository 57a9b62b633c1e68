"""Finding the rows a use case works on, or saying precisely why not (NotFound, Invalid)."""
from __future__ import annotations

from typing import NamedTuple

from sqlalchemy import bindparam, select
from sqlalchemy.orm import Session

from services.personnel.db.models import Department, Employee, SocializationSession, TrainingProgramme
from shared.db import HotStatement
from shared.errors import Invalid, NotFound


def get_department(session: Session, code: str, for_update: bool = False) -> Department:
    """A department named in the address: 404 when there is none."""
    query = select(Department).where(Department.code == code)
    dep = session.execute(query.with_for_update() if for_update else query).scalar_one_or_none()
    if dep is None:
        raise NotFound(f"Department {code!r} does not exist.",
                       indonesian=f"Perangkat daerah {code} tidak ada.")
    return dep


def active_department(session: Session, code: str, field: str = "department_code") -> Department:
    """A department employees can belong to, named in the input: it exists and is not dissolved (else 422)."""
    dep = session.execute(select(Department).where(Department.code == code)).scalar_one_or_none()
    if dep is None:
        raise Invalid(field, f"No department has the code {code!r}.",
                      detail=f"Department {code!r} does not exist.")
    if dep.status == "dissolved":
        raise Invalid(field, f"Department {code!r} is dissolved; choose its successor.",
                      detail=f"Department {code!r} is dissolved.")
    return dep


def get_employee(session: Session, employee_id: str, for_update: bool = False) -> Employee:
    """An employee named in the address: 404 when there is none."""
    employee = session.get(Employee, employee_id, with_for_update=for_update)
    if employee is None:
        raise NotFound("Employee not found.", indonesian="Pegawai tidak ditemukan.")
    return employee


def named_employee(session: Session, employee_id: str, field: str = "employee_id") -> Employee:
    """An employee named in the input: 422 for that field when there is none."""
    employee = session.get(Employee, employee_id)
    if employee is None:
        raise _unknown_employee(field)
    return employee


def _unknown_employee(field: str) -> Invalid:
    return Invalid(field, "No employee has this id.", detail="Unknown employee.")


def named_programme(session: Session, code: str) -> TrainingProgramme:
    """A training programme named in the input: 422 when there is none."""
    programme = session.execute(select(TrainingProgramme).where(TrainingProgramme.code == code)).scalar_one_or_none()
    if programme is None:
        raise Invalid("programme_code", f"No programme has the code {code!r}.",
                      detail="Unknown training programme.")
    return programme


class EmployeeFacts(NamedTuple):
    """What a training record needs of its employee (its access check, its event)."""
    id: str
    department_code: str
    employee_type: str
    position_type: str | None


class ProgrammeFacts(NamedTuple):
    """What a training record needs of its programme (its default JP, its event)."""
    id: str
    code: str
    kind: str
    leadership_level: str | None
    jp: int


_EMPLOYEES, _PROGRAMMES = Employee.__table__.c, TrainingProgramme.__table__.c
# One round trip, built once: the employee (no row, no employee) and, outer-joined, the programme by code.
_EMPLOYEE_AND_PROGRAMME = HotStatement(
    select(_EMPLOYEES.id, _EMPLOYEES.department_code, _EMPLOYEES.employee_type, _EMPLOYEES.position_type,
           _PROGRAMMES.id.label("programme_id"), _PROGRAMMES.code, _PROGRAMMES.kind, _PROGRAMMES.leadership_level,
           _PROGRAMMES.jp)
    .select_from(Employee.__table__.outerjoin(TrainingProgramme.__table__, _PROGRAMMES.code == bindparam("code")))
    .where(_EMPLOYEES.id == bindparam("employee_id")))


def employee_and_programme(session: Session, employee_id: str,
                           code: str) -> tuple[EmployeeFacts, ProgrammeFacts | None]:
    """The employee a training record names (else 422) and its programme (None when there is none: the
    caller checks access first, then calls named_programme for its 422), both in one round trip."""
    # On the driver, not the session: a Core read needs no ORM, nor SQLAlchemy's per-execution work.
    rows = _EMPLOYEE_AND_PROGRAMME.rows(session.connection(), {"employee_id": employee_id, "code": code})
    if not rows:
        raise _unknown_employee("employee_id")
    row = rows[0]
    programme = None if row[4] is None else ProgrammeFacts(*row[4:])
    return EmployeeFacts(*row[:4]), programme


def get_socialization_session(session: Session, session_id: str) -> SocializationSession:
    row = session.get(SocializationSession, session_id)
    if row is None:
        raise NotFound("Socialization session not found.", indonesian="Sesi sosialisasi tidak ditemukan.")
    return row
