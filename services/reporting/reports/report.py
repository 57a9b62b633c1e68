"""The evaluation report of one scope (a department or the city) and period, in one of three views.

Views: "full" (admins; a department's own operator) names overdue officials; "internal"
(viewers, other staff) has every figure but no names; "public" has no names and suppresses
every figure over fewer than ReportRules.public_min_group people. Recommendations are drawn from
the figures the view shows; the improvement section measures the actions of earlier plans by them. Which view a caller gets is decided in workflow/access.py.
"""
from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from services.reporting.db.models import DepartmentFact, ReportRevision
from services.reporting.domain.improvement import mark_repeats
from services.reporting.domain.periods import Period
from services.reporting.domain.recommendations import Thresholds, recommend
from services.reporting.domain.rules import ReportRules
from services.reporting.domain.suppression import suppress_small_groups
from services.reporting.reports import competence, responsiveness, satisfaction
from services.reporting.reports.consultation import consultation_section
from services.reporting.reports.figures import CITY, aware
from services.reporting.reports.improvement import earlier_actions, improvement_section

VIEWS = ("full", "internal", "public")
SECTIONS = ("competence", "responsiveness", "satisfaction", "consultation", "improvement")


def revision_of(session: Session, scope: str, period: Period) -> tuple[int, datetime | None]:
    row = session.get(ReportRevision, (scope, period.label))
    return (row.revision, row.as_of) if row else (0, None)


def report_exists(session: Session, scope: str) -> bool:
    """The city always has a report; a department once any event about it has arrived."""
    if scope == CITY:
        return True
    return (session.execute(select(ReportRevision.scope).where(ReportRevision.scope == scope).limit(1)).first()
            is not None or session.get(DepartmentFact, scope) is not None)


def build_report(session: Session, scope: str, period: Period, *, view: str, today: date, rules: ReportRules,
                 thresholds: Thresholds) -> dict:
    """The report as `view` shows it; `today` judges what is overdue in a period that has not ended."""
    if view not in VIEWS:
        raise ValueError(f"view must be one of {VIEWS}")
    revision, as_of = revision_of(session, scope, period)
    department = session.get(DepartmentFact, scope) if scope != CITY else None
    feedback = responsiveness.tallies(session, scope, period)
    report = {
        "scope": scope,
        "department_code": None if scope == CITY else scope,
        "department_name": department.name if department else ("Kota Tebing Tinggi" if scope == CITY else None),
        "period": period.label, "period_start": period.start.isoformat(), "period_end": period.end.isoformat(),
        "revision": revision, "as_of": aware(as_of).isoformat() if as_of else None, "view": view,
        "sections": {
            "competence": competence.competence_section(session, scope, period, rules, today, view == "full"),
            "responsiveness": responsiveness.responsiveness_section(session, scope, period, rules, feedback),
            "satisfaction": satisfaction.satisfaction_section(session, scope, period, rules, feedback, view=view),
            "consultation": consultation_section(session, scope, period, rules),
        },
    }
    if view == "public":
        report["sections"] = suppress_small_groups(report["sections"], rules.public_min_group)
    # After the figures (and their suppression): the actions of earlier plans are measured by them, and a
    # recommendation an open action already works on says so instead of appearing as new.
    actions = earlier_actions(session, scope, period, today)
    report["sections"]["improvement"] = improvement_section(actions, report, scope, view, rules)
    report["recommendations"] = mark_repeats(recommend(report, thresholds), actions, scope)
    return report
