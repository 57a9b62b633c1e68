"""Departments (perangkat daerah / OPD): the units employees belong to."""
from __future__ import annotations

from flask.views import MethodView
from flask_smorest import Blueprint, abort
from sqlalchemy import select

from services.personnel.api.common import get_department
from services.personnel.api.schemas.people import (
    DepartmentPageSchema,
    DepartmentQueryArgsSchema,
    DepartmentSchema,
    DepartmentUpdateSchema,
)
from services.personnel.db.models import Department
from services.personnel.events import emit
from shared.web.app_factory import service_context
from shared.web.auth import require_roles
from shared.web.pagination import paginate
from shared.web.ratelimit import public_rate_limit

blp = Blueprint("departments", __name__, url_prefix="/api/v1/departments", description="Departments (OPD)")


def department_event(dep: Department) -> dict:
    return {"code": dep.code, "name": dep.name, "type": dep.type, "parent_code": dep.parent_code,
            "status": dep.status}


@blp.route("")
class Departments(MethodView):
    @public_rate_limit
    @blp.arguments(DepartmentQueryArgsSchema, location="query")
    @blp.response(200, DepartmentPageSchema)
    def get(self, args):
        """List departments (public: departments are not personal data)"""
        query = select(Department).order_by(Department.code)
        if "type" in args:
            query = query.where(Department.type == args["type"])
        if "parent_code" in args:
            query = query.where(Department.parent_code == args["parent_code"])
        with service_context().db.sessions() as session:
            return paginate(session, query, args)

    @require_roles("admin")
    @blp.arguments(DepartmentSchema)
    @blp.response(201, DepartmentSchema)
    def post(self, data):
        """Create a department (admin)"""
        with service_context().transaction() as session:
            if session.execute(select(Department.id).where(Department.code == data["code"])).first():
                abort(409, message=f"Department code {data['code']!r} already exists.")
            if data.get("parent_code"):
                check_parent(session, data["parent_code"])
            dep = Department(**data, status="active", version=1)
            session.add(dep)
            session.flush()
            emit(session, "personnel.department.created", dep.code, department_event(dep), dep.version)
            return dep


@blp.route("/<code>")
class DepartmentByCode(MethodView):
    @public_rate_limit
    @blp.response(200, DepartmentSchema)
    def get(self, code):
        """One department"""
        with service_context().db.sessions() as session:
            return get_department(session, code)

    @require_roles("admin")
    @blp.arguments(DepartmentUpdateSchema)
    @blp.response(200, DepartmentSchema)
    def patch(self, data, code):
        """Change or dissolve a department (admin)"""
        with service_context().transaction() as session:
            dep = get_department(session, code, for_update=True)
            if data.get("parent_code") and data["parent_code"] != dep.parent_code:
                check_parent(session, data["parent_code"], child=code)
            changed = {key for key, value in data.items() if getattr(dep, key) != value}
            if not changed:
                return dep  # nothing to announce
            for key in changed:
                setattr(dep, key, data[key])
            dep.version += 1
            kind = "dissolved" if "status" in changed and dep.status == "dissolved" else "updated"
            emit(session, f"personnel.department.{kind}", dep.code, department_event(dep), dep.version)
            return dep


def check_parent(session, parent_code: str, child: str | None = None) -> Department:
    """The parent must exist (else 404), be active, and not be the department itself or below it."""
    parent = get_department(session, parent_code)
    if parent.status == "dissolved":
        abort(422, message=f"Department {parent_code!r} is dissolved.",
              errors={"parent_code": [f"Department {parent_code!r} is dissolved."]})
    ancestor = parent
    while child is not None and ancestor is not None:
        if ancestor.code == child:
            message = f"{parent_code} is {child} itself or one of its sub-units; that would make a loop."
            abort(422, message=message, errors={"parent_code": [message]})
        ancestor = get_department(session, ancestor.parent_code) if ancestor.parent_code else None
    return parent
