"""personnel.department.*, personnel.employee.* and personnel.socialization.attended → read models."""
from datetime import UTC, date, datetime

from sqlalchemy import func, select

from services.reporting.db.models import DepartmentFact, EmployeeFact, ReportRevision, SocializationAttendance
from tests.reporting import factories as ev


def employee(rdb, employee_id="emp-1"):
    with rdb.sessions() as s:
        return s.get(EmployeeFact, employee_id)


def revision(rdb, scope, period="2026"):
    with rdb.sessions() as s:
        row = s.get(ReportRevision, (scope, period))
        return 0 if row is None else row.revision


def test_registered_employee_is_kept_with_what_reports_need(rdb, feed):
    feed(ev.employee(position_type="pengawas", tmt_jabatan=date(2025, 8, 1), name="Rina Siregar"))
    emp = employee(rdb)
    assert (emp.name, emp.employee_type, emp.department_code, emp.position_type, emp.tmt_jabatan, emp.status) == (
        "Rina Siregar", "PNS", "DINKES", "pengawas", date(2025, 8, 1), "active")
    assert revision(rdb, "DINKES") == 1 and revision(rdb, "CITY") == 1


def test_employee_move_updates_both_departments_and_late_events_are_ignored(rdb, feed):
    feed(ev.employee(sequence=1))
    feed(ev.employee(sequence=3, verb="appointed", department_code="DISHUB", position_type="administrator"))
    feed(ev.employee(sequence=2, verb="updated", department_code="BAPPEDA"))  # older than what we have
    emp = employee(rdb)
    assert (emp.department_code, emp.position_type, emp.sequence) == ("DISHUB", "administrator", 3)
    assert (revision(rdb, "DINKES"), revision(rdb, "DISHUB"), revision(rdb, "BAPPEDA")) == (2, 1, 0)


def test_duplicate_employee_event_applies_once(rdb, feed):
    event = ev.employee()
    feed(event)
    feed(event)
    assert revision(rdb, "DINKES") == 1


def test_status_change_is_applied(rdb, feed):
    feed(ev.employee())
    feed(ev.employee(sequence=2, verb="status_changed", status="retired"))
    assert employee(rdb).status == "retired"


def test_department_name_follows_the_latest_event(rdb, feed):
    feed(ev.department(name="Dinas Kesehatan Kota", sequence=2, verb="updated"))
    feed(ev.department(name="Dinas Kesehatan", sequence=1))
    with rdb.sessions() as s:
        assert s.get(DepartmentFact, "DINKES").name == "Dinas Kesehatan Kota"


def test_attendance_is_recorded_once_per_session_and_employee(rdb, feed):
    feed(ev.attended(held_on=date(2026, 8, 5)))
    feed(ev.attended(held_on=date(2026, 8, 5)))  # a repeat under a new event id
    feed(ev.attended(session_id="ses-2", held_on=date(2026, 9, 1)))
    with rdb.sessions() as s:
        assert s.execute(select(func.count()).select_from(SocializationAttendance)).scalar_one() == 2
    assert revision(rdb, "DINKES", "2026-Q3") == 2
    assert revision(rdb, "DINKES", "2026-Q1") == 0


def test_the_revision_records_the_time_of_the_latest_event(rdb, feed):
    feed(ev.employee(time=datetime(2026, 5, 1, 3, 0, tzinfo=UTC)))
    feed(ev.employee("emp-2", time=datetime(2026, 5, 2, 3, 0, tzinfo=UTC)))
    with rdb.sessions() as s:
        assert s.get(ReportRevision, ("DINKES", "2026-Q2")).as_of == datetime(2026, 5, 2, 3, 0, tzinfo=UTC)
