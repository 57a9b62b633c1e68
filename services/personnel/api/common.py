"""Lookups and error answers that several of personnel's resources share."""
from __future__ import annotations

from flask_smorest import abort
from sqlalchemy import select

from services.personnel.db.models import Department, Employee
from services.personnel.validation import InvalidField


def abort_invalid(exc: InvalidField):
    abort(422, message=exc.message, errors={exc.field: [exc.message]})


def get_department(session, code: str, for_update: bool = False) -> Department:
    query = select(Department).where(Department.code == code)
    dep = session.execute(query.with_for_update() if for_update else query).scalar_one_or_none()
    if dep is None:
        abort(404, message=f"Department {code!r} does not exist.")
    return dep


def active_department(session, code: str, field: str = "department_code") -> Department:
    """A department that employees can belong to: it must exist and not be dissolved (else 422)."""
    dep = session.execute(select(Department).where(Department.code == code)).scalar_one_or_none()
    if dep is None:
        abort(422, message=f"Department {code!r} does not exist.",
              errors={field: [f"No department has the code {code!r}."]})
    if dep.status == "dissolved":
        abort(422, message=f"Department {code!r} is dissolved.",
              errors={field: [f"Department {code!r} is dissolved; choose its successor."]})
    return dep


def get_employee(session, employee_id: str, for_update: bool = False) -> Employee:
    employee = session.get(Employee, employee_id, with_for_update=for_update)
    if employee is None:
        abort(404, message="Employee not found.")
    return employee
