"""Schemas of the competence view (JP and leadership training)."""
from __future__ import annotations

from marshmallow import Schema, fields, validate


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
