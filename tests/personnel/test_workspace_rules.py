"""The rules of issue 17 through the JSON API: kelurahan under a kecamatan, one head per unit, leadership facts
in the employee events, a class's training by NIP, attendance by NIP."""
from datetime import date, timedelta

import pytest

from services.personnel.db.models import Employee, SocializationAttendance, TrainingRecord
from services.personnel.domain.dates import add_months
from tests.personnel.conftest import OUTBOX, count
from tests.personnel.test_socialization_api import create_session, hear
from tests.support import seed

TODAY = date.today()


def nip_of(api, emp):
    return api.client.get(f"/api/v1/employees/{emp['id']}", headers=api.admin).get_json()["nip"]


# --- a kelurahan sits under a kecamatan ------------------------------------------------------------------------

def new_department(api, code, type_, parent=None):
    return api.client.post("/api/v1/departments", json={"code": code, "name": f"Unit {code}", "type": type_,
                                                        "parent_code": parent}, headers=api.admin)


def test_a_kelurahan_must_sit_under_a_kecamatan(api):
    assert new_department(api, "KEC-RAMBUTAN", "kecamatan").status_code == 201
    under_dinas = new_department(api, "KEL-A", "kelurahan", parent="DINKES")
    assert under_dinas.status_code == 422 and "parent_code" in under_dinas.get_json()["errors"]
    assert new_department(api, "KEL-B", "kelurahan").status_code == 422  # under nothing
    assert new_department(api, "KEL-C", "kelurahan", parent="KEC-RAMBUTAN").status_code == 201
    moved = api.client.patch("/api/v1/departments/KEL-C", json={"parent_code": "DINKES"}, headers=api.admin)
    assert moved.status_code == 422
    # A kecamatan with kelurahan under it stays a kecamatan.
    retyped = api.client.patch("/api/v1/departments/KEC-RAMBUTAN", json={"type": "dinas"}, headers=api.admin)
    assert retyped.status_code == 422 and "type" in retyped.get_json()["errors"]


# --- one head per unit -----------------------------------------------------------------------------------------

def appoint_head(api, emp, ends_current=False, **extra):
    body = {"position_title": "Kepala Dinas Kesehatan", "position_type": "jpt_pratama",
            "tmt_jabatan": TODAY.isoformat(), "decree_number": "821.2/045/BKPSDM/2026",
            "decree_date": TODAY.isoformat(), "head_of_unit": True, "ends_current_head": ends_current, **extra}
    return api.client.post(f"/api/v1/employees/{emp['id']}/appointments", json=body, headers=api.admin)


def test_a_unit_has_one_head_at_a_time(api):
    first = api.employee(name="Dr. Siti Aminah")
    second = api.employee(name="Dr. Budi Santoso")
    assert appoint_head(api, first).status_code == 201
    refused = appoint_head(api, second)
    assert refused.status_code == 409 and "Dr. Siti Aminah" in refused.get_json()["detail"]
    taken = appoint_head(api, second, ends_current=True)
    assert taken.status_code == 201, taken.get_json()
    assert (taken.get_json()["decree_number"], taken.get_json()["decree_date"]) == (
        "821.2/045/BKPSDM/2026", TODAY.isoformat())
    with api.db.sessions() as session:
        old, new = session.get(Employee, first["id"]), session.get(Employee, second["id"])
        assert (old.is_head, old.position_type, new.is_head) == (False, None, True)
    history = api.client.get(f"/api/v1/employees/{first['id']}/appointments", headers=api.admin).get_json()
    assert history["items"][0]["ended_on"] == TODAY.isoformat()
    last = api.events("personnel.employee.")[-2:]
    assert [(e["type"], e["subject"]) for e in last] == [("personnel.employee.updated", first["id"]),
                                                        ("personnel.employee.appointed", second["id"])]


def test_another_unit_keeps_its_own_head(api):
    assert appoint_head(api, api.employee()).status_code == 201
    assert appoint_head(api, api.employee("DISDIK"), position_title="Kepala Dinas Pendidikan").status_code == 201


# --- leadership facts in the employee events ------------------------------------------------------------------

def test_employee_events_carry_the_leadership_facts_reporting_needs(api):
    seed.programme(api.client, api.admin, "PKA-2026", jp=240, kind="kepemimpinan", level="PKA")
    tmt = TODAY - timedelta(days=40)
    emp = api.employee(position_type="pengawas", tmt_jabatan=tmt.isoformat())
    registered = api.events("personnel.employee.")[-1]["data"]
    assert (registered["leadership_required_level"], registered["leadership_due_date"],
            registered["leadership_met_on"], registered["highest_leadership_level"]) == (
        "PKP", add_months(tmt, 12).isoformat(), None, None)
    done = TODAY - timedelta(days=2)
    record = seed.training(api.client, api.admin, emp["id"], programme_code="PKA-2026",
                           end=done.isoformat(), start_date=done.isoformat())
    event = api.events("personnel.employee.")[-1]
    assert (event["type"], event["sequence"]) == ("personnel.employee.updated", 2)
    assert (event["data"]["leadership_met_on"], event["data"]["highest_leadership_level"]) == (
        done.isoformat(), "PKA")  # a higher level meets the pengawas's PKP requirement
    api.client.post(f"/api/v1/training-records/{record['id']}/revoke", json={"reason": "salah input"},
                    headers=api.admin)
    event = api.events("personnel.employee.")[-1]
    assert (event["sequence"], event["data"]["leadership_met_on"]) == (3, None)


# --- a class's training by NIP ---------------------------------------------------------------------------------

def test_a_class_is_recorded_by_nip_all_or_nothing(api):
    seed.programme(api.client, api.admin, "TEKNIS-01", jp=12)
    people = [api.employee() for _ in range(3)]
    nips = [nip_of(api, p) for p in people]
    body = {"programme_code": "TEKNIS-01", "start_date": "2026-03-09", "end_date": "2026-03-10"}
    resp = api.client.post("/api/v1/training-records/class", json={**body, "nips": nips[:2]}, headers=api.dinkes)
    assert resp.status_code == 201 and resp.get_json()["recorded"] == 2, resp.get_json()
    before = (count(api.db, TrainingRecord), count(api.db, OUTBOX))
    again = api.client.post("/api/v1/training-records/class", json={**body, "nips": nips}, headers=api.dinkes)
    assert again.status_code == 422
    refused = again.get_json()["errors"]["nips"]
    first_record = resp.get_json()["records"][0]["id"]
    assert set(refused) == set(nips[:2]) and first_record in refused[nips[0]][0]
    assert (count(api.db, TrainingRecord), count(api.db, OUTBOX)) == before  # not even the third one
    other = api.employee("DISDIK")
    foreign = api.client.post("/api/v1/training-records/class", json={**body, "nips": [nip_of(api, other)]},
                              headers=api.dinkes)
    assert foreign.status_code == 422 and "No employee you may record" in str(foreign.get_json()["errors"])


# --- attendance by NIP -----------------------------------------------------------------------------------------

@pytest.fixture
def held(api):
    hear(api)
    return create_session(api).get_json()


def test_attendance_by_nip_skips_and_reports_those_already_recorded(api, held):
    people = [api.employee(name=n) for n in ("Ani", "Beni", "Cici", "Dedi")]
    nips = [nip_of(api, p) for p in people]
    url = f"/api/v1/socialization-sessions/{held['id']}/attendance"
    assert api.client.post(url, json={"nips": nips[:2]}, headers=api.dinkes).status_code == 201
    resp = api.client.post(url, json={"nips": nips}, headers=api.dinkes)
    assert resp.status_code == 201, resp.get_json()
    body = resp.get_json()
    assert ([e["name"] for e in body["recorded_employees"]], [e["name"] for e in body["already_recorded"]]) == (
        ["Cici", "Dedi"], ["Ani", "Beni"])
    assert count(api.db, SocializationAttendance) == 4
    typo = api.client.post(url, json={"nips": [nips[0], "19800101 200501 1"]}, headers=api.dinkes)
    assert typo.status_code == 422 and "18 digits" in str(typo.get_json()["errors"])
    both = api.client.post(url, json={"nips": nips, "employee_ids": [people[0]["id"]]}, headers=api.dinkes)
    assert both.status_code == 422


def test_every_employee_can_be_announced_again_with_the_window_in_force(api):
    from services.personnel.domain.competence import LeadershipWindow
    from services.personnel.workflow.reannounce import reannounce_all

    tmt = TODAY - timedelta(days=30)
    emp = api.employee(position_type="administrator", tmt_jabatan=tmt.isoformat())
    api.employee("DISDIK")
    with api.db.transaction() as session:
        assert reannounce_all(session, LeadershipWindow(18)) == 2
    event = [e for e in api.events("personnel.employee.") if e["subject"] == emp["id"]][-1]
    assert (event["type"], event["sequence"], event["data"]["leadership_due_date"]) == (
        "personnel.employee.updated", 2, add_months(tmt, 18).isoformat())
