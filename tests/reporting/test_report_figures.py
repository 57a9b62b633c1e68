"""The report's figures from known events: every number checked by hand."""
from datetime import UTC, date, datetime

from services.reporting.domain.periods import parse_period
from services.reporting.domain.recommendations import Thresholds
from services.reporting.domain.rules import ReportRules
from services.reporting.reports.report import build_report
from tests.reporting import factories as ev

TODAY = date(2026, 5, 1)


def build(rdb, scope="DINKES", period="2026", view="full", rules=ReportRules()):
    with rdb.sessions() as s:
        return build_report(s, scope, parse_period(period), view=view, today=TODAY, rules=rules,
                            thresholds=Thresholds())


def test_jp_is_year_to_date_at_the_end_of_the_period(rdb, feed):
    feed(ev.employee("a"), ev.employee("b"), ev.employee("c", employee_type="PPPK"),
         ev.employee("gone", status="retired"))
    feed(ev.training("r1", "a", jp=12, end=date(2026, 2, 1)), ev.training("r2", "a", jp=10, end=date(2026, 8, 1)),
         ev.training("r3", "b", jp=20, end=date(2026, 9, 30)),
         ev.training("r4", "c", jp=30, end=date(2026, 3, 1), employee_type="PPPK"),
         ev.training("r5", "gone", jp=40))
    q1 = build(rdb, period="2026-Q1")["sections"]["competence"]
    assert q1["headcount"]["n"] == 3 and q1["headcount"]["pns"]["n"] == 2  # the retired one is not counted
    assert (q1["jp"]["pns"]["at_minimum"], q1["jp"]["pns"]["average_jp"]) == (0, 6.0)
    assert (q1["jp"]["pppk"]["over_cap"], q1["jp"]["pppk"]["share_over_cap"]) == (1, 1.0)
    year = build(rdb)["sections"]["competence"]["jp"]
    assert (year["pns"]["at_minimum"], year["pns"]["share_at_minimum"], year["pns"]["average_jp"]) == (2, 1.0, 21.0)
    assert year["all"]["average_jp"] == round((22 + 20 + 30) / 3, 1)
    stricter = build(rdb, rules=ReportRules(pns_min_jp=22))["sections"]["competence"]["jp"]
    assert stricter["pns"]["at_minimum"] == 1 and "minimal 22 JP" in stricter["rule"]


def test_leadership_compliance_in_window_overdue_and_done(rdb, feed):
    feed(ev.employee("done", position_type="jpt_pratama", tmt_jabatan=date(2024, 1, 1)),
         ev.employee("late", position_type="administrator", tmt_jabatan=date(2025, 4, 1), name="Budi Nasution"),
         ev.employee("new", position_type="pengawas", tmt_jabatan=date(2026, 1, 5)),
         ev.employee("unknown", position_type="pengawas"),
         ev.employee("wrong", position_type="pengawas", tmt_jabatan=date(2024, 2, 1), name="Sari Lubis"),
         ev.employee("staff", position_type="pelaksana"))
    feed(ev.training("t1", "done", level="PKN_II", jp=80), ev.training("t2", "wrong", level="PKA", jp=60))
    leadership = build(rdb)["sections"]["competence"]["leadership"]
    assert (leadership["n"], leadership["with_training"], leadership["within_window"], leadership["overdue"],
            leadership["no_tmt"]) == (5, 1, 1, 2, 1)
    assert leadership["compliance_share"] == 0.2
    # Only the training that matches the position counts: a PKA does not satisfy a pengawas post's PKP.
    assert [(o["name"], o["required_training"], o["due_date"]) for o in leadership["overdue_officials"]] == [
        ("Sari Lubis", "PKP", "2025-01-31"), ("Budi Nasution", "PKA", "2026-04-01")]  # 365 days; 2024 is leap
    shorter = build(rdb, rules=ReportRules(leadership_window_days=90))["sections"]["competence"]["leadership"]
    assert shorter["overdue"] == 3 and "90 hari" in shorter["rule"]
    assert "overdue_officials" not in build(rdb, view="internal")["sections"]["competence"]["leadership"]


def test_socialization_coverage_per_policy_in_force(rdb, feed):
    feed(*[ev.employee(f"e{i}") for i in range(4)])
    feed(ev.policy("pol-1", state="in_implementation"), ev.policy("pol-2", state="in_consultation", code="RAPERWALI-2"),
         ev.policy("pol-3", state="adopted", department_code=None, code="PERWALI-1"))
    feed(ev.attended("s1", "pol-1", "e0"), ev.attended("s2", "pol-1", "e0"), ev.attended("s2", "pol-1", "e1"),
         ev.attended("s9", "pol-1", "e2", held_on=date(2027, 1, 5)))
    policies = build(rdb)["sections"]["competence"]["socialization"]["policies"]
    assert [(p["code"], p["attended"], p["coverage"]) for p in policies] == [("PERWALI-1", 0, 0.0),
                                                                             ("PERWALI-7", 2, 0.5)]


def test_responsiveness_figures(rdb, feed):
    t = datetime(2026, 3, 2, 2, 0, tzinfo=UTC)
    hours = lambda h: datetime(2026, 3, 2, 2 + h, 0, tzinfo=UTC)  # noqa: E731
    feed(ev.feedback("f1", status="responded", submitted_at=t, forwarded_at=hours(2), responded_at=hours(20),
                     forward_deadline_met=True, follow_up_deadline_met=True),
         ev.feedback("f2", status="forwarded", submitted_at=t, forwarded_at=hours(4), forward_deadline_met=False),
         ev.feedback("f3", status="received", submitted_at=t, overdue_stage="forward"),
         ev.feedback("f4", kind="aspirasi", category="biaya", unsur="u4", status="closed", submitted_at=t,
                     closed_at=hours(9)),
         ev.feedback("f5", department_code="DISHUB", submitted_at=t),
         ev.feedback("f6", submitted_at=datetime(2025, 12, 31, 16, 0, tzinfo=UTC)))  # 23:00 WIB, still 2025
    r = build(rdb)["sections"]["responsiveness"]
    assert r["n"] == 4
    assert [(k["key"], k["n"]) for k in r["by_kind"]] == [("aspirasi", 1), ("pengaduan", 3)]
    assert r["first_response"] == {"n": 3, "median_hours": 4.0}
    assert r["follow_up"] == {"n": 1, "median_hours": 20.0}
    assert r["forward_deadline"] == {"n": 2, "days": 3, "met": 1, "share": 0.5}
    assert r["open"] == {"n": 2} and r["overdue"] == {"n": 1}
    assert r["complaints"] == {"n": 3, "overdue": 2, "share_overdue": round(2 / 3, 4), "open": 2}
    assert build(rdb, scope="CITY")["sections"]["responsiveness"]["n"] == 5


def test_satisfaction_latest_campaign_trend_and_city_weighting(rdb, feed):
    feed(ev.results("old", period_start=date(2025, 7, 1), period_end=date(2025, 12, 31), label="2025-S2",
                    converted=80.0, respondents=100))
    feed(ev.results("new", converted=75.0, respondents=120, sufficient=False))
    feed(ev.results("dishub", department_code="DISHUB", service_unit="Terminal", converted=90.0, respondents=80,
                    nrr={f"u{i}": 3.6 for i in range(1, 10)}, weakest="u1", mutu="A"))
    feed(ev.feedback("f1", submitted_at=datetime(2026, 3, 2, tzinfo=UTC)))
    s = build(rdb)["sections"]["satisfaction"]
    assert (s["n"], s["converted"], s["mutu"], s["period_labels"]) == (120, 75.0, "B", ["2026-S1"])
    assert s["weakest_unsur"]["key"] == "u3" and s["weakest_unsur"]["feedback"]["complaints"] == 1
    assert s["trend"]["delta"] == -5.0 and s["trend"]["direction"] == "turun"
    assert s["sample"]["sufficient"] is False
    city = build(rdb, scope="CITY")["sections"]["satisfaction"]
    assert city["units"] == 2 and city["n"] == 200
    assert city["converted"] == round((75.0 * 120 + 90.0 * 80) / 200, 2)
    assert city["mutu"] is None and city["mutu_by_unit"] == {"A": 1, "B": 1}
    assert next(u["nrr"] for u in city["nrr"] if u["key"] == "u3") == round((2.7 * 120 + 3.6 * 80) / 200, 3)
    earlier = build(rdb, period="2025")["sections"]["satisfaction"]
    assert earlier["converted"] == 80.0 and earlier["trend"] is None


def test_consultation_per_policy(rdb, feed):
    feed(ev.policy("pol-1", state="in_consultation"))
    t = datetime(2026, 3, 2, tzinfo=UTC)
    feed(ev.feedback("a", policy_id="pol-1", answer_outcome="accepted", submitted_at=t),
         ev.feedback("b", policy_id="pol-1", answer_outcome="rejected", submitted_at=t),
         ev.feedback("c", policy_id="pol-1", submitted_at=t))
    [p] = build(rdb)["sections"]["consultation"]["policies"]
    assert (p["code"], p["state"], p["state_label"], p["n"], p["accepted"], p["rejected"], p["unanswered"]) == (
        "PERWALI-7", "in_consultation", "Konsultasi publik", 3, 1, 1, 1)
