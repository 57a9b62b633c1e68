"""The use cases called directly, as a page or a message handler calls them: the same rules as through the API."""
from datetime import date

import pytest

from services.personnel.db.models import Employee, TrainingRecord
from services.personnel.workflow.employees import change_status
from services.personnel.workflow.training import record_training
from shared.db import utcnow
from shared.errors import Forbidden, NotFound
from shared.principal import SYSTEM, Principal
from tests.personnel.conftest import count
from tests.support import seed

DISDIK_OPERATOR = Principal(subject="op-disdik", role="operator", department="DISDIK")


def test_dismissing_an_employee_is_announced_and_only_their_department_may(api):
    emp = api.employee()
    with pytest.raises(Forbidden), api.db.transaction() as session:
        change_status(session, DISDIK_OPERATOR, utcnow(), emp["id"], "dismissed")
    with api.db.transaction() as session:
        change_status(session, SYSTEM, utcnow(), emp["id"], "dismissed")
    event = api.events("personnel.employee.")[-1]
    assert (event["type"], event["sequence"], event["data"]["status"]) == (
        "personnel.employee.status_changed", 2, "dismissed")
    with pytest.raises(NotFound), api.db.transaction() as session:
        change_status(session, SYSTEM, utcnow(), "nobody", "dismissed")
    with api.db.sessions() as session:
        assert session.get(Employee, emp["id"]).status == "dismissed"


def test_the_source_of_a_record_is_a_label_not_a_permission(api):
    seed.programme(api.client, api.admin, "TEKNIS-01", jp=12)
    emp = api.employee()  # in DINKES
    data = {"employee_id": emp["id"], "programme_code": "TEKNIS-01", "start_date": date(2026, 3, 9),
            "end_date": date(2026, 3, 10), "status": "completed"}
    with pytest.raises(Forbidden), api.db.transaction() as session:
        record_training(session, DISDIK_OPERATOR, utcnow(), data, source="inbound")
    assert count(api.db, TrainingRecord) == 0
    with api.db.transaction() as session:
        record_training(session, SYSTEM, utcnow(), data, source="inbound")
    with api.db.sessions() as session:
        [record] = session.query(TrainingRecord).all()
    assert (record.source, record.jp) == ("inbound", 12)
