"""Evaluation reports: one report in the caller's view, a section of it as CSV, its revision, the list of reports.

The API and the pages both call these, so a page never shows more than the API would.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from services.reporting.config import Config
from services.reporting.db.models import ReportRevision
from services.reporting.domain.periods import Period, PeriodError, local_date, parse_period, year_of
from services.reporting.reports.csv_export import section_csv
from services.reporting.reports.figures import CITY, aware
from services.reporting.reports.report import build_report, report_exists, revision_of
from services.reporting.workflow.access import report_view
from shared.db import paginate
from shared.errors import Invalid, NotFound
from shared.principal import Principal

_CODE = re.compile(r"^[A-Z0-9][A-Z0-9_.-]{0,39}$")


@dataclass(frozen=True)
class Asked:
    """A request for a report, checked: the scope (a department code or CITY), the period, the caller's view."""

    scope: str
    period: Period
    view: str


def parse_scope(text: str) -> str:
    """'city' (any case) is the city; anything else must look like a department code."""
    scope = text.strip().upper()
    if scope == CITY:
        return CITY
    if not _CODE.match(scope):
        raise Invalid("scope", f"{text!r} is not a department code or 'city'",
                      indonesian=f"“{text}” bukan kode perangkat daerah.")
    return scope


def period_asked(text: str | None, now: datetime) -> Period:
    """The period asked for, or the current year (WIB) when none is."""
    if not text:
        return year_of(now)
    try:
        return parse_period(text)
    except PeriodError as exc:
        raise Invalid("period", str(exc), indonesian="Periode tidak dikenali. Tulis misalnya 2026, 2026-S1 "
                                                     "(semester) atau 2026-Q3 (triwulan).") from None


def ask(session: Session, principal: Principal, now: datetime, scope: str, period: str | None) -> Asked:
    """Check a request for a report: Invalid scope or period, Forbidden view, NotFound department."""
    scope, checked_period = parse_scope(scope), period_asked(period, now)
    view = report_view(principal, scope)
    if not report_exists(session, scope):
        raise NotFound(f"No report for department {scope!r}: no event about it has arrived.",
                       indonesian=f"Belum ada laporan untuk perangkat daerah {scope}: belum ada data yang masuk.")
    return Asked(scope, checked_period, view)


def build(session: Session, asked: Asked, now: datetime, config: Config) -> dict:
    """The checked request's report, with the rules and thresholds in force."""
    return build_report(session, asked.scope, asked.period, view=asked.view, today=local_date(now),
                        rules=config.rules, thresholds=config.thresholds)


def report_for(session: Session, principal: Principal, now: datetime, scope: str, period: str | None,
               config: Config) -> dict:
    """A department's (or the city's) report for a period, in the view the principal may see."""
    return build(session, ask(session, principal, now, scope, period), now, config)


def report_csv(session: Session, principal: Principal, now: datetime, scope: str, period: str | None,
               section: str, config: Config) -> tuple[str, str]:
    """One section of the report as CSV (one row per figure): its file name and its text."""
    report = report_for(session, principal, now, scope, period, config)
    name = f"laporan-{report['scope'].lower()}-{report['period']}-{section}.csv"
    return name, section_csv(report, section)


def report_revision(session: Session, principal: Principal, now: datetime, scope: str,
                    period: str | None) -> dict:
    """How many events have changed a report and when the latest happened (a number, nothing private)."""
    scope, checked_period = parse_scope(scope), period_asked(period, now)
    number, as_of = revision_of(session, scope, checked_period)
    return {"scope": scope, "period": checked_period, "revision": number, "as_of": aware(as_of)}


def list_reports(session: Session, principal: Principal, now: datetime, filters: dict) -> dict:
    """One page of the reports that exist, newest period first (filters: department, period, year)."""
    query = select(ReportRevision).order_by(ReportRevision.period.desc(), ReportRevision.scope)
    if filters.get("department"):
        query = query.where(ReportRevision.scope == parse_scope(filters["department"]))
    if filters.get("period"):
        query = query.where(ReportRevision.period == period_asked(filters["period"], now).label)
    if filters.get("year"):
        query = query.where(ReportRevision.period.startswith(str(filters["year"])))
    return paginate(session, query, filters)
