"""Finding the rows a use case works on, or saying precisely why not (NotFound, Invalid)."""
from __future__ import annotations

from sqlalchemy import select, true
from sqlalchemy.orm import Session

from services.personnel.db.models import Department, Employee, SocializationSession, TrainingProgramme
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
        raise Invalid(field, "No employee has this id.", detail="Unknown employee.")
    return employee


def named_programme(session: Session, code: str) -> TrainingProgramme:
    """A training programme named in the input: 422 when there is none."""
    programme = session.execute(select(TrainingProgramme).where(TrainingProgramme.code == code)).scalar_one_or_none()
    if programme is None:
        raise Invalid("programme_code", f"No programme has the code {code!r}.",
                      detail="Unknown training programme.")
    return programme


def employee_and_programme(session: Session, employee_id: str,
                           code: str) -> tuple[Employee, TrainingProgramme | None]:
    """The employee a training record names (else 422) and its programme (None when there is none: the
    caller checks access first, then calls named_programme for its 422), both in one round trip."""
    found = session.execute(select(Employee, TrainingProgramme).join_from(Employee, TrainingProgramme, true())
                            .where(Employee.id == employee_id, TrainingProgramme.code == code)).one_or_none()
    if found is None:
        return named_employee(session, employee_id), None
    return found[0], found[1]


def get_socialization_session(session: Session, session_id: str) -> SocializationSession:
    row = session.get(SocializationSession, session_id)
    if row is None:
        raise NotFound("Socialization session not found.", indonesian="Sesi sosialisasi tidak ditemukan.")
    return row
