"""Access: admin everything; an operator writes and reads personal data of their own department only;
a viewer reads non-personal data."""
import pytest

from services.personnel.db.models import Employee, TrainingRecord
from tests.personnel.conftest import OUTBOX, count
from tests.support import seed


@pytest.fixture
def staff(api):
    seed.programme(api.client, api.admin)
    return {"DINKES": api.employee("DINKES"), "DISDIK": api.employee("DISDIK")}


def new_employee(department_code, nip="197002152000032005"):
    return {"nip": nip, "name": "Rina Marpaung", "employee_type": "PNS", "department_code": department_code}


def test_an_operator_registers_only_in_their_own_department(api):
    assert api.client.post("/api/v1/employees", json=new_employee("DINKES"), headers=api.dinkes).status_code == 201
    resp = api.client.post("/api/v1/employees", json=new_employee("DISDIK", "197103102001121002"),
                           headers=api.dinkes)
    assert resp.status_code == 403 and resp.mimetype == "application/problem+json"
    assert count(api.db, Employee) == 1


def test_an_operator_cannot_change_another_departments_employee(api, staff):
    other = staff["DISDIK"]["id"]
    before = count(api.db, OUTBOX)
    assert api.client.patch(f"/api/v1/employees/{other}", json={"name": "Changed Name"},
                            headers=api.dinkes).status_code == 403
    assert api.client.post(f"/api/v1/employees/{other}/appointments", json={
        "position_title": "Kepala Seksi", "position_type": "pengawas", "tmt_jabatan": "2026-01-05"},
        headers=api.dinkes).status_code == 403
    assert api.client.post("/api/v1/training-records", json={
        "employee_id": other, "programme_code": "TEKNIS-01", "start_date": "2026-03-09",
        "end_date": "2026-03-10"}, headers=api.dinkes).status_code == 403
    assert count(api.db, OUTBOX) == before and count(api.db, TrainingRecord) == 0
    assert api.client.get(f"/api/v1/employees/{other}", headers=api.admin).get_json()["name"] != "Changed Name"


def test_an_operator_cannot_move_staff_out_of_their_department(api, staff):
    own = staff["DINKES"]["id"]
    resp = api.client.patch(f"/api/v1/employees/{own}", json={"department_code": "DISDIK"}, headers=api.dinkes)
    assert resp.status_code == 403
    resp = api.client.post(f"/api/v1/employees/{own}/appointments", json={
        "position_title": "Guru", "position_type": "fungsional", "tmt_jabatan": "2026-01-05",
        "department_code": "DISDIK"}, headers=api.dinkes)
    assert resp.status_code == 403


def test_an_operator_changes_their_own_departments_employee(api, staff):
    own = staff["DINKES"]["id"]
    assert api.client.patch(f"/api/v1/employees/{own}", json={"status": "on_leave"},
                            headers=api.dinkes).status_code == 200


def test_personal_data_only_for_admin_and_the_own_operator(api, staff):
    own, other = staff["DINKES"]["id"], staff["DISDIK"]["id"]

    def seen(emp_id, headers):
        resp = api.client.get(f"/api/v1/employees/{emp_id}", headers=headers)
        assert resp.status_code == 200
        return resp.get_json()

    assert "nip" in seen(own, api.admin) and "nip" in seen(other, api.admin)
    assert seen(own, api.dinkes)["birth_date"] == "1980-01-01"
    for body in (seen(other, api.dinkes), seen(own, api.viewer)):
        assert not {"nip", "birth_date", "gender", "education"} & set(body)
        assert body["department_code"] and body["position_type"] and body["name"]


def test_lists_hide_personal_data_outside_the_callers_department(api, staff):
    items = api.client.get("/api/v1/employees", headers=api.dinkes).get_json()["items"]
    assert {e["department_code"]: "nip" in e for e in items} == {"DINKES": True, "DISDIK": False}
    items = api.client.get("/api/v1/employees", headers=api.viewer).get_json()["items"]
    assert len(items) == 2 and not any("nip" in e for e in items)


def test_nobody_finds_an_employee_by_a_nip_they_may_not_read(api, staff):
    other_nip = api.client.get(f"/api/v1/employees/{staff['DISDIK']['id']}", headers=api.admin).get_json()["nip"]
    for headers in (api.dinkes, api.viewer):
        assert api.client.get(f"/api/v1/employees?q={other_nip}", headers=headers).get_json()["total"] == 0
    assert api.client.get(f"/api/v1/employees?q={other_nip}", headers=api.disdik).get_json()["total"] == 1


def test_a_viewer_only_reads(api, staff):
    own = staff["DINKES"]["id"]
    assert api.client.post("/api/v1/employees", json=new_employee("DINKES"), headers=api.viewer).status_code == 403
    assert api.client.patch(f"/api/v1/employees/{own}", json={"name": "X Y"}, headers=api.viewer).status_code == 403
    assert api.client.get(f"/api/v1/employees/{own}/appointments", headers=api.viewer).status_code == 200


def test_without_a_token_nothing_about_employees(api, staff):
    own = staff["DINKES"]["id"]
    for resp in (api.client.get("/api/v1/employees"), api.client.get(f"/api/v1/employees/{own}"),
                 api.client.patch(f"/api/v1/employees/{own}", json={"name": "X Y"})):
        assert resp.status_code == 401


def test_only_admin_manages_departments_and_programmes(api):
    body = {"code": "DISHUB", "name": "Dinas Perhubungan", "type": "dinas"}
    assert api.client.post("/api/v1/departments", json=body, headers=api.dinkes).status_code == 403
    assert api.client.patch("/api/v1/departments/DINKES", json={"name": "Dinkes"},
                            headers=api.dinkes).status_code == 403
    programme = {"code": "PKA-2026", "title": "Pelatihan Kepemimpinan Administrator", "kind": "kepemimpinan",
                 "leadership_level": "PKA", "jp": 60}
    assert api.client.post("/api/v1/training-programmes", json=programme, headers=api.dinkes).status_code == 403
