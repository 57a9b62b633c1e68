"""Importing training records from CSV or XLSX: employees named by NIP, each row checked as recording one is.

In update mode a row that matches a stored record (by programme and certificate number, else by
employee, programme and dates) changes that record instead of being refused as a duplicate.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from types import SimpleNamespace

from marshmallow import Schema, ValidationError, fields, validate
from sqlalchemy import select, tuple_
from sqlalchemy.orm import Session

from services.personnel.db.models import Employee, TrainingProgramme, TrainingRecord
from services.personnel.domain.competence import MAX_JP_PER_RECORD, LeadershipWindow
from services.personnel.domain.dates import local_date
from services.personnel.domain.errors import FieldError
from services.personnel.domain.nip import normalize_nip
from services.personnel.domain.training import TRAINING_STATUSES, check_training_dates, same_training
from services.personnel.events import emit_many, training_payload
from services.personnel.workflow import access
from services.personnel.workflow.imports import cells
from services.personnel.workflow.imports.chunks import in_chunks
from services.personnel.workflow.imports.csv_file import CsvRow, RowError
from services.personnel.workflow.imports.runner import Batch, run_import
from services.personnel.workflow.imports.table import Columns
from services.personnel.workflow.leadership import announce_new_facts
from services.personnel.workflow.training import update_record
from shared.db import new_id
from shared.principal import Principal

COLUMNS = Columns(
    names=("nip", "programme_code", "start_date", "end_date", "jp", "status", "certificate_number"),
    required=("nip", "programme_code", "start_date", "end_date"),
    aliases={"kode_program": "programme_code", "kode_pelatihan": "programme_code", "program": "programme_code",
             "kode_diklat": "programme_code", "tanggal_mulai": "start_date", "tgl_mulai": "start_date",
             "mulai": "start_date", "tanggal_selesai": "end_date", "tgl_selesai": "end_date", "selesai": "end_date",
             "jam_pelajaran": "jp", "nomor_sertifikat": "certificate_number", "no_sertifikat": "certificate_number",
             "sertifikat": "certificate_number"})
CHANGEABLE = ("start_date", "end_date", "jp", "status", "certificate_number")


class TrainingRowSchema(Schema):
    """One row: as a training record, but the employee is named by NIP and JP arrives as text."""

    nip = fields.String(required=True)  # its rules are the domain's (normalize_nip), with its messages
    programme_code = fields.String(required=True)
    start_date = cells.CellDate(required=True)
    end_date = cells.CellDate(required=True)
    jp = fields.Integer(validate=validate.Range(min=1, max=MAX_JP_PER_RECORD))
    status = cells.CellChoice(cells.TRAINING_STATUSES, load_default="completed",
                              validate=validate.OneOf(TRAINING_STATUSES))
    certificate_number = fields.String(validate=validate.Length(max=100))


def import_training_records(session: Session, principal: Principal, now: datetime, raw: bytes,
                            dry_run: bool, *, update: bool = False, window: LeadershipWindow) -> dict:
    """Record (or, updating, change) every training of the file (an operator: only for their own staff)."""
    return run_import(session, principal, now, raw, dry_run, update=update, columns=COLUMNS,
                      check_rows=check_rows, write=write, window=window)


@dataclass
class _Seen:
    """What the database and the rows checked so far hold: by the line that has it (int), or the record's id."""

    certificates: dict[tuple[str, str], int | str]
    trainings: dict[tuple, int | str]


def check_rows(session: Session, principal: Principal, now: datetime, rows: list[CsvRow], update: bool) -> Batch:
    """Validate every row against employees, programmes, certificates and trainings loaded once for the file."""
    schema, batch, parsed = TrainingRowSchema(), Batch(), []
    for row in rows:
        if row.extra_cells:
            batch.errors.append(RowError(row.line, "_row", "The row has more cells than the header has columns.",
                                         "Baris ini berisi lebih banyak sel daripada kolom judul."))
            continue
        try:
            data = schema.load(row.values)
            parsed.append((row, {**data, "nip": normalize_nip(data["nip"])}))
            batch.keys[row.line] = parsed[-1][1]["nip"]
        except ValidationError as exc:
            batch.errors.extend(RowError(row.line, k, " ".join(map(str, v)), cells.indonesian(" ".join(map(str, v))))
                                for k, v in exc.messages.items())
        except FieldError as exc:
            batch.errors.append(RowError(row.line, exc.field, exc.message, exc.indonesian))
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
    stored = _stored_records(session, [v for v in (*seen.certificates.values(), *seen.trainings.values())
                                       if isinstance(v, str)])
    today = local_date(now)
    for row, data in parsed:
        result = _check_row(row.line, data, employees, programmes, seen, principal, today, update)
        if isinstance(result, RowError):
            batch.errors.append(result)
        elif isinstance(result, str):  # a stored record this row updates
            _compare(batch, row, data, stored[result])
        else:
            batch.new.append((row.line, result))
    return batch


def _stored_records(session: Session, ids: list[str]) -> dict[str, TrainingRecord]:
    found = {}
    for chunk in in_chunks(ids):
        found.update((r.id, r) for r in session.execute(select(TrainingRecord).where(TrainingRecord.id.in_(chunk)))
                     .scalars())
    return found


def _compare(batch: Batch, row: CsvRow, data: dict, record: TrainingRecord) -> None:
    if record.revoked_at is not None:
        batch.errors.append(RowError(row.line, "_row", f"Record {record.id} is revoked; a revoked record cannot "
                                                       "be changed.",
                                     "Catatan pelatihan ini sudah dicabut dan tidak dapat diubah."))
        return
    diff = {name: (getattr(record, name), data[name]) for name in CHANGEABLE
            if name in row.values and getattr(record, name) != data[name]}
    if diff:
        batch.changed.append((row.line, record.id, diff, data))
    else:
        batch.unchanged.append(row.line)


def _recorded_certificates(session: Session, pairs: list[tuple[str, str]]) -> dict[tuple[str, str], str]:
    """Certificate numbers already recorded, by (programme id, number), with the record's id."""
    taken = {}
    for chunk in in_chunks(pairs):
        query = select(TrainingRecord.programme_id, TrainingRecord.certificate_number, TrainingRecord.id).where(
            tuple_(TrainingRecord.programme_id, TrainingRecord.certificate_number).in_(chunk))
        taken.update(((row.programme_id, row.certificate_number), row.id) for row in session.execute(query))
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


def _check_row(line, data, employees, programmes, seen: _Seen, principal: Principal, today, update: bool):
    """A RowError; the id of the stored record the row updates (update mode); or the new record's values."""
    employee = employees.get(data["nip"])
    if employee is None or not access.may_write(principal, employee.department_code):
        return RowError(line, "nip", *access.no_employee_of_yours(data["nip"]))
    programme = programmes.get(data["programme_code"])
    if programme is None:
        return RowError(line, "programme_code", f"No programme has the code {data['programme_code']!r}.",
                        f"Tidak ada program pelatihan dengan kode {data['programme_code']}.")
    try:
        check_training_dates(data["status"], data["start_date"], data["end_date"], today)
    except FieldError as exc:
        return RowError(line, exc.field, exc.message, exc.indonesian)
    certificate = data.get("certificate_number")
    key = same_training(employee.id, programme.id, data["start_date"], data["end_date"])
    by_certificate = seen.certificates.get((programme.id, certificate)) if certificate else None
    earlier = seen.trainings.get(key)
    if isinstance(by_certificate, int):
        return RowError(line, "certificate_number", f"Certificate {certificate} for {programme.code} is also on "
                                                    f"line {by_certificate}.",
                        f"Sertifikat {certificate} untuk {programme.code} juga ada di baris {by_certificate}.")
    if by_certificate and not update:
        return RowError(line, "certificate_number", f"Certificate {certificate} for {programme.code} is already "
                                                    f"recorded (record {by_certificate}).",
                        f"Sertifikat {certificate} untuk {programme.code} sudah tercatat.")
    if isinstance(earlier, int):
        return RowError(line, "_row", f"The same training (employee, programme and dates) is also on line {earlier}.",
                        f"Pelatihan yang sama (pegawai, program dan tanggal) juga ada di baris {earlier}.")
    if earlier and not update:
        return RowError(line, "_row", f"The same training (employee, programme and dates) is already recorded "
                                      f"as {earlier}.",
                        "Pelatihan yang sama (pegawai, program dan tanggal) sudah tercatat; centang "
                        "\"perbarui data yang sudah ada\" untuk mengubahnya.")
    stored = by_certificate or earlier
    if stored:  # update mode: the row changes the stored record
        seen.trainings[key] = line
        return stored
    if certificate:
        seen.certificates[(programme.id, certificate)] = line
    seen.trainings[key] = line
    record = SimpleNamespace(id=new_id(), employee_id=employee.id, programme_id=programme.id,
                             start_date=data["start_date"], end_date=data["end_date"],
                             jp=data.get("jp", programme.jp), status=data["status"], certificate_number=certificate,
                             source="csv", revoked_at=None, revoke_reason=None, version=1)
    return record, employee, programme


def write(session: Session, principal: Principal, now: datetime, batch: Batch, window: LeadershipWindow) -> int:
    """Insert the new records and apply the changes, with their events, in the caller's transaction."""
    valid = [values for _, values in batch.new]
    if valid:
        session.execute(TrainingRecord.__table__.insert(),
                        [{**vars(record), "created_at": now} for record, _, _ in valid])
        emit_many(session, [("personnel.training.recorded", record.id, training_payload(record, emp, prog), 1)
                            for record, emp, prog in valid])
        announce_new_facts(session, [emp.id for record, emp, prog in valid
                                     if prog.leadership_level and record.status == "completed"], window)
    for _, record_id, diff, _ in batch.changed:
        update_record(session, principal, now, record_id, {name: new for name, (_, new) in diff.items()},
                      window=window)
    return len(valid) + len(batch.changed)
