"""The report follows personnel's leadership facts, and counts socialization by the attendees' own department and
by the policy version in force."""
from datetime import UTC, date, datetime

from services.reporting.domain.periods import parse_period
from services.reporting.domain.recommendations import Thresholds
from services.reporting.domain.rules import ReportRules
from services.reporting.reports.report import build_report
from tests.reporting import factories as ev

TODAY = date(2026, 5, 1)


def competence(rdb, scope="DINKES", period="2026", view="full"):
    with rdb.sessions() as s:
        return build_report(s, scope, parse_period(period), view=view, today=TODAY, rules=ReportRules(),
                            thresholds=Thresholds())["sections"]["competence"]


def test_the_leadership_section_uses_the_due_date_and_the_level_personnel_published(rdb, feed):
    feed(
        # A pengawas who completed PKA (the higher level) in March: done from then on.
        ev.employee("higher", position_type="pengawas", tmt_jabatan=date(2024, 2, 1), name="Sari Lubis",
                    leadership=("PKP", date(2025, 2, 1), date(2026, 3, 10), "PKA")),
        # Appointed 1 December 2024 with an 18-month window: due 1 June 2026, so not overdue (365 days would be).
        ev.employee("window", position_type="administrator", tmt_jabatan=date(2024, 12, 1),
                    leadership=("PKA", date(2026, 6, 1), None, None)),
        ev.employee("late", position_type="jpt_pratama", tmt_jabatan=date(2025, 1, 15), name="Budi Nasution",
                    leadership=("PKN_II", date(2026, 1, 15), None, "PKA")),
        ev.employee("staff", position_type="pelaksana", leadership=(None, None, None, None)))
    section = competence(rdb)["leadership"]
    assert (section["n"], section["with_training"], section["within_window"], section["overdue"],
            section["no_tmt"]) == (3, 1, 1, 1, 0)
    assert [(o["name"], o["required_training"], o["due_date"], o["days_overdue"])
            for o in section["overdue_officials"]] == [("Budi Nasution", "PKN_II", "2026-01-15", 106)]
    # Judged at the end of 2026-Q1 the PKA of 10 March already counts; at the end of 2025 it did not yet.
    assert competence(rdb, period="2026-Q1")["leadership"]["with_training"] == 1
    assert competence(rdb, period="2025")["leadership"]["with_training"] == 0
    assert "PKN II ⊇ PKA ⊇ PKP" in section["rule"]


def test_coverage_counts_attendees_by_their_own_department_whoever_leads_the_policy(rdb, feed):
    feed(*[ev.employee(f"guru{i}", department_code="DISDIK") for i in range(4)], ev.employee("bidan"))
    feed(ev.policy("pol-bkpsdm", state="in_implementation", department_code="BKPSDM", code="PERWALI-DISIPLIN"))
    feed(ev.attended("s1", "pol-bkpsdm", "guru0", department_code="DISDIK"),
         ev.attended("s1", "pol-bkpsdm", "guru1", department_code="DISDIK"))
    disdik = competence(rdb, scope="DISDIK")["socialization"]["policies"]
    assert [(p["code"], p["attended"], p["n"], p["coverage"]) for p in disdik] == [("PERWALI-DISIPLIN", 2, 4, 0.5)]
    assert competence(rdb, scope="DINKES")["socialization"]["policies"] == []  # nobody of DINKES attended it


def test_an_earlier_versions_coverage_stays_in_the_periods_it_was_in_force(rdb, feed):
    at = lambda y, m, d: datetime(y, m, d, 3, 0, tzinfo=UTC)  # noqa: E731
    feed(*[ev.employee(f"e{i}") for i in range(4)])
    feed(ev.policy("pol-1", state="adopted", changed_at=at(2026, 1, 10), sequence=1),
         ev.policy("pol-1", state="in_implementation", changed_at=at(2026, 2, 1), sequence=2))
    feed(ev.attended("s1", "pol-1", "e0", held_on=date(2026, 2, 10)),
         ev.attended("s1", "pol-1", "e1", held_on=date(2026, 2, 10)))
    # Revised on 1 July: version 1 closes, version 2 is drafted, then adopted on 1 September.
    feed(ev.policy("pol-1", state="revised", changed_at=at(2026, 7, 1), sequence=3, version=1),
         ev.policy("pol-1", state="draft", changed_at=at(2026, 7, 1), sequence=4, version=2),
         ev.policy("pol-1", state="adopted", changed_at=at(2026, 9, 1), sequence=5, version=2))
    feed(ev.attended("s2", "pol-1", "e2", held_on=date(2026, 9, 15)))

    def rows(period):
        return [(p["version"], p["state"], p["attended"], p["coverage"])
                for p in competence(rdb, period=period)["socialization"]["policies"]]

    assert rows("2026-Q1") == [(1, "revised", 2, 0.5)]
    assert rows("2026-Q3") == [(1, "revised", 2, 0.5), (2, "adopted", 1, 0.25)]
    assert rows("2026-Q4") == [(2, "adopted", 1, 0.25)]
    assert rows("2026") == [(1, "revised", 2, 0.5), (2, "adopted", 1, 0.25)]
    assert rows("2025") == []
    # Order does not matter: the same events again, shuffled, change nothing.
    feed(ev.policy("pol-1", state="adopted", changed_at=at(2026, 9, 1), sequence=5, version=2),
         ev.policy("pol-1", state="revised", changed_at=at(2026, 7, 1), sequence=3, version=1))
    assert rows("2026") == [(1, "revised", 2, 0.5), (2, "adopted", 1, 0.25)]
