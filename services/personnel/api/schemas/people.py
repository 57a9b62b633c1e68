"""Schemas of departments, employees and appointments."""
from __future__ import annotations

from marshmallow import Schema, ValidationError, fields, validate, validates_schema

from services.personnel.api.schemas.common import CODE, nip_shape
from services.personnel.domain.departments import DEPARTMENT_TYPES
from services.personnel.domain.employees import EDUCATION_LEVELS, EMPLOYEE_STATUSES
from services.personnel.domain.positions import EmployeeType, PositionType
from services.personnel.domain.ranks import RANK_CODES, parse_rank
from shared.web.pagination import PageArgsSchema, page_schema


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
    nip = fields.String(required=True, validate=nip_shape,
                         metadata={"description": "18 digits; spaces between the groups are allowed"})
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
    is_head = fields.Boolean(dump_only=True, metadata={"description": "heads their unit (one per unit)"})
    version = fields.Integer(dump_only=True)

    def _rank_name(self, obj):
        rank = obj.get("rank") if isinstance(obj, dict) else obj.rank
        return parse_rank(rank).name if rank else None


def _use_appointments(_value):
    raise ValidationError("Change the position with POST /api/v1/employees/<id>/appointments, "
                          "which keeps the history.")


class EmployeeUpdateSchema(Schema):
    """The fields of an employee that may be corrected; the position changes only by appointment."""

    nip = fields.String(validate=nip_shape)
    name = fields.String(validate=validate.Length(min=2, max=200))
    employee_type = fields.String(validate=validate.OneOf([t.value for t in EmployeeType]))
    department_code = fields.String(validate=CODE)
    birth_date = fields.Date(allow_none=True)
    gender = fields.String(allow_none=True, validate=validate.OneOf(("male", "female")))
    rank = fields.String(allow_none=True, validate=_known_rank)
    position_title = fields.String(allow_none=True, validate=validate.Length(max=200))
    education = fields.String(allow_none=True, validate=validate.OneOf(EDUCATION_LEVELS))
    status = fields.String(validate=validate.OneOf(EMPLOYEE_STATUSES))
    status_reason = fields.String(load_only=True, validate=validate.Length(max=1000), metadata={
        "description": "why the status changes; required for retired and dismissed"})
    decree_number = fields.String(load_only=True, validate=validate.Length(min=1, max=100), metadata={
        "description": "the SK number of the change of status; required for retired and dismissed"})
    decree_date = fields.Date(load_only=True, metadata={"description": "the SK's date"})
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
    decree_date = fields.Date(allow_none=True, metadata={"description": "the SK's date"})
    head_of_unit = fields.Boolean(load_default=False, metadata={
        "description": "the position heads the unit (kepala dinas/badan, camat, lurah): one holder at a time"})
    ends_current_head = fields.Boolean(load_only=True, load_default=False, metadata={
        "description": "with head_of_unit: end the current head's headship instead of being refused"})
    ended_on = fields.Date(dump_only=True, metadata={"description": "when a later head's appointment ended it"})
    created_at = fields.DateTime(dump_only=True)


DepartmentPageSchema = page_schema(DepartmentSchema, "DepartmentPage")
EmployeePageSchema = page_schema(EmployeeSchema, "EmployeePage")
AppointmentPageSchema = page_schema(AppointmentSchema, "AppointmentPage")
