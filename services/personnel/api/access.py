"""Who may see what of an employee: the one home of personnel's read rules.

- admin (BKPSDM) reads everything;
- an operator reads the personal data of their own department's employees only;
- everyone else with a role (a viewer, or an operator looking at another department) reads
  only the non-personal facts: the ones personnel also publishes in its events.

Writes are checked with shared.web.auth.require_write (admin anywhere, operator own department).
"""
from __future__ import annotations

from shared.web.auth import Principal

# The facts about an employee that are not personal data (they also travel in events).
PUBLIC_EMPLOYEE_FIELDS = ("id", "name", "employee_type", "department_code", "rank", "position_title",
                          "position_type", "tmt_jabatan", "status", "version")


def sees_personal_data(principal: Principal, department_code: str | None) -> bool:
    return principal.can_read_personal(department_code)


def employee_view(principal: Principal, employee) -> object:
    """The employee as this caller may see it: the row itself, or only its non-personal fields."""
    if sees_personal_data(principal, employee.department_code):
        return employee
    return {name: getattr(employee, name) for name in PUBLIC_EMPLOYEE_FIELDS}
