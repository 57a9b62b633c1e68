"""The report pages: pick a report, read it as a dashboard that refreshes itself, download it as a PDF.

Public visitors get the public view (aggregates, small groups suppressed), exactly as the JSON
API decides it (api.reports.view_for). Staff sign in with a bearer token: in the Authorization
header, or once as `?token=...`, which moves into an HttpOnly cookie for /laporan (see
shared.web.pages). `/laporan/keluar` signs out.
"""
from __future__ import annotations

from flask import Response, abort, jsonify, redirect, render_template, request, url_for
from sqlalchemy import select

from services.reporting.api.reports import parse_scope, view_for
from services.reporting.db.models import DepartmentFact
from services.reporting.pages import periods, wording
from services.reporting.pages.data import report_page
from services.reporting.pages.pdf.document import render_pdf
from services.reporting.reports.figures import CITY
from services.reporting.reports.report import report_exists, revision_of
from shared.web.app_factory import service_context
from shared.web.pages import PageBlueprint, accepts_sign_in, html_errors, page_principal, sign_out
from shared.web.ratelimit import public_rate_limit

blp = PageBlueprint("report_pages", __name__, url_prefix="/laporan", template_folder="templates",
                    static_folder="static", static_url_path="/static",
                    description="Report pages: the evaluation dashboard and its PDF (HTML, PDF)")
html_errors(blp)
COOKIE_PATH = "/laporan"
DEFAULT_INTERVAL, MIN_INTERVAL, MAX_INTERVAL = 10, 1, 300  # seconds between revision checks


def _scope(text: str) -> str:
    return CITY if text.strip().lower() == "kota" else parse_scope(text)


def _period():
    try:
        return periods.requested_period(request.args.get("periode"))
    except periods.PeriodError:
        abort(422, description="Periode tidak dikenali. Tulis misalnya 2026, 2026-S1 (semester) atau 2026-Q3 "
                               "(triwulan).")


def _departments() -> list[DepartmentFact]:
    with service_context().db.sessions() as session:
        return session.execute(select(DepartmentFact).where(DepartmentFact.status != "dissolved")
                               .order_by(DepartmentFact.name)).scalars().all()


def _page(scope_text: str) -> tuple[str, dict]:
    scope, period = _scope(scope_text), _period()
    view = view_for(page_principal(), scope)
    with service_context().db.sessions() as session:
        if not report_exists(session, scope):
            abort(404, description=f"Belum ada laporan untuk perangkat daerah {scope}: belum ada data yang masuk.")
        return scope, report_page(session, scope, period, view)


@blp.get("")
@accepts_sign_in(COOKIE_PATH)
def index():
    if request.args.get("cakupan"):
        return redirect(url_for(".dashboard", scope=request.args["cakupan"], periode=request.args.get("periode")), 303)
    principal = page_principal()
    return render_template("reporting/index.html", departments=_departments(), principal=principal,
                           who=wording.who(principal),
                           periods=periods.choices(periods.requested_period(None).year),
                           period=periods.requested_period(None).label)


@blp.get("/keluar")
def leave():
    return sign_out(url_for(".index"), COOKIE_PATH)


@blp.get("/<scope>")
@public_rate_limit
@accepts_sign_in(COOKIE_PATH)
def dashboard(scope):
    scope, page = _page(scope)
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
    scope, period = _scope(scope), _period()
    with service_context().db.sessions() as session:
        number, as_of = revision_of(session, scope, period)
    response = jsonify({"scope": wording.scope_slug(scope), "period": period.label, "revision": number,
                        "as_of": as_of.isoformat() if as_of else None})
    response.headers["Cache-Control"] = "no-store"
    return response


@blp.get("/<scope>/pdf")
@public_rate_limit
def pdf(scope):
    scope, page = _page(scope)
    name = f"laporan-evaluasi-{wording.scope_slug(scope).lower()}-{page['period'].label}.pdf"
    return Response(render_pdf(page, wording.who(page_principal())), mimetype="application/pdf",
                    headers={"Content-Disposition": f'attachment; filename="{name}"'})
