"""Importing training records from CSV: employees named by NIP, checked as the API checks one record."""
from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import UTC, datetime
from types import SimpleNamespace

from marshmallow import Schema, ValidationError, fields, validate
from sqlalchemy import select, tuple_

from services.personnel.api.schemas.common import CODE
from services.personnel.api.schemas.training import TRAINING_STATUSES
from services.personnel.api.training import training_event
from services.personnel.db.models import Employee, TrainingProgramme, TrainingRecord
from services.personnel.domain.competence import MAX_JP_PER_RECORD
from services.personnel.domain.nip import NipError, normalize_nip
from services.personnel.events import emit_many
from services.personnel.imports.csv_file import CsvRow, RowError
from services.personnel.imports.lookups import in_chunks
from services.personnel.validation import InvalidField, check_training_dates

COLUMNS = ("nip", "programme_code", "start_date", "end_date", "jp", "status", "certificate_number")
REQUIRED = ("nip", "programme_code", "start_date", "end_date")


def _known_nip_shape(value: str) -> None:
    try:
        normalize_nip(value)
    except NipError as exc:
        raise ValidationError(str(exc)) from None


class TrainingRowSchema(Schema):
    """One CSV row: as the API's record, but the employee is named by NIP and JP arrives as text."""

    nip = fields.String(required=True, validate=_known_nip_shape)
    programme_code = fields.String(required=True, validate=CODE)
    start_date = fields.Date(required=True)
    end_date = fields.Date(required=True)
    jp = fields.Integer(validate=validate.Range(min=1, max=MAX_JP_PER_RECORD))
    status = fields.String(load_default="completed", validate=validate.OneOf(TRAINING_STATUSES))
    certificate_number = fields.String(validate=validate.Length(max=100))


@dataclass
class TrainingBatch:
    valid: list[tuple] = field(default_factory=list)  # (record values, employee row, programme) per row
    errors: list[RowError] = field(default_factory=list)


def check_rows(session, rows: list[CsvRow], principal) -> TrainingBatch:
    """Validate every row against employees, programmes and certificates loaded once for the whole file."""
    schema, batch, parsed = TrainingRowSchema(), TrainingBatch(), []
    for row in rows:
        if row.extra_cells:
            batch.errors.append(RowError(row.line, "_row", "The row has more cells than the header has columns."))
            continue
        try:
            data = schema.load(row.values)
            parsed.append((row.line, {**data, "nip": normalize_nip(data["nip"])}))
        except ValidationError as exc:
            batch.errors.extend(RowError(row.line, k, " ".join(map(str, v))) for k, v in exc.messages.items())
    employees = {}
    columns = (Employee.id, Employee.nip, Employee.department_code, Employee.employee_type, Employee.position_type)
    for chunk in in_chunks([data["nip"] for _, data in parsed]):
        employees.update((e.nip, e) for e in session.execute(select(*columns).where(Employee.nip.in_(chunk))))
    programmes = {p.code: p for p in session.execute(select(TrainingProgramme)).scalars()}
    taken = _taken_certificates(session, [(programmes[d["programme_code"]].id, d["certificate_number"])
                                          for _, d in parsed
                                          if d.get("certificate_number") and d["programme_code"] in programmes])
    for line, data in parsed:
        result = _check_row(line, data, employees, programmes, taken, principal)
        if isinstance(result, RowError):
            batch.errors.append(result)
        else:
            batch.valid.append(result)
    return batch


def _taken_certificates(session, pairs: list[tuple[str, str]]) -> dict[tuple[str, str], int]:
    """Certificate numbers already recorded, by (programme id, number); the value 0 means "in the database"."""
    taken = {}
    for chunk in in_chunks(pairs):
        query = select(TrainingRecord.programme_id, TrainingRecord.certificate_number).where(
            tuple_(TrainingRecord.programme_id, TrainingRecord.certificate_number).in_(chunk))
        taken.update((tuple(row), 0) for row in session.execute(query))
    return taken


def _check_row(line, data, employees, programmes, taken, principal):
    employee = employees.get(data["nip"])
    if employee is None:
        return RowError(line, "nip", f"No employee has NIP {data['nip']}.")
    if not principal.can_write(employee.department_code):
        return RowError(line, "nip", f"The employee belongs to department {employee.department_code!r}, "
                                     "whose records you may not write.")
    programme = programmes.get(data["programme_code"])
    if programme is None:
        return RowError(line, "programme_code", f"No programme has the code {data['programme_code']!r}.")
    try:
        check_training_dates(data["status"], data["start_date"], data["end_date"])
    except InvalidField as exc:
        return RowError(line, exc.field, exc.message)
    certificate = data.get("certificate_number")
    if certificate:
        earlier = taken.get((programme.id, certificate))
        if earlier is not None:
            where = f"also on line {earlier}" if earlier else "already recorded"
            return RowError(line, "certificate_number", f"Certificate {certificate} for {programme.code} is {where}.")
        taken[(programme.id, certificate)] = line
    record = SimpleNamespace(id=str(uuid.uuid4()), employee_id=employee.id, programme_id=programme.id,
                             start_date=data["start_date"], end_date=data["end_date"],
                             jp=data.get("jp", programme.jp), status=data["status"], certificate_number=certificate,
                             source="csv", revoked_at=None, revoke_reason=None, version=1)
    return record, employee, programme


def write(session, valid: list[tuple]) -> int:
    """Insert the records and their events, in the caller's transaction."""
    now = datetime.now(UTC)
    session.execute(TrainingRecord.__table__.insert(),
                    [{**vars(record), "created_at": now} for record, _, _ in valid])
    emit_many(session, [("personnel.training.recorded", record.id, training_event(record, emp, prog), 1)
                        for record, emp, prog in valid])
    return len(valid)
