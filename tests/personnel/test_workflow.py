"""The use cases called directly, as a page or a message handler calls them: the same rules as through the API."""
from datetime import date

import pytest

from services.personnel.db.models import Employee, StatusChange, TrainingRecord
from services.personnel.domain.competence import LeadershipWindow
from services.personnel.workflow.employees import change_status
from services.personnel.workflow.training import record_training
from shared.db import utcnow
from shared.errors import Forbidden, Invalid, NotFound
from shared.principal import SYSTEM, Principal
from tests.personnel.conftest import count
from tests.support import seed

DISDIK_OPERATOR = Principal(subject="op-disdik", role="operator", department="DISDIK")
WINDOW = LeadershipWindow()
DECREE = {"status_reason": "Hukuman disiplin berat", "decree_number": "800/123/BKPSDM/2026"}


def test_dismissing_an_employee_is_announced_and_only_their_department_may(api):
    emp = api.employee()
    with pytest.raises(Forbidden), api.db.transaction() as session:
        change_status(session, DISDIK_OPERATOR, utcnow(), emp["id"], "dismissed", DECREE, window=WINDOW)
    with api.db.transaction() as session:
        change_status(session, SYSTEM, utcnow(), emp["id"], "dismissed", DECREE, window=WINDOW)
    event = api.events("personnel.employee.")[-1]
    assert (event["type"], event["sequence"], event["data"]["status"]) == (
        "personnel.employee.status_changed", 2, "dismissed")
    with pytest.raises(NotFound), api.db.transaction() as session:
        change_status(session, SYSTEM, utcnow(), "nobody", "dismissed", DECREE, window=WINDOW)
    with api.db.sessions() as session:
        assert session.get(Employee, emp["id"]).status == "dismissed"
        [change] = session.query(StatusChange).all()
    assert (change.to_status, change.reason, change.decree_number) == (
        "dismissed", "Hukuman disiplin berat", "800/123/BKPSDM/2026")


@pytest.mark.parametrize(("status", "details", "field"), [
    ("dismissed", {}, "status_reason"),
    ("dismissed", {"status_reason": "Hukuman disiplin berat"}, "decree_number"),
    ("retired", {"decree_number": "SK-1"}, "status_reason"),
])
def test_a_dismissal_or_retirement_needs_a_reason_and_an_sk_number(api, status, details, field):
    emp = api.employee()
    with pytest.raises(Invalid) as refused, api.db.transaction() as session:
        change_status(session, SYSTEM, utcnow(), emp["id"], status, details, window=WINDOW)
    assert refused.value.field == field and refused.value.indonesian
    with api.db.sessions() as session:
        assert session.get(Employee, emp["id"]).status == "active"
    with api.db.transaction() as session:  # leave needs neither
        change_status(session, SYSTEM, utcnow(), emp["id"], "on_leave", window=WINDOW)


def test_the_source_of_a_record_is_a_label_not_a_permission(api):
    seed.programme(api.client, api.admin, "TEKNIS-01", jp=12)
    emp = api.employee()  # in DINKES
    data = {"employee_id": emp["id"], "programme_code": "TEKNIS-01", "start_date": date(2026, 3, 9),
            "end_date": date(2026, 3, 10), "status": "completed"}
    with pytest.raises(Forbidden), api.db.transaction() as session:
        record_training(session, DISDIK_OPERATOR, utcnow(), data, source="inbound", window=WINDOW)
    assert count(api.db, TrainingRecord) == 0
    with api.db.transaction() as session:
        record_training(session, SYSTEM, utcnow(), data, source="inbound", window=WINDOW)
    with api.db.sessions() as session:
        [record] = session.query(TrainingRecord).all()
    assert (record.source, record.jp) == ("inbound", 12)
