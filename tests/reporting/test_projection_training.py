"""personnel.training.* → training facts, JP per employee and quarter, leadership credits, revisions."""
from datetime import date

from sqlalchemy import select

from services.reporting.db.models import EmployeeJp, LeadershipCredit, ReportRevision, TrainingFact
from tests.reporting import factories as ev


def jp(rdb, employee_id="emp-1", year=2026):
    with rdb.sessions() as s:
        row = s.get(EmployeeJp, (employee_id, year))
        return None if row is None else (row.q1, row.q2, row.q3, row.q4)


def revision(rdb, scope="DINKES", period="2026"):
    with rdb.sessions() as s:
        row = s.get(ReportRevision, (scope, period))
        return 0 if row is None else row.revision


def test_recorded_training_counts_in_its_quarter_and_bumps_the_reports(rdb, feed):
    feed(ev.training(jp=12, end=date(2026, 5, 20)))
    assert jp(rdb) == (0, 12, 0, 0)
    assert revision(rdb, "DINKES", "2026") == 1
    assert revision(rdb, "CITY", "2026") == 1
    assert revision(rdb, "DINKES", "2026-Q2") == 1
    assert revision(rdb, "DINKES", "2026-Q4") == 1  # year-to-date figures of later quarters change too
    assert revision(rdb, "DINKES", "2026-Q1") == 0


def test_update_moves_jp_by_the_difference_and_revocation_removes_it(rdb, feed):
    feed(ev.training(jp=12, sequence=1))
    feed(ev.training(jp=20, sequence=2, verb="updated"))
    assert jp(rdb) == (20, 0, 0, 0)
    feed(ev.training(jp=20, sequence=3, verb="updated", end=date(2026, 8, 1)))
    assert jp(rdb) == (0, 0, 20, 0)
    feed(ev.training(jp=20, sequence=4, verb="revoked", revoked=True, end=date(2026, 8, 1)))
    assert jp(rdb) == (0, 0, 0, 0)
    assert revision(rdb, "DINKES", "2026") == 4


def test_duplicate_event_is_applied_once(rdb, feed):
    event = ev.training(jp=12)
    feed(event)
    feed(event)
    feed(ev.training(jp=12))  # the same state again under a new event id: same sequence, ignored
    assert jp(rdb) == (12, 0, 0, 0)
    assert revision(rdb) == 1


def test_late_older_event_does_not_overwrite_the_newer_state(rdb, feed):
    feed(ev.training(jp=30, sequence=3, verb="updated"))
    feed(ev.training(jp=12, sequence=1))
    feed(ev.training(jp=16, sequence=2, verb="updated"))
    assert jp(rdb) == (30, 0, 0, 0)
    with rdb.sessions() as s:
        assert s.get(TrainingFact, "rec-1").jp == 30
    assert revision(rdb) == 1


def test_planned_training_earns_nothing_until_completed(rdb, feed):
    feed(ev.training(jp=12, status="planned"))
    assert jp(rdb) is None
    feed(ev.training(jp=12, status="completed", sequence=2, verb="updated"))
    assert jp(rdb) == (12, 0, 0, 0)


def test_leadership_credit_follows_completion_and_revocation(rdb, feed):
    feed(ev.training(record_id="pka", level="PKA", jp=40))
    with rdb.sessions() as s:
        assert s.execute(select(LeadershipCredit.records)).scalar_one() == 1
    feed(ev.training(record_id="pka", level="PKA", jp=40, sequence=2, verb="revoked", revoked=True))
    with rdb.sessions() as s:
        assert s.execute(select(LeadershipCredit.records)).scalar_one() == 0


def test_record_moved_to_another_department_bumps_both(rdb, feed):
    feed(ev.training(jp=12))
    feed(ev.training(jp=12, sequence=2, verb="updated", department_code="DISHUB"))
    assert revision(rdb, "DINKES") == 2
    assert revision(rdb, "DISHUB") == 1
    assert revision(rdb, "CITY") == 2
