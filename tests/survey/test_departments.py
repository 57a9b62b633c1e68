"""Department codes are checked against survey's own copy of personnel's departments (no cross-service call)."""
from tests.survey.departments import apply_department


def create(survey, headers, code, unit="Puskesmas Sri Padang"):
    return survey.client.post("/api/v1/campaigns", json={
        "department_code": code, "service_unit": unit, "period_type": "yearly", "period_year": 2026},
        headers=headers)


def test_a_department_learned_from_personnel_takes_campaigns(survey, admin):
    assert create(survey, admin, "DISPORA").status_code == 422
    apply_department(survey.db, "DISPORA")
    assert create(survey, admin, "DISPORA").status_code == 201


def test_an_unknown_department_is_refused_on_its_field(survey, admin, tokens):
    resp = create(survey, admin, "DINSOS")
    assert resp.status_code == 422 and resp.content_type == "application/problem+json"
    assert "no department 'DINSOS'" in resp.get_json()["errors"]["department_code"][0]
    # An operator of a department that personnel never announced cannot make one either.
    assert create(survey, tokens("operator", "DINSOS"), "DINSOS").status_code == 422
    # Another department's operator is refused for the permission first: nothing is learned about codes.
    assert create(survey, tokens("operator", "DISHUB"), "DINSOS").status_code == 403


def test_a_dissolved_department_is_refused(survey, admin):
    apply_department(survey.db, "BAPPEDA")
    apply_department(survey.db, "BAPPEDA", sequence=2, verb="dissolved")
    resp = create(survey, admin, "BAPPEDA")
    assert resp.status_code == 422
    assert "dissolved" in resp.get_json()["errors"]["department_code"][0]


def test_an_older_event_arriving_late_changes_nothing(survey, admin):
    apply_department(survey.db, "DPMPTSP")
    apply_department(survey.db, "DPMPTSP", sequence=3, verb="dissolved")
    apply_department(survey.db, "DPMPTSP", sequence=2, verb="updated")  # late: still says active
    assert create(survey, admin, "DPMPTSP").status_code == 422
    apply_department(survey.db, "DPMPTSP", sequence=4, verb="updated", status="active")  # re-established
    assert create(survey, admin, "DPMPTSP").status_code == 201


def test_a_campaign_cannot_be_moved_to_another_department(survey, admin, make_campaign):
    campaign = make_campaign(status="draft")
    resp = survey.client.patch(f"/api/v1/campaigns/{campaign['id']}", json={"department_code": "DISKOMINFO"},
                               headers=admin)
    assert resp.status_code == 422 and "department_code" in resp.get_json()["errors"]
