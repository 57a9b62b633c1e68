"""Training records: what is accepted, what is refused, and that a refusal leaves nothing behind."""
import threading
from concurrent.futures import ThreadPoolExecutor
from datetime import date, timedelta

import pytest
from sqlalchemy import text

from services.personnel.db.models import TrainingProgramme, TrainingRecord
from services.personnel.domain.competence import LeadershipWindow
from services.personnel.workflow.training import update_record
from shared.db import utcnow
from shared.errors import Conflict
from shared.principal import SYSTEM
from tests.personnel.conftest import OUTBOX, count
from tests.support import seed
from tests.support.workers import wait_for


@pytest.fixture
def emp(api):
    seed.programme(api.client, api.admin, "TEKNIS-01", jp=12)
    seed.programme(api.client, api.admin, "TEKNIS-02", jp=8)
    return api.employee()


def record(api, employee_id, headers=None, **overrides):
    body = {"employee_id": employee_id, "programme_code": "TEKNIS-01", "start_date": "2026-03-09",
            "end_date": "2026-03-10", **overrides}
    return api.client.post("/api/v1/training-records", json=body, headers=headers or api.admin)


def unchanged(api, before):
    return (count(api.db, TrainingRecord), count(api.db, OUTBOX)) == before


def test_a_record_takes_the_programmes_jp_and_is_announced(api, emp):
    resp = record(api, emp["id"], certificate_number="CERT-1")
    assert resp.status_code == 201, resp.get_json()
    assert (resp.get_json()["jp"], resp.get_json()["status"]) == (12, "completed")
    event = api.events("personnel.training.")[-1]
    assert event["type"] == "personnel.training.recorded"
    assert (event["data"]["jp"], event["data"]["year"], event["data"]["department_code"]) == (12, 2026, "DINKES")


@pytest.mark.parametrize("overrides, field", [
    ({"jp": 0}, "jp"),
    ({"jp": -5}, "jp"),
    ({"jp": 1001}, "jp"),
    ({"jp": "12"}, "jp"),
    ({"end_date": "2026-03-08"}, "end_date"),
    ({"end_date": (date.today() + timedelta(days=3)).isoformat(),
      "start_date": date.today().isoformat()}, "end_date"),
    ({"status": "done"}, "status"),
    ({"start_date": "09/03/2026"}, "start_date"),
    ({"programme_code": "NO-SUCH"}, "programme_code"),
    ({"certificate_number": ""}, "certificate_number"),
])
def test_impossible_records_are_refused_with_the_field_named(api, emp, overrides, field):
    before = (count(api.db, TrainingRecord), count(api.db, OUTBOX))
    resp = record(api, emp["id"], **overrides)
    assert resp.status_code == 422, resp.get_json()
    assert resp.mimetype == "application/problem+json"
    assert field in resp.get_json()["errors"]
    assert unchanged(api, before)


def test_a_record_for_an_unknown_employee_is_refused(api, emp):
    before = (count(api.db, TrainingRecord), count(api.db, OUTBOX))
    resp = record(api, "no-such-employee")
    assert resp.status_code == 422 and "employee_id" in resp.get_json()["errors"]
    assert unchanged(api, before)


def test_future_training_can_be_planned(api, emp):
    start = date.today() + timedelta(days=30)
    resp = record(api, emp["id"], status="planned", start_date=start.isoformat(),
                  end_date=(start + timedelta(days=2)).isoformat())
    assert resp.status_code == 201


def test_a_certificate_number_is_unique_per_programme(api, emp):
    assert record(api, emp["id"], certificate_number="CERT-1").status_code == 201
    other = api.employee()
    before = (count(api.db, TrainingRecord), count(api.db, OUTBOX))
    resp = record(api, other["id"], certificate_number="CERT-1")
    assert resp.status_code == 409 and "certificate" in resp.get_json()["detail"]
    assert unchanged(api, before)
    assert record(api, other["id"], programme_code="TEKNIS-02", certificate_number="CERT-1").status_code == 201


def test_a_change_is_checked_like_a_new_record(api, emp):
    first = record(api, emp["id"], certificate_number="CERT-1").get_json()
    second = record(api, emp["id"], certificate_number="CERT-2", start_date="2026-04-06",
                    end_date="2026-04-07").get_json()
    before = (count(api.db, TrainingRecord), count(api.db, OUTBOX))
    url = f"/api/v1/training-records/{second['id']}"
    assert api.client.patch(url, json={"certificate_number": "CERT-1"}, headers=api.admin).status_code == 409
    assert api.client.patch(url, json={"end_date": "2026-03-01"}, headers=api.admin).status_code == 422
    assert api.client.patch(url, json={"jp": 0}, headers=api.admin).status_code == 422
    assert api.client.patch(url, json={}, headers=api.admin).status_code == 422
    assert api.client.patch(url, json={"jp": 12}, headers=api.admin).get_json()["version"] == 1  # unchanged
    assert unchanged(api, before)
    assert api.client.get(url, headers=api.admin).get_json()["version"] == 1
    resp = api.client.patch(f"/api/v1/training-records/{first['id']}", json={"jp": 20}, headers=api.admin)
    assert resp.status_code == 200 and resp.get_json()["version"] == 2
    assert api.events("personnel.training.")[-1]["type"] == "personnel.training.updated"


def test_a_revoked_record_stays_revoked(api, emp):
    rec = record(api, emp["id"]).get_json()
    url = f"/api/v1/training-records/{rec['id']}"
    resp = api.client.post(f"{url}/revoke", json={"reason": "entered twice"}, headers=api.admin)
    assert resp.status_code == 200 and resp.get_json()["revoked"] is True
    event = api.events("personnel.training.")[-1]
    assert (event["type"], event["sequence"], event["data"]["revoked"]) == ("personnel.training.revoked", 2, True)
    assert api.client.post(f"{url}/revoke", json={"reason": "again"}, headers=api.admin).status_code == 409
    assert api.client.patch(url, json={"jp": 3}, headers=api.admin).status_code == 409
    assert api.client.post(f"{url}/revoke", json={}, headers=api.admin).status_code == 422


def test_an_operator_records_for_their_own_staff_only(api, emp):
    assert record(api, emp["id"], headers=api.dinkes).status_code == 201
    assert record(api, emp["id"], headers=api.disdik).status_code == 403
    rec = api.client.get("/api/v1/training-records", headers=api.disdik).get_json()["items"][0]
    assert api.client.patch(f"/api/v1/training-records/{rec['id']}", json={"jp": 2},
                            headers=api.disdik).status_code == 403
    assert api.client.post(f"/api/v1/training-records/{rec['id']}/revoke", json={"reason": "not ours"},
                           headers=api.disdik).status_code == 403


def test_programmes_are_checked(api):
    def create(**overrides):
        body = {"code": "PKA-2026", "title": "Pelatihan Kepemimpinan Administrator", "kind": "kepemimpinan",
                "leadership_level": "PKA", "jp": 60, **overrides}
        return api.client.post("/api/v1/training-programmes", json=body, headers=api.admin)

    assert create(leadership_level=None).status_code == 422
    assert create(kind="teknis").status_code == 422
    assert create(jp=0).status_code == 422
    assert create(mode="online").status_code == 422
    assert create().status_code == 201
    assert create(title="Again").status_code == 409
    assert count(api.db, TrainingProgramme) == 1


def test_an_exact_duplicate_is_refused_naming_the_existing_record(api, emp):
    first = record(api, emp["id"], certificate_number="CERT-1").get_json()
    before = (count(api.db, TrainingRecord), count(api.db, OUTBOX))
    resp = record(api, emp["id"], jp=10)  # same employee, programme and dates
    assert resp.status_code == 409 and resp.mimetype == "application/problem+json"
    assert first["id"] in resp.get_json()["detail"]
    assert unchanged(api, before)
    assert record(api, emp["id"], programme_code="TEKNIS-02").status_code == 201  # another programme
    assert record(api, emp["id"], end_date="2026-03-11").status_code == 201  # other dates


def test_a_revoked_record_no_longer_blocks_recording_the_training_again(api, emp):
    first = record(api, emp["id"]).get_json()
    api.client.post(f"/api/v1/training-records/{first['id']}/revoke", json={"reason": "wrong JP"},
                    headers=api.admin)
    assert record(api, emp["id"], jp=10).status_code == 201


def test_a_change_that_makes_a_duplicate_is_refused(api, emp):
    first = record(api, emp["id"]).get_json()
    second = record(api, emp["id"], start_date="2026-04-06", end_date="2026-04-07").get_json()
    resp = api.client.patch(f"/api/v1/training-records/{second['id']}",
                            json={"start_date": "2026-03-09", "end_date": "2026-03-10"}, headers=api.admin)
    assert resp.status_code == 409 and first["id"] in resp.get_json()["detail"]
    assert api.client.get(f"/api/v1/training-records/{second['id']}",
                          headers=api.admin).get_json()["start_date"] == "2026-04-06"


def test_the_same_training_sent_at_once_from_many_clients_is_recorded_once(api, emp):
    # The database's unique index answers, not a SELECT before the INSERT: no two requests both pass it.
    start = threading.Barrier(6)

    def send(_):
        client = api.svc.app.test_client()
        start.wait()
        return client.post("/api/v1/training-records", headers=api.admin, json={
            "employee_id": emp["id"], "programme_code": "TEKNIS-01", "start_date": "2026-05-04",
            "end_date": "2026-05-05"})

    with ThreadPoolExecutor(6) as pool:
        answers = list(pool.map(send, range(6)))
    statuses = sorted(resp.status_code for resp in answers)
    assert statuses == [201, 409, 409, 409, 409, 409], [resp.get_json() for resp in answers]
    kept = next(resp.get_json()["id"] for resp in answers if resp.status_code == 201)
    assert all(kept in resp.get_json()["detail"] for resp in answers if resp.status_code == 409)
    assert count(api.db, TrainingRecord) == 1
    assert len(api.events("personnel.training.recorded")) == 1


def test_two_changes_into_the_same_training_at_once_name_the_record_that_won(api, emp):
    # Both changes pass the SELECT check before either commits; the unique index stops the second,
    # whose refusal still names the record it clashed with (a savepoint keeps its transaction usable).
    if not api.db.is_postgres:
        pytest.skip("SQLite runs one writer at a time: the second change would wait at BEGIN")
    a = record(api, emp["id"], start_date="2026-04-06", end_date="2026-04-07").get_json()
    b = record(api, emp["id"], start_date="2026-05-04", end_date="2026-05-05").get_json()
    wanted = {"start_date": date(2026, 3, 9), "end_date": date(2026, 3, 10)}
    refusal = {}

    def change_b():
        try:
            with api.db.transaction() as session:
                update_record(session, SYSTEM, utcnow(), b["id"], dict(wanted), window=LeadershipWindow())
        except Conflict as exc:
            refusal["detail"], refusal["indonesian"] = str(exc), exc.indonesian

    with api.db.transaction() as first:
        update_record(first, SYSTEM, utcnow(), a["id"], dict(wanted), window=LeadershipWindow())
        second = threading.Thread(target=change_b)
        second.start()
        wait_for(lambda: waiting_on_a_lock(api.db), message="the second change waits on the unique index")
    second.join(timeout=10)
    assert a["id"] in refusal["detail"] and "(concurrent)" not in refusal["detail"]
    assert "09/03/2026–10/03/2026" in refusal["indonesian"]
    kept = api.client.get(f"/api/v1/training-records/{b['id']}", headers=api.admin).get_json()
    assert (kept["start_date"], kept["version"]) == ("2026-05-04", 1)


def waiting_on_a_lock(db) -> bool:
    with db.engine.connect() as conn:
        return bool(conn.execute(text("SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock' "
                                      "AND datname = current_database()")).scalar())
