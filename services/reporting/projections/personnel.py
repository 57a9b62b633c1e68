"""Projects personnel's departments, employees and socialization attendance into reporting's read models."""
from __future__ import annotations

from marshmallow import EXCLUDE, Schema, fields
from sqlalchemy.orm import Session

from services.reporting.db.models import DepartmentFact, EmployeeFact, SocializationAttendance
from services.reporting.domain.periods import local_date, periods_containing, periods_from
from services.reporting.projections.batch import Batch, Fact, LatestState, buffer_fact, buffer_state
from services.reporting.projections.revisions import touch
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
    # Personnel's leadership facts; absent from events published before it sent them (then left out here too).
    leadership_required_level = fields.String(allow_none=True)
    leadership_due_date = fields.Date(allow_none=True)
    leadership_met_on = fields.Date(allow_none=True)


class SocializationPayload(Schema):
    class Meta:
        unknown = EXCLUDE

    session_id = fields.String(required=True)
    policy_id = fields.String(required=True)
    employee_id = fields.String(required=True)
    department_code = fields.String(required=True)
    held_on = fields.Date(required=True)


def _department_touch(batch: Batch, before, after, time) -> None:
    touch(batch, {after["code"]}, periods_containing(local_date(time)), time)


def _employee_touch(batch: Batch, before, after, time) -> None:
    # Head counts are current state: the periods of the change itself are the ones said to change.
    touch(batch, {after["department_code"], before["department_code"] if before else None},
          periods_containing(local_date(time)), time)


def _attendance_touch(batch: Batch, values, time) -> None:
    touch(batch, {values["department_code"]}, periods_from(values["held_on"]), time)


LEADERSHIP_FACTS = ("leadership_required_level", "leadership_due_date", "leadership_met_on")
DEPARTMENTS = LatestState(DepartmentFact.__table__, "code", _department_touch)
EMPLOYEES = LatestState(EmployeeFact.__table__, "employee_id", _employee_touch)
ATTENDANCE = Fact(SocializationAttendance.__table__, ("session_id", "employee_id"), _attendance_touch)


def apply_department_state(session: Session, event: Envelope, data: dict) -> None:
    buffer_state(session, DEPARTMENTS, data["code"], {k: data[k] for k in ("name", "type", "status")},
                 event.sequence, event.time)


def apply_employee_state(session: Session, event: Envelope, data: dict) -> None:
    """The employee's latest state; head counts and compliance are read from it."""
    values = {name: data[name] for name in ("name", "employee_type", "department_code", "position_type",
                                            "tmt_jabatan", "status")}
    values["leadership_published"] = "leadership_required_level" in data
    for name in LEADERSHIP_FACTS:
        values[name] = data.get(name)
    buffer_state(session, EMPLOYEES, data["employee_id"], values, event.sequence, event.time)


def apply_attendance(session: Session, event: Envelope, data: dict) -> None:
    """One attendance; attendance never changes, so a repeat is simply ignored."""
    buffer_fact(session, ATTENDANCE, dict(data), event.time)
