"""Evaluation reports per department and city-wide: JSON, CSV per section, and the list of reports."""
from __future__ import annotations

import re

from flask import Response
from flask.views import MethodView
from flask_smorest import Blueprint, abort
from sqlalchemy import select

from services.reporting.api.schemas import (
    ReportListArgsSchema,
    ReportQueryArgsSchema,
    ReportSchema,
    ReportSummarySchema,
)
from services.reporting.db.models import ReportRevision
from services.reporting.domain.periods import parse_period
from services.reporting.reports.csv_export import section_csv
from services.reporting.reports.figures import CITY
from services.reporting.reports.report import build_report, report_exists
from shared.web.app_factory import service_context
from shared.web.auth import Principal, current_principal
from shared.web.pagination import page_schema, paginate
from shared.web.ratelimit import public_rate_limit

blp = Blueprint("reports", __name__, url_prefix="/api/v1/reports",
                description="Evaluation reports that update themselves as events arrive")
_CODE = re.compile(r"^[A-Z0-9][A-Z0-9_.-]{0,39}$")


def parse_scope(text: str) -> str:
    scope = text.strip().upper()
    if scope == CITY:
        return CITY
    if not _CODE.match(scope):
        abort(422, message=f"{text!r} is not a department code or 'city'.", errors={"scope": ["invalid"]})
    return scope


def view_for(principal: Principal | None, scope: str) -> str:
    """Which view the caller gets: names only where they may read personal data, public without a token."""
    if principal is None:
        return "public"
    if principal.role == "operator" and scope not in (CITY, principal.department):
        abort(403, message=f"An operator reads only the reports of department {principal.department!r} "
                           "and the city.")
    names = principal.is_admin or (scope != CITY and principal.can_read_personal(scope))
    return "full" if names else "internal"


@blp.route("")
class Reports(MethodView):
    @public_rate_limit
    @blp.arguments(ReportListArgsSchema, location="query")
    @blp.response(200, page_schema(ReportSummarySchema, "ReportPage"))
    def get(self, args):
        """List the reports that exist, newest period first (filter by department, period, year)"""
        query = select(ReportRevision).order_by(ReportRevision.period.desc(), ReportRevision.scope)
        if args.get("department"):
            query = query.where(ReportRevision.scope == parse_scope(args["department"]))
        if args.get("period"):
            query = query.where(ReportRevision.period == parse_period(args["period"]).label)
        if args.get("year"):
            query = query.where(ReportRevision.period.startswith(str(args["year"])))
        with service_context().db.sessions() as session:
            return paginate(session, query, args)


@blp.route("/<scope>")
class ReportByScope(MethodView):
    @public_rate_limit
    @blp.arguments(ReportQueryArgsSchema, location="query")
    @blp.response(200, ReportSchema)
    @blp.alt_response(200, description="CSV of one section (format=csv&section=...)",
                      content_type="text/csv")
    def get(self, args, scope):
        """One department's (or the city's) evaluation report for a period; the public gets aggregates only"""
        scope = parse_scope(scope)
        view = view_for(current_principal(), scope)
        if args["format"] == "csv" and not args.get("section"):
            abort(422, message="CSV comes one section at a time.", errors={"section": ["required with format=csv"]})
        period = parse_period(args["period"])
        with service_context().db.sessions() as session:
            if not report_exists(session, scope):
                abort(404, message=f"No report for department {scope!r}: no event about it has arrived.")
            report = build_report(session, scope, period, view=view)
        if args["format"] == "csv":
            name = f"laporan-{scope.lower()}-{period.label}-{args['section']}.csv"
            return Response(section_csv(report, args["section"]), mimetype="text/csv",
                            headers={"Content-Disposition": f'attachment; filename="{name}"'})
        return report
