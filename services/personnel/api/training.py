"""Training programmes and training records (JP hours): the source of the competence figures."""
from __future__ import annotations

from datetime import UTC, datetime

from flask.views import MethodView
from flask_smorest import Blueprint, abort
from sqlalchemy import extract, func, select

from services.personnel.api import idempotency
from services.personnel.api.common import abort_invalid
from services.personnel.api.schemas.training import (
    ProgrammePageSchema,
    ProgrammeSchema,
    RevokeSchema,
    TrainingQueryArgsSchema,
    TrainingRecordPageSchema,
    TrainingRecordSchema,
    TrainingRecordUpdateSchema,
)
from services.personnel.db.models import Employee, TrainingProgramme, TrainingRecord
from services.personnel.events import emit
from services.personnel.validation import InvalidField, check_training_dates
from shared.web.app_factory import service_context
from shared.web.auth import require_roles, require_write
from shared.web.pagination import PageArgsSchema, paginate
from shared.web.ratelimit import public_rate_limit

blp = Blueprint("training", __name__, url_prefix="/api/v1", description="Training programmes and records")


def training_event(record: TrainingRecord, employee: Employee, programme: TrainingProgramme) -> dict:
    return {
        "record_id": record.id, "employee_id": employee.id, "department_code": employee.department_code,
        "employee_type": employee.employee_type, "position_type": employee.position_type,
        "programme_code": programme.code, "kind": programme.kind,
        "leadership_level": programme.leadership_level, "jp": record.jp, "status": record.status,
        "start_date": record.start_date, "end_date": record.end_date, "year": record.end_date.year,
        "revoked": record.revoked_at is not None,
    }


def check_record(record: TrainingRecord) -> None:
    try:
        check_training_dates(record.status, record.start_date, record.end_date)
    except InvalidField as exc:
        abort_invalid(exc)


def certificate_taken(session, programme_id: str, number: str | None, except_id: str | None = None) -> bool:
    if not number:
        return False
    query = select(TrainingRecord.id).where(TrainingRecord.programme_id == programme_id,
                                            TrainingRecord.certificate_number == number)
    if except_id:
        query = query.where(TrainingRecord.id != except_id)
    return session.execute(query).first() is not None


def create_record(session, data: dict, source: str = "api") -> TrainingRecord:
    """Validate and store one training record with its event; used by the API, CSV import and inbound."""
    employee = session.get(Employee, data["employee_id"])
    if employee is None:
        abort(422, message="Unknown employee.", errors={"employee_id": ["No employee has this id."]})
    require_write(employee.department_code) if source == "api" else None
    programme = session.execute(
        select(TrainingProgramme).where(TrainingProgramme.code == data["programme_code"])).scalar_one_or_none()
    if programme is None:
        abort(422, message="Unknown training programme.", errors={"programme_code": ["No programme has this code."]})
    fields = {k: v for k, v in data.items() if k not in ("programme_code",)}
    record = TrainingRecord(**fields, programme_id=programme.id, source=source, version=1)
    if record.jp is None:
        record.jp = programme.jp
    check_record(record)
    if certificate_taken(session, programme.id, record.certificate_number):
        abort(409, message="This certificate number is already recorded for this programme.")
    session.add(record)
    session.flush()
    emit(session, "personnel.training.recorded", record.id, training_event(record, employee, programme),
         record.version)
    return record


def load_record(session, record_id: str, for_update: bool = False) -> tuple[TrainingRecord, Employee,
                                                                           TrainingProgramme]:
    # A change locks the row, so that two concurrent changes get versions (event sequences) one apart.
    record = session.get(TrainingRecord, record_id, with_for_update=for_update)
    if record is None:
        abort(404, message="Training record not found.")
    return record, session.get(Employee, record.employee_id), session.get(TrainingProgramme, record.programme_id)


def dump_record(record: TrainingRecord, employee: Employee, programme: TrainingProgramme) -> dict:
    return {**{c: getattr(record, c) for c in ("id", "employee_id", "start_date", "end_date", "jp", "status",
                                               "certificate_number", "version")},
            "programme_code": programme.code, "department_code": employee.department_code,
            "revoked": record.revoked_at is not None}


@blp.route("/training-programmes")
class Programmes(MethodView):
    @public_rate_limit
    @blp.arguments(PageArgsSchema, location="query")
    @blp.response(200, ProgrammePageSchema)
    def get(self, args):
        """List training programmes"""
        with service_context().db.sessions() as session:
            return paginate(session, select(TrainingProgramme).order_by(TrainingProgramme.code), args)

    @require_roles("admin")
    @blp.arguments(ProgrammeSchema)
    @blp.response(201, ProgrammeSchema)
    def post(self, data):
        """Create a training programme (admin)"""
        with service_context().transaction() as session:
            if session.execute(select(TrainingProgramme.id).where(TrainingProgramme.code == data["code"])).first():
                abort(409, message=f"Programme code {data['code']!r} already exists.")
            programme = TrainingProgramme(**data)
            session.add(programme)
            return programme


@blp.route("/training-records")
class TrainingRecords(MethodView):
    @require_roles("admin", "operator", "viewer")
    @blp.arguments(TrainingQueryArgsSchema, location="query")
    @blp.response(200, TrainingRecordPageSchema)
    def get(self, args):
        """List training records (not personal data: every role reads them, as reporting does)"""
        query = (select(TrainingRecord, Employee, TrainingProgramme)
                 .join(Employee, Employee.id == TrainingRecord.employee_id)
                 .join(TrainingProgramme, TrainingProgramme.id == TrainingRecord.programme_id)
                 .order_by(TrainingRecord.created_at, TrainingRecord.id))
        if "department_code" in args:
            query = query.where(Employee.department_code == args["department_code"])
        if "employee_id" in args:
            query = query.where(TrainingRecord.employee_id == args["employee_id"])
        if "year" in args:
            query = query.where(extract("year", TrainingRecord.end_date) == args["year"])
        page, size = args["page"], args["page_size"]
        with service_context().db.sessions() as session:
            total = session.execute(select(func.count()).select_from(query.order_by(None).subquery())).scalar_one()
            rows = session.execute(query.limit(size).offset((page - 1) * size)).all()
            return {"items": [dump_record(*row) for row in rows], "page": page, "page_size": size, "total": total}

    @require_roles("admin", "operator")
    @blp.arguments(TrainingRecordSchema)
    @blp.response(201, TrainingRecordSchema)
    @blp.arguments(idempotency.IdempotencyHeaderSchema, location="headers", as_kwargs=True)
    def post(self, data, idempotency_key=None):
        """Record a training for an employee"""
        once = idempotency.Idempotency("training-records", data, idempotency_key)
        with service_context().transaction() as session:
            replayed = once.replay(session)
            if replayed is not None:
                return replayed
            record = create_record(session, data)
            body = TrainingRecordSchema().dump(dump_record(*load_record(session, record.id)))
            return once.answer(session, 201, body)


@blp.route("/training-records/<record_id>")
class TrainingRecordById(MethodView):
    @require_roles("admin", "operator", "viewer")
    @blp.response(200, TrainingRecordSchema)
    def get(self, record_id):
        """One training record"""
        with service_context().db.sessions() as session:
            return dump_record(*load_record(session, record_id))

    @require_roles("admin", "operator")
    @blp.arguments(TrainingRecordUpdateSchema)
    @blp.response(200, TrainingRecordSchema)
    def patch(self, data, record_id):
        """Change a training record"""
        with service_context().transaction() as session:
            record, employee, programme = load_record(session, record_id, for_update=True)
            require_write(employee.department_code)
            if record.revoked_at is not None:
                abort(409, message="A revoked record cannot be changed.")
            if "certificate_number" in data and certificate_taken(session, programme.id, data["certificate_number"],
                                                                  record.id):
                abort(409, message="This certificate number is already recorded for this programme.")
            changed = {key for key, value in data.items() if getattr(record, key) != value}
            if not changed:
                return dump_record(record, employee, programme)  # nothing to announce
            for key in changed:
                setattr(record, key, data[key])
            check_record(record)
            record.version += 1
            emit(session, "personnel.training.updated", record.id, training_event(record, employee, programme),
                 record.version)
            return dump_record(record, employee, programme)


@blp.route("/training-records/<record_id>/revoke")
class TrainingRecordRevoke(MethodView):
    @require_roles("admin", "operator")
    @blp.arguments(RevokeSchema)
    @blp.response(200, TrainingRecordSchema)
    def post(self, data, record_id):
        """Revoke a training record (it stops counting towards JP)"""
        with service_context().transaction() as session:
            record, employee, programme = load_record(session, record_id, for_update=True)
            require_write(employee.department_code)
            if record.revoked_at is not None:
                abort(409, message="This record is already revoked.")
            record.revoked_at, record.revoke_reason = datetime.now(UTC), data["reason"]
            record.version += 1
            emit(session, "personnel.training.revoked", record.id, training_event(record, employee, programme),
                 record.version)
            return dump_record(record, employee, programme)
