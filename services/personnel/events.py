"""The events personnel emits: their payload schemas (the contract in docs/asyncapi.yaml), `emit`,
and the builders that turn a row into its event's payload.

Every event carries its aggregate's full current state, so a consumer that keeps a copy (of the
departments, say) needs nothing else and the newest sequence wins whatever the order.
"""
from __future__ import annotations

from marshmallow import Schema, fields

from services.personnel.db.models import plumbing
from shared.outbox import Emitter

SOURCE = "/asn/personnel"


class DepartmentEvent(Schema):
    """personnel.department.created / updated / dissolved"""

    code = fields.String(required=True)
    name = fields.String(required=True)
    type = fields.String(required=True)
    parent_code = fields.String(allow_none=True)
    status = fields.String(required=True)


class EmployeeEvent(Schema):
    """personnel.employee.registered / updated / appointed / status_changed. No NIP, no birth date."""

    employee_id = fields.String(required=True)
    name = fields.String(required=True)  # officials are named in compliance reports; never shown publicly
    employee_type = fields.String(required=True)
    department_code = fields.String(required=True)
    rank = fields.String(allow_none=True)
    position_title = fields.String(allow_none=True)
    position_type = fields.String(allow_none=True)
    tmt_jabatan = fields.Date(allow_none=True)
    status = fields.String(required=True)
    # The leadership training the position needs, as personnel judges it (domain/competence.py), so that
    # reporting applies the same deadline and the same reading of the levels (PKN II ⊇ PKA ⊇ PKP).
    leadership_required_level = fields.String(allow_none=True, metadata={
        "description": "PKN_II, PKA or PKP: what the current position requires; null: nothing",
        "example": "PKA"})
    leadership_due_date = fields.Date(allow_none=True, metadata={
        "description": "the deadline: TMT jabatan + LEADERSHIP_TRAINING_WINDOW_MONTHS (calendar months); "
                       "null without a requirement or a TMT"})
    leadership_met_on = fields.Date(allow_none=True, metadata={
        "description": "the end date of the first completed training at the required level or a higher one; "
                       "null while unmet"})
    highest_leadership_level = fields.String(allow_none=True, metadata={
        "description": "the highest leadership training ever completed", "example": "PKN_II"})


class TrainingRecordEvent(Schema):
    """personnel.training.recorded / updated / revoked: the full current state of one record."""

    record_id = fields.String(required=True)
    employee_id = fields.String(required=True)
    department_code = fields.String(required=True)
    employee_type = fields.String(required=True)
    position_type = fields.String(allow_none=True)
    programme_code = fields.String(required=True)
    kind = fields.String(required=True)
    leadership_level = fields.String(allow_none=True)
    jp = fields.Integer(required=True)
    status = fields.String(required=True)
    start_date = fields.Date(required=True)
    end_date = fields.Date(required=True)
    year = fields.Integer(required=True)
    revoked = fields.Boolean(required=True)


class SocializationAttendedEvent(Schema):
    """personnel.socialization.attended"""

    session_id = fields.String(required=True)
    policy_id = fields.String(required=True)
    employee_id = fields.String(required=True)
    department_code = fields.String(required=True)
    held_on = fields.Date(required=True)


EMITS: dict[str, type[Schema]] = {
    "personnel.department.created": DepartmentEvent,
    "personnel.department.updated": DepartmentEvent,
    "personnel.department.dissolved": DepartmentEvent,
    "personnel.employee.registered": EmployeeEvent,
    "personnel.employee.updated": EmployeeEvent,
    "personnel.employee.appointed": EmployeeEvent,
    "personnel.employee.status_changed": EmployeeEvent,
    "personnel.training.recorded": TrainingRecordEvent,
    "personnel.training.updated": TrainingRecordEvent,
    "personnel.training.revoked": TrainingRecordEvent,
    "personnel.socialization.attended": SocializationAttendedEvent,
}


# emit(session, type, subject, data, sequence): record an event inside the caller's transaction.
emit = Emitter(SOURCE, plumbing["outbox"], EMITS)
emit_many = emit.many


def department_payload(dep) -> dict:
    """personnel.department.*: the whole department, which consultation and survey keep a copy of."""
    return {"code": dep.code, "name": dep.name, "type": dep.type, "parent_code": dep.parent_code,
            "status": dep.status}


def employee_payload(emp, leadership) -> dict:
    """personnel.employee.*: an Employee (or anything with its attributes) and its LeadershipFacts."""
    return {"employee_id": emp.id, "name": emp.name, "employee_type": emp.employee_type,
            "department_code": emp.department_code, "rank": emp.rank, "position_title": emp.position_title,
            "position_type": emp.position_type, "tmt_jabatan": emp.tmt_jabatan, "status": emp.status,
            "leadership_required_level": _text(leadership.required_level),
            "leadership_due_date": leadership.due_date, "leadership_met_on": leadership.met_on,
            "highest_leadership_level": _text(leadership.highest_level)}


def _text(value) -> str | None:
    return None if value is None else str(value)


def training_payload(record, employee, programme) -> dict:
    """personnel.training.*: one record with what reporting needs of its employee and programme."""
    return {
        "record_id": record.id, "employee_id": employee.id, "department_code": employee.department_code,
        "employee_type": employee.employee_type, "position_type": employee.position_type,
        "programme_code": programme.code, "kind": programme.kind,
        "leadership_level": programme.leadership_level, "jp": record.jp, "status": record.status,
        "start_date": record.start_date, "end_date": record.end_date, "year": record.end_date.year,
        "revoked": record.revoked_at is not None,
    }


def attendance_payload(session_row, employee) -> dict:
    """personnel.socialization.attended: one employee at one session."""
    return {"session_id": session_row.id, "policy_id": session_row.policy_id, "employee_id": employee.id,
            "department_code": employee.department_code, "held_on": session_row.held_on}
