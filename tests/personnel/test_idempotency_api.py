"""Idempotency-Key: a retried write answers as the first time did, and the work is done once."""
import pytest

from services.personnel.db.models import Appointment, Employee, TrainingRecord
from tests.personnel.conftest import OUTBOX, count
from tests.support import seed

KEY = "3f1c9a4e-retry-0001"


@pytest.fixture
def emp(api):
    seed.programme(api.client, api.admin, "TEKNIS-01", jp=12)
    return api.employee()


def record(api, emp_id, key=KEY, headers=None, **overrides):
    body = {"employee_id": emp_id, "programme_code": "TEKNIS-01", "start_date": "2026-03-09",
            "end_date": "2026-03-10", **overrides}
    return api.client.post("/api/v1/training-records", json=body,
                           headers={**(headers or api.admin), "Idempotency-Key": key})


def test_a_retried_training_record_counts_once(api, emp):
    first = record(api, emp["id"])
    before = (count(api.db, TrainingRecord), count(api.db, OUTBOX))
    again = record(api, emp["id"])
    assert (first.status_code, again.status_code) == (201, 201)
    assert again.get_json() == first.get_json() and again.headers["Idempotent-Replayed"] == "true"
    assert (count(api.db, TrainingRecord), count(api.db, OUTBOX)) == before == (1, before[1])


def test_a_key_reused_for_another_request_is_refused(api, emp):
    record(api, emp["id"])
    resp = record(api, emp["id"], jp=30)
    assert resp.status_code == 422 and "Idempotency-Key" in resp.get_json()["errors"]
    assert count(api.db, TrainingRecord) == 1


def test_a_malformed_key_is_refused(api, emp):
    resp = record(api, emp["id"], key="short")
    assert resp.status_code == 400 and resp.mimetype == "application/problem+json"
    assert "Idempotency-Key" in resp.get_json()["detail"]
    assert count(api.db, TrainingRecord) == 0


def test_keys_belong_to_their_caller(api, emp):
    first = record(api, emp["id"]).get_json()
    resp = record(api, emp["id"], headers=api.dinkes)  # the same key and body from someone else: not a replay
    assert resp.headers.get("Idempotent-Replayed") is None
    assert resp.status_code == 409 and first["id"] in resp.get_json()["detail"]  # but the same training
    assert count(api.db, TrainingRecord) == 1


def test_a_failed_write_does_not_burn_the_key(api, emp):
    assert record(api, emp["id"], end_date="2026-03-01").status_code == 422
    assert record(api, emp["id"], end_date="2026-03-01").status_code == 422
    assert record(api, emp["id"], key="3f1c9a4e-retry-0002").status_code == 201


def test_retried_registrations_appointments_and_imports_happen_once(api, emp):
    headers = {**api.admin, "Idempotency-Key": KEY}
    body = {"nip": "197002152000032005", "name": "Rina Marpaung", "employee_type": "PNS", "department_code": "DINKES"}
    first = api.client.post("/api/v1/employees", json=body, headers=headers)
    assert api.client.post("/api/v1/employees", json=body, headers=headers).get_json() == first.get_json()
    appointment = {"position_title": "Kepala Seksi", "position_type": "pengawas", "tmt_jabatan": "2026-01-05"}
    url = f"/api/v1/employees/{emp['id']}/appointments"
    assert api.client.post(url, json=appointment, headers=headers).status_code == 201
    assert api.client.post(url, json=appointment, headers=headers).headers["Idempotent-Replayed"] == "true"
    csv = "nip,programme_code,start_date,end_date\n19800101 200501 1 {:03d},TEKNIS-01,2026-03-09,2026-03-10\n"
    nip = api.client.get(f"/api/v1/employees/{emp['id']}", headers=api.admin).get_json()["nip"]
    csv = csv.replace("19800101 200501 1 {:03d}", nip)
    for _ in range(2):
        resp = api.client.post("/api/v1/imports/training-records", data=csv, content_type="text/csv",
                               headers=headers)
        assert resp.status_code == 200 and resp.get_json()["imported"] == 1
    assert resp.headers["Idempotent-Replayed"] == "true"
    assert (count(api.db, Employee), count(api.db, Appointment), count(api.db, TrainingRecord)) == (2, 1, 1)


def test_a_dry_run_does_not_use_up_the_key_of_the_real_import(api, emp):
    nip = api.client.get(f"/api/v1/employees/{emp['id']}", headers=api.admin).get_json()["nip"]
    csv = f"nip,programme_code,start_date,end_date\n{nip},TEKNIS-01,2026-03-09,2026-03-10\n"
    headers = {**api.admin, "Idempotency-Key": KEY}
    url = "/api/v1/imports/training-records"
    dry = api.client.post(f"{url}?dry_run=true", data=csv, content_type="text/csv", headers=headers)
    assert (dry.status_code, dry.get_json()["imported"]) == (200, 0)
    real = api.client.post(url, data=csv, content_type="text/csv", headers=headers)
    assert (real.status_code, real.get_json()["imported"]) == (200, 1)
    assert real.headers.get("Idempotent-Replayed") is None and count(api.db, TrainingRecord) == 1
