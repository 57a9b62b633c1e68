"""The report pages: pick a report, read it as a dashboard that refreshes itself, download it as a PDF.

The pages call the same workflows as the JSON API (workflow/reports.py, workflow/dashboard.py),
so a visitor gets exactly the view the API would give them, and a refusal (403, 404, 422) is
rendered as an Indonesian error page by html_errors. Anyone reads the public view; staff who
signed in (shared/web/signin.py, "Masuk petugas" in the menu) see their role's view.
"""
from __future__ import annotations

from flask import Response, jsonify, redirect, render_template, request, url_for

from services.reporting.domain.periods import year_of
from services.reporting.pages import periods, wording
from services.reporting.pages.charts import report_charts
from services.reporting.pages.pdf.document import render_pdf
from services.reporting.workflow.dashboard import dashboard_for, departments
from services.reporting.workflow.reports import report_revision
from shared.db import utcnow
from shared.principal import PUBLIC
from shared.web.app_factory import service_context
from shared.web.pages import PageBlueprint, html_errors, page_principal
from shared.web.ratelimit import public_rate_limit

blp = PageBlueprint("report_pages", __name__, url_prefix="/laporan", template_folder="templates",
                    static_folder="static", static_url_path="/static",
                    description="Report pages: the evaluation dashboard and its PDF (HTML, PDF)")
html_errors(blp)
DEFAULT_INTERVAL, MIN_INTERVAL, MAX_INTERVAL = 10, 1, 300  # seconds between revision checks


def _scope(slug: str) -> str:
    """A page address says 'kota' for the city; the workflows say 'city'."""
    return "city" if slug.strip().lower() == "kota" else slug


def _departments() -> list:
    with service_context().db.sessions() as session:
        return departments(session)


def _page(slug: str) -> dict:
    """The report in the visitor's view, with what its charts draw and the period's name."""
    ctx = service_context()
    with ctx.db.sessions() as session:
        found = dashboard_for(session, page_principal() or PUBLIC, utcnow(), _scope(slug),
                              request.args.get("periode"), ctx.config)
    return {**found, "period_name": periods.period_name(found["period"]),
            "charts": report_charts(found["report"], found["trend"], found["jp_departments"], found["pns_min_jp"])}


@blp.get("")
def index():
    if request.args.get("cakupan"):
        return redirect(url_for(".dashboard", scope=request.args["cakupan"], periode=request.args.get("periode")), 303)
    principal = page_principal()
    this_year = year_of(utcnow())
    return render_template("reporting/index.html", departments=_departments(), principal=principal,
                           who=wording.who(principal), periods=periods.choices(this_year.year),
                           period=this_year.label)


@blp.get("/<scope>")
@public_rate_limit
def dashboard(scope):
    page = _page(scope)
    scope = page["report"]["scope"]
    interval = request.args.get("interval", type=int) or DEFAULT_INTERVAL
    principal = page_principal()
    return render_template("reporting/dashboard.html", **page, scope=scope, slug=wording.scope_slug(scope),
                           principal=principal, who=wording.who(principal), wording=wording,
                           departments=_departments(),
                           periods=periods.choices(page["period"].year),
                           interval=min(max(interval, MIN_INTERVAL), MAX_INTERVAL))


@blp.get("/<scope>/revisi")
def revision(scope):
    """The report's revision, which the dashboard polls to know when to refresh (a number, nothing private)."""
    with service_context().db.sessions() as session:
        found = report_revision(session, page_principal() or PUBLIC, utcnow(), _scope(scope),
                                request.args.get("periode"))
    response = jsonify({"scope": wording.scope_slug(found["scope"]), "period": found["period"].label,
                        "revision": found["revision"],
                        "as_of": found["as_of"].isoformat() if found["as_of"] else None})
    response.headers["Cache-Control"] = "no-store"
    return response


@blp.get("/<scope>/pdf")
@public_rate_limit
def pdf(scope):
    page = _page(scope)
    name = f"laporan-evaluasi-{wording.scope_slug(page['report']['scope']).lower()}-{page['period'].label}.pdf"
    return Response(render_pdf(page, wording.who(page_principal())), mimetype="application/pdf",
                    headers={"Content-Disposition": f'attachment; filename="{name}"'})
