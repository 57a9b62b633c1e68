"""Schemas of known policies, socialization sessions and attendance."""
from __future__ import annotations

from marshmallow import Schema, ValidationError, fields, validate, validates_schema

from services.personnel.api.schemas.common import CODE
from services.personnel.domain.socialization import SessionFormat
from shared.web.pagination import PageArgsSchema, page_schema


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
    employee_ids = fields.List(fields.String(validate=validate.Length(min=1, max=36)),
                               validate=validate.Length(min=1, max=1000))
    nips = fields.List(fields.String(validate=validate.Length(min=1, max=40)), validate=validate.Length(min=1, max=1000),
                       metadata={"description": "the attendees by NIP, instead of employee_ids"})

    @validates_schema
    def _one_way(self, data, **_):
        if ("employee_ids" in data) == ("nips" in data):
            raise ValidationError("Name the attendees by employee_ids or by nips (one of them).", "employee_ids")


class AttendeeSchema(Schema):
    employee_id = fields.String()
    name = fields.String()
    department_code = fields.String()
    recorded_at = fields.DateTime()


class NamedEmployeeSchema(Schema):
    employee_id = fields.String()
    name = fields.String()
    nip = fields.String()


class AttendanceResultSchema(Schema):
    session_id = fields.String()
    recorded = fields.Integer()
    recorded_employees = fields.List(fields.Nested(NamedEmployeeSchema))
    already_recorded = fields.List(fields.Nested(NamedEmployeeSchema), metadata={
        "description": "attendees recorded for this session before: skipped, not a failure"})


KnownPolicyPageSchema = page_schema(KnownPolicySchema, "KnownPolicyPage")
SocializationSessionPageSchema = page_schema(SocializationSessionSchema, "SocializationSessionPage")
AttendeePageSchema = page_schema(AttendeeSchema, "AttendeePage")
