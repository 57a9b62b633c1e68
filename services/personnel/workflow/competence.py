"""The competence view: an employee's JP for a year and their leadership training, per employee or department.

The rules themselves (20 JP minimum, 24 JP cap, the deadline after TMT, PKN II ⊇ PKA ⊇ PKP)
live in domain/competence.py; this module only gathers the rows they are applied to, in two
queries per department rather than two per employee. The department summary counts exactly
what reporting's competence section counts (head count, PNS at the minimum, average JP, PPPK
over the cap, officials with the training, within the window, overdue, without a TMT), from the
same facts personnel publishes in its employee events.
"""
from __future__ import annotations

import dataclasses
from collections import Counter, defaultdict
from datetime import date, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from services.personnel.db.models import Employee, TrainingProgramme, TrainingRecord
from services.personnel.domain.competence import (
    LeadershipState,
    LeadershipWindow,
    due_soon,
    jp_status,
    jp_total,
    leadership_facts,
    leadership_state,
)
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
    facts = leadership_facts(emp.position_type, emp.tmt_jabatan,
                             [(r["leadership_level"], r["end_date"]) for r in records], window)
    state = leadership_state(facts, on)
    return {"required_level": facts.required_level, "due_date": facts.due_date,
            "done": state in (None, LeadershipState.DONE), "overdue": state is LeadershipState.OVERDUE,
            "within_window": (state is not None and emp.tmt_jabatan is not None
                              and emp.tmt_jabatan <= on <= facts.due_date),
            "state": state, "due_soon": due_soon(facts, on), "met_on": facts.met_on,
            "highest_level": facts.highest_level}


def _competence(emp: Employee, records: list[dict], year: int, today: date, window: LeadershipWindow) -> dict:
    on = as_of(year, today)
    status = jp_status(emp.employee_type, jp_total(records, year))
    return {"employee_id": emp.id, "name": emp.name, "nip": emp.nip, "department_code": emp.department_code,
            "employee_type": emp.employee_type, "position_title": emp.position_title,
            "position_type": emp.position_type, "tmt_jabatan": emp.tmt_jabatan, "year": year, "as_of": on,
            "jp": dataclasses.asdict(status), "leadership": _leadership(emp, records, on, window)}


def employee_competence(session: Session, principal: Principal, now: datetime, employee_id: str,
                        year: int | None, window: LeadershipWindow) -> dict:
    """An employee's JP for the year (default: this one) and the leadership training their position needs."""
    access.ensure_staff(principal)
    emp = get_employee(session, employee_id)
    today = local_date(now)
    return _without_nip(principal, _competence(emp, _records_by_employee(session, [emp.id])[emp.id],
                                                year or today.year, today, window))


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
    items = [_without_nip(principal, _competence(emp, records[emp.id], year, today, window)) for emp in employees]
    return {"department_code": code, "year": year, "as_of": as_of(year, today),
            "summary": _summary(items), "items": items}


def _without_nip(principal: Principal, item: dict) -> dict:
    # The NIP is personal data: shown to admins and the department's own operator only.
    if not access.sees_personal_data(principal, item["department_code"]):
        item["nip"] = None
    return item


def _share(part: int, whole: int) -> float | None:
    return round(part / whole, 4) if whole else None  # rounded as reporting rounds its shares


def _average(total: int, count: int) -> float | None:
    return round(total / count, 1) if count else None  # rounded as reporting rounds its averages


def _summary(items: list[dict]) -> dict:
    pns = [i["jp"] for i in items if i["employee_type"] == "PNS"]
    pppk = [i["jp"] for i in items if i["employee_type"] == "PPPK"]
    required = [i["leadership"] for i in items if i["leadership"]["required_level"]]
    states = Counter(r["state"] for r in required)
    pns_at_minimum = sum(1 for s in pns if s["reached_minimum"])
    return {
        "employees": len(items),
        "pns": len(pns), "pns_reached_minimum": pns_at_minimum,
        "pns_share_at_minimum": _share(pns_at_minimum, len(pns)),
        "pns_average_jp": _average(sum(s["total"] for s in pns), len(pns)),
        "pppk": len(pppk), "pppk_over_cap": sum(1 for s in pppk if s["over_cap"]),
        "pppk_average_jp": _average(sum(s["total"] for s in pppk), len(pppk)),
        "jp_total": sum(i["jp"]["total"] for i in items),
        "average_jp": _average(sum(i["jp"]["total"] for i in items), len(items)),
        "leadership_required": len(required), "leadership_done": states[LeadershipState.DONE],
        "leadership_within_window": states[LeadershipState.WITHIN_WINDOW],
        "leadership_overdue": states[LeadershipState.OVERDUE], "leadership_no_tmt": states[LeadershipState.NO_TMT],
        "leadership_due_soon": sum(1 for r in required if r["due_soon"]),
    }
