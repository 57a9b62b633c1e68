"""Appointments: putting an employee in a position, keeping every earlier one as history.

The current position (title, type, TMT jabatan) lives on the employee; an appointment is
the only way to change it, so that the history and the `personnel.employee.appointed`
event, from which a new official's leadership-training deadline runs, are never skipped.
"""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from services.personnel.db.models import Appointment
from services.personnel.domain.appointments import APPOINTABLE_STATUSES, check_appointment_date
from services.personnel.domain.dates import local_date
from services.personnel.events import emit, employee_payload
from services.personnel.workflow import access
from services.personnel.workflow.lookups import active_department, get_employee
from services.personnel.workflow.rules import checked
from shared.db import paginate
from shared.errors import Conflict
from shared.principal import Principal


def appoint(session: Session, principal: Principal, now: datetime, employee_id: str, data: dict) -> Appointment:
    """Make this position the employee's current one; moving them to another department needs its rights too."""
    emp = get_employee(session, employee_id, for_update=True)
    access.ensure_writes(principal, emp.department_code)
    department_code = data.get("department_code") or emp.department_code
    if department_code != emp.department_code:
        access.ensure_writes(principal, department_code)  # an operator cannot place staff in another department
    active_department(session, department_code)
    if emp.status not in APPOINTABLE_STATUSES:
        raise Conflict(f"The employee's status is {emp.status!r}; only active employees or those "
                       "on leave can be appointed.")
    with checked():
        check_appointment_date(data["tmt_jabatan"], emp.tmt_jabatan, local_date(now))
    appointment = Appointment(employee_id=emp.id, department_code=department_code,
                              position_title=data["position_title"], position_type=data["position_type"],
                              tmt_jabatan=data["tmt_jabatan"], decree_number=data.get("decree_number"),
                              created_at=now)
    session.add(appointment)
    emp.department_code = department_code
    emp.position_title, emp.position_type = data["position_title"], data["position_type"]
    emp.tmt_jabatan = data["tmt_jabatan"]
    emp.version += 1
    session.flush()
    emit(session, "personnel.employee.appointed", emp.id, employee_payload(emp), emp.version)
    return appointment


def appointments(session: Session, principal: Principal, employee_id: str, page: dict) -> dict:
    """A page of the employee's positions, the current one first."""
    access.ensure_staff(principal)
    get_employee(session, employee_id)
    query = (select(Appointment).where(Appointment.employee_id == employee_id)
             .order_by(Appointment.tmt_jabatan.desc(), Appointment.created_at.desc()))
    return paginate(session, query, page)
