"""Appointments: putting an employee in a position, keeping every earlier one as history.

The current position (title, type, TMT jabatan, head of the unit or not) lives on the employee;
an appointment is the only way to change it, so that the history and the
`personnel.employee.appointed` event, from which a new official's leadership-training deadline
runs, are never skipped. A unit has one head at a time (domain/appointments.py).
"""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from services.personnel.db.models import Appointment, Employee
from services.personnel.domain.appointments import (
    APPOINTABLE_STATUSES,
    HeadPositionTaken,
    check_appointment_date,
    check_one_head,
)
from services.personnel.domain.competence import LeadershipWindow
from services.personnel.domain.dates import local_date
from services.personnel.workflow import access
from services.personnel.workflow.leadership import announce
from services.personnel.workflow.lookups import active_department, get_employee
from services.personnel.workflow.rules import checked
from shared.db import paginate
from shared.errors import Conflict
from shared.principal import Principal


def current_head(session: Session, department_code: str, for_update: bool = False) -> Employee | None:
    """The employee in service who heads this unit now, if any."""
    query = select(Employee).where(Employee.department_code == department_code, Employee.is_head.is_(True),
                                   Employee.status.in_(APPOINTABLE_STATUSES))
    return session.execute(query.with_for_update() if for_update else query).scalar_one_or_none()


def appoint(session: Session, principal: Principal, now: datetime, employee_id: str, data: dict, *,
            window: LeadershipWindow) -> Appointment:
    """Make this position the employee's current one; moving them to another department needs its rights too.

    `head_of_unit` makes them the unit's head; where the unit has one, `ends_current_head` ends
    that holder's headship (they keep their employment, without a position), else it is refused
    with the holder named.
    """
    emp = get_employee(session, employee_id, for_update=True)
    access.ensure_writes(principal, emp.department_code)
    department_code = data.get("department_code") or emp.department_code
    if department_code != emp.department_code:
        access.ensure_writes(principal, department_code)  # an operator cannot place staff in another department
    active_department(session, department_code)
    if emp.status not in APPOINTABLE_STATUSES:
        raise Conflict(f"The employee's status is {emp.status!r}; only active employees or those "
                       "on leave can be appointed.",
                       indonesian="Hanya pegawai aktif atau yang sedang cuti yang dapat diangkat.")
    with checked():
        check_appointment_date(data["tmt_jabatan"], emp.tmt_jabatan, local_date(now))
    head = bool(data.get("head_of_unit"))
    if head:
        _end_current_head(session, now, department_code, emp, data, window)
    appointment = Appointment(employee_id=emp.id, department_code=department_code,
                              position_title=data["position_title"], position_type=data["position_type"],
                              tmt_jabatan=data["tmt_jabatan"], decree_number=data.get("decree_number"),
                              decree_date=data.get("decree_date"), head_of_unit=head, created_at=now)
    session.add(appointment)
    emp.department_code = department_code
    emp.position_title, emp.position_type = data["position_title"], data["position_type"]
    emp.tmt_jabatan, emp.is_head = data["tmt_jabatan"], head
    emp.version += 1
    announce(session, "personnel.employee.appointed", emp, window)
    return appointment


def _end_current_head(session: Session, now: datetime, department_code: str, appointee: Employee, data: dict,
                      window: LeadershipWindow) -> None:
    holder = current_head(session, department_code, for_update=True)
    try:
        ending = check_one_head((holder.id, holder.name) if holder else None, appointee.id,
                                bool(data.get("ends_current_head")))
    except HeadPositionTaken as exc:
        raise Conflict(f"{department_code} already has a head: {exc.holder_name}. Appoint them elsewhere first, "
                       "or end their headship with this appointment (ends_current_head).",
                       indonesian=f"{department_code} sudah memiliki kepala: {exc.holder_name}. Centang "
                                  "\"akhiri jabatan kepala sebelumnya\" untuk menggantikannya.") from None
    if ending is None:
        return
    # The previous head keeps their employment but no longer holds a position until appointed again.
    session.execute(update(Appointment).where(Appointment.employee_id == holder.id, Appointment.ended_on.is_(None),
                                              Appointment.head_of_unit.is_(True))
                    .values(ended_on=data["tmt_jabatan"]))
    holder.is_head = False
    holder.position_title = holder.position_type = holder.tmt_jabatan = None
    holder.version += 1
    session.flush()  # the unit has no head before the new one is written (one head per unit, also in the database)
    announce(session, "personnel.employee.updated", holder, window)


def appointments(session: Session, principal: Principal, employee_id: str, page: dict) -> dict:
    """A page of the employee's positions, the current one first."""
    access.ensure_staff(principal)
    get_employee(session, employee_id)
    query = (select(Appointment).where(Appointment.employee_id == employee_id)
             .order_by(Appointment.tmt_jabatan.desc(), Appointment.created_at.desc()))
    return paginate(session, query, page)
