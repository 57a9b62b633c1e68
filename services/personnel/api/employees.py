"""Employees (ASN): PNS and PPPK with a validated NIP, rank, position and department."""
from __future__ import annotations

from flask.views import MethodView
from flask_smorest import Blueprint, abort
from sqlalchemy import and_, false, or_, select

from services.personnel.api import idempotency
from services.personnel.api.access import employee_view
from services.personnel.api.common import abort_invalid, active_department, get_employee
from services.personnel.api.schemas.people import (
    EmployeePageSchema,
    EmployeeQueryArgsSchema,
    EmployeeSchema,
    EmployeeUpdateSchema,
)
from services.personnel.db.models import Appointment, Employee
from services.personnel.domain.ranks import parse_rank
from services.personnel.events import emit
from services.personnel.validation import InvalidField, normalize_identity
from shared.web.app_factory import service_context
from shared.web.auth import current_principal, require_roles, require_write
from shared.web.pagination import paginate

blp = Blueprint("employees", __name__, url_prefix="/api/v1/employees", description="Employees (ASN)")

IDENTITY_FIELDS = ("nip", "employee_type", "birth_date", "gender")


def employee_event(emp) -> dict:
    """The event payload of an Employee (or of anything with its attributes, e.g. an imported row)."""
    return {"employee_id": emp.id, "name": emp.name, "employee_type": emp.employee_type,
            "department_code": emp.department_code, "rank": emp.rank, "position_title": emp.position_title,
            "position_type": emp.position_type, "tmt_jabatan": emp.tmt_jabatan, "status": emp.status}


def first_appointment(emp) -> dict | None:
    """The position an employee is registered with starts their appointment history (an Appointment's values)."""
    if emp.position_title and emp.position_type and emp.tmt_jabatan:
        return {"employee_id": emp.id, "department_code": emp.department_code, "position_title": emp.position_title,
                "position_type": emp.position_type, "tmt_jabatan": emp.tmt_jabatan}
    return None


def nip_taken(session, nip: str, except_id: str | None = None) -> bool:
    query = select(Employee.id).where(Employee.nip == nip)
    if except_id:
        query = query.where(Employee.id != except_id)
    return session.execute(query).first() is not None


def register_employee(session, data: dict) -> Employee:
    try:
        data = normalize_identity(data)
    except InvalidField as exc:
        abort_invalid(exc)
    active_department(session, data["department_code"])
    if nip_taken(session, data["nip"]):
        abort(409, message=f"An employee with NIP {data['nip']} already exists.")
    emp = Employee(**data, version=1)
    session.add(emp)
    session.flush()
    appointment = first_appointment(emp)
    if appointment is not None:
        session.add(Appointment(**appointment))
    emit(session, "personnel.employee.registered", emp.id, employee_event(emp), emp.version)
    return emp


def update_employee(session, emp: Employee, changes: dict) -> Employee:
    """Apply corrections; emit `updated` for them and `status_changed` for a new status, each its own version."""
    if "department_code" in changes and changes["department_code"] != emp.department_code:
        require_write(changes["department_code"])  # an operator cannot move staff out of their department
        active_department(session, changes["department_code"])
    if any(key in changes for key in IDENTITY_FIELDS + ("rank",)):
        identity = {key: changes.get(key, getattr(emp, key)) for key in ("nip", "employee_type", "rank")}
        new_number = {"nip", "employee_type"} & changes.keys()
        for key in ("birth_date", "gender"):
            # A new NIP brings its own birth date and gender unless they are given too.
            identity[key] = changes[key] if key in changes else (None if new_number else getattr(emp, key))
        try:
            changes = {**changes, **normalize_identity(identity)}
        except InvalidField as exc:
            abort_invalid(exc)
        if changes["nip"] != emp.nip and nip_taken(session, changes["nip"], emp.id):
            abort(409, message=f"An employee with NIP {changes['nip']} already exists.")
    changed = {key for key, value in changes.items() if getattr(emp, key) != value}
    for key in changed:
        setattr(emp, key, changes[key])
    if changed - {"status"}:
        emp.version += 1
        emit(session, "personnel.employee.updated", emp.id, employee_event(emp), emp.version)
    if "status" in changed:
        emp.version += 1
        emit(session, "personnel.employee.status_changed", emp.id, employee_event(emp), emp.version)
    return emp


def search_query(principal, args: dict):
    query = select(Employee).order_by(Employee.name, Employee.id)
    if args.get("q"):
        by_name = Employee.name.icontains(args["q"], autoescape=True)
        # Finding someone by NIP is reading personal data: only where the caller may read it.
        term = "".join(args["q"].split())
        by_nip = Employee.nip.startswith(term, autoescape=True) if term.isdigit() else false()
        if principal.role == "operator":
            by_nip = and_(by_nip, Employee.department_code == principal.department)
        elif principal.role != "admin":
            by_nip = false()
        query = query.where(or_(by_name, by_nip))
    for key in ("department_code", "position_type", "status"):
        if args.get(key):
            query = query.where(getattr(Employee, key) == args[key])
    if args.get("rank"):
        try:
            query = query.where(Employee.rank_order == parse_rank(args["rank"]).order)
        except ValueError as exc:
            abort(422, message=str(exc), errors={"rank": [str(exc)]})
    return query


@blp.route("")
class Employees(MethodView):
    @require_roles("admin", "operator", "viewer")
    @blp.arguments(EmployeeQueryArgsSchema, location="query")
    @blp.response(200, EmployeePageSchema)
    def get(self, args):
        """Search employees by name, NIP, department, rank or position type"""
        principal = current_principal()
        with service_context().db.sessions() as session:
            page = paginate(session, search_query(principal, args), args)
        page["items"] = [employee_view(principal, e) for e in page["items"]]
        return page

    @require_roles("admin", "operator")
    @blp.arguments(EmployeeSchema)
    @blp.response(201, EmployeeSchema)
    @blp.arguments(idempotency.IdempotencyHeaderSchema, location="headers", as_kwargs=True)
    def post(self, data, idempotency_key=None):
        """Register an employee (an operator only in their own department)"""
        require_write(data["department_code"])
        once = idempotency.Idempotency("employees", data, idempotency_key)
        with service_context().transaction() as session:
            replayed = once.replay(session)
            if replayed is not None:
                return replayed
            return once.answer(session, 201, EmployeeSchema().dump(register_employee(session, data)))


@blp.route("/<employee_id>")
class EmployeeById(MethodView):
    @require_roles("admin", "operator", "viewer")
    @blp.response(200, EmployeeSchema)
    def get(self, employee_id):
        """One employee (personal data only for admins and the department's operator)"""
        with service_context().db.sessions() as session:
            emp = get_employee(session, employee_id)
        return employee_view(current_principal(), emp)

    @require_roles("admin", "operator")
    @blp.arguments(EmployeeUpdateSchema)
    @blp.response(200, EmployeeSchema)
    def patch(self, changes, employee_id):
        """Correct an employee's data or change their status (active, on leave, moved, retired, dismissed)"""
        with service_context().transaction() as session:
            emp = get_employee(session, employee_id, for_update=True)
            require_write(emp.department_code)
            return update_employee(session, emp, changes)

