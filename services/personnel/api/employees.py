"""Employees (ASN): PNS and PPPK with a validated NIP, rank, position and department."""
from __future__ import annotations

from flask.views import MethodView

from services.personnel.api.schemas.people import (
    EmployeePageSchema,
    EmployeeQueryArgsSchema,
    EmployeeSchema,
    EmployeeUpdateSchema,
)
from services.personnel.workflow.employees import (
    employee,
    register_employee,
    search_employees,
    update_employee,
)
from shared.db import utcnow
from shared.web.api_blueprint import ApiBlueprint
from shared.web.app_factory import service_context
from shared.web.auth import acting_principal, require_roles
from shared.web.idempotency import idempotent

blp = ApiBlueprint("employees", __name__, url_prefix="/api/v1/employees", description="Employees (ASN)")


@blp.route("")
class Employees(MethodView):
    @require_roles("admin", "operator", "viewer")
    @blp.arguments(EmployeeQueryArgsSchema, location="query")
    @blp.response(200, EmployeePageSchema)
    def get(self, args):
        """Search employees by name, NIP, department, rank or position type"""
        with service_context().db.sessions() as session:
            return search_employees(session, acting_principal(), args)

    @require_roles("admin", "operator")
    @blp.arguments(EmployeeSchema)
    @idempotent("employees")
    @blp.response(201, EmployeeSchema)
    def post(self, data, session):
        """Register an employee (an operator only in their own department)"""
        return register_employee(session, acting_principal(), utcnow(), data,
                                 window=service_context().config.leadership)


@blp.route("/<employee_id>")
class EmployeeById(MethodView):
    @require_roles("admin", "operator", "viewer")
    @blp.response(200, EmployeeSchema)
    def get(self, employee_id):
        """One employee (personal data only for admins and the department's operator)"""
        with service_context().db.sessions() as session:
            return employee(session, acting_principal(), employee_id)

    @require_roles("admin", "operator")
    @blp.arguments(EmployeeUpdateSchema)
    @blp.response(200, EmployeeSchema)
    def patch(self, changes, employee_id):
        """Correct an employee's data or change their status (active, on leave, moved, retired, dismissed)"""
        with service_context().transaction() as session:
            return update_employee(session, acting_principal(), utcnow(), employee_id, changes,
                                   window=service_context().config.leadership)
