"""Training hours (JP) per department for a year, from the read model."""
from __future__ import annotations

from flask.views import MethodView
from flask_smorest import Blueprint
from marshmallow import Schema, fields, validate
from sqlalchemy import func, select

from services.reporting.db.models import TrainingFact
from shared.web.app_factory import service_context

blp = Blueprint("training_hours", __name__, url_prefix="/api/v1/training-hours",
                description="JP of completed training per department")


class YearArgsSchema(Schema):
    year = fields.Integer(required=True, validate=validate.Range(min=1950, max=2100))
    department_code = fields.String()


class DepartmentHoursSchema(Schema):
    department_code = fields.String()
    jp_total = fields.Integer()
    records = fields.Integer()
    employees = fields.Integer()


class TrainingHoursSchema(Schema):
    year = fields.Integer()
    departments = fields.List(fields.Nested(DepartmentHoursSchema))
    jp_total = fields.Integer()


def training_hours(session, year: int, department_code: str | None = None) -> dict:
    query = (select(TrainingFact.department_code, func.sum(TrainingFact.jp), func.count(),
                    func.count(func.distinct(TrainingFact.employee_id)))
             .where(TrainingFact.year == year, TrainingFact.status == "completed",
                    TrainingFact.revoked.is_(False))
             .group_by(TrainingFact.department_code).order_by(TrainingFact.department_code))
    if department_code:
        query = query.where(TrainingFact.department_code == department_code)
    rows = [{"department_code": code, "jp_total": int(jp or 0), "records": n, "employees": people}
            for code, jp, n, people in session.execute(query)]
    return {"year": year, "departments": rows, "jp_total": sum(r["jp_total"] for r in rows)}


@blp.route("")
class TrainingHours(MethodView):
    @blp.arguments(YearArgsSchema, location="query")
    @blp.response(200, TrainingHoursSchema)
    def get(self, args):
        """JP completed per department in a year (aggregates only: no personal data)"""
        with service_context().db.sessions() as session:
            return training_hours(session, args["year"], args.get("department_code"))
