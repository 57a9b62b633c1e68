"""The first loop, end to end: a training record in personnel changes reporting's JP figure."""
from tests.support import seed
from tests.support.workers import running, wait_for


def jp_of(reporting, code="DINKES", year=2026):
    body = reporting.client.get(f"/api/v1/training-hours?year={year}").get_json()
    return {d["department_code"]: d["jp_total"] for d in body["departments"]}.get(code, 0)


def test_record_change_and_revoke_move_the_report(personnel, reporting, tokens):
    admin = tokens("admin")
    c = personnel.client
    seed.department(c, admin)
    emp = seed.employee(c, admin)
    seed.programme(c, admin, jp=12)
    with running(relay=personnel.relay()), running(consumer=reporting.consumer()):
        record = seed.training(c, admin, emp["id"])
        wait_for(lambda: jp_of(reporting) == 12, message="JP 12 after recording")

        resp = c.patch(f"/api/v1/training-records/{record['id']}", json={"jp": 20}, headers=admin)
        assert resp.status_code == 200, resp.get_json()
        wait_for(lambda: jp_of(reporting) == 20, message="JP 20 after the change")

        resp = c.post(f"/api/v1/training-records/{record['id']}/revoke", json={"reason": "duplicate entry"},
                      headers=admin)
        assert resp.status_code == 200, resp.get_json()
        wait_for(lambda: jp_of(reporting) == 0, message="JP 0 after revocation")
