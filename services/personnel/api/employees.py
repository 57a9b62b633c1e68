"""Employees (ASN): PNS and PPPK with a validated NIP, rank, position and department."""
from __future__ import annotations

from flask.views import MethodView
from flask_smorest import Blueprint, abort
from sqlalchemy import or_, select

from services.personnel.api.departments import get_department
from services.personnel.api.schemas import EmployeeSchema
from services.personnel.db.models import Employee
from services.personnel.domain.nip import NipError, check_consistency, parse_nip
from services.personnel.domain.ranks import parse_rank
from services.personnel.events import emit
from shared.web.app_factory import service_context
from shared.web.auth import current_principal, require_roles, require_write
from shared.web.pagination import PageArgsSchema, page_schema, paginate

blp = Blueprint("employees", __name__, url_prefix="/api/v1/employees", description="Employees (ASN)")


class EmployeeQueryArgsSchema(PageArgsSchema):
    from marshmallow import fields

    q = fields.String(metadata={"description": "part of the name, or the NIP"})
    department_code = fields.String()
    rank = fields.String()
    position_type = fields.String()
    status = fields.String()


EmployeePageSchema = page_schema(EmployeeSchema, "EmployeePage")


def employee_event(emp: Employee) -> dict:
    return {"employee_id": emp.id, "name": emp.name, "employee_type": emp.employee_type,
            "department_code": emp.department_code, "rank": emp.rank, "position_title": emp.position_title,
            "position_type": emp.position_type, "tmt_jabatan": emp.tmt_jabatan, "status": emp.status}


def validate_identity(data: dict) -> dict:
    """Parse the NIP, derive birth date and gender from it, and reject what disagrees with it."""
    try:
        parsed = parse_nip(data["nip"], data["employee_type"])
        check_consistency(parsed, birth_date=data.get("birth_date"), gender=data.get("gender"))
    except NipError as exc:
        abort(422, message=str(exc), errors={"nip": [str(exc)]})
    data["nip"] = parsed.nip
    data["birth_date"] = data.get("birth_date") or parsed.birth_date
    data["gender"] = data.get("gender") or parsed.gender
    if data.get("rank"):
        rank = parse_rank(data["rank"])
        data["rank"], data["rank_order"] = rank.code, rank.order
    return data


def register_employee(session, data: dict) -> Employee:
    data = validate_identity(dict(data))
    get_department(session, data["department_code"])
    if session.execute(select(Employee.id).where(Employee.nip == data["nip"])).first():
        abort(409, message=f"An employee with NIP {data['nip']} already exists.")
    emp = Employee(**data, version=1)
    session.add(emp)
    session.flush()
    emit(session, "personnel.employee.registered", emp.id, employee_event(emp), emp.version)
    return emp


@blp.route("")
class Employees(MethodView):
    @require_roles("admin", "operator", "viewer")
    @blp.arguments(EmployeeQueryArgsSchema, location="query")
    @blp.response(200, EmployeePageSchema)
    def get(self, args):
        """Search employees by name, NIP, department, rank or position type"""
        principal = current_principal()
        query = select(Employee).order_by(Employee.name, Employee.id)
        if principal.role == "operator":
            query = query.where(Employee.department_code == principal.department)
        if args.get("q"):
            term = args["q"].replace(" ", "")
            query = query.where(or_(Employee.name.ilike(f"%{args['q']}%"), Employee.nip.startswith(term)))
        for key in ("department_code", "position_type", "status"):
            if args.get(key):
                query = query.where(getattr(Employee, key) == args[key])
        if args.get("rank"):
            try:
                query = query.where(Employee.rank_order == parse_rank(args["rank"]).order)
            except ValueError as exc:
                abort(422, message=str(exc), errors={"rank": [str(exc)]})
        with service_context().db.sessions() as session:
            page = paginate(session, query, args)
        if principal.role == "viewer":
            page["items"] = [_without_personal_data(e) for e in page["items"]]
        return page

    @require_roles("admin", "operator")
    @blp.arguments(EmployeeSchema)
    @blp.response(201, EmployeeSchema)
    def post(self, data):
        """Register an employee"""
        require_write(data["department_code"])
        with service_context().db.transaction() as session:
            return register_employee(session, data)


def _without_personal_data(emp: Employee) -> dict:
    return {k: getattr(emp, k) for k in ("id", "name", "employee_type", "department_code", "rank",
                                         "position_title", "position_type", "status")}


@blp.route("/<employee_id>")
class EmployeeById(MethodView):
    @require_roles("admin", "operator", "viewer")
    @blp.response(200, EmployeeSchema)
    def get(self, employee_id):
        """One employee (personal data only for admins and the department's operator)"""
        with service_context().db.sessions() as session:
            emp = session.get(Employee, employee_id)
        if emp is None:
            abort(404, message="Employee not found.")
        principal = current_principal()
        if principal.role == "operator" and emp.department_code != principal.department:
            abort(403, message="This employee belongs to another department.")
        return _without_personal_data(emp) if principal.role == "viewer" else emp
