"""Appointments: putting an employee in a position, keeping every earlier one as history.

The current position (title, type, TMT jabatan) lives on the employee; an appointment is
the only way to change it, so that the history and the `personnel.employee.appointed`
event, from which a new official's leadership-training deadline runs, are never skipped.
"""
from __future__ import annotations

from flask.views import MethodView
from flask_smorest import Blueprint, abort
from sqlalchemy import select

from services.personnel.api import idempotency
from services.personnel.api.common import abort_invalid, active_department, get_employee
from services.personnel.api.employees import employee_event
from services.personnel.api.schemas.people import AppointmentPageSchema, AppointmentSchema
from services.personnel.db.models import Appointment, Employee
from services.personnel.events import emit
from services.personnel.validation import InvalidField, check_appointment_date
from shared.web.app_factory import service_context
from shared.web.auth import require_roles, require_write
from shared.web.pagination import PageArgsSchema, paginate

blp = Blueprint("appointments", __name__, url_prefix="/api/v1/employees",
                description="Appointments to positions, with their history")

APPOINTABLE_STATUSES = ("active", "on_leave")


def appoint(session, emp: Employee, data: dict) -> Appointment:
    department_code = data.get("department_code") or emp.department_code
    if department_code != emp.department_code:
        require_write(department_code)  # an operator cannot place staff in another department
    active_department(session, department_code)
    if emp.status not in APPOINTABLE_STATUSES:
        abort(409, message=f"The employee's status is {emp.status!r}; only active employees or those "
                           "on leave can be appointed.")
    try:
        check_appointment_date(data["tmt_jabatan"], emp.tmt_jabatan)
    except InvalidField as exc:
        abort_invalid(exc)
    appointment = Appointment(employee_id=emp.id, department_code=department_code,
                              position_title=data["position_title"], position_type=data["position_type"],
                              tmt_jabatan=data["tmt_jabatan"], decree_number=data.get("decree_number"))
    session.add(appointment)
    emp.department_code = department_code
    emp.position_title, emp.position_type = data["position_title"], data["position_type"]
    emp.tmt_jabatan = data["tmt_jabatan"]
    emp.version += 1
    session.flush()
    emit(session, "personnel.employee.appointed", emp.id, employee_event(emp), emp.version)
    return appointment


@blp.route("/<employee_id>/appointments")
class Appointments(MethodView):
    @require_roles("admin", "operator", "viewer")
    @blp.arguments(PageArgsSchema, location="query")
    @blp.response(200, AppointmentPageSchema)
    def get(self, args, employee_id):
        """The employee's positions, the current one first"""
        with service_context().db.sessions() as session:
            get_employee(session, employee_id)
            query = (select(Appointment).where(Appointment.employee_id == employee_id)
                     .order_by(Appointment.tmt_jabatan.desc(), Appointment.created_at.desc()))
            return paginate(session, query, args)

    @require_roles("admin", "operator")
    @blp.arguments(AppointmentSchema)
    @blp.response(201, AppointmentSchema)
    @blp.arguments(idempotency.IdempotencyHeaderSchema, location="headers", as_kwargs=True)
    def post(self, data, employee_id, idempotency_key=None):
        """Appoint the employee to a position (this becomes the current one)"""
        once = idempotency.Idempotency(f"appointments:{employee_id}", data, idempotency_key)
        with service_context().transaction() as session:
            replayed = once.replay(session)
            if replayed is not None:
                return replayed
            emp = get_employee(session, employee_id, for_update=True)
            require_write(emp.department_code)
            return once.answer(session, 201, AppointmentSchema().dump(appoint(session, emp, data)))
