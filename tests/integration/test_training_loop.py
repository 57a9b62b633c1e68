"""The first loop, end to end: a training record in personnel changes reporting's JP figure."""
from shared.config import load_settings
from shared.web.auth import issue_token
from tests.support import seed
from tests.support.workers import running, wait_for

VIEWER = {"Authorization": "Bearer " + issue_token(
    load_settings("tests", jwt_secret="test-secret-at-least-32-bytes-long!!"), "test-viewer", "viewer")}


def jp_of(reporting, code="DINKES", year=2026):
    """The department's JP as BKPSDM sees it (the public sees no figure of fewer than 5 people)."""
    body = reporting.client.get(f"/api/v1/training-hours?year={year}", headers=VIEWER).get_json()
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


def test_the_public_sees_no_figure_of_fewer_than_five_people(personnel, reporting, tokens):
    admin = tokens("admin")
    c = personnel.client
    seed.department(c, admin)
    seed.programme(c, admin, jp=12)
    emp = seed.employee(c, admin)
    with running(relay=personnel.relay()), running(consumer=reporting.consumer()):
        seed.training(c, admin, emp["id"])
        wait_for(lambda: jp_of(reporting) == 12, message="the record in the report")
    public = reporting.client.get("/api/v1/training-hours?year=2026").get_json()
    [dinkes] = public["departments"]
    assert dinkes["department_code"] == "DINKES" and dinkes["suppressed"] is True
    assert (dinkes["jp_total"], dinkes["employees"], public["jp_total"]) == (None, None, 0)
