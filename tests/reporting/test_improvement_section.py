"""The improvement section of a later report, from consultation.improvement.* and training events."""
from __future__ import annotations

from datetime import UTC, date, datetime

from services.reporting.config import Config
from services.reporting.domain.periods import parse_period
from services.reporting.reports.report import build_report
from tests.reporting import factories as ev


def _report(rdb, period, view="full", scope="DINKES", today=date(2027, 12, 31)):
    config = Config()
    with rdb.sessions() as s:
        return build_report(s, scope, parse_period(period), view=view, today=today, rules=config.rules,
                            thresholds=config.thresholds)


def _staff_with_training(feed, year: int, trained: int, total: int = 10):
    feed(*[ev.employee(f"e{i}") for i in range(total)])
    feed(*[ev.training(record_id=f"r{year}-{i}", employee_id=f"e{i}", jp=20, end=date(year, 5, 10))
           for i in range(trained)])


def test_the_later_report_measures_a_done_action_against_its_figure(rdb, feed):
    feed(ev.department("DINKES"))
    _staff_with_training(feed, 2026, 4)
    rec, = [r for r in _report(rdb, "2026")["recommendations"] if r["rule"] == "pns_training"]
    assert rec["value"] == 0.4 and rec["repeated"] is False
    done = ev.improvement_action(state="done", done_at=datetime(2027, 2, 1, 3, tzinfo=UTC), done_on_time=True)
    feed(ev.improvement(ev.improvement_action(), sequence=3),
         ev.improvement(done, verb="action_done", sequence=5, time=datetime(2027, 2, 1, 3, tzinfo=UTC)))
    _staff_with_training(feed, 2027, 9)

    section = _report(rdb, "2027")["sections"]["improvement"]
    action, = section["actions"]
    assert (action["state"], action["timeliness"], action["done_on"]) == ("done", "on_time", "2027-02-01")
    assert (action["value_then"], action["value_now"], action["threshold"], action["gap_closed"]) == \
        (0.4, 0.9, 0.8, True)
    assert section["policies"] == [{"policy_code": "PERWALI-7", "policy_title": "Kebijakan PERWALI-7", "planned": 1,
                                    "done_on_time": 1, "late": 0, "dropped": 0, "open": 0}]
    assert _report(rdb, "2026")["sections"]["improvement"]["n_actions"] == 0  # the plan's own period: not earlier


def test_an_open_action_makes_the_repeated_recommendation_say_so(rdb, feed):
    feed(ev.department("DINKES"))
    feed(ev.improvement(ev.improvement_action(state="in_progress"), verb="action_started", sequence=4))
    _staff_with_training(feed, 2027, 5)
    report = _report(rdb, "2027", today=date(2027, 2, 1))
    rec, = [r for r in report["recommendations"] if r["rule"] == "pns_training"]
    assert rec["repeated"] is True and rec["follow_up"]["state"] == "in_progress"
    action, = report["sections"]["improvement"]["actions"]
    assert (action["timeliness"], action["value_now"], action["gap_closed"]) == ("pending", 0.5, False)


def test_the_public_sees_counts_per_policy_and_no_descriptions(rdb, feed):
    feed(ev.department("DINKES"))
    feed(ev.improvement(ev.improvement_action(state="done", done_on_time=False,
                                              done_at=datetime(2027, 4, 1, tzinfo=UTC)),
                        ev.improvement_action(action_id="act-2", number=2, state="dropped", rule=None, figure=None,
                                              value=None, threshold=None),
                        verb="action_dropped", sequence=7))
    section = _report(rdb, "2027", view="public")["sections"]["improvement"]
    assert "actions" not in section
    assert (section["policies"][0]["planned"], section["policies"][0]["late"], section["policies"][0]["dropped"]) == \
        (2, 1, 1)


def test_a_late_or_repeated_plan_event_changes_nothing(rdb, feed):
    feed(ev.department("DINKES"))
    feed(ev.improvement(ev.improvement_action(state="done", done_on_time=True,
                                              done_at=datetime(2027, 1, 5, tzinfo=UTC)), sequence=5))
    feed(ev.improvement(ev.improvement_action(state="planned"), sequence=3))  # older: ignored
    action, = _report(rdb, "2027")["sections"]["improvement"]["actions"]
    assert action["state"] == "done"


def test_a_draft_plan_is_not_measured(rdb, feed):
    feed(ev.department("DINKES"))
    feed(ev.improvement(ev.improvement_action(), state="draft", verb="action_added", sequence=2))
    assert _report(rdb, "2027")["sections"]["improvement"]["n_actions"] == 0
