"""Request and response schemas of the reports and training-hours API."""
from __future__ import annotations

from marshmallow import Schema, ValidationError, fields, validate, validates, validates_schema

from services.reporting.domain.periods import PeriodError, parse_period
from services.reporting.reports.report import SECTIONS
from shared.web.pagination import PageArgsSchema

CSV_SECTIONS = (*SECTIONS, "recommendations")


def _check_period(value: str) -> None:
    try:
        parse_period(value)
    except PeriodError as exc:
        raise ValidationError(str(exc)) from None


class ReportQueryArgsSchema(Schema):
    period = fields.String(required=True, metadata={"description": "2026, 2026-S1 or 2026-Q3"})
    format = fields.String(load_default="json", validate=validate.OneOf(("json", "csv")))
    section = fields.String(validate=validate.OneOf(CSV_SECTIONS),
                            metadata={"description": "the section to export (format=csv)"})

    @validates("period")
    def _period(self, value, **_):
        _check_period(value)

    @validates_schema
    def _one_section_of_csv(self, data, **_):
        if data.get("format") == "csv" and not data.get("section"):
            raise ValidationError("required with format=csv: CSV comes one section at a time", "section")


class ReportListArgsSchema(PageArgsSchema):
    department = fields.String(metadata={"description": "a department code, or 'city'"})
    period = fields.String(metadata={"description": "2026, 2026-S1 or 2026-Q3"})
    year = fields.Integer(validate=validate.Range(min=1950, max=2100))

    @validates("period")
    def _period(self, value, **_):
        _check_period(value)


class ReportSchema(Schema):
    scope = fields.String()
    department_code = fields.String(allow_none=True)
    department_name = fields.String(allow_none=True)
    period = fields.String()
    period_start = fields.String()
    period_end = fields.String()
    revision = fields.Integer(metadata={"description": "how many events have changed this report"})
    as_of = fields.String(allow_none=True, metadata={"description": "time of the latest event included"})
    view = fields.String(metadata={"description": "full (names), internal (no names) or public (suppressed)"})
    sections = fields.Dict(metadata={"description": "competence, responsiveness, satisfaction, consultation; "
                                                    "each group of figures has n and a rule text"})
    recommendations = fields.List(fields.Dict())


class ReportSummarySchema(Schema):
    scope = fields.String()
    department_code = fields.Function(lambda r: None if r.scope == "CITY" else r.scope)
    period = fields.String()
    revision = fields.Integer()
    as_of = fields.DateTime()
    href = fields.Function(lambda r: f"/api/v1/reports/{'city' if r.scope == 'CITY' else r.scope}"
                                     f"?period={r.period}")


class YearArgsSchema(Schema):
    year = fields.Integer(required=True, validate=validate.Range(min=1950, max=2100))
    department_code = fields.String()


class DepartmentHoursSchema(Schema):
    department_code = fields.String()
    jp_total = fields.Integer(allow_none=True)
    records = fields.Integer(allow_none=True)
    employees = fields.Integer(allow_none=True)
    suppressed = fields.Boolean(metadata={"description": "true in a public view where fewer than 5 employees "
                                                         "trained: the figures are hidden"})


class TrainingHoursSchema(Schema):
    year = fields.Integer()
    departments = fields.List(fields.Nested(DepartmentHoursSchema))
    jp_total = fields.Integer()
