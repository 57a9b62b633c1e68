"""Who may do what in personnel: the one home of its read and write rules.

- admin (BKPSDM) reads and writes everything, and alone manages departments and programmes;
- an operator writes, and reads the personal data of, their own department's employees only;
- a viewer, or an operator looking at another department, reads only the non-personal facts
  (the ones personnel also publishes in its events);
- a registered partner system (shared.partners) writes for its registered departments only.
"""
from __future__ import annotations

from sqlalchemy import ColumnElement, false, true

from services.personnel.db.models import Employee
from shared.errors import Forbidden
from shared.principal import STAFF_ROLES, Principal

# The facts about an employee that are not personal data (they also travel in events).
PUBLIC_EMPLOYEE_FIELDS = ("id", "name", "employee_type", "department_code", "rank", "position_title",
                          "position_type", "tmt_jabatan", "status", "version")
WRITING_ROLES = ("admin", "operator", "system", "partner")


def ensure_staff(principal: Principal) -> None:
    """Employees, training and attendance are read by staff only."""
    if principal.role not in STAFF_ROLES:
        raise Forbidden("Only BKPSDM and department staff may read this.",
                        indonesian="Hanya petugas BKPSDM dan perangkat daerah yang dapat membuka data ini.")


def ensure_admin(principal: Principal) -> None:
    """Departments and training programmes are BKPSDM's to manage."""
    if not principal.is_admin:
        raise Forbidden("Only an admin (BKPSDM) may do this.",
                        indonesian="Hanya admin BKPSDM yang dapat melakukan ini.")


def ensure_writer(principal: Principal) -> None:
    """Only those who may write for some department may start a write (an import, say)."""
    if principal.role not in WRITING_ROLES:
        raise Forbidden(f"Role {principal.role!r} may not change personnel data.",
                        indonesian="Akun Anda tidak berwenang mengubah data kepegawaian.")


def ensure_writes(principal: Principal, department_code: str | None) -> None:
    """Writing an employee's data, or anything about them, needs the right to write their department."""
    if not principal.can_write(department_code):
        raise Forbidden(f"You may not change data of department {department_code!r}.",
                        indonesian=f"Anda tidak berwenang mengubah data perangkat daerah {department_code}.")


def may_write(principal: Principal, department_code: str | None) -> bool:
    """The same rule as ensure_writes, for a CSV import that reports each refused row."""
    return principal.can_write(department_code)


def no_employee_of_yours(nip: str) -> tuple[str, str]:
    """The one answer, in English and Indonesian, for a NIP that does not exist and for one of a
    department the caller may not write: alike, so that no answer (an import's dry run included)
    tells whether, or where, a NIP exists."""
    return (f"No employee you may record training for has NIP {nip}.",
            "Tidak ada pegawai dengan NIP ini yang dapat Anda catat pelatihannya.")


def sees_personal_data(principal: Principal, department_code: str | None) -> bool:
    return principal.can_read_personal(department_code)


def employee_view(principal: Principal, employee) -> object:
    """The employee as this caller may see it: the row itself, or only its non-personal fields."""
    if sees_personal_data(principal, employee.department_code):
        return employee
    return {name: getattr(employee, name) for name in PUBLIC_EMPLOYEE_FIELDS}


def searches_nips(principal: Principal) -> bool:
    """Whether this caller may find anyone by NIP at all (admins everyone, operators their own staff)."""
    return principal.is_admin or principal.role == "operator"


def nip_searchable(principal: Principal) -> ColumnElement[bool]:
    """Finding someone by NIP is reading personal data: the employees whose NIP this caller may search."""
    if principal.is_admin:
        return true()
    if principal.role == "operator":
        return Employee.department_code == principal.department
    return false()
