"""The headline figures announced with reporting.report.updated: aggregates only, for many reports at once.

The announcer may have dozens of changed reports of one period at a time (every department
and the city). Their headlines come from three grouped queries per period (head count and JP,
feedback counts, the latest survey campaigns, each per department) instead of three per report.
"""
from __future__ import annotations

from collections import defaultdict

from sqlalchemy import and_, case, func, select
from sqlalchemy.orm import Session

from services.reporting.db.models import FeedbackFact
from services.reporting.domain import rules as r
from services.reporting.domain.periods import Period
from services.reporting.reports import competence, satisfaction
from services.reporting.reports.figures import CITY, share
from services.reporting.reports.responsiveness import submitted_in

F = FeedbackFact


def _feedback_by_department(session: Session, period: Period) -> dict[str | None, tuple]:
    is_open = F.status.in_(r.OPEN_FEEDBACK_STATUSES)
    complaint = F.kind == r.COMPLAINT_KIND
    flag = lambda condition: func.sum(case((condition, 1), else_=0))  # noqa: E731
    query = (select(F.department_code, func.count(), flag(is_open), flag(and_(is_open, F.overdue_stage.is_not(None))),
                    flag(complaint), flag(and_(complaint, F.missed_deadline)))
             .where(submitted_in(period)).group_by(F.department_code))
    return {row[0]: tuple(int(v or 0) for v in row[1:]) for row in session.execute(query)}


def headlines(session: Session, period: Period, scopes: set[str], rules: r.ReportRules) -> dict:
    """{scope: headline} for these scopes (department codes and/or CITY) of one period."""
    jp = competence.jp_tallies(session, CITY, period, rules, by_department=True)
    feedback = _feedback_by_department(session, period)
    # The announcement reaches other city systems, which may republish it: closed campaigns only, as in public.
    current, _ = satisfaction.latest_campaigns(session, CITY, period, include_open=False)
    campaigns = defaultdict(list)
    for campaign in current:
        campaigns[campaign.department_code].append(campaign)
    result = {}
    for scope in scopes:
        by_type: dict = defaultdict(lambda: (0, 0, 0, 0))
        for (department, kind), counts in jp.items():
            if scope in (CITY, department):
                by_type[kind] = tuple(a + b for a, b in zip(by_type[kind], counts, strict=True))
        fb = [sum(col) for col in zip(*(counts for department, counts in feedback.items()
                                        if scope in (CITY, department)), strict=True)] or [0] * 5
        units = current if scope == CITY else campaigns.get(scope, [])
        skm = satisfaction.combine(units) if units else {}
        figures = competence.jp_section(dict(by_type), period, rules)
        result[scope] = {
            "employees": figures["headcount"]["n"],
            "pns_share_at_min_jp": figures["jp"]["pns"]["share_at_minimum"],
            "average_jp": figures["jp"]["all"]["average_jp"],
            "feedback_received": fb[0], "feedback_open": fb[1], "feedback_overdue": fb[2],
            "complaints_share_overdue": share(fb[4], fb[3]),
            "ikm_converted": skm.get("converted"), "mutu": skm.get("mutu"), "survey_respondents": skm.get("n"),
        }
    return result
