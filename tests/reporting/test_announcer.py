"""Coalesced announcements: one reporting.report.updated per report whose revision rose, not one per event."""
import json
from datetime import date

from sqlalchemy import select

from services.reporting.db.models import plumbing
from services.reporting.domain.recommendations import Thresholds
from services.reporting.domain.rules import ReportRules
from services.reporting.workflow.announce import ReportAnnouncer
from shared.config import load_settings
from tests.reporting import factories as ev

OUTBOX = plumbing["outbox"]


def announced(rdb):
    with rdb.sessions() as s:
        return [json.loads(b) for b in s.execute(select(OUTBOX.c.body).order_by(OUTBOX.c.id)).scalars()]


def test_many_events_make_one_announcement_per_changed_report(rdb, feed):
    announcer = ReportAnnouncer(load_settings("reporting", database_url=rdb.url, jwt_secret="x" * 32), rdb, ReportRules())
    feed(ev.employee("emp-1"))
    feed(*[ev.training(record_id=f"r{i}", jp=2, end=date(2026, 11, 2)) for i in range(30)])
    # The employee touched 2026, 2026-S1, 2026-Q1; the training 2026, 2026-S2, 2026-Q4: DINKES and CITY each.
    assert announcer.announce_pending() == 10
    events = announced(rdb)
    assert {(e["data"]["scope"], e["data"]["period"]) for e in events} == {
        (scope, period) for scope in ("DINKES", "CITY")
        for period in ("2026", "2026-S1", "2026-Q1", "2026-S2", "2026-Q4")}
    year = next(e for e in events if e["subject"] == "DINKES/2026")
    assert year["type"] == "reporting.report.updated" and year["sequence"] == year["data"]["revision"] == 31
    assert year["data"]["headline"]["average_jp"] == 60.0
    assert announcer.announce_pending() == 0  # nothing changed since

    feed(ev.training(record_id="late", jp=4, end=date(2026, 12, 1)))
    assert announcer.announce_pending() == 6  # 2026, 2026-S2, 2026-Q4 of DINKES and CITY
    latest = announced(rdb)[10:]
    assert {(e["data"]["scope"], e["data"]["period"]) for e in latest} == {
        (scope, period) for scope in ("DINKES", "CITY") for period in ("2026", "2026-S2", "2026-Q4")}
    assert next(e for e in latest if e["subject"] == "DINKES/2026")["data"]["revision"] == 32


def test_headlines_of_many_reports_agree_with_the_reports(rdb, feed):
    from datetime import UTC, datetime

    from services.reporting.domain.periods import parse_period
    from services.reporting.reports.headline import headlines
    from services.reporting.reports.report import build_report

    feed(ev.employee("a"), ev.employee("b", department_code="DISHUB"), ev.employee("c", employee_type="PPPK"))
    feed(ev.training("r1", "a", jp=24), ev.training("r2", "b", jp=4, department_code="DISHUB"))
    t = datetime(2026, 3, 2, 2, 0, tzinfo=UTC)
    feed(ev.feedback("f1", submitted_at=t, overdue_stage="forward", forward_deadline_met=False),
         ev.feedback("f2", submitted_at=t, department_code="DISHUB", kind="aspirasi"),
         ev.results(), ev.results("c2", department_code="DISHUB", converted=90.0, respondents=80))
    period = parse_period("2026")
    with rdb.sessions() as s:
        got = headlines(s, period, {"DINKES", "DISHUB", "CITY", "BAPPEDA"}, ReportRules())
        for scope in ("DINKES", "DISHUB", "CITY"):
            report = build_report(s, scope, period, view="internal", today=t.date(), rules=ReportRules(),
                                  thresholds=Thresholds())["sections"]
            assert got[scope] == {
                "employees": report["competence"]["headcount"]["n"],
                "pns_share_at_min_jp": report["competence"]["jp"]["pns"]["share_at_minimum"],
                "average_jp": report["competence"]["jp"]["all"]["average_jp"],
                "feedback_received": report["responsiveness"]["n"],
                "feedback_open": report["responsiveness"]["open"]["n"],
                "feedback_overdue": report["responsiveness"]["overdue"]["n"],
                "complaints_share_overdue": report["responsiveness"]["complaints"]["share_overdue"],
                "ikm_converted": report["satisfaction"]["converted"], "mutu": report["satisfaction"]["mutu"],
                "survey_respondents": report["satisfaction"]["n"]}, scope
        assert got["BAPPEDA"]["employees"] == 0 and got["BAPPEDA"]["ikm_converted"] is None
