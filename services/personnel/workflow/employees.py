"""Employees (ASN): register one, correct their data, change their status (leave, retirement, dismissal), find them."""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import Select, select
from sqlalchemy.orm import Session

from services.personnel.db.models import Appointment, Employee, RankChange, StatusChange
from services.personnel.domain.competence import LeadershipWindow
from services.personnel.domain.employees import IDENTITY_FIELDS, check_status_change, normalize_identity
from services.personnel.domain.ranks import parse_rank
from services.personnel.workflow import access
from services.personnel.workflow.leadership import announce
from services.personnel.workflow.lookups import active_department, get_employee
from services.personnel.workflow.rules import checked
from shared.db import paginate
from shared.errors import Conflict, Invalid
from shared.principal import Principal


def first_appointment(emp) -> dict | None:
    """The position an employee is registered with starts their appointment history (an Appointment's values)."""
    if emp.position_title and emp.position_type and emp.tmt_jabatan:
        return {"employee_id": emp.id, "department_code": emp.department_code, "position_title": emp.position_title,
                "position_type": emp.position_type, "tmt_jabatan": emp.tmt_jabatan}
    return None


def _nip_taken(session: Session, nip: str, except_id: str | None = None) -> bool:
    query = select(Employee.id).where(Employee.nip == nip)
    if except_id:
        query = query.where(Employee.id != except_id)
    return session.execute(query).first() is not None


# What a change of status may carry besides the status: the reason and the decree (SK).
STATUS_DETAILS = ("status_reason", "decree_number", "decree_date")


def register_employee(session: Session, principal: Principal, now: datetime, data: dict, *,
                      window: LeadershipWindow) -> Employee:
    """A new employee, their first position (if given) and `personnel.employee.registered`."""
    access.ensure_writes(principal, data["department_code"])
    with checked():
        data = normalize_identity(data)
    active_department(session, data["department_code"])
    if _nip_taken(session, data["nip"]):
        raise Conflict(f"An employee with NIP {data['nip']} already exists.")
    emp = Employee(**data, version=1, created_at=now)
    session.add(emp)
    session.flush()
    appointment = first_appointment(emp)
    if appointment is not None:
        session.add(Appointment(**appointment, created_at=now))
    if emp.rank:
        session.add(RankChange(employee_id=emp.id, rank=emp.rank, created_at=now))
    announce(session, "personnel.employee.registered", emp, window)
    return emp


def update_employee(session: Session, principal: Principal, now: datetime, employee_id: str,
                    changes: dict, *, window: LeadershipWindow) -> Employee:
    """Apply corrections (`updated`) and a new status (`status_changed`), each its own version."""
    details = {key: changes.pop(key) for key in STATUS_DETAILS if key in changes}
    emp = get_employee(session, employee_id, for_update=True)
    access.ensure_writes(principal, emp.department_code)
    if "department_code" in changes and changes["department_code"] != emp.department_code:
        access.ensure_writes(principal, changes["department_code"])  # an operator cannot move staff away
        active_department(session, changes["department_code"])
    if any(key in changes for key in IDENTITY_FIELDS + ("rank",)):
        changes = _corrected_identity(session, emp, changes)
    corrections = {key: value for key, value in changes.items() if key != "status"}
    changed = {key for key, value in corrections.items() if getattr(emp, key) != value}
    if "status" in changes and changes["status"] != emp.status:
        with checked():  # checked before anything is written
            check_status_change(changes["status"], details.get("status_reason"), details.get("decree_number"))
    for key in changed:
        setattr(emp, key, corrections[key])
    if "department_code" in changed:
        emp.is_head = False  # a head moved to another unit does not head it; an appointment makes them head
    if "rank" in changed and emp.rank:
        session.add(RankChange(employee_id=emp.id, rank=emp.rank, created_at=now))
    if changed:
        emp.version += 1
        announce(session, "personnel.employee.updated", emp, window)
    return _set_status(session, emp, changes.get("status", emp.status), details, now, window)


def _corrected_identity(session: Session, emp: Employee, changes: dict) -> dict:
    identity = {key: changes.get(key, getattr(emp, key)) for key in ("nip", "employee_type", "rank")}
    new_number = {"nip", "employee_type"} & changes.keys()
    for key in ("birth_date", "gender"):
        # A new NIP brings its own birth date and gender unless they are given too.
        identity[key] = changes[key] if key in changes else (None if new_number else getattr(emp, key))
    with checked():
        changes = {**changes, **normalize_identity(identity)}
    if changes["nip"] != emp.nip and _nip_taken(session, changes["nip"], emp.id):
        raise Conflict(f"An employee with NIP {changes['nip']} already exists.")
    return changes


def change_status(session: Session, principal: Principal, now: datetime, employee_id: str,
                  status: str, details: dict | None = None, *, window: LeadershipWindow) -> Employee:
    """Put an employee on leave, back to active, or out of service (moved, retired, dismissed).

    `details` holds status_reason, decree_number and decree_date; a dismissal or a retirement
    needs the first two (domain/employees.py).
    """
    emp = get_employee(session, employee_id, for_update=True)
    access.ensure_writes(principal, emp.department_code)
    return _set_status(session, emp, status, details or {}, now, window)


def _set_status(session: Session, emp: Employee, status: str, details: dict, now: datetime,
                window: LeadershipWindow) -> Employee:
    if status == emp.status:
        return emp
    with checked():
        check_status_change(status, details.get("status_reason"), details.get("decree_number"))
    session.add(StatusChange(employee_id=emp.id, from_status=emp.status, to_status=status,
                             reason=details.get("status_reason"), decree_number=details.get("decree_number"),
                             decree_date=details.get("decree_date"), created_at=now))
    emp.status = status
    if status not in ("active", "on_leave"):
        emp.is_head = False  # out of service, they no longer head their unit
    emp.version += 1
    announce(session, "personnel.employee.status_changed", emp, window)
    return emp


def employee(session: Session, principal: Principal, employee_id: str) -> object:
    """One employee as this caller may see them (personal data only for admins and their department's operator)."""
    access.ensure_staff(principal)
    return access.employee_view(principal, get_employee(session, employee_id))


def search_employees(session: Session, principal: Principal, filters: dict) -> dict:
    """A page of employees found by name, NIP, department, rank, position type or status."""
    access.ensure_staff(principal)
    page = paginate(session, _search_query(principal, filters), filters)
    page["items"] = [access.employee_view(principal, e) for e in page["items"]]
    return page


def _search_query(principal: Principal, filters: dict) -> Select:
    query = select(Employee).order_by(Employee.name, Employee.id)
    if filters.get("q"):
        by_name = Employee.name.icontains(filters["q"], autoescape=True)
        term = "".join(filters["q"].split())
        if term.isdigit() and access.searches_nips(principal):
            # Digits are the start of a NIP (names have none): one index lookup, not a scan of every name.
            query = query.where(Employee.nip.startswith(term, autoescape=True), access.nip_searchable(principal))
        else:
            query = query.where(by_name)
    for key in ("department_code", "position_type", "status"):
        if filters.get(key):
            query = query.where(getattr(Employee, key) == filters[key])
    if filters.get("rank"):
        try:
            query = query.where(Employee.rank_order == parse_rank(filters["rank"]).order)
        except ValueError as exc:
            raise Invalid("rank", str(exc)) from None
    return query
