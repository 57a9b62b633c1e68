"""The staff results page of a campaign (provisional while open), and its downloads as CSV and XLSX."""
from __future__ import annotations

from flask import Response, render_template, request

from services.survey.domain.unsur import PROFILE_CHOICES
from services.survey.pages import xlsx
from services.survey.pages.charts import grade_table, nrr_bars, trend_line
from services.survey.pages.form import PROFILE_LABELS
from services.survey.pages.staff import READERS, WRITERS, staff_blueprint
from services.survey.workflow.responses import export_responses
from services.survey.workflow.workspace import export_sheets, staff_results
from shared.web.app_factory import service_context
from shared.web.csv import csv_text
from shared.web.pages import require_staff

blp = staff_blueprint("survey_results", "Staff pages: a campaign's results and downloads (HTML, CSV, XLSX)")
UNSPECIFIED_LABEL = "Tidak menjawab"


def profile_tables(profile: dict) -> list[dict]:
    """The respondent profile as one small table per question, with Indonesian labels (None: a hidden group)."""
    return [{"key": dim, "label": PROFILE_LABELS[dim],
             "rows": [(PROFILE_CHOICES[dim].get(code, UNSPECIFIED_LABEL), n) for code, n in counts.items()]}
            for dim, counts in profile.items() if dim in PROFILE_CHOICES]


@blp.get("/<campaign_id>/hasil")
def results(campaign_id):
    principal = require_staff(*READERS)
    with service_context().db.sessions() as session:
        body = staff_results(session, principal, campaign_id, request.args.get("saran", 1, type=int))
    return render_template("survey/results_staff.html", r=body, profile=profile_tables(body["profile"]),
                           nrr_chart=nrr_bars(body["unsur"]), trend_chart=trend_line(body["trend"]),
                           grades=grade_table())


def _download(content, mimetype: str, name: str) -> Response:
    return Response(content, mimetype=mimetype, headers={"Content-Disposition": f'attachment; filename="{name}"',
                                                         "Cache-Control": "no-store"})


@blp.get("/<campaign_id>/unduh/hasil.csv")
def results_csv(campaign_id):
    principal = require_staff(*READERS)
    with service_context().db.sessions() as session:
        (_, header, rows), = export_sheets(session, principal, campaign_id, with_responses=False)
    return _download(csv_text(header, rows), "text/csv", f"skm-hasil-{campaign_id}.csv")


@blp.get("/<campaign_id>/unduh/jawaban.csv")
def responses_csv(campaign_id):
    principal = require_staff(*WRITERS)
    with service_context().db.sessions() as session:
        _, header, rows = export_responses(session, principal, campaign_id)
    return _download(csv_text(header, rows), "text/csv", f"skm-jawaban-dan-saran-{campaign_id}.csv")


@blp.get("/<campaign_id>/unduh/skm.xlsx")
def workbook(campaign_id):
    principal = require_staff(*READERS)
    with service_context().db.sessions() as session:
        sheets = export_sheets(session, principal, campaign_id)
    return _download(xlsx.workbook(sheets), xlsx.MIMETYPE, f"skm-{campaign_id}.xlsx")
