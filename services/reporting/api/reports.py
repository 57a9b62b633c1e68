"""Evaluation reports per department and city-wide: JSON, CSV per section, and the list of reports."""
from __future__ import annotations

from flask import Response
from flask.views import MethodView

from services.reporting.api.schemas import (
    ReportListArgsSchema,
    ReportQueryArgsSchema,
    ReportSchema,
    ReportSummarySchema,
)
from services.reporting.workflow.reports import list_reports, report_csv, report_for
from shared.db import utcnow
from shared.web.api_blueprint import ApiBlueprint
from shared.web.app_factory import service_context
from shared.web.auth import acting_principal
from shared.web.pagination import page_schema
from shared.web.ratelimit import public_rate_limit

blp = ApiBlueprint("reports", __name__, url_prefix="/api/v1/reports",
                description="Evaluation reports that update themselves as events arrive")


@blp.route("")
class Reports(MethodView):
    @public_rate_limit
    @blp.arguments(ReportListArgsSchema, location="query")
    @blp.response(200, page_schema(ReportSummarySchema, "ReportPage"))
    def get(self, args):
        """List the reports that exist, newest period first (filter by department, period, year)"""
        with service_context().db.sessions() as session:
            return list_reports(session, acting_principal(), utcnow(), args)


@blp.route("/<scope>")
class ReportByScope(MethodView):
    @public_rate_limit
    @blp.arguments(ReportQueryArgsSchema, location="query")
    @blp.response(200, ReportSchema)
    @blp.alt_response(200, description="CSV of one section (format=csv&section=...)",
                      content_type="text/csv")
    def get(self, args, scope):
        """One department's (or the city's) evaluation report for a period; the public gets aggregates only"""
        ctx = service_context()
        with ctx.db.sessions() as session:
            if args["format"] == "csv":
                name, text = report_csv(session, acting_principal(), utcnow(), scope, args["period"],
                                        args["section"], ctx.config)
                return Response(text, mimetype="text/csv",
                                headers={"Content-Disposition": f'attachment; filename="{name}"'})
            return report_for(session, acting_principal(), utcnow(), scope, args["period"], ctx.config)
