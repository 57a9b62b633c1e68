"""Importing employees from CSV: every row checked as registering one employee checks it, then all written at once."""
from __future__ import annotations

from datetime import datetime
from types import SimpleNamespace

from marshmallow import Schema, ValidationError, fields, validate
from sqlalchemy import select
from sqlalchemy.orm import Session

from services.personnel.db.models import Appointment, Department, Employee
from services.personnel.domain.employees import EDUCATION_LEVELS, EMPLOYEE_STATUSES, normalize_identity
from services.personnel.domain.errors import FieldError
from services.personnel.domain.positions import EmployeeType, PositionType
from services.personnel.events import emit_many, employee_payload
from services.personnel.workflow import access
from services.personnel.workflow.employees import first_appointment
from services.personnel.workflow.imports.chunks import in_chunks
from services.personnel.workflow.imports.csv_file import CsvRow, RowError
from services.personnel.workflow.imports.runner import Batch, run_import
from shared.db import new_id
from shared.principal import Principal

COLUMNS = ("nip", "name", "employee_type", "department_code", "birth_date", "gender", "rank", "position_title",
           "position_type", "tmt_jabatan", "education", "status")
REQUIRED = ("nip", "name", "employee_type", "department_code")


class EmployeeRowSchema(Schema):
    """One row: the cells as text, read into the values registering an employee takes."""

    nip = fields.String(required=True)  # its rules are the domain's (normalize_identity), with its messages
    name = fields.String(required=True, validate=validate.Length(min=2, max=200))
    employee_type = fields.String(required=True, validate=validate.OneOf([t.value for t in EmployeeType]))
    department_code = fields.String(required=True)
    birth_date = fields.Date()
    gender = fields.String(validate=validate.OneOf(("male", "female")))
    rank = fields.String()
    position_title = fields.String(validate=validate.Length(max=200))
    position_type = fields.String(validate=validate.OneOf([p.value for p in PositionType]))
    tmt_jabatan = fields.Date()
    education = fields.String(validate=validate.OneOf(EDUCATION_LEVELS))
    status = fields.String(load_default="active", validate=validate.OneOf(EMPLOYEE_STATUSES))


def import_employees(session: Session, principal: Principal, now: datetime, raw: bytes, dry_run: bool) -> dict:
    """Register every employee of the file (an operator: only their own department's), or report why not."""
    return run_import(session, principal, now, raw, dry_run, columns=COLUMNS, required=REQUIRED,
                      check_rows=check_rows, write=write)


def check_rows(session: Session, principal: Principal, now: datetime, rows: list[CsvRow]) -> Batch:
    """Validate every row; lookups are loaded once for the whole file, not per row."""
    schema = EmployeeRowSchema()
    active = set(session.execute(select(Department.code).where(Department.status == "active")).scalars())
    batch, first_line_of, candidates = Batch(), {}, []
    for row in rows:
        checked = _check_row(schema, row, active, principal, first_line_of)
        if isinstance(checked, dict):
            candidates.append((row.line, checked))
        else:
            batch.errors.extend(checked)
    existing = set()
    for chunk in in_chunks([data["nip"] for _, data in candidates]):
        existing.update(session.execute(select(Employee.nip).where(Employee.nip.in_(chunk))).scalars())
    for line, data in candidates:
        if data["nip"] in existing:
            batch.errors.append(RowError(line, "nip", f"An employee with NIP {data['nip']} already exists."))
        else:
            batch.valid.append(data)
    return batch


def _check_row(schema, row: CsvRow, active: set[str], principal: Principal,
               first_line_of: dict) -> dict | list[RowError]:
    if row.extra_cells:
        return [RowError(row.line, "_row", "The row has more cells than the header has columns.")]
    try:
        data = normalize_identity(schema.load(row.values))
    except ValidationError as exc:
        return [RowError(row.line, name, " ".join(map(str, msgs))) for name, msgs in exc.messages.items()]
    except FieldError as exc:
        return [RowError(row.line, exc.field, exc.message)]
    code = data["department_code"]
    if code not in active:
        return [RowError(row.line, "department_code", f"No active department has the code {code!r}.")]
    if not access.may_write(principal, code):
        return [RowError(row.line, "department_code", f"You may not write employees of department {code!r}.")]
    if data["nip"] in first_line_of:
        return [RowError(row.line, "nip", f"NIP {data['nip']} is also on line {first_line_of[data['nip']]}.")]
    first_line_of[data["nip"]] = row.line
    return data


def write(session: Session, now: datetime, valid: list[dict]) -> int:
    """Insert the employees, their first appointments and their events, in the caller's transaction."""
    blank = dict.fromkeys(c.key for c in Employee.__table__.columns)
    rows = [{**blank, **data, "id": new_id(), "version": 1, "created_at": now} for data in valid]
    session.execute(Employee.__table__.insert(), rows)
    employees = [SimpleNamespace(**row) for row in rows]
    appointments = [{**a, "id": new_id(), "decree_number": None, "created_at": now}
                    for a in map(first_appointment, employees) if a is not None]
    if appointments:
        session.execute(Appointment.__table__.insert(), appointments)
    emit_many(session, [("personnel.employee.registered", emp.id, employee_payload(emp), 1) for emp in employees])
    return len(rows)
