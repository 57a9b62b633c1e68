"""Request and response schemas of personnel's API."""
from __future__ import annotations

from marshmallow import Schema, ValidationError, fields, validate, validates_schema

from services.personnel.domain.competence import MAX_JP_PER_RECORD, TRAINING_KINDS
from services.personnel.domain.positions import EmployeeType, LeadershipLevel, PositionType
from services.personnel.domain.ranks import RANK_CODES, parse_rank
from services.personnel.domain.socialization import SessionFormat
from shared.web.pagination import PageArgsSchema, page_schema

DEPARTMENT_TYPES = ("secretariat", "inspectorate", "dinas", "badan", "kecamatan", "kelurahan", "other")
EMPLOYEE_STATUSES = ("active", "on_leave", "moved", "retired", "dismissed")
EDUCATION_LEVELS = ("sd", "smp", "sma", "d1", "d2", "d3", "d4", "s1", "s2", "s3")
TRAINING_STATUSES = ("planned", "completed", "cancelled")
CODE = validate.Regexp(r"^[A-Z0-9][A-Z0-9_.-]{1,39}$", error="Use 2-40 capital letters, digits, '.', '_' or '-'.")


class DepartmentSchema(Schema):
    id = fields.String(dump_only=True)
    code = fields.String(required=True, validate=CODE)
    name = fields.String(required=True, validate=validate.Length(min=2, max=200))
    type = fields.String(required=True, validate=validate.OneOf(DEPARTMENT_TYPES))
    parent_code = fields.String(allow_none=True, validate=CODE)
    status = fields.String(dump_only=True)


class DepartmentUpdateSchema(Schema):
    name = fields.String(validate=validate.Length(min=2, max=200))
    type = fields.String(validate=validate.OneOf(DEPARTMENT_TYPES))
    parent_code = fields.String(allow_none=True, validate=CODE)
    status = fields.String(validate=validate.OneOf(("active", "dissolved")))

    @validates_schema
    def _not_empty(self, data, **_):
        if not data:
            raise ValidationError("Give at least one field to change.")


class DepartmentQueryArgsSchema(PageArgsSchema):
    type = fields.String(validate=validate.OneOf(DEPARTMENT_TYPES))
    parent_code = fields.String()


def _known_rank(value):
    try:
        parse_rank(value)
    except ValueError as exc:
        raise ValidationError(str(exc)) from None


class EmployeeSchema(Schema):
    id = fields.String(dump_only=True)
    nip = fields.String(required=True, validate=validate.Length(min=18, max=21))
    name = fields.String(required=True, validate=validate.Length(min=2, max=200))
    employee_type = fields.String(required=True, validate=validate.OneOf([t.value for t in EmployeeType]))
    department_code = fields.String(required=True, validate=CODE)
    birth_date = fields.Date(allow_none=True)
    gender = fields.String(allow_none=True, validate=validate.OneOf(("male", "female")))
    rank = fields.String(allow_none=True, validate=_known_rank,
                         metadata={"description": f"golongan/ruang, one of {RANK_CODES}"})
    rank_name = fields.Method("_rank_name", dump_only=True)
    position_title = fields.String(allow_none=True, validate=validate.Length(max=200))
    position_type = fields.String(allow_none=True, validate=validate.OneOf([p.value for p in PositionType]))
    tmt_jabatan = fields.Date(allow_none=True)
    education = fields.String(allow_none=True, validate=validate.OneOf(EDUCATION_LEVELS))
    status = fields.String(load_default="active", validate=validate.OneOf(EMPLOYEE_STATUSES))
    version = fields.Integer(dump_only=True)

    def _rank_name(self, obj):
        rank = obj.get("rank") if isinstance(obj, dict) else obj.rank
        return parse_rank(rank).name if rank else None


def _use_appointments(_value):
    raise ValidationError("Change the position with POST /api/v1/employees/<id>/appointments, "
                          "which keeps the history.")


class EmployeeUpdateSchema(Schema):
    """The fields of an employee that may be corrected; the position changes only by appointment."""

    nip = fields.String(validate=validate.Length(min=18, max=21))
    name = fields.String(validate=validate.Length(min=2, max=200))
    employee_type = fields.String(validate=validate.OneOf([t.value for t in EmployeeType]))
    department_code = fields.String(validate=CODE)
    birth_date = fields.Date(allow_none=True)
    gender = fields.String(allow_none=True, validate=validate.OneOf(("male", "female")))
    rank = fields.String(allow_none=True, validate=_known_rank)
    position_title = fields.String(allow_none=True, validate=validate.Length(max=200))
    education = fields.String(allow_none=True, validate=validate.OneOf(EDUCATION_LEVELS))
    status = fields.String(validate=validate.OneOf(EMPLOYEE_STATUSES))
    position_type = fields.Raw(load_only=True, validate=_use_appointments)
    tmt_jabatan = fields.Raw(load_only=True, validate=_use_appointments)

    @validates_schema
    def _not_empty(self, data, **_):
        if not data:
            raise ValidationError("Give at least one field to change.")


class EmployeeQueryArgsSchema(PageArgsSchema):
    q = fields.String(validate=validate.Length(min=1, max=200),
                      metadata={"description": "part of the name, or the start of the NIP"})
    department_code = fields.String()
    rank = fields.String()
    position_type = fields.String(validate=validate.OneOf([p.value for p in PositionType]))
    status = fields.String(validate=validate.OneOf(EMPLOYEE_STATUSES))


class AppointmentSchema(Schema):
    id = fields.String(dump_only=True)
    employee_id = fields.String(dump_only=True)
    department_code = fields.String(validate=CODE, metadata={"description": "defaults to the current one"})
    position_title = fields.String(required=True, validate=validate.Length(min=2, max=200))
    position_type = fields.String(required=True, validate=validate.OneOf([p.value for p in PositionType]))
    tmt_jabatan = fields.Date(required=True, metadata={"description": "the date the position takes effect"})
    decree_number = fields.String(allow_none=True, validate=validate.Length(max=100),
                                  metadata={"description": "the SK (decree) number"})
    created_at = fields.DateTime(dump_only=True)


class TrainingRecordSchema(Schema):
    id = fields.String(dump_only=True)
    employee_id = fields.String(required=True)
    programme_code = fields.String(required=True, validate=CODE)
    start_date = fields.Date(required=True)
    end_date = fields.Date(required=True)
    jp = fields.Integer(strict=True, validate=validate.Range(min=1, max=MAX_JP_PER_RECORD),
                        metadata={"description": "lesson hours; defaults to the programme's JP"})
    status = fields.String(load_default="completed", validate=validate.OneOf(TRAINING_STATUSES))
    certificate_number = fields.String(allow_none=True, validate=validate.Length(min=1, max=100))
    revoked = fields.Boolean(dump_only=True)
    department_code = fields.String(dump_only=True)
    version = fields.Integer(dump_only=True)

    @validates_schema
    def _dates(self, data, **_):
        if "start_date" in data and "end_date" in data and data["end_date"] < data["start_date"]:
            raise ValidationError("The end date is before the start date.", "end_date")


class TrainingRecordUpdateSchema(Schema):
    start_date = fields.Date()
    end_date = fields.Date()
    jp = fields.Integer(strict=True, validate=validate.Range(min=1, max=MAX_JP_PER_RECORD))
    status = fields.String(validate=validate.OneOf(TRAINING_STATUSES))
    certificate_number = fields.String(allow_none=True, validate=validate.Length(min=1, max=100))


class RevokeSchema(Schema):
    reason = fields.String(required=True, validate=validate.Length(min=3, max=1000))


class ProgrammeSchema(Schema):
    id = fields.String(dump_only=True)
    code = fields.String(required=True, validate=CODE)
    title = fields.String(required=True, validate=validate.Length(min=3, max=300))
    kind = fields.String(required=True, validate=validate.OneOf(sorted(TRAINING_KINDS)))
    leadership_level = fields.String(allow_none=True, validate=validate.OneOf([lv.value for lv in LeadershipLevel]))
    jp = fields.Integer(required=True, strict=True, validate=validate.Range(min=1, max=MAX_JP_PER_RECORD))
    mode = fields.String(load_default="classical", validate=validate.OneOf(("classical", "non_classical")))

    @validates_schema
    def _level(self, data, **_):
        if data.get("kind") == "kepemimpinan" and not data.get("leadership_level"):
            raise ValidationError("Leadership training needs its level (PKN_II, PKA or PKP).", "leadership_level")
        if data.get("kind") != "kepemimpinan" and data.get("leadership_level"):
            raise ValidationError("Only leadership training (kind 'kepemimpinan') has a level.", "leadership_level")


class TrainingQueryArgsSchema(PageArgsSchema):
    employee_id = fields.String()
    department_code = fields.String()
    year = fields.Integer(validate=validate.Range(min=1950, max=2100))


DepartmentPageSchema = page_schema(DepartmentSchema, "DepartmentPage")
EmployeePageSchema = page_schema(EmployeeSchema, "EmployeePage")
AppointmentPageSchema = page_schema(AppointmentSchema, "AppointmentPage")
TrainingRecordPageSchema = page_schema(TrainingRecordSchema, "TrainingRecordPage")
ProgrammePageSchema = page_schema(ProgrammeSchema, "ProgrammePage")


class CompetenceQueryArgsSchema(Schema):
    year = fields.Integer(validate=validate.Range(min=1950, max=2100),
                          metadata={"description": "calendar year; defaults to the current one"})


class JpStatusSchema(Schema):
    total = fields.Integer(metadata={"description": "JP of training completed in the year"})
    minimum = fields.Integer(allow_none=True, metadata={"description": "PNS: the yearly minimum"})
    cap = fields.Integer(allow_none=True, metadata={"description": "PPPK: the yearly cap"})
    reached_minimum = fields.Boolean(allow_none=True)
    over_cap = fields.Boolean(allow_none=True)
    shortfall = fields.Integer(allow_none=True)


class LeadershipStatusSchema(Schema):
    required_level = fields.String(allow_none=True, metadata={"description": "PKN_II, PKA, PKP or none"})
    due_date = fields.Date(allow_none=True, metadata={"description": "TMT jabatan + the configured window"})
    done = fields.Boolean()
    overdue = fields.Boolean()
    within_window = fields.Boolean()


class CompetenceSchema(Schema):
    employee_id = fields.String()
    name = fields.String()
    department_code = fields.String()
    employee_type = fields.String()
    position_type = fields.String(allow_none=True)
    tmt_jabatan = fields.Date(allow_none=True)
    year = fields.Integer()
    as_of = fields.Date(metadata={"description": "31 December of a past year, else today"})
    jp = fields.Nested(JpStatusSchema)
    leadership = fields.Nested(LeadershipStatusSchema)


class DepartmentCompetenceSummarySchema(Schema):
    employees = fields.Integer()
    pns = fields.Integer()
    pns_reached_minimum = fields.Integer()
    pppk = fields.Integer()
    pppk_over_cap = fields.Integer()
    jp_total = fields.Integer()
    leadership_required = fields.Integer()
    leadership_done = fields.Integer()
    leadership_overdue = fields.Integer()


class DepartmentCompetenceSchema(Schema):
    department_code = fields.String()
    year = fields.Integer()
    as_of = fields.Date()
    summary = fields.Nested(DepartmentCompetenceSummarySchema)
    items = fields.List(fields.Nested(CompetenceSchema))


class ImportArgsSchema(Schema):
    dry_run = fields.Boolean(load_default=False,
                             metadata={"description": "check every row and report, without writing anything"})


class RowErrorSchema(Schema):
    line = fields.Integer(metadata={"description": "the line in the file; the header is line 1"})
    field = fields.String(metadata={"description": "the column, or _row for the row as a whole"})
    message = fields.String()


class ImportReportSchema(Schema):
    dry_run = fields.Boolean()
    rows = fields.Integer(metadata={"description": "data rows in the file"})
    valid_rows = fields.Integer()
    imported = fields.Integer(metadata={"description": "rows written (0 in a dry run)"})
    errors = fields.List(fields.Nested(RowErrorSchema))


class KnownPolicySchema(Schema):
    id = fields.String()
    code = fields.String()
    title = fields.String()
    state = fields.String(metadata={"description": "the policy's state as consultation last reported it"})
    policy_version = fields.Integer()


class SocializationSessionSchema(Schema):
    id = fields.String(dump_only=True)
    policy_id = fields.String(required=True, metadata={"description": "a policy personnel knows from consultation"})
    format = fields.String(required=True, validate=validate.OneOf([f.value for f in SessionFormat]))
    title = fields.String(required=True, validate=validate.Length(min=3, max=300))
    held_on = fields.Date(required=True)
    department_codes = fields.List(fields.String(validate=CODE), required=True,
                                   validate=validate.Length(min=1, max=100))
    attendees = fields.Integer(dump_only=True)


class SessionQueryArgsSchema(PageArgsSchema):
    policy_id = fields.String()
    department_code = fields.String(validate=CODE)


class AttendanceSchema(Schema):
    employee_ids = fields.List(fields.String(validate=validate.Length(min=1, max=36)), required=True,
                               validate=validate.Length(min=1, max=1000))


class AttendeeSchema(Schema):
    employee_id = fields.String()
    name = fields.String()
    department_code = fields.String()
    recorded_at = fields.DateTime()


class AttendanceResultSchema(Schema):
    session_id = fields.String()
    recorded = fields.Integer()


KnownPolicyPageSchema = page_schema(KnownPolicySchema, "KnownPolicyPage")
SocializationSessionPageSchema = page_schema(SocializationSessionSchema, "SocializationSessionPage")
AttendeePageSchema = page_schema(AttendeeSchema, "AttendeePage")
