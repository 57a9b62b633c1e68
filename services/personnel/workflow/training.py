"""Training records (JP hours), the source of the competence figures: record, change, revoke, list.

Recording is one use case for every door: the API, the CSV import (workflow/imports) and the
completions other city systems send (handlers.py). `source` only labels where a record came from.
"""
from __future__ import annotations

from datetime import datetime
from types import SimpleNamespace

from sqlalchemy import Select, extract, func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from services.personnel.db.models import Employee, TrainingProgramme, TrainingRecord
from services.personnel.domain.competence import LeadershipWindow
from services.personnel.domain.dates import local_date
from services.personnel.domain.nip import normalize_nip
from services.personnel.domain.training import check_training_dates
from services.personnel.events import emit, training_payload
from services.personnel.workflow import access
from services.personnel.workflow.leadership import announce_new_facts
from services.personnel.workflow.lookups import employee_and_programme, named_programme
from services.personnel.workflow.rules import checked
from shared.db import new_id
from shared.errors import Conflict, Invalid, NotFound
from shared.principal import Principal


def record_view(record: TrainingRecord, employee, programme) -> dict:
    """A record as the API and pages show it (not personal data: every staff role reads it, as reporting does)."""
    return {**{c: getattr(record, c) for c in ("id", "employee_id", "start_date", "end_date", "jp", "status",
                                               "certificate_number", "version")},
            "programme_code": programme.code, "department_code": employee.department_code,
            "revoked": record.revoked_at is not None}


def _certificate_holder(session: Session, programme_id: str, number: str | None,
                       except_id: str | None = None) -> str | None:
    """The record that already carries this certificate number for this programme, if any."""
    if not number:
        return None
    query = select(TrainingRecord.id).where(TrainingRecord.programme_id == programme_id,
                                            TrainingRecord.certificate_number == number)
    if except_id:
        query = query.where(TrainingRecord.id != except_id)
    return session.execute(query).scalar()


def _same_training_query(employee_id: str, programme_id: str, start, end, except_id: str | None = None) -> Select:
    """Records of the same training (docs/domain.md, 'Training records'); revoked ones no longer count."""
    query = select(TrainingRecord.id).where(
        TrainingRecord.employee_id == employee_id, TrainingRecord.programme_id == programme_id,
        TrainingRecord.start_date == start, TrainingRecord.end_date == end, TrainingRecord.revoked_at.is_(None))
    if except_id:
        query = query.where(TrainingRecord.id != except_id)
    return query.order_by(TrainingRecord.created_at, TrainingRecord.id)


CERTIFICATE_TAKEN = "This certificate number is already recorded for this programme."


def _check(session: Session, record: TrainingRecord, now: datetime) -> None:
    with checked():
        check_training_dates(record.status, record.start_date, record.end_date, local_date(now))
    with session.no_autoflush:  # a changed record is checked before the database sees it
        _check_unique(session, record)


def _check_unique(session: Session, record: TrainingRecord) -> None:
    if _certificate_holder(session, record.programme_id, record.certificate_number, record.id):
        raise Conflict(CERTIFICATE_TAKEN)
    existing = session.execute(_same_training_query(record.employee_id, record.programme_id, record.start_date,
                                                   record.end_date, record.id)).scalar()
    if existing:
        raise _same_training(existing, record)


def _same_training(existing: str, record) -> Conflict:
    return Conflict(f"This training is already recorded: record {existing} has the same employee, programme "
                    "and dates. Change or revoke that one instead.",
                    indonesian=f"Pelatihan ini sudah tercatat untuk pegawai ini dengan program dan tanggal yang "
                               f"sama (catatan {existing}, {record.start_date:%d/%m/%Y}–{record.end_date:%d/%m/%Y}).")


def _refusal(session: Session, record) -> Conflict:
    """Why the database refused a new record: the same standing training, or the certificate number taken
    (both unique indexes; the INSERT waited for any concurrent one to commit, so this SELECT sees it)."""
    existing = session.execute(_same_training_query(record.employee_id, record.programme_id, record.start_date,
                                                   record.end_date)).scalar()
    return _same_training(existing, record) if existing else Conflict(CERTIFICATE_TAKEN)


def _leadership_moved(session: Session, programme, employee_id: str, window: LeadershipWindow) -> None:
    # A leadership training moves the employee's published leadership facts: a new version of them.
    if programme.leadership_level:
        announce_new_facts(session, [employee_id], window)


def record_training(session: Session, principal: Principal, now: datetime, data: dict,
                    source: str = "api", *, window: LeadershipWindow) -> dict:
    """Store one training record and announce it (`personnel.training.recorded`).

    The hot write path (bench/http.py): two statements, the lookup, then the record and its outbox
    row together. The INSERT does nothing when a unique index refuses it (the same standing
    training, or the certificate number), and only then does a SELECT say which.
    """
    employee, programme = employee_and_programme(session, data["employee_id"], data["programme_code"])
    access.ensure_writes(principal, employee.department_code)
    programme = programme or named_programme(session, data["programme_code"])  # its 422 when there is none
    record = SimpleNamespace(
        id=new_id(), employee_id=employee.id, programme_id=programme.id, start_date=data["start_date"],
        end_date=data["end_date"], jp=programme.jp if data.get("jp") is None else data["jp"],
        status=data.get("status") or "completed", certificate_number=data.get("certificate_number"),
        source=source, version=1, created_at=now, revoked_at=None)
    with checked():
        check_training_dates(record.status, record.start_date, record.end_date, local_date(now))
    if not emit.with_row(session, TrainingRecord.__table__, vars(record), "personnel.training.recorded", record.id,
                         training_payload(record, employee, programme), record.version):
        raise _refusal(session, record)
    _leadership_moved(session, programme, employee.id, window)
    return record_view(record, employee, programme)


def _is_certificate_clash(exc: IntegrityError) -> bool:
    """Whether a write broke uq_certificate_per_programme (PostgreSQL names it; SQLite names the columns)."""
    diag = getattr(exc.orig, "diag", None)
    if diag is not None and getattr(diag, "constraint_name", None):
        return diag.constraint_name == "uq_certificate_per_programme"
    return "certificate_number" in str(exc.orig)


def record_completion(session: Session, principal: Principal, now: datetime, completion: dict,
                      source: str = "inbound", *, window: LeadershipWindow) -> dict:
    """A completion another city system reports, naming the employee by NIP: recorded as completed training."""
    with checked():
        nip = normalize_nip(completion["nip"])
    employee = session.execute(select(Employee.id, Employee.department_code)
                               .where(Employee.nip == nip)).one_or_none()
    if employee is None or not access.may_write(principal, employee.department_code):
        raise Invalid("nip", access.no_employee_of_yours(nip)[0])
    employee_id = employee.id
    record = {key: completion.get(key) for key in ("programme_code", "start_date", "end_date", "jp",
                                                   "certificate_number")}
    return record_training(session, principal, now, {**record, "employee_id": employee_id, "status": "completed"},
                           source=source, window=window)


def _load(session: Session, record_id: str, for_update: bool = False):
    # A change locks the row, so that two concurrent changes get versions (event sequences) one apart.
    record = session.get(TrainingRecord, record_id, with_for_update=for_update)
    if record is None:
        raise NotFound("Training record not found.", indonesian="Catatan pelatihan tidak ditemukan.")
    return record, session.get(Employee, record.employee_id), session.get(TrainingProgramme, record.programme_id)


def update_record(session: Session, principal: Principal, now: datetime, record_id: str, changes: dict, *,
                  window: LeadershipWindow) -> dict:
    """Correct a record, checked like a new one; nothing changed, nothing announced."""
    record, employee, programme = _load(session, record_id, for_update=True)
    access.ensure_writes(principal, employee.department_code)
    if record.revoked_at is not None:
        raise Conflict("A revoked record cannot be changed.", allowed=[])
    changed = {key for key, value in changes.items() if getattr(record, key) != value}
    if not changed:
        return record_view(record, employee, programme)
    wanted = SimpleNamespace(**{key: changes.get(key, getattr(record, key))
                                for key in ("employee_id", "programme_id", "start_date", "end_date")})
    try:
        # A savepoint around the change: a concurrent write may take the certificate or the same training
        # after _check; the unique index then refuses, and the transaction can still name that record.
        with session.begin_nested():
            for key in changed:
                setattr(record, key, changes[key])
            _check(session, record, now)
            record.version += 1
    except IntegrityError as exc:
        if _is_certificate_clash(exc):
            raise Conflict(CERTIFICATE_TAKEN) from None
        existing = session.execute(_same_training_query(*vars(wanted).values(), except_id=record_id)).scalar()
        raise _same_training(existing, wanted) from None
    emit(session, "personnel.training.updated", record.id, training_payload(record, employee, programme),
         record.version)
    _leadership_moved(session, programme, employee.id, window)
    return record_view(record, employee, programme)


def revoke_record(session: Session, principal: Principal, now: datetime, record_id: str, reason: str, *,
                  window: LeadershipWindow) -> dict:
    """Revoke a record: it stops counting towards JP, and is announced as revoked."""
    record, employee, programme = _load(session, record_id, for_update=True)
    access.ensure_writes(principal, employee.department_code)
    if record.revoked_at is not None:
        raise Conflict("This record is already revoked.", allowed=[])
    record.revoked_at, record.revoke_reason = now, reason
    record.version += 1
    emit(session, "personnel.training.revoked", record.id, training_payload(record, employee, programme),
         record.version)
    _leadership_moved(session, programme, employee.id, window)
    return record_view(record, employee, programme)


def training_record(session: Session, principal: Principal, record_id: str) -> dict:
    access.ensure_staff(principal)
    return record_view(*_load(session, record_id))


def list_records(session: Session, principal: Principal, filters: dict) -> dict:
    """A page of records, by department, employee or the year they ended."""
    access.ensure_staff(principal)
    query = (select(TrainingRecord, Employee, TrainingProgramme)
             .join(Employee, Employee.id == TrainingRecord.employee_id)
             .join(TrainingProgramme, TrainingProgramme.id == TrainingRecord.programme_id)
             .order_by(TrainingRecord.created_at, TrainingRecord.id))
    if "department_code" in filters:
        query = query.where(Employee.department_code == filters["department_code"])
    if "employee_id" in filters:
        query = query.where(TrainingRecord.employee_id == filters["employee_id"])
    if "year" in filters:
        query = query.where(extract("year", TrainingRecord.end_date) == filters["year"])
    page, size = filters.get("page", 1), filters.get("page_size", 50)
    total = session.execute(select(func.count()).select_from(query.order_by(None).subquery())).scalar_one()
    rows = session.execute(query.limit(size).offset((page - 1) * size)).all()
    return {"items": [record_view(*row) for row in rows], "page": page, "page_size": size, "total": total}
