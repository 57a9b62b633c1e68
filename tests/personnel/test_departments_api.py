"""Departments (OPD): their rules, and the personnel.department.* events other systems learn them from."""
from services.personnel.db.models import Department
from tests.personnel.conftest import OUTBOX, count
from tests.support import seed


def department_events(api):
    return [(e["type"], e["subject"], e["sequence"], e["data"]) for e in api.events("personnel.department.")]


def patch(api, code, body):
    return api.client.patch(f"/api/v1/departments/{code}", json=body, headers=api.admin)


def test_creating_a_department_announces_it(api):
    seed.department(api.client, api.admin, "KEC-PHULU", "Kecamatan Padang Hulu", "kecamatan")
    seed.department(api.client, api.admin, "KEL-LALANG", "Kelurahan Lalang", "kelurahan", parent="KEC-PHULU")
    kind, subject, sequence, data = department_events(api)[-1]
    assert (kind, subject, sequence) == ("personnel.department.created", "KEL-LALANG", 1)
    assert data == {"code": "KEL-LALANG", "name": "Kelurahan Lalang", "type": "kelurahan",
                    "parent_code": "KEC-PHULU", "status": "active"}


def test_a_change_is_announced_with_the_next_sequence(api):
    resp = patch(api, "DINKES", {"name": "Dinas Kesehatan Kota Tebing Tinggi"})
    assert resp.status_code == 200
    kind, subject, sequence, data = department_events(api)[-1]
    assert (kind, subject, sequence, data["name"]) == (
        "personnel.department.updated", "DINKES", 2, "Dinas Kesehatan Kota Tebing Tinggi")


def test_dissolving_is_its_own_event_and_repeating_it_changes_nothing(api):
    assert patch(api, "DISDIK", {"status": "dissolved"}).status_code == 200
    kind, _, sequence, data = department_events(api)[-1]
    assert (kind, sequence, data["status"]) == ("personnel.department.dissolved", 2, "dissolved")
    before = count(api.db, OUTBOX)
    assert patch(api, "DISDIK", {"status": "dissolved"}).get_json()["status"] == "dissolved"
    assert count(api.db, OUTBOX) == before
    assert patch(api, "DISDIK", {"status": "active"}).status_code == 200
    assert department_events(api)[-1][:3] == ("personnel.department.updated", "DISDIK", 3)


def test_the_hierarchy_cannot_loop_or_hang_from_a_dissolved_unit(api):
    seed.department(api.client, api.admin, "KEC-BAJENIS", "Kecamatan Bajenis", "kecamatan")
    seed.department(api.client, api.admin, "KEL-BERU", "Kelurahan Berohol", "kelurahan", parent="KEC-BAJENIS")
    before = count(api.db, OUTBOX)
    assert patch(api, "KEC-BAJENIS", {"parent_code": "KEC-BAJENIS"}).status_code == 422
    resp = patch(api, "KEC-BAJENIS", {"parent_code": "KEL-BERU"})
    assert resp.status_code == 422 and "loop" in resp.get_json()["errors"]["parent_code"][0]
    assert patch(api, "KEL-BERU", {"parent_code": "NO-SUCH"}).status_code == 404
    assert count(api.db, OUTBOX) == before
    patch(api, "DISDIK", {"status": "dissolved"})
    resp = api.client.post("/api/v1/departments", json={"code": "UPT-SD1", "name": "UPT SD 1", "type": "other",
                                                       "parent_code": "DISDIK"}, headers=api.admin)
    assert resp.status_code == 422


def test_department_input_is_checked(api):
    resp = api.client.post("/api/v1/departments", json={"code": "dinkes kota", "name": "D", "type": "ministry"},
                           headers=api.admin)
    assert resp.status_code == 422 and set(resp.get_json()["errors"]) == {"code", "name", "type"}
    resp = api.client.post("/api/v1/departments", json={"code": "DINKES", "name": "Again", "type": "dinas"},
                           headers=api.admin)
    assert resp.status_code == 409
    assert patch(api, "DINKES", {}).status_code == 422
    assert patch(api, "DINKES", {"status": "closed"}).status_code == 422
    assert patch(api, "NO-SUCH", {"name": "Nothing"}).status_code == 404
    assert count(api.db, Department) == 2


def test_departments_are_public_and_filterable(api):
    seed.department(api.client, api.admin, "KEC-RAMBUTAN", "Kecamatan Rambutan", "kecamatan")
    body = api.client.get("/api/v1/departments?type=dinas").get_json()
    assert [d["code"] for d in body["items"]] == ["DINKES", "DISDIK"]
    assert api.client.get("/api/v1/departments/KEC-RAMBUTAN").get_json()["type"] == "kecamatan"
    assert api.client.get("/api/v1/departments?type=ministry").status_code == 422


def test_every_department_event_carries_the_full_state(api):
    """Consultation and survey keep their own copy of the departments from these events alone."""
    seed.department(api.client, api.admin, "KEC-PHULU", "Kecamatan Padang Hulu", "kecamatan")
    seed.department(api.client, api.admin, "KEL-LALANG", "Kelurahan Lalang", "kelurahan", parent="KEC-PHULU")
    patch(api, "KEL-LALANG", {"name": "Kelurahan Lalang Baru"})
    patch(api, "KEL-LALANG", {"status": "dissolved"})
    events = [(kind, data) for kind, subject, _, data in department_events(api) if subject == "KEL-LALANG"]
    base = {"code": "KEL-LALANG", "type": "kelurahan", "parent_code": "KEC-PHULU"}
    assert events == [
        ("personnel.department.created", {**base, "name": "Kelurahan Lalang", "status": "active"}),
        ("personnel.department.updated", {**base, "name": "Kelurahan Lalang Baru", "status": "active"}),
        ("personnel.department.dissolved", {**base, "name": "Kelurahan Lalang Baru", "status": "dissolved"}),
    ]
