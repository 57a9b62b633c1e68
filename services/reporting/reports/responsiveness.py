"""The responsiveness section: feedback by kind and category, time to first response, deadlines, open and overdue;
re-routings, reopenings, the citizens' satisfaction with the follow-up, and the time paused waiting for them."""
from __future__ import annotations

from datetime import UTC

from sqlalchemy import and_, case, func, select
from sqlalchemy.orm import Session

from services.reporting.db.models import FeedbackFact
from services.reporting.domain import rules as r
from services.reporting.domain.labels import FEEDBACK_KINDS, UNSUR, label
from services.reporting.domain.periods import Period
from services.reporting.reports.figures import in_scope, median, share

F = FeedbackFact
COUNTS = ("n", "open", "overdue_now", "missed", "forward_decided", "forward_met", "follow_up_decided",
          "follow_up_met", "rerouted", "reroutes", "reopened", "reopenings", "replied", "satisfied", "paused",
          "paused_working_days")


def submitted_in(period: Period):
    """Feedback counts in the period it was submitted in (bounds in UTC: SQLite compares them as text)."""
    return and_(F.submitted_at >= period.start_at.astimezone(UTC), F.submitted_at < period.end_at.astimezone(UTC))


def in_period(scope: str, period: Period):
    return and_(submitted_in(period), in_scope(F.department_code, scope))


def _flag(condition):
    return func.sum(case((condition, 1), else_=0))


def tallies(session: Session, scope: str, period: Period) -> list[dict]:
    """One grouped query: the counts per (kind, category, unsur) that every figure below is summed from."""
    is_open = F.status.in_(r.OPEN_FEEDBACK_STATUSES)
    query = (select(F.kind, F.category, F.unsur, func.count(), _flag(is_open),
                    _flag(and_(is_open, F.overdue_stage.is_not(None))), _flag(F.missed_deadline),
                    _flag(F.forward_deadline_met.is_not(None)), _flag(F.forward_deadline_met.is_(True)),
                    _flag(F.follow_up_deadline_met.is_not(None)), _flag(F.follow_up_deadline_met.is_(True)),
                    _flag(F.reroute_count > 0), func.coalesce(func.sum(F.reroute_count), 0),
                    _flag(F.reopen_count > 0), func.coalesce(func.sum(F.reopen_count), 0),
                    _flag(F.citizen_satisfied.is_not(None)), _flag(F.citizen_satisfied.is_(True)),
                    _flag(F.paused_hours > 0), func.coalesce(func.sum(F.paused_working_days), 0))
             .where(in_period(scope, period)).group_by(F.kind, F.category, F.unsur))
    return [{"kind": kind, "category": category, "unsur": unsur, **dict(zip(COUNTS, map(int, counts), strict=True))}
            for kind, category, unsur, *counts in session.execute(query)]


def total(rows: list[dict], key: str, **where) -> int:
    return sum(row[key] for row in rows if all(row[k] == v for k, v in where.items()))


def _breakdown(rows: list[dict], field: str, labels: dict | None = None) -> list[dict]:
    keys = sorted({row[field] for row in rows if row[field] is not None})
    return [{"key": key, "label": label(labels, key) if labels else key, "n": total(rows, "n", **{field: key})}
            for key in keys]


def counts_summary(rows: list[dict]) -> dict:
    """The figures that need no median: cheap enough for every announcement."""
    complaints = total(rows, "n", kind=r.COMPLAINT_KIND)
    complaints_overdue = total(rows, "missed", kind=r.COMPLAINT_KIND)
    return {
        "n": total(rows, "n"),
        "open": {"n": total(rows, "open")},
        "overdue": {"n": total(rows, "overdue_now")},
        "complaints": {"n": complaints, "overdue": complaints_overdue,
                       "share_overdue": share(complaints_overdue, complaints),
                       "open": total(rows, "open", kind=r.COMPLAINT_KIND)},
    }


def medians(session: Session, scope: str, period: Period) -> dict:
    """How many items have each response time, and the median of each (in SQL where the database can)."""
    columns = (F.first_response_hours, F.follow_up_hours)
    if session.get_bind().dialect.name == "postgresql":
        row = session.execute(select(*(f(c) for c in columns for f in (
            func.count, lambda c: func.percentile_cont(0.5).within_group(c)))).where(in_period(scope, period))).one()
        return {"first_response": {"n": row[0], "median_hours": None if row[1] is None else round(row[1], 1)},
                "follow_up": {"n": row[2], "median_hours": None if row[3] is None else round(row[3], 1)}}
    times = session.execute(select(*columns).where(in_period(scope, period))).all()
    first, follow = [t[0] for t in times if t[0] is not None], [t[1] for t in times if t[1] is not None]
    return {"first_response": {"n": len(first), "median_hours": median(first)},
            "follow_up": {"n": len(follow), "median_hours": median(follow)}}


def follow_up_course(rows: list[dict], session: Session, scope: str, period: Period) -> dict:
    """Re-routings, reopenings, the citizens' word on the follow-up, and the time they were waited for."""
    n = total(rows, "n")
    replied, paused = total(rows, "replied"), total(rows, "paused")
    hours = session.execute(select(func.coalesce(func.sum(F.paused_hours), 0.0))
                            .where(in_period(scope, period), F.paused_hours > 0)).scalar_one()
    return {
        "rerouted": {"n": n, "reports": total(rows, "rerouted"), "times": total(rows, "reroutes"),
                     "share": share(total(rows, "rerouted"), n)},
        "reopened": {"n": n, "reports": total(rows, "reopened"), "times": total(rows, "reopenings"),
                     "share": share(total(rows, "reopened"), n)},
        # Counted over the citizens who said something of the follow-up (their latest word).
        "citizen_satisfaction": {"n": replied, "satisfied": total(rows, "satisfied"),
                                 "share": share(total(rows, "satisfied"), replied)},
        # Kept out of the deadlines (they moved) and out of the response times above (subtracted).
        "paused": {"n": paused, "working_days": total(rows, "paused_working_days"),
                   "hours": round(float(hours), 1), "mean_hours": round(float(hours) / paused, 1) if paused else None},
    }


def responsiveness_section(session: Session, scope: str, period: Period, rules: r.ReportRules,
                           rows: list[dict] | None = None) -> dict:
    """`rows`: this scope's and period's tallies, when the caller has them already (the satisfaction section
    uses them too)."""
    rows = tallies(session, scope, period) if rows is None else rows
    forward_n, follow_n = total(rows, "forward_decided"), total(rows, "follow_up_decided")
    return {
        "title": "Responsivitas terhadap masyarakat",
        **counts_summary(rows),
        "by_kind": _breakdown(rows, "kind", FEEDBACK_KINDS),
        "by_category": _breakdown(rows, "category"),
        "by_unsur": _breakdown(rows, "unsur", UNSUR),
        **medians(session, scope, period),
        "forward_deadline": {"n": forward_n, "days": 3, "met": total(rows, "forward_met"),
                             "share": share(total(rows, "forward_met"), forward_n)},
        "follow_up_deadline": {"n": follow_n, "days": 5, "met": total(rows, "follow_up_met"),
                               "share": share(total(rows, "follow_up_met"), follow_n)},
        **follow_up_course(rows, session, scope, period),
        "rule": r.responsiveness_rule(rules),
    }
