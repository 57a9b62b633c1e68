"""Departments (perangkat daerah / OPD): the units employees belong to."""
from __future__ import annotations

from flask.views import MethodView

from services.personnel.api.schemas.people import (
    DepartmentPageSchema,
    DepartmentQueryArgsSchema,
    DepartmentSchema,
    DepartmentUpdateSchema,
)
from services.personnel.workflow.departments import create_department, list_departments, update_department
from services.personnel.workflow.lookups import get_department
from shared.db import utcnow
from shared.web.api_blueprint import ApiBlueprint
from shared.web.app_factory import service_context
from shared.web.auth import acting_principal, require_roles
from shared.web.ratelimit import public_rate_limit

blp = ApiBlueprint("departments", __name__, url_prefix="/api/v1/departments", description="Departments (OPD)")


@blp.route("")
class Departments(MethodView):
    @public_rate_limit
    @blp.arguments(DepartmentQueryArgsSchema, location="query")
    @blp.response(200, DepartmentPageSchema)
    def get(self, args):
        """List departments (public: departments are not personal data)"""
        with service_context().db.sessions() as session:
            return list_departments(session, args)

    @require_roles("admin")
    @blp.arguments(DepartmentSchema)
    @blp.response(201, DepartmentSchema)
    def post(self, data):
        """Create a department (admin)"""
        with service_context().transaction() as session:
            return create_department(session, acting_principal(), utcnow(), data)


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
            return update_department(session, acting_principal(), utcnow(), code, data)
