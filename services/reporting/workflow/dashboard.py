"""What the report pages show beside a report: the IKM of the periods before it, and PNS at the JP minimum
per department.

Both come from the report's own section functions, and a public view suppresses them with the
report's own suppression rule, so a page never shows the public more than the API does.
"""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from services.reporting.config import Config
from services.reporting.db.models import DepartmentFact
from services.reporting.domain.periods import preceding
from services.reporting.domain.rules import ReportRules
from services.reporting.domain.suppression import suppress_small_groups
from services.reporting.reports.competence import jp_figures
from services.reporting.reports.figures import CITY
from services.reporting.reports.satisfaction import satisfaction_section
from services.reporting.workflow.reports import Asked, ask, build
from shared.principal import Principal


def departments(session: Session, scope: str = CITY) -> list[DepartmentFact]:
    """The departments that exist (not dissolved), by name; only `scope`'s own unless it is the city."""
    query = select(DepartmentFact).where(DepartmentFact.status != "dissolved").order_by(DepartmentFact.name)
    if scope != CITY:
        query = query.where(DepartmentFact.code == scope)
    return list(session.execute(query).scalars())


def _shown(figures: dict, view: str, rules: ReportRules) -> dict:
    return suppress_small_groups(figures, rules.public_min_group) if view == "public" else figures


def ikm_trend(session: Session, asked: Asked, rules: ReportRules) -> list[dict]:
    """The converted IKM of this period and the three of the same kind before it (closed campaigns only in a
    public view; a staff view marks a period with an open campaign provisional)."""
    points = []
    for earlier in preceding(asked.period):
        section = satisfaction_section(session, asked.scope, earlier, rules, view=asked.view)
        points.append({"period": earlier, "provisional": section["provisional"],
                       **_shown({"n": section["n"], "converted": section["converted"]}, asked.view, rules)})
    return points


def jp_by_department(session: Session, asked: Asked, rules: ReportRules) -> list[dict]:
    """Per department with PNS: how many of them reached the JP minimum by the end of the period."""
    rows = []
    for department in departments(session, asked.scope):
        pns = jp_figures(session, department.code, asked.period, rules)["jp"]["pns"]
        if pns["n"]:
            rows.append({"code": department.code, "name": department.name,
                         **_shown({"n": pns["n"], "at_minimum": pns["at_minimum"],
                                   "share": pns["share_at_minimum"]}, asked.view, rules)})
    return rows


def dashboard_for(session: Session, principal: Principal, now: datetime, scope: str, period: str | None,
                  config: Config) -> dict:
    """A report in the principal's view, with the IKM trend and the JP per department its charts draw."""
    asked = ask(session, principal, now, scope, period)
    return {"report": build(session, asked, now, config), "period": asked.period,
            "trend": ikm_trend(session, asked, config.rules),
            "jp_departments": jp_by_department(session, asked, config.rules),
            "min_group": config.rules.public_min_group, "pns_min_jp": config.rules.pns_min_jp}
