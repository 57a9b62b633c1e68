"""Appointments: the history of positions, and the event a new official's training deadline runs from."""
from datetime import date, timedelta

from services.personnel.db.models import Appointment
from tests.personnel.conftest import OUTBOX, count


def appoint(api, emp_id, headers=None, **overrides):
    body = {"position_title": "Kepala Dinas Kesehatan", "position_type": "jpt_pratama",
            "tmt_jabatan": "2026-01-05", "decree_number": "800/12/BKPSDM/2026", **overrides}
    return api.client.post(f"/api/v1/employees/{emp_id}/appointments", json=body, headers=headers or api.admin)


def test_an_appointment_becomes_the_current_position_and_is_announced(api):
    emp = api.employee(tmt_jabatan="2020-03-01")
    resp = appoint(api, emp["id"])
    assert resp.status_code == 201, resp.get_json()
    current = api.client.get(f"/api/v1/employees/{emp['id']}", headers=api.admin).get_json()
    assert (current["position_type"], current["position_title"], current["tmt_jabatan"]) == (
        "jpt_pratama", "Kepala Dinas Kesehatan", "2026-01-05")
    event = api.events("personnel.employee.")[-1]
    assert event["type"] == "personnel.employee.appointed" and event["sequence"] == 2
    assert (event["data"]["position_type"], event["data"]["tmt_jabatan"]) == ("jpt_pratama", "2026-01-05")


def test_the_history_keeps_every_position_newest_first(api):
    emp = api.employee(tmt_jabatan="2020-03-01")
    appoint(api, emp["id"], position_title="Sekretaris Dinas", position_type="administrator",
            tmt_jabatan="2023-07-01")
    appoint(api, emp["id"])
    history = api.client.get(f"/api/v1/employees/{emp['id']}/appointments", headers=api.viewer).get_json()
    assert [(a["position_type"], a["tmt_jabatan"]) for a in history["items"]] == [
        ("jpt_pratama", "2026-01-05"), ("administrator", "2023-07-01"), ("pelaksana", "2020-03-01")]
    assert history["items"][0]["decree_number"] == "800/12/BKPSDM/2026"


def test_an_appointment_to_another_department_moves_the_employee(api):
    emp = api.employee()
    resp = appoint(api, emp["id"], department_code="DISDIK")
    assert resp.status_code == 201
    assert api.events("personnel.employee.appointed")[-1]["data"]["department_code"] == "DISDIK"


def test_impossible_appointments_are_rejected_and_leave_nothing(api):
    emp = api.employee(tmt_jabatan="2024-01-01")
    before = (count(api.db, Appointment), count(api.db, OUTBOX))
    tomorrow = (date.today() + timedelta(days=1)).isoformat()
    future = appoint(api, emp["id"], tmt_jabatan=tomorrow)
    assert future.status_code == 422 and "future" in future.get_json()["errors"]["tmt_jabatan"][0]
    earlier = appoint(api, emp["id"], tmt_jabatan="2023-12-31")
    assert earlier.status_code == 422 and "2024-01-01" in earlier.get_json()["errors"]["tmt_jabatan"][0]
    assert appoint(api, emp["id"], position_type="kepala").status_code == 422
    assert appoint(api, emp["id"], department_code="NOPE").status_code == 422
    assert appoint(api, "no-such-employee").status_code == 404
    missing = api.client.post(f"/api/v1/employees/{emp['id']}/appointments", json={}, headers=api.admin)
    assert set(missing.get_json()["errors"]) == {"position_title", "position_type", "tmt_jabatan"}
    assert (count(api.db, Appointment), count(api.db, OUTBOX)) == before


def test_a_retired_employee_cannot_be_appointed(api):
    emp = api.employee()
    api.client.patch(f"/api/v1/employees/{emp['id']}", json={"status": "retired", "status_reason": "Batas usia pensiun", "decree_number": "SK-PENSIUN-1"}, headers=api.admin)
    resp = appoint(api, emp["id"])
    assert resp.status_code == 409 and "retired" in resp.get_json()["detail"]
