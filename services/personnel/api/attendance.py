"""Attendance at socialization sessions: recorded per employee, each announced to reporting."""
from __future__ import annotations

from flask.views import MethodView
from flask_smorest import Blueprint, abort
from sqlalchemy import select

from services.personnel.api import idempotency
from services.personnel.api.schemas.socialization import (
    AttendanceResultSchema,
    AttendanceSchema,
    AttendeePageSchema,
)
from services.personnel.api.socialization import held_session
from services.personnel.db.models import Employee, SocializationAttendance, SocializationSession
from services.personnel.events import emit
from shared.web.app_factory import service_context
from shared.web.auth import require_roles, require_write
from shared.web.pagination import PageArgsSchema

blp = Blueprint("attendance", __name__, url_prefix="/api/v1/socialization-sessions",
                description="Attendance at socialization sessions")


def attended_event(row: SocializationSession, employee: Employee) -> dict:
    return {"session_id": row.id, "policy_id": row.policy_id, "employee_id": employee.id,
            "department_code": employee.department_code, "held_on": row.held_on}


def record_attendance(session, row: SocializationSession, employee_ids: list[str]) -> int:
    ids = list(dict.fromkeys(employee_ids))
    employees = {e.id: e for e in session.execute(select(Employee).where(Employee.id.in_(ids))).scalars()}
    unknown = [i for i in ids if i not in employees]
    if unknown:
        abort(422, message="Unknown employee(s).",
              errors={"employee_ids": [f"No employee has the id {i}." for i in unknown]})
    departments = set(row.department_codes.split(","))
    for employee in employees.values():
        require_write(employee.department_code)
        if employee.department_code not in departments:
            abort(422, message=f"{employee.name} belongs to {employee.department_code}, which this session "
                               "is not for.",
                  errors={"employee_ids": [f"{employee.id} is not in the session's departments."]})
    already = set(session.execute(select(SocializationAttendance.employee_id).where(
        SocializationAttendance.session_id == row.id, SocializationAttendance.employee_id.in_(ids))).scalars())
    if already:
        abort(409, message=f"Attendance is already recorded for {len(already)} of these employees.",
              errors={"employee_ids": sorted(already)})
    for employee_id in ids:
        session.add(SocializationAttendance(session_id=row.id, employee_id=employee_id))
        # One attendance is one fact that never changes: its own subject, sequence 1.
        emit(session, "personnel.socialization.attended", f"{row.id}/{employee_id}",
             attended_event(row, employees[employee_id]), 1)
    return len(ids)


@blp.route("/<session_id>/attendance")
class Attendance(MethodView):
    @require_roles("admin", "operator", "viewer")
    @blp.arguments(PageArgsSchema, location="query")
    @blp.response(200, AttendeePageSchema)
    def get(self, args, session_id):
        """Who attended the session"""
        page, size = args["page"], args["page_size"]
        with service_context().db.sessions() as session:
            held_or_planned = session.get(SocializationSession, session_id)
            if held_or_planned is None:
                abort(404, message="Socialization session not found.")
            query = (select(SocializationAttendance.employee_id, Employee.name, Employee.department_code,
                            SocializationAttendance.recorded_at)
                     .join(Employee, Employee.id == SocializationAttendance.employee_id)
                     .where(SocializationAttendance.session_id == session_id).order_by(Employee.name, Employee.id))
            rows = session.execute(query).all()
        items = [row._asdict() for row in rows[(page - 1) * size: page * size]]
        return {"items": items, "page": page, "page_size": size, "total": len(rows)}

    @require_roles("admin", "operator")
    @blp.arguments(AttendanceSchema)
    @blp.response(201, AttendanceResultSchema)
    @blp.arguments(idempotency.IdempotencyHeaderSchema, location="headers", as_kwargs=True)
    def post(self, data, session_id, idempotency_key=None):
        """Record that these employees attended (an operator: only their own department's staff)"""
        once = idempotency.Idempotency(f"attendance:{session_id}", data, idempotency_key)
        with service_context().transaction() as session:
            replayed = once.replay(session)
            if replayed is not None:
                return replayed
            row = held_session(session, session_id)
            recorded = record_attendance(session, row, data["employee_ids"])
            return once.answer(session, 201, {"session_id": row.id, "recorded": recorded})
