"""What a report page needs beyond the report itself: the IKM of the periods before it, and JP per department.

Both come from the report's own section functions, and a public view suppresses them with the
report's own suppression rule, so a page never shows the public more than the API does.
"""
from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from services.reporting.db.models import DepartmentFact
from services.reporting.domain.periods import Period
from services.reporting.domain.rules import ReportRules, load_rules
from services.reporting.domain.suppression import suppress_small_groups
from services.reporting.pages.charts import report_charts
from services.reporting.pages.periods import period_name, preceding
from services.reporting.reports.competence import jp_figures
from services.reporting.reports.figures import CITY
from services.reporting.reports.report import build_report
from services.reporting.reports.satisfaction import satisfaction_section


def _shown(figures: dict, view: str, rules: ReportRules) -> dict:
    return suppress_small_groups(figures, rules.public_min_group) if view == "public" else figures


def ikm_trend(session: Session, scope: str, period: Period, view: str, rules: ReportRules) -> list[dict]:
    points = []
    for earlier in preceding(period):
        section = satisfaction_section(session, scope, earlier, rules)
        points.append({"period": earlier, **_shown({"n": section["n"], "converted": section["converted"]},
                                                   view, rules)})
    return points


def jp_by_department(session: Session, scope: str, period: Period, view: str, rules: ReportRules) -> list[dict]:
    query = select(DepartmentFact).where(DepartmentFact.status != "dissolved").order_by(DepartmentFact.name)
    if scope != CITY:
        query = query.where(DepartmentFact.code == scope)
    rows = []
    for department in session.execute(query).scalars():
        pns = jp_figures(session, department.code, period, rules)["jp"]["pns"]
        if pns["n"]:
            rows.append({"code": department.code, "name": department.name,
                         **_shown({"n": pns["n"], "at_minimum": pns["at_minimum"],
                                   "share": pns["share_at_minimum"]}, view, rules)})
    return rows


def report_page(session: Session, scope: str, period: Period, view: str) -> dict:
    """The report in the caller's view, with its charts and the period's name."""
    rules = load_rules()
    report = build_report(session, scope, period, view=view, rules=rules)
    trend = ikm_trend(session, scope, period, view, rules)
    departments = jp_by_department(session, scope, period, view, rules)
    return {"report": report, "period": period, "period_name": period_name(period), "trend": trend,
            "jp_departments": departments, "charts": report_charts(report, trend, departments, rules.pns_min_jp),
            "min_group": rules.public_min_group}
