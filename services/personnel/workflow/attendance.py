"""Attendance at socialization sessions: recorded per employee, each announced to reporting."""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from services.personnel.db.models import Employee, SocializationAttendance
from services.personnel.domain.dates import local_date
from services.personnel.events import attendance_payload, emit
from services.personnel.workflow import access
from services.personnel.workflow.lookups import get_socialization_session
from shared.errors import Conflict, Invalid
from shared.principal import Principal


def record_attendance(session: Session, principal: Principal, now: datetime, session_id: str,
                      employee_ids: list[str]) -> dict:
    """Record that these employees attended a held session (an operator: only their own department's staff)."""
    row = get_socialization_session(session, session_id)
    if row.held_on > local_date(now):
        message = f"The session is on {row.held_on.isoformat()}; record attendance once it is held."
        raise Invalid("held_on", message, detail=message)
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
    already = sorted(session.execute(select(SocializationAttendance.employee_id).where(
        SocializationAttendance.session_id == row.id, SocializationAttendance.employee_id.in_(ids))).scalars())
    if already:
        raise Conflict(f"Attendance is already recorded for {len(already)} of these employees: "
                       f"{', '.join(already)}.")
    for employee_id in ids:
        session.add(SocializationAttendance(session_id=row.id, employee_id=employee_id, recorded_at=now))
        # One attendance is one fact that never changes: its own subject, sequence 1.
        emit(session, "personnel.socialization.attended", f"{row.id}/{employee_id}",
             attendance_payload(row, employees[employee_id]), 1)
    return {"session_id": row.id, "recorded": len(ids)}


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
