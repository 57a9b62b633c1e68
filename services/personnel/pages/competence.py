"""The department competence page: who is below 20 JP, who is over the PPPK cap, who is overdue or due soon for
leadership training; the same figures as reporting's competence section; downloadable as CSV and XLSX."""
from __future__ import annotations

from flask import render_template, request

from services.personnel.domain.dates import local_date
from services.personnel.pages import exports
from services.personnel.pages.blueprint import blp, department_options, staff, window
from services.personnel.workflow.competence import department_competence
from shared.db import utcnow
from shared.errors import NotFound
from shared.web.app_factory import service_context

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _view(principal):
    """The department (an operator: their own) and year asked for, and its competence view."""
    this_year = local_date(utcnow()).year
    raw_year = request.args.get("tahun", "")
    year = int(raw_year) if raw_year.isdigit() and 2000 <= int(raw_year) <= this_year else this_year
    with service_context().db.sessions() as session:
        options = department_options(session)
        code = principal.department if not principal.is_admin else (
            request.args.get("opd") or (options[0][0] if options else None))
        view = department_competence(session, principal, utcnow(), code, year, window()) if code else None
        return view, options, year, this_year


@blp.get("/kompetensi")
def competence():
    principal = staff()
    view, options, year, this_year = _view(principal)
    return render_template("kepegawaian/competence.html", view=view, department_options=options, year=year,
                           years=list(range(this_year, this_year - 6, -1)))


def _download(body: bytes, mimetype: str, view: dict, extension: str):
    name = f"kompetensi-{view['department_code']}-{view['year']}.{extension}"
    return body, 200, {"Content-Type": mimetype, "Content-Disposition": f'attachment; filename="{name}"',
                       "Cache-Control": "no-store"}


def _downloadable(principal) -> dict:
    view = _view(principal)[0]
    if view is None:
        raise NotFound("No department.", indonesian="Belum ada perangkat daerah.")
    return view


@blp.get("/kompetensi.csv")
def competence_csv():
    view = _downloadable(staff())
    return _download(exports.as_csv(view), "text/csv; charset=utf-8", view, "csv")


@blp.get("/kompetensi.xlsx")
def competence_xlsx():
    view = _downloadable(staff())
    return _download(exports.as_xlsx(view), XLSX, view, "xlsx")
