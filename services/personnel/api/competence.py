"""The competence view per employee and per department: JP against the yearly rule, leadership training due."""
from __future__ import annotations

from datetime import date

from flask.views import MethodView
from flask_smorest import Blueprint

from services.personnel.api.common import get_department, get_employee
from services.personnel.api.schemas.competence import (
    CompetenceQueryArgsSchema,
    CompetenceSchema,
    DepartmentCompetenceSchema,
)
from services.personnel.competence_report import department_competence, employee_competence
from shared.web.app_factory import service_context
from shared.web.auth import require_roles

blp = Blueprint("competence", __name__, url_prefix="/api/v1", description="Competence development (JP)")


@blp.route("/employees/<employee_id>/competence")
class EmployeeCompetence(MethodView):
    @require_roles("admin", "operator", "viewer")
    @blp.arguments(CompetenceQueryArgsSchema, location="query")
    @blp.response(200, CompetenceSchema)
    def get(self, args, employee_id):
        """An employee's JP for the year and the leadership training their position needs"""
        today = date.today()
        with service_context().db.sessions() as session:
            emp = get_employee(session, employee_id)
            return employee_competence(session, emp, args.get("year", today.year), today)


@blp.route("/departments/<code>/competence")
class DepartmentCompetence(MethodView):
    @require_roles("admin", "operator", "viewer")
    @blp.arguments(CompetenceQueryArgsSchema, location="query")
    @blp.response(200, DepartmentCompetenceSchema)
    def get(self, args, code):
        """Every active employee of a department: JP for the year and leadership training, with totals"""
        today = date.today()
        with service_context().db.sessions() as session:
            get_department(session, code)
            return department_competence(session, code, args.get("year", today.year), today)
