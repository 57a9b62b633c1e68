"""Importing employees from CSV: every row checked as the API checks one, then all written at once."""
from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import UTC, datetime
from types import SimpleNamespace

from marshmallow import ValidationError
from sqlalchemy import select

from services.personnel.api.employees import employee_event, first_appointment
from services.personnel.api.schemas.people import EmployeeSchema
from services.personnel.db.models import Appointment, Department, Employee
from services.personnel.events import emit_many
from services.personnel.imports.csv_file import CsvRow, RowError
from services.personnel.imports.lookups import in_chunks
from services.personnel.validation import InvalidField, normalize_identity

COLUMNS = ("nip", "name", "employee_type", "department_code", "birth_date", "gender", "rank", "position_title",
           "position_type", "tmt_jabatan", "education", "status")
REQUIRED = ("nip", "name", "employee_type", "department_code")


@dataclass
class EmployeeBatch:
    valid: list[dict] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)


def check_rows(session, rows: list[CsvRow], principal) -> EmployeeBatch:
    """Validate every row; lookups are loaded once for the whole file, not per row."""
    schema = EmployeeSchema()
    active = set(session.execute(select(Department.code).where(Department.status == "active")).scalars())
    batch, first_line_of = EmployeeBatch(), {}
    candidates = []
    for row in rows:
        errors = _check_row(schema, row, active, principal, first_line_of)
        if isinstance(errors, dict):
            candidates.append((row.line, errors))
        else:
            batch.errors.extend(errors)
    existing = set()
    for chunk in in_chunks([data["nip"] for _, data in candidates]):
        existing.update(session.execute(select(Employee.nip).where(Employee.nip.in_(chunk))).scalars())
    for line, data in candidates:
        if data["nip"] in existing:
            batch.errors.append(RowError(line, "nip", f"An employee with NIP {data['nip']} already exists."))
        else:
            batch.valid.append(data)
    return batch


def _check_row(schema, row: CsvRow, active: set[str], principal, first_line_of: dict) -> dict | list[RowError]:
    if row.extra_cells:
        return [RowError(row.line, "_row", "The row has more cells than the header has columns.")]
    try:
        data = normalize_identity(schema.load(row.values))
    except ValidationError as exc:
        return [RowError(row.line, name, " ".join(map(str, msgs))) for name, msgs in exc.messages.items()]
    except InvalidField as exc:
        return [RowError(row.line, exc.field, exc.message)]
    code = data["department_code"]
    if code not in active:
        return [RowError(row.line, "department_code", f"No active department has the code {code!r}.")]
    if not principal.can_write(code):
        return [RowError(row.line, "department_code", f"You may not write employees of department {code!r}.")]
    if data["nip"] in first_line_of:
        return [RowError(row.line, "nip", f"NIP {data['nip']} is also on line {first_line_of[data['nip']]}.")]
    first_line_of[data["nip"]] = row.line
    return data


def write(session, valid: list[dict]) -> int:
    """Insert the employees, their first appointments and their events, in the caller's transaction."""
    now = datetime.now(UTC)
    blank = dict.fromkeys(c.key for c in Employee.__table__.columns)
    rows = [{**blank, **data, "id": str(uuid.uuid4()), "version": 1, "created_at": now} for data in valid]
    session.execute(Employee.__table__.insert(), rows)
    employees = [SimpleNamespace(**row) for row in rows]
    appointments = [{**a, "id": str(uuid.uuid4()), "decree_number": None, "created_at": now}
                    for a in map(first_appointment, employees) if a is not None]
    if appointments:
        session.execute(Appointment.__table__.insert(), appointments)
    emit_many(session, [("personnel.employee.registered", emp.id, employee_event(emp), 1) for emp in employees])
    return len(rows)
