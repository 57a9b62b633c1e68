"""Campaigns over HTTP: who may create and move them, the period and sample size, drafts kept private."""
import pytest

from tests.survey.conftest import DEPT, OTHER_DEPT


def test_create_derives_period_and_required_sample(make_campaign):
    campaign = make_campaign(status="draft", period_type="half_yearly", period_index=2, population=1200)
    assert campaign["status"] == "draft"
    assert campaign["period_label"] == "Semester II 2026"
    assert (campaign["period_start"], campaign["period_end"]) == ("2026-07-01", "2026-12-31")
    assert campaign["required_sample"] == 291  # Krejcie-Morgan, N = 1 200
    assert campaign["version"] == 1


@pytest.mark.parametrize(("change", "field"), [
    ({"period_type": "monthly"}, "period_type"),
    ({"period_type": "half_yearly", "period_index": 3}, "period_index"),
    ({"period_year": "2026"}, "period_year"),
    ({"population": 0}, "population"),
    ({"population": 12.5}, "population"),
    ({"department_code": "dinkes"}, "department_code"),
    ({"extra_questions": [{"key": "u1", "text": "Apa?", "type": "text"}]}, "extra_questions"),
    ({"extra_questions": [{"key": "warna", "text": "Warna?", "type": "choice", "choices": ["biru"]}]},
     "extra_questions"),
])
def test_bad_campaign_input_names_the_field(survey, admin, change, field):
    body = {"department_code": DEPT, "service_unit": "Puskesmas", "period_type": "quarterly",
            "period_year": 2026, **change}
    resp = survey.client.post("/api/v1/campaigns", json=body, headers=admin)
    assert resp.status_code == 422, resp.get_json()
    assert resp.content_type == "application/problem+json"
    assert field in resp.get_json()["errors"]


def test_a_changed_period_that_does_not_exist_names_the_field(survey, admin, make_campaign):
    campaign = make_campaign(status="draft")
    resp = survey.client.patch(f"/api/v1/campaigns/{campaign['id']}", json={"period_type": "half_yearly",
                                                                             "period_index": 3}, headers=admin)
    assert resp.status_code == 422 and "period_index" in resp.get_json()["errors"]


def test_same_unit_and_period_twice_is_a_conflict(make_campaign, survey, admin):
    make_campaign(status="draft", service_unit="Puskesmas Rambutan")
    resp = survey.client.post("/api/v1/campaigns", json={
        "department_code": DEPT, "service_unit": "Puskesmas Rambutan", "period_type": "quarterly",
        "period_year": 2026, "period_index": 1}, headers=admin)
    assert resp.status_code == 409 and "Puskesmas Rambutan already has a campaign" in resp.get_json()["detail"]


def test_operator_manages_only_their_own_department(survey, tokens, make_campaign):
    own, other = tokens("operator", DEPT), tokens("operator", "DISHUB")
    campaign = make_campaign(status="draft", headers=own)
    body = {"department_code": DEPT, "service_unit": "Puskesmas Baru", "period_type": "yearly", "period_year": 2026}
    assert survey.client.post("/api/v1/campaigns", json=body, headers=other).status_code == 403
    assert survey.client.post("/api/v1/campaigns", json=body).status_code == 401
    assert survey.client.post("/api/v1/campaigns", json=body, headers=tokens("viewer")).status_code == 403
    url = f"/api/v1/campaigns/{campaign['id']}"
    # Another department's operator does not even learn that the draft exists.
    assert survey.client.post(f"{url}/open", headers=other).status_code == 404
    assert survey.client.patch(url, json={"population": 50}, headers=other).status_code == 404
    assert survey.client.post(f"{url}/open", headers=own).status_code == 200
    assert survey.client.post(f"{url}/close", headers=other).status_code == 403
    assert survey.client.post(f"{url}/close", headers=own).status_code == 200


def test_life_cycle_moves_only_forward(survey, admin, make_campaign):
    campaign = make_campaign(status="draft")
    url = f"/api/v1/campaigns/{campaign['id']}"
    refused = survey.client.post(f"{url}/close", headers=admin)
    assert refused.status_code == 409 and refused.get_json()["allowed"] == ["open"]  # the move a draft may make
    opened = survey.client.post(f"{url}/open", headers=admin).get_json()
    assert opened["status"] == "open" and opened["opened_at"]
    assert survey.client.post(f"{url}/open", headers=admin).status_code == 409
    closed = survey.client.post(f"{url}/close", headers=admin).get_json()
    assert closed["status"] == "closed" and closed["closed_at"]
    resp = survey.client.post(f"{url}/open", headers=admin)
    assert resp.status_code == 409 and "closed" in resp.get_json()["detail"] and resp.get_json()["allowed"] == []


def test_only_a_draft_changes_its_questionnaire(survey, admin, make_campaign):
    campaign = make_campaign(status="draft")
    url = f"/api/v1/campaigns/{campaign['id']}"
    changed = survey.client.patch(url, json={"period_index": 3, "requires_token": True}, headers=admin).get_json()
    assert changed["period_label"] == "Triwulan III 2026" and changed["requires_token"] is True
    survey.client.post(f"{url}/open", headers=admin)
    resp = survey.client.patch(url, json={"extra_questions": []}, headers=admin)
    assert resp.status_code == 409 and "extra_questions" in resp.get_json()["detail"]
    assert resp.get_json()["allowed"] == ["population"]
    moved = survey.client.patch(url, json={"population": 20}, headers=admin).get_json()
    assert moved["population"] == 20 and moved["required_sample"] == 19


def test_public_sees_open_and_closed_campaigns_but_no_drafts(survey, tokens, make_campaign):
    dept = OTHER_DEPT  # no other test makes campaigns here, so the list is exactly these three
    draft = make_campaign(status="draft", department_code=dept)
    opened = make_campaign(status="open", department_code=dept)
    closed = make_campaign(status="closed", department_code=dept)
    url = f"/api/v1/campaigns?department_code={dept}"
    listed = {c["id"] for c in survey.client.get(url).get_json()["items"]}
    assert listed == {opened["id"], closed["id"]}
    assert survey.client.get(f"/api/v1/campaigns/{draft['id']}").status_code == 404
    assert survey.client.get(f"/api/v1/campaigns/{opened['id']}").status_code == 200
    staff = survey.client.get(f"{url}&status=draft", headers=tokens("operator", dept)).get_json()
    assert [c["id"] for c in staff["items"]] == [draft["id"]]
    other = survey.client.get(f"{url}&status=draft", headers=tokens("operator", "DISHUB")).get_json()
    assert other["items"] == []
    assert len(survey.client.get(f"{url}&status=draft", headers=tokens("admin")).get_json()["items"]) == 1


def test_questionnaire_has_the_nine_standard_unsur_and_extra_questions(survey, make_campaign):
    extra = [{"key": "layanan", "text": "Layanan apa yang Anda terima?", "type": "choice",
              "choices": ["Rawat jalan", "Imunisasi"], "required": True}]
    campaign = make_campaign(extra_questions=extra)
    form = survey.client.get(f"/api/v1/campaigns/{campaign['id']}/questionnaire").get_json()
    assert [u["key"] for u in form["unsur"]] == [f"u{i}" for i in range(1, 10)]
    assert form["unsur"][0]["name"] == "Persyaratan"
    assert form["unsur"][0]["question"].startswith("Bagaimana pendapat Saudara tentang kesesuaian persyaratan")
    assert form["unsur"][3]["answers"] == [{"score": 1, "label": "Sangat mahal"}, {"score": 2, "label": "Cukup mahal"},
                                           {"score": 3, "label": "Murah"}, {"score": 4, "label": "Gratis"}]
    assert {"code": "perempuan", "label": "Perempuan"} in form["profile"]["gender"]
    assert set(form["profile"]) == {"gender", "age_group", "education", "occupation"}
    assert form["extra_questions"][0]["key"] == "layanan"
    assert form["suggestion_max_length"] == 2000
