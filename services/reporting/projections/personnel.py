"""Projects personnel's departments, employees and socialization attendance into reporting's read models."""
from __future__ import annotations

from marshmallow import EXCLUDE, Schema, fields
from sqlalchemy import select
from sqlalchemy.orm import Session

from services.reporting.db.models import DepartmentFact, EmployeeFact, SocializationAttendance
from services.reporting.domain.periods import local_date, periods_containing, periods_from
from services.reporting.projections.revisions import touch
from services.reporting.projections.state import current_state, is_stale, store_state
from shared.envelope import Envelope


class DepartmentPayload(Schema):
    class Meta:
        unknown = EXCLUDE

    code = fields.String(required=True)
    name = fields.String(required=True)
    type = fields.String(load_default=None, allow_none=True)
    status = fields.String(required=True)


class EmployeePayload(Schema):
    """The fields of personnel.employee.* that reports use; the name only for authorised compliance lists."""

    class Meta:
        unknown = EXCLUDE

    employee_id = fields.String(required=True)
    name = fields.String(required=True)
    employee_type = fields.String(required=True)
    department_code = fields.String(required=True)
    position_type = fields.String(allow_none=True, load_default=None)
    tmt_jabatan = fields.Date(allow_none=True, load_default=None)
    status = fields.String(required=True)


class SocializationPayload(Schema):
    class Meta:
        unknown = EXCLUDE

    session_id = fields.String(required=True)
    policy_id = fields.String(required=True)
    employee_id = fields.String(required=True)
    department_code = fields.String(required=True)
    held_on = fields.Date(required=True)


def apply_department_state(session: Session, event: Envelope, data: dict) -> bool:
    table = DepartmentFact.__table__
    key = {"code": data["code"]}
    old = current_state(session, table, key)
    if is_stale(old, event.sequence):
        return False
    store_state(session, table, old, key, {"name": data["name"], "type": data["type"],
                                           "status": data["status"], "sequence": event.sequence})
    touch(session, {data["code"]}, periods_containing(local_date(event.time)), event.time)
    return True


def apply_employee_state(session: Session, event: Envelope, data: dict) -> bool:
    """Keep the employee's latest state; head counts and compliance are read from it."""
    table = EmployeeFact.__table__
    key = {"employee_id": data["employee_id"]}
    old = current_state(session, table, key)
    if is_stale(old, event.sequence):
        return False
    values = {name: data[name] for name in ("name", "employee_type", "department_code", "position_type",
                                            "tmt_jabatan", "status")}
    store_state(session, table, old, key, {**values, "sequence": event.sequence})
    # Head counts are current state: the periods of the change itself are the ones said to change.
    touch(session, {data["department_code"], old.department_code if old is not None else None},
          periods_containing(local_date(event.time)), event.time)
    return True


def apply_attendance(session: Session, event: Envelope, data: dict) -> bool:
    """Record one attendance; attendance never changes, so a repeat is simply ignored."""
    key = (SocializationAttendance.session_id == data["session_id"],
           SocializationAttendance.employee_id == data["employee_id"])
    if session.execute(select(SocializationAttendance.session_id).where(*key)).first():
        return False
    session.add(SocializationAttendance(**data))
    touch(session, {data["department_code"]}, periods_from(data["held_on"]), event.time)
    return True
