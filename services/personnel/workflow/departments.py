"""Departments (perangkat daerah / OPD): create, change or dissolve one, and list them.

Every change is announced with the department's full state, from which consultation and
survey keep their own copy of the departments.
"""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from services.personnel.db.models import Department
from services.personnel.domain.departments import check_children_types, check_parent_type
from services.personnel.events import department_payload, emit
from services.personnel.workflow import access
from services.personnel.workflow.lookups import get_department
from services.personnel.workflow.rules import checked
from shared.db import paginate
from shared.errors import Conflict, Invalid
from shared.principal import Principal


def list_departments(session: Session, filters: dict) -> dict:
    """A page of departments (public: departments are not personal data)."""
    query = select(Department).order_by(Department.code)
    if "type" in filters:
        query = query.where(Department.type == filters["type"])
    if "parent_code" in filters:
        query = query.where(Department.parent_code == filters["parent_code"])
    return paginate(session, query, filters)


def create_department(session: Session, principal: Principal, now: datetime, data: dict) -> Department:
    access.ensure_admin(principal)
    if session.execute(select(Department.id).where(Department.code == data["code"])).first():
        raise Conflict(f"Department code {data['code']!r} already exists.")
    parent = _check_parent(session, data["parent_code"]) if data.get("parent_code") else None
    with checked():
        check_parent_type(data["type"], parent.type if parent else None)
    dep = Department(**data, status="active", version=1, created_at=now)
    session.add(dep)
    session.flush()
    emit(session, "personnel.department.created", dep.code, department_payload(dep), dep.version)
    return dep


def update_department(session: Session, principal: Principal, now: datetime, code: str, changes: dict) -> Department:
    """Change a department; `status: dissolved` dissolves it (its own event). Nothing changed, nothing announced."""
    access.ensure_admin(principal)
    dep = get_department(session, code, for_update=True)
    if changes.get("parent_code") and changes["parent_code"] != dep.parent_code:
        _check_parent(session, changes["parent_code"], child=code)
    _check_types(session, dep, changes)
    changed = {key for key, value in changes.items() if getattr(dep, key) != value}
    if not changed:
        return dep
    for key in changed:
        setattr(dep, key, changes[key])
    dep.version += 1
    kind = "dissolved" if "status" in changed and dep.status == "dissolved" else "updated"
    emit(session, f"personnel.department.{kind}", dep.code, department_payload(dep), dep.version)
    return dep


def _check_types(session: Session, dep: Department, changes: dict) -> None:
    """The unit's type still fits its parent's, and its children's types still fit its own."""
    new_type = changes.get("type", dep.type)
    parent_code = changes["parent_code"] if "parent_code" in changes else dep.parent_code
    parent_type = get_department(session, parent_code).type if parent_code else None
    with checked():
        check_parent_type(new_type, parent_type)
        if new_type != dep.type:
            children = session.execute(select(Department.type).where(Department.parent_code == dep.code,
                                                                     Department.status == "active")).scalars()
            check_children_types(new_type, set(children))


def _check_parent(session: Session, parent_code: str, child: str | None = None) -> Department:
    """The parent must exist (else 404), be active, and not be the department itself or below it."""
    parent = get_department(session, parent_code)
    if parent.status == "dissolved":
        raise Invalid("parent_code", f"Department {parent_code!r} is dissolved.",
                      detail=f"Department {parent_code!r} is dissolved.")
    ancestor: Department | None = parent
    while child is not None and ancestor is not None:
        if ancestor.code == child:
            message = f"{parent_code} is {child} itself or one of its sub-units; that would make a loop."
            raise Invalid("parent_code", message, detail=message)
        ancestor = get_department(session, ancestor.parent_code) if ancestor.parent_code else None
    return parent

