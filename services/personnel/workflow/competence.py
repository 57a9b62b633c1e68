"""The competence view: an employee's JP for a year and their leadership training, per employee or department.

The rules themselves (20 JP minimum, 24 JP cap, the deadline after TMT) live in
domain/competence.py; this module only gathers the rows they are applied to, in two
queries per department rather than two per employee.
"""
from __future__ import annotations

import dataclasses
from collections import defaultdict
from datetime import date, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from services.personnel.db.models import Employee, TrainingProgramme, TrainingRecord
from services.personnel.domain.competence import LeadershipWindow, jp_status, jp_total, leadership_requirement
from services.personnel.domain.dates import local_date
from services.personnel.workflow import access
from services.personnel.workflow.lookups import get_department, get_employee
from shared.principal import Principal

# Retired, moved or dismissed staff no longer owe training; those on leave still do.
COUNTED_STATUSES = ("active", "on_leave")


def as_of(year: int, today: date) -> date:
    """A past year is judged as it stood on 31 December; the current year as it stands today."""
    return min(today, date(year, 12, 31))


def _records_by_employee(session: Session, employee_ids: list[str]) -> dict[str, list[dict]]:
    rows = session.execute(
        select(TrainingRecord.employee_id, TrainingRecord.jp, TrainingRecord.status, TrainingRecord.end_date,
               TrainingProgramme.leadership_level)
        .join(TrainingProgramme, TrainingProgramme.id == TrainingRecord.programme_id)
        .where(TrainingRecord.employee_id.in_(employee_ids), TrainingRecord.revoked_at.is_(None),
               TrainingRecord.status == "completed")
    ).all()
    by_employee: dict[str, list[dict]] = defaultdict(list)
    for row in rows:
        by_employee[row.employee_id].append(row._asdict())
    return by_employee


def _leadership(emp: Employee, records: list[dict], on: date, window: LeadershipWindow) -> dict:
    if not emp.position_type:
        return {"required_level": None, "due_date": None, "done": True, "overdue": False, "within_window": False}
    levels = [r["leadership_level"] for r in records if r["leadership_level"] and r["end_date"] <= on]
    requirement = leadership_requirement(emp.position_type, emp.tmt_jabatan or on, levels, on, window)
    if emp.tmt_jabatan is None:  # without a TMT no deadline can run
        requirement = dataclasses.replace(requirement, due_date=None, overdue=False, within_window=False)
    return dataclasses.asdict(requirement)


def _competence(emp: Employee, records: list[dict], year: int, today: date, window: LeadershipWindow) -> dict:
    on = as_of(year, today)
    status = jp_status(emp.employee_type, jp_total(records, year))
    return {"employee_id": emp.id, "name": emp.name, "department_code": emp.department_code,
            "employee_type": emp.employee_type, "position_type": emp.position_type,
            "tmt_jabatan": emp.tmt_jabatan, "year": year, "as_of": on,
            "jp": dataclasses.asdict(status), "leadership": _leadership(emp, records, on, window)}


def employee_competence(session: Session, principal: Principal, now: datetime, employee_id: str,
                        year: int | None, window: LeadershipWindow) -> dict:
    """An employee's JP for the year (default: this one) and the leadership training their position needs."""
    access.ensure_staff(principal)
    emp = get_employee(session, employee_id)
    today = local_date(now)
    return _competence(emp, _records_by_employee(session, [emp.id])[emp.id], year or today.year, today, window)


def department_competence(session: Session, principal: Principal, now: datetime, code: str,
                          year: int | None, window: LeadershipWindow) -> dict:
    """Every counted employee of a department: JP for the year and leadership training, with totals."""
    access.ensure_staff(principal)
    get_department(session, code)
    today = local_date(now)
    year = year or today.year
    employees = session.execute(
        select(Employee).where(Employee.department_code == code,
                               Employee.status.in_(COUNTED_STATUSES)).order_by(Employee.name, Employee.id)
    ).scalars().all()
    records = _records_by_employee(session, [e.id for e in employees])
    items = [_competence(emp, records[emp.id], year, today, window) for emp in employees]
    return {"department_code": code, "year": year, "as_of": as_of(year, today),
            "summary": _summary(items), "items": items}


def _summary(items: list[dict]) -> dict:
    pns = [i["jp"] for i in items if i["employee_type"] == "PNS"]
    pppk = [i["jp"] for i in items if i["employee_type"] == "PPPK"]
    required = [i["leadership"] for i in items if i["leadership"]["required_level"]]
    return {
        "employees": len(items),
        "pns": len(pns), "pns_reached_minimum": sum(1 for s in pns if s["reached_minimum"]),
        "pppk": len(pppk), "pppk_over_cap": sum(1 for s in pppk if s["over_cap"]),
        "jp_total": sum(i["jp"]["total"] for i in items),
        "leadership_required": len(required), "leadership_done": sum(1 for r in required if r["done"]),
        "leadership_overdue": sum(1 for r in required if r["overdue"]),
    }
