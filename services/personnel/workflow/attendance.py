"""Attendance at socialization sessions: recorded per employee, by id or by NIP, each announced to reporting.

Those already recorded for the session are skipped and reported, never a failure of the batch;
anyone who cannot be recorded (unknown, another department's, not in the session's departments)
refuses the batch, each named, so that a typo is fixed before anything is written.
"""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from services.personnel.db.models import Employee, SocializationAttendance, SocializationSession
from services.personnel.domain.dates import local_date
from services.personnel.events import attendance_payload, emit
from services.personnel.workflow import access
from services.personnel.workflow.lookups import get_socialization_session
from services.personnel.workflow.nips import Refusals, employees_by_nip
from shared.errors import Invalid
from shared.principal import Principal


def _held(row: SocializationSession, now: datetime) -> None:
    if row.held_on > local_date(now):
        message = f"The session is on {row.held_on.isoformat()}; record attendance once it is held."
        raise Invalid("held_on", message, detail=message,
                      indonesian=f"Sesi ini baru berlangsung {row.held_on:%d/%m/%Y}; catat kehadiran setelahnya.")


def record_attendance(session: Session, principal: Principal, now: datetime, session_id: str,
                      employee_ids: list[str]) -> dict:
    """Record that these employees attended a held session (an operator: only their own department's staff)."""
    row = get_socialization_session(session, session_id)
    _held(row, now)
    ids = list(dict.fromkeys(employee_ids))
    employees = {e.id: e for e in session.execute(select(Employee).where(Employee.id.in_(ids))).scalars()}
    unknown = [i for i in ids if i not in employees]
    if unknown:
        raise Invalid(errors={"employee_ids": [f"No employee has the id {i}." for i in unknown]},
                      detail="Unknown employee(s).")
    departments = set(row.department_codes.split(","))
    for employee in employees.values():
        access.ensure_writes(principal, employee.department_code)
        if employee.department_code not in departments:
            raise Invalid("employee_ids", f"{employee.id} is not in the session's departments.",
                          detail=f"{employee.name} belongs to {employee.department_code}, which this session "
                                 "is not for.")
    return _record(session, now, row, [employees[i] for i in ids])


def record_attendance_by_nip(session: Session, principal: Principal, now: datetime, session_id: str,
                             nips: list[str]) -> dict:
    """The same, with the attendees named by NIP as typed, pasted or read from a file."""
    row = get_socialization_session(session, session_id)
    _held(row, now)
    refusals = Refusals()
    found = employees_by_nip(session, principal, nips, refusals)
    departments = set(row.department_codes.split(","))
    for nip, employee in found.items():
        if employee.department_code not in departments:
            refusals.add(nip, f"{employee.name} belongs to {employee.department_code}, which this session is not for.",
                         f"{employee.name} ({employee.department_code}) bukan peserta perangkat daerah sesi ini.")
    refusals.raise_if_any("nips", "attendance")
    return _record(session, now, row, list(found.values()))


def _record(session: Session, now: datetime, row: SocializationSession, employees: list[Employee]) -> dict:
    ids = [e.id for e in employees]
    already = set(session.execute(select(SocializationAttendance.employee_id).where(
        SocializationAttendance.session_id == row.id, SocializationAttendance.employee_id.in_(ids))).scalars())
    recorded = []
    for employee in employees:
        if employee.id in already:
            continue
        session.add(SocializationAttendance(session_id=row.id, employee_id=employee.id, recorded_at=now))
        # One attendance is one fact that never changes: its own subject, sequence 1.
        emit(session, "personnel.socialization.attended", f"{row.id}/{employee.id}",
             attendance_payload(row, employee), 1)
        recorded.append(employee)
    return {"session_id": row.id, "recorded": len(recorded),
            "recorded_employees": [_named(e) for e in recorded],
            "already_recorded": [_named(e) for e in employees if e.id in already]}


def _named(employee: Employee) -> dict:
    return {"employee_id": employee.id, "name": employee.name, "nip": employee.nip}


def attendees(session: Session, principal: Principal, session_id: str, page: dict) -> dict:
    """A page of who attended the session, by name."""
    access.ensure_staff(principal)
    get_socialization_session(session, session_id)
    query = (select(SocializationAttendance.employee_id, Employee.name, Employee.department_code,
                    SocializationAttendance.recorded_at)
             .join(Employee, Employee.id == SocializationAttendance.employee_id)
             .where(SocializationAttendance.session_id == session_id).order_by(Employee.name, Employee.id))
    number, size = page.get("page", 1), page.get("page_size", 50)
    total = session.execute(select(func.count()).select_from(query.order_by(None).subquery())).scalar_one()
    rows = session.execute(query.limit(size).offset((number - 1) * size)).all()
    return {"items": [r._asdict() for r in rows], "page": number, "page_size": size, "total": total}
