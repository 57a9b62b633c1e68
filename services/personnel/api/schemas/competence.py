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
    state = fields.String(allow_none=True, metadata={
        "description": "done, within_window, overdue or no_tmt on the day judged; null: nothing required"})
    due_soon = fields.Boolean(metadata={"description": "not done and due within 3 months of the day judged"})
    met_on = fields.Date(allow_none=True, metadata={
        "description": "end of the first completed training at the required level or higher (PKN II ⊇ PKA ⊇ PKP)"})
    highest_level = fields.String(allow_none=True, metadata={"description": "the highest level ever completed"})


class CompetenceSchema(Schema):
    employee_id = fields.String()
    name = fields.String()
    nip = fields.String(allow_none=True, metadata={"description": "admins and the department's operator only"})
    position_title = fields.String(allow_none=True)
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
    pns_share_at_minimum = fields.Float(allow_none=True)
    pns_average_jp = fields.Float(allow_none=True)
    pppk = fields.Integer()
    pppk_over_cap = fields.Integer()
    pppk_average_jp = fields.Float(allow_none=True)
    jp_total = fields.Integer()
    average_jp = fields.Float(allow_none=True)
    leadership_required = fields.Integer()
    leadership_done = fields.Integer()
    leadership_within_window = fields.Integer()
    leadership_overdue = fields.Integer()
    leadership_no_tmt = fields.Integer()
    leadership_due_soon = fields.Integer()


class DepartmentCompetenceSchema(Schema):
    department_code = fields.String()
    year = fields.Integer()
    as_of = fields.Date()
    summary = fields.Nested(DepartmentCompetenceSummarySchema)
    items = fields.List(fields.Nested(CompetenceSchema))
