"""Importing employees from CSV or XLSX: every row checked as registering (or, in update mode, correcting) one
employee checks it, then all written at once.

In update mode a row whose NIP is registered changes that employee: the cells given are compared
with the stored values; a new position (type or TMT) is an appointment, a new status a change of
status, the rest corrections, each through its own use case and event.
"""
from __future__ import annotations

from datetime import datetime
from types import SimpleNamespace

from marshmallow import Schema, ValidationError, fields, validate
from sqlalchemy import select
from sqlalchemy.orm import Session

from services.personnel.db.models import Appointment, Department, Employee, RankChange
from services.personnel.domain.appointments import APPOINTABLE_STATUSES, check_appointment_date
from services.personnel.domain.competence import LeadershipWindow, leadership_facts
from services.personnel.domain.dates import local_date
from services.personnel.domain.employees import (
    EDUCATION_LEVELS,
    EMPLOYEE_STATUSES,
    STATUSES_NEEDING_DECREE,
    normalize_identity,
)
from services.personnel.domain.errors import FieldError
from services.personnel.domain.positions import EmployeeType, PositionType
from services.personnel.events import emit_many, employee_payload
from services.personnel.workflow import access
from services.personnel.workflow.appointments import appoint
from services.personnel.workflow.employees import first_appointment, update_employee
from services.personnel.workflow.imports import cells
from services.personnel.workflow.imports.chunks import in_chunks
from services.personnel.workflow.imports.csv_file import CsvRow, RowError
from services.personnel.workflow.imports.runner import Batch, run_import
from services.personnel.workflow.imports.table import Columns
from shared.db import new_id
from shared.principal import Principal

COLUMNS = Columns(
    names=("nip", "name", "employee_type", "department_code", "birth_date", "gender", "rank", "position_title",
           "position_type", "tmt_jabatan", "education", "status"),
    required=("nip", "name", "employee_type", "department_code"),
    aliases={"nama": "name", "nama_lengkap": "name", "nama_pegawai": "name", "jenis": "employee_type",
             "jenis_pegawai": "employee_type", "jenis_asn": "employee_type", "kode_opd": "department_code",
             "opd": "department_code", "kode_perangkat_daerah": "department_code", "tanggal_lahir": "birth_date",
             "tgl_lahir": "birth_date", "jenis_kelamin": "gender", "jk": "gender", "pangkat": "rank",
             "golongan": "rank", "pangkat_golongan": "rank", "gol": "rank", "jabatan": "position_title",
             "nama_jabatan": "position_title", "jenis_jabatan": "position_type", "tmt": "tmt_jabatan",
             "pendidikan": "education", "pendidikan_terakhir": "education", "status_pegawai": "status"})
POSITION = ("position_title", "position_type", "tmt_jabatan")
COMPARED = ("name", "employee_type", "department_code", "birth_date", "gender", "rank", "education", "status",
            *POSITION)


class EmployeeRowSchema(Schema):
    """One row: the cells as text, read into the values registering an employee takes."""

    nip = fields.String(required=True)  # its rules are the domain's (normalize_identity), with its messages
    name = fields.String(required=True, validate=validate.Length(min=2, max=200))
    employee_type = cells.CellChoice(cells.EMPLOYEE_TYPES, required=True,
                                     validate=validate.OneOf([t.value for t in EmployeeType]))
    department_code = fields.String(required=True)
    birth_date = cells.CellDate()
    gender = cells.CellChoice(cells.GENDERS, validate=validate.OneOf(("male", "female")))
    rank = fields.String()
    position_title = fields.String(validate=validate.Length(max=200))
    position_type = cells.CellChoice({p.value: p.value for p in PositionType}, validate=validate.OneOf([p.value for p in PositionType]))
    tmt_jabatan = cells.CellDate()
    education = cells.CellChoice({level: level for level in EDUCATION_LEVELS}, validate=validate.OneOf(EDUCATION_LEVELS))
    status = cells.CellChoice(cells.EMPLOYEE_STATUSES, load_default="active", validate=validate.OneOf(EMPLOYEE_STATUSES))


def import_employees(session: Session, principal: Principal, now: datetime, raw: bytes, dry_run: bool, *,
                     update: bool = False, window: LeadershipWindow) -> dict:
    """Register (or, updating, correct) every employee of the file (an operator: only their own department's)."""
    return run_import(session, principal, now, raw, dry_run, update=update, columns=COLUMNS,
                      check_rows=check_rows, write=write, window=window)


def check_rows(session: Session, principal: Principal, now: datetime, rows: list[CsvRow], update: bool) -> Batch:
    """Validate every row; lookups are loaded once for the whole file, not per row."""
    schema = EmployeeRowSchema()
    active = set(session.execute(select(Department.code).where(Department.status == "active")).scalars())
    batch, first_line_of, candidates = Batch(), {}, []
    for row in rows:
        checked = _check_row(schema, row, active, principal, first_line_of)
        if isinstance(checked, dict):
            candidates.append((row, checked))
            batch.keys[row.line] = checked["nip"]
        else:
            batch.errors.extend(checked)
    existing = {}
    for chunk in in_chunks([data["nip"] for _, data in candidates]):
        existing.update((e.nip, e) for e in session.execute(select(Employee).where(Employee.nip.in_(chunk))).scalars())
    today = local_date(now)
    for row, data in candidates:
        stored = existing.get(data["nip"])
        if stored is None:
            batch.new.append((row.line, data))
        elif not access.may_write(principal, stored.department_code):
            # Not which department: an operator's dry run must not map the city's NIPs to departments.
            batch.errors.append(RowError(
                row.line, "nip", f"NIP {data['nip']} cannot be imported by your department; ask BKPSDM.",
                "NIP ini tidak dapat diimpor oleh perangkat daerah Anda; hubungi BKPSDM."))
        elif not update:
            batch.errors.append(RowError(
                row.line, "nip", f"An employee with NIP {data['nip']} already exists; import with update=true "
                                 "to change them.",
                "Pegawai dengan NIP ini sudah terdaftar; centang \"perbarui data yang sudah ada\" untuk mengubahnya."))
        else:
            _compare(batch, row, data, stored, principal, today)
    return batch


def _compare(batch: Batch, row: CsvRow, data: dict, stored: Employee, principal: Principal, today) -> None:
    given = set(row.values) | ({"birth_date", "gender"} & set(data))
    diff = {name: (getattr(stored, name), data[name]) for name in COMPARED
            if name in given and getattr(stored, name) != data[name]}
    try:
        if {"position_type", "tmt_jabatan"} & diff.keys():
            _check_new_position(data, stored, today)
        if "status" in diff and data["status"] in STATUSES_NEEDING_DECREE:
            raise FieldError("status", f"A change of status to {data['status']} needs a reason and an SK number: "
                                       "record it on the employee's page.",
                             "Pensiun atau pemberhentian dicatat di halaman pegawai (perlu alasan dan nomor SK).")
    except FieldError as exc:
        batch.errors.append(RowError(row.line, exc.field, exc.message, exc.indonesian))
        return
    if diff:
        batch.changed.append((row.line, stored.id, diff, data))
    else:
        batch.unchanged.append(row.line)


def _check_new_position(data: dict, stored: Employee, today) -> None:
    missing = [name for name in POSITION if not data.get(name)]
    if missing:
        raise FieldError(missing[0], "A new position needs position_title, position_type and tmt_jabatan.",
                         "Jabatan baru memerlukan nama jabatan, jenis jabatan dan TMT jabatan.")
    if stored.status not in APPOINTABLE_STATUSES:
        raise FieldError("status", f"The employee's status is {stored.status!r}; they cannot be appointed.",
                         "Pegawai yang tidak aktif tidak dapat diangkat ke jabatan.")
    check_appointment_date(data["tmt_jabatan"], stored.tmt_jabatan, today)


def _check_row(schema, row: CsvRow, active: set[str], principal: Principal,
               first_line_of: dict) -> dict | list[RowError]:
    if row.extra_cells:
        return [RowError(row.line, "_row", "The row has more cells than the header has columns.",
                         "Baris ini berisi lebih banyak sel daripada kolom judul.")]
    try:
        data = normalize_identity(schema.load(row.values))
    except ValidationError as exc:
        return [RowError(row.line, name, " ".join(map(str, msgs)), cells.indonesian(" ".join(map(str, msgs))))
                for name, msgs in exc.messages.items()]
    except FieldError as exc:
        return [RowError(row.line, exc.field, exc.message, exc.indonesian)]
    code = data["department_code"]
    if code not in active:
        return [RowError(row.line, "department_code", f"No active department has the code {code!r}.",
                         f"Tidak ada perangkat daerah aktif dengan kode {code}.")]
    if not access.may_write(principal, code):
        return [RowError(row.line, "department_code", f"You may not write employees of department {code!r}.",
                         f"Anda tidak berwenang mengisi pegawai perangkat daerah {code}.")]
    if data["nip"] in first_line_of:
        line = first_line_of[data["nip"]]
        return [RowError(row.line, "nip", f"NIP {data['nip']} is also on line {line}.",
                         f"NIP ini juga ada di baris {line}.")]
    first_line_of[data["nip"]] = row.line
    return data


def write(session: Session, principal: Principal, now: datetime, batch: Batch, window: LeadershipWindow) -> int:
    """Insert the new employees (with their first appointments and events) and apply the changes, in the
    caller's transaction."""
    _insert(session, now, [data for _, data in batch.new], window)
    for _, employee_id, diff, data in batch.changed:
        _change(session, principal, now, employee_id, diff, data, window)
    return len(batch.new) + len(batch.changed)


def _insert(session: Session, now: datetime, valid: list[dict], window: LeadershipWindow) -> None:
    if not valid:
        return
    blank = dict.fromkeys(c.key for c in Employee.__table__.columns)
    rows = [{**blank, **data, "id": new_id(), "is_head": False, "version": 1, "created_at": now} for data in valid]
    session.execute(Employee.__table__.insert(), rows)
    employees = [SimpleNamespace(**row) for row in rows]
    appointments = [{**a, "id": new_id(), "decree_number": None, "decree_date": None, "head_of_unit": False,
                     "ended_on": None, "created_at": now}
                    for a in map(first_appointment, employees) if a is not None]
    if appointments:
        session.execute(Appointment.__table__.insert(), appointments)
    ranks = [{"id": new_id(), "employee_id": e.id, "rank": e.rank, "decree_number": None, "created_at": now}
             for e in employees if e.rank]
    if ranks:
        session.execute(RankChange.__table__.insert(), ranks)
    emit_many(session, [("personnel.employee.registered", emp.id,
                         employee_payload(emp, leadership_facts(emp.position_type, emp.tmt_jabatan, [], window)), 1)
                        for emp in employees])


def _change(session: Session, principal: Principal, now: datetime, employee_id: str, diff: dict, data: dict,
            window: LeadershipWindow) -> None:
    appointed = bool({"position_type", "tmt_jabatan"} & diff.keys())
    if appointed:  # the appointment sets the position and the department
        appoint(session, principal, now, employee_id,
                {**{name: data[name] for name in POSITION}, "department_code": data["department_code"]},
                window=window)
    moved_by_appointment = (*POSITION, "department_code") if appointed else ()
    corrections = {name: new for name, (_, new) in diff.items() if name not in moved_by_appointment}
    if corrections:
        update_employee(session, principal, now, employee_id, corrections, window=window)
