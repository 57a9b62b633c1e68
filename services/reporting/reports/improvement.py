"""The improvement section: each action of earlier plans with its status and timeliness, and the figure that
triggered it then and now; the public sees only the counts per policy.

A report of a department shows the actions recommended from its own report and those it owns;
the city's shows every action. An action belongs to an earlier plan when the plan's evaluation
period ended before this report's period began.
"""
from __future__ import annotations

from datetime import date

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from services.reporting.db.models import ImprovementActionFact
from services.reporting.domain import improvement as rules
from services.reporting.domain.periods import Period, PeriodError, local_date, parse_period
from services.reporting.domain.rules import ReportRules, improvement_rule
from services.reporting.reports.figures import CITY

A = ImprovementActionFact
SHOWN = ("action_id", "policy_code", "policy_title", "period", "number", "origin", "source_scope", "rule", "figure",
         "subject", "recommendation_text", "description", "owner_department", "deadline", "state", "changes_text")


def _ended_before(label: str, period: Period) -> bool:
    try:
        return parse_period(label).end < period.start
    except PeriodError:
        return False


def earlier_actions(session: Session, scope: str, period: Period, today: date) -> list[dict]:
    """The actions of adopted plans for periods that ended before this one, as plain dicts with their timeliness."""
    query = select(A).where(A.plan_state == "adopted").order_by(A.period, A.policy_code, A.number)
    if scope != CITY:
        query = query.where(or_(A.source_scope == scope, A.owner_department == scope))
    rows = []
    for action in session.execute(query).scalars():
        if not _ended_before(action.period, period):
            continue
        row = {key: getattr(action, key) for key in SHOWN}
        row.update({"value": action.value, "threshold": action.threshold,
                    "timeliness": rules.timeliness(action.state, action.deadline, action.done_on_time,
                                                   action.overdue_at, today),
                    "deadline": action.deadline.isoformat(),
                    "done_on": local_date(action.done_at).isoformat() if action.done_at else None})
        rows.append(row)
    return rows


def improvement_section(actions: list[dict], report: dict, scope: str, view: str, rules_in_force: ReportRules) -> dict:
    """The section from the earlier actions and this report's figures (as this view shows them)."""
    section = {"title": "Tindak lanjut rekomendasi periode sebelumnya", "rule": improvement_rule(rules_in_force), "policies": rules.counts_by_policy(actions),
               "n_actions": len(actions)}
    if view == "public":
        return section
    section["actions"] = [
        {**{key: value for key, value in a.items() if key not in ("value", "threshold")},
         "timeliness_label": rules.TIMELINESS_LABELS[a["timeliness"]],
         **(rules.measured(a, report, scope) if a["rule"] else
            {"value_then": None, "value_now": None, "threshold": None, "gap_closed": None})}
        for a in actions]
    return section
