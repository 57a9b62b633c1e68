"""Importing training records from CSV: employees named by NIP, each row checked as recording one is checked."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from types import SimpleNamespace

from marshmallow import Schema, ValidationError, fields, validate
from sqlalchemy import select, tuple_
from sqlalchemy.orm import Session

from services.personnel.db.models import Employee, TrainingProgramme, TrainingRecord
from services.personnel.domain.competence import MAX_JP_PER_RECORD
from services.personnel.domain.dates import local_date
from services.personnel.domain.errors import FieldError
from services.personnel.domain.nip import normalize_nip
from services.personnel.domain.training import TRAINING_STATUSES, check_training_dates, same_training
from services.personnel.events import emit_many, training_payload
from services.personnel.workflow import access
from services.personnel.workflow.imports.chunks import in_chunks
from services.personnel.workflow.imports.csv_file import CsvRow, RowError
from services.personnel.workflow.imports.runner import Batch, run_import
from shared.db import new_id
from shared.principal import Principal

COLUMNS = ("nip", "programme_code", "start_date", "end_date", "jp", "status", "certificate_number")
REQUIRED = ("nip", "programme_code", "start_date", "end_date")


class TrainingRowSchema(Schema):
    """One row: as a training record, but the employee is named by NIP and JP arrives as text."""

    nip = fields.String(required=True)  # its rules are the domain's (normalize_nip), with its messages
    programme_code = fields.String(required=True)
    start_date = fields.Date(required=True)
    end_date = fields.Date(required=True)
    jp = fields.Integer(validate=validate.Range(min=1, max=MAX_JP_PER_RECORD))
    status = fields.String(load_default="completed", validate=validate.OneOf(TRAINING_STATUSES))
    certificate_number = fields.String(validate=validate.Length(max=100))


def import_training_records(session: Session, principal: Principal, now: datetime, raw: bytes,
                            dry_run: bool) -> dict:
    """Record every training of the file (an operator: only for their own department's staff), or report why not."""
    return run_import(session, principal, now, raw, dry_run, columns=COLUMNS, required=REQUIRED,
                      check_rows=check_rows, write=write)


@dataclass
class _Seen:
    """What the database and the rows checked so far hold: by the line that has it, or 0 / the record's id."""

    certificates: dict[tuple[str, str], int]
    trainings: dict[tuple, int | str]


def check_rows(session: Session, principal: Principal, now: datetime, rows: list[CsvRow]) -> Batch:
    """Validate every row against employees, programmes, certificates and trainings loaded once for the file."""
    schema, batch, parsed = TrainingRowSchema(), Batch(), []
    for row in rows:
        if row.extra_cells:
            batch.errors.append(RowError(row.line, "_row", "The row has more cells than the header has columns."))
            continue
        try:
            data = schema.load(row.values)
            parsed.append((row.line, {**data, "nip": normalize_nip(data["nip"])}))
        except ValidationError as exc:
            batch.errors.extend(RowError(row.line, k, " ".join(map(str, v))) for k, v in exc.messages.items())
        except FieldError as exc:
            batch.errors.append(RowError(row.line, exc.field, exc.message))
    employees = {}
    columns = (Employee.id, Employee.nip, Employee.department_code, Employee.employee_type, Employee.position_type)
    for chunk in in_chunks([data["nip"] for _, data in parsed]):
        employees.update((e.nip, e) for e in session.execute(select(*columns).where(Employee.nip.in_(chunk))))
    programmes = {p.code: p for p in session.execute(select(TrainingProgramme)).scalars()}
    known = [(employees[d["nip"]], programmes[d["programme_code"]], d) for _, d in parsed
             if d["nip"] in employees and d["programme_code"] in programmes]
    seen = _Seen(
        _recorded_certificates(session, [(p.id, d["certificate_number"]) for _, p, d in known
                                         if d.get("certificate_number")]),
        _recorded_trainings(session, [same_training(e.id, p.id, d["start_date"], d["end_date"])
                                      for e, p, d in known]))
    today = local_date(now)
    for line, data in parsed:
        result = _check_row(line, data, employees, programmes, seen, principal, today)
        if isinstance(result, RowError):
            batch.errors.append(result)
        else:
            batch.valid.append(result)
    return batch


def _recorded_certificates(session: Session, pairs: list[tuple[str, str]]) -> dict[tuple[str, str], int]:
    """Certificate numbers already recorded, by (programme id, number); the value 0 means "in the database"."""
    taken = {}
    for chunk in in_chunks(pairs):
        query = select(TrainingRecord.programme_id, TrainingRecord.certificate_number).where(
            tuple_(TrainingRecord.programme_id, TrainingRecord.certificate_number).in_(chunk))
        taken.update((tuple(row), 0) for row in session.execute(query))
    return taken


def _recorded_trainings(session: Session, keys: list[tuple]) -> dict[tuple, str]:
    """The trainings already recorded and not revoked, by same_training(...), with the record's id."""
    recorded = {}
    for chunk in in_chunks(keys, size=2_000):  # four parameters per key
        columns = (TrainingRecord.employee_id, TrainingRecord.programme_id, TrainingRecord.start_date,
                   TrainingRecord.end_date)
        query = (select(*columns, TrainingRecord.id)
                 .where(tuple_(*columns).in_(chunk), TrainingRecord.revoked_at.is_(None))
                 .order_by(TrainingRecord.created_at.desc(), TrainingRecord.id.desc()))
        recorded.update((same_training(*row[:4]), row.id) for row in session.execute(query))
    return recorded


def _check_row(line, data, employees, programmes, seen: _Seen, principal: Principal, today):
    employee = employees.get(data["nip"])
    if employee is None:
        return RowError(line, "nip", f"No employee has NIP {data['nip']}.")
    if not access.may_write(principal, employee.department_code):
        return RowError(line, "nip", f"The employee belongs to department {employee.department_code!r}, "
                                     "whose records you may not write.")
    programme = programmes.get(data["programme_code"])
    if programme is None:
        return RowError(line, "programme_code", f"No programme has the code {data['programme_code']!r}.")
    try:
        check_training_dates(data["status"], data["start_date"], data["end_date"], today)
    except FieldError as exc:
        return RowError(line, exc.field, exc.message)
    certificate = data.get("certificate_number")
    if certificate and (programme.id, certificate) in seen.certificates:
        earlier = seen.certificates[(programme.id, certificate)]
        where = f"also on line {earlier}" if earlier else "already recorded"
        return RowError(line, "certificate_number", f"Certificate {certificate} for {programme.code} is {where}.")
    key = same_training(employee.id, programme.id, data["start_date"], data["end_date"])
    if key in seen.trainings:
        earlier = seen.trainings[key]
        where = f"also on line {earlier}" if isinstance(earlier, int) else f"already recorded as {earlier}"
        return RowError(line, "_row", f"The same training (employee, programme and dates) is {where}.")
    if certificate:
        seen.certificates[(programme.id, certificate)] = line
    seen.trainings[key] = line
    record = SimpleNamespace(id=new_id(), employee_id=employee.id, programme_id=programme.id,
                             start_date=data["start_date"], end_date=data["end_date"],
                             jp=data.get("jp", programme.jp), status=data["status"], certificate_number=certificate,
                             source="csv", revoked_at=None, revoke_reason=None, version=1)
    return record, employee, programme


def write(session: Session, now: datetime, valid: list[tuple]) -> int:
    """Insert the records and their events, in the caller's transaction."""
    session.execute(TrainingRecord.__table__.insert(),
                    [{**vars(record), "created_at": now} for record, _, _ in valid])
    emit_many(session, [("personnel.training.recorded", record.id, training_payload(record, emp, prog), 1)
                        for record, emp, prog in valid])
    return len(valid)

