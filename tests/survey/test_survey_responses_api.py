"""Public responses over HTTP: every bad input is a 422 naming the field, only open campaigns answer."""
import json
from datetime import datetime, timedelta

import pytest
from sqlalchemy import select

from services.survey.db.models import Response
from tests.survey.conftest import answers_of, uniform
from tests.survey.departments import seed_departments


def errors_of(resp) -> dict:
    assert resp.status_code == 422, resp.get_json()
    assert resp.content_type == "application/problem+json"
    return resp.get_json()["errors"]


def test_a_valid_response_is_stored_without_anything_identifying(survey, make_campaign, submit):
    campaign = make_campaign()
    resp = submit(
        campaign["id"], answers_of(4, 3, 3, 4, 2, 3, 4, 1, 3),
        profile={"gender": "perempuan", "age_group": "30-39", "education": "d4_s1", "occupation": "swasta"},
        suggestion="Antrean di loket pendaftaran terlalu lama.")
    assert resp.status_code == 201, resp.get_json()
    receipt = resp.get_json()
    assert receipt["message"].startswith("Terima kasih")
    with survey.db.sessions() as session:
        row = session.get(Response, receipt["id"])
        assert row.answers == answers_of(4, 3, 3, 4, 2, 3, 4, 1, 3)
        assert (row.gender, row.age_group, row.education, row.occupation) == ("perempuan", "30-39", "d4_s1", "swasta")
        assert row.suggestion == "Antrean di loket pendaftaran terlalu lama."
    columns = set(Response.__table__.columns.keys())
    assert not columns & {"ip", "ip_address", "user_agent", "user_id", "token", "token_hash", "email"}


@pytest.mark.parametrize(("answers", "field"), [
    (uniform(3) | {"u4": 0}, "u4"),
    (uniform(3) | {"u5": 5}, "u5"),
    (uniform(3) | {"u2": "3"}, "u2"),
    (uniform(3) | {"u7": 3.0}, "u7"),
    (uniform(3) | {"u7": 3.5}, "u7"),
    (uniform(3) | {"u6": True}, "u6"),
    (uniform(3) | {"u1": None}, "u1"),
    ({k: v for k, v in uniform(3).items() if k != "u9"}, "u9"),
    (uniform(3) | {"u10": 3}, "u10"),
])
def test_bad_answers_are_422_naming_the_unsur(make_campaign, submit, answers, field):
    campaign = make_campaign()
    errors = errors_of(submit(campaign["id"], answers))
    assert list(errors) == ["answers"] and field in errors["answers"]


def test_answers_themselves_are_required(survey, make_campaign):
    campaign = make_campaign()
    resp = survey.client.post(f"/api/v1/campaigns/{campaign['id']}/responses", json={"profile": {}})
    assert "answers" in errors_of(resp)
    resp = survey.client.post(f"/api/v1/campaigns/{campaign['id']}/responses", json={"answers": [3] * 9})
    assert "answers" in errors_of(resp)


@pytest.mark.parametrize(("profile", "field"), [
    ({"gender": "pria"}, "gender"),
    ({"age_group": "25"}, "age_group"),
    ({"education": "S1"}, "education"),
    ({"occupation": 3}, "occupation"),
    ({"hobby": "catur"}, "hobby"),
])
def test_profile_values_come_from_the_fixed_choices(make_campaign, submit, profile, field):
    campaign = make_campaign()
    assert field in errors_of(submit(campaign["id"], profile=profile))["profile"]


def test_suggestion_is_optional_and_at_most_2000_characters(make_campaign, submit):
    campaign = make_campaign()
    assert "suggestion" in errors_of(submit(campaign["id"], suggestion="x" * 2001))
    assert submit(campaign["id"], suggestion="x" * 2000).status_code == 201
    assert submit(campaign["id"]).status_code == 201


def test_extra_questions_are_checked_and_stay_out_of_the_index(survey, admin, make_campaign, submit):
    extra = [{"key": "layanan", "text": "Layanan apa?", "type": "choice", "choices": ["Rawat jalan", "Imunisasi"],
              "required": True},
             {"key": "catatan", "text": "Catatan lain?", "type": "text"}]
    campaign = make_campaign(extra_questions=extra)
    assert "layanan" in errors_of(submit(campaign["id"]))["extra_answers"]
    assert "layanan" in errors_of(submit(campaign["id"], extra_answers={"layanan": "Bedah"}))["extra_answers"]
    assert "warna" in errors_of(submit(campaign["id"], extra_answers={"layanan": "Imunisasi", "warna": "biru"}))[
        "extra_answers"]
    assert submit(campaign["id"], uniform(4), extra_answers={"layanan": "Imunisasi"}).status_code == 201
    results = survey.client.get(f"/api/v1/campaigns/{campaign['id']}/results", headers=admin).get_json()
    assert results["respondents"] == 1 and results["converted_display"] == "100.00"
    assert set(results["nrr"]) == {f"u{i}" for i in range(1, 10)}


def test_only_an_open_campaign_takes_responses(make_campaign, submit):
    for status in ("draft", "closed"):
        resp = submit(make_campaign(status=status)["id"])
        assert resp.status_code == 409, resp.get_json()
        assert "tidak sedang dibuka" in resp.get_json()["detail"]
    assert submit("no-such-campaign").status_code == 404


def test_a_bad_body_is_rejected_before_the_campaign_state(make_campaign, submit):
    # Validation comes first, so a closed campaign still tells a form what was wrong with it.
    assert submit(make_campaign(status="closed")["id"], uniform(3) | {"u1": 9}).status_code == 422


def respondents(survey, admin, campaign_id) -> int:
    return survey.client.get(f"/api/v1/campaigns/{campaign_id}/results", headers=admin).get_json()["respondents"]


def test_an_idempotency_key_replays_the_first_answer_and_says_so(survey, admin, make_campaign):
    campaign = make_campaign()
    url = f"/api/v1/campaigns/{campaign['id']}/responses"
    key = {"Idempotency-Key": "form-7f3a-2b91"}
    first = survey.client.post(url, json={"answers": uniform(2)}, headers=key)
    again = survey.client.post(url, json={"answers": uniform(2)}, headers=key)
    assert first.status_code == again.status_code == 201
    assert first.get_json() == again.get_json()
    assert "Idempotent-Replayed" not in first.headers and again.headers["Idempotent-Replayed"] == "true"
    assert respondents(survey, admin, campaign["id"]) == 1


def test_an_idempotency_key_reused_with_other_answers_is_422(survey, admin, make_campaign):
    campaign = make_campaign()
    url = f"/api/v1/campaigns/{campaign['id']}/responses"
    key = {"Idempotency-Key": "form-5c0d-e771"}
    assert survey.client.post(url, json={"answers": uniform(2)}, headers=key).status_code == 201
    other = survey.client.post(url, json={"answers": uniform(4)}, headers=key)
    assert other.status_code == 422 and "Idempotency-Key" in other.get_json()["errors"]
    assert respondents(survey, admin, campaign["id"]) == 1


@pytest.mark.parametrize("key", ["x", "has spaces in it", "ü" * 10, "k" * 256])
def test_a_malformed_idempotency_key_is_400_and_nothing_is_counted(survey, admin, make_campaign, key):
    campaign = make_campaign()
    resp = survey.client.post(f"/api/v1/campaigns/{campaign['id']}/responses", json={"answers": uniform(3)},
                              headers={"Idempotency-Key": key})
    assert resp.status_code == 400 and "Idempotency-Key" in resp.get_json()["detail"]
    assert respondents(survey, admin, campaign["id"]) == 0


def test_the_token_stays_out_of_the_idempotency_record(survey, admin, make_campaign):
    campaign = make_campaign(status="draft", requires_token=True)
    first_token, second_token = survey.client.post(f"/api/v1/campaigns/{campaign['id']}/tokens", json={"count": 2},
                                                   headers=admin).get_json()["tokens"]
    survey.client.post(f"/api/v1/campaigns/{campaign['id']}/open", headers=admin)
    url = f"/api/v1/campaigns/{campaign['id']}/responses"
    key = {"Idempotency-Key": "form-token-91ac"}
    assert survey.client.post(url, json={"answers": uniform(3), "token": first_token}, headers=key).status_code == 201
    # The fingerprint never saw the token: the same answers under the key are the same request, whatever token.
    again = survey.client.post(url, json={"answers": uniform(3), "token": second_token}, headers=key)
    assert again.status_code == 201 and again.headers["Idempotent-Replayed"] == "true"
    counts = survey.client.get(f"/api/v1/campaigns/{campaign['id']}/tokens", headers=admin).get_json()
    assert counts["unused"] == 1 and respondents(survey, admin, campaign["id"]) == 1
    keys = survey.app.extensions["asn"].tables["idempotency_keys"]
    with survey.db.sessions() as session:
        stored = str(session.execute(select(keys)).all())
    for token in (first_token, second_token):
        assert token not in stored and token.replace("-", "") not in stored


def test_public_posting_is_rate_limited(start_service, admin):
    service = start_service("survey", ratelimit_public="3/minute")
    seed_departments(service.db, "DINKES")
    body = {"department_code": "DINKES", "service_unit": "Puskesmas", "period_type": "yearly", "period_year": 2026}
    campaign = service.client.post("/api/v1/campaigns", json=body, headers=admin).get_json()
    service.client.post(f"/api/v1/campaigns/{campaign['id']}/open", headers=admin)
    url = f"/api/v1/campaigns/{campaign['id']}/responses"
    statuses = [service.client.post(url, json={"answers": uniform(3)}).status_code for _ in range(4)]
    assert statuses == [201, 201, 201, 429]
    last = service.client.post(url, json={"answers": uniform(3)})
    assert last.status_code == 429 and last.headers["Retry-After"] == "60"
    assert last.content_type == "application/problem+json"


def test_admin_and_the_departments_operator_export_responses_without_identifying_columns(survey, admin, tokens, make_campaign, submit):
    campaign = make_campaign(extra_questions=[{"key": "catatan", "text": "Catatan?", "type": "text"}])
    submit(campaign["id"], answers_of(1, 2, 3, 4, 1, 2, 3, 4, 1), profile={"gender": "laki_laki"},
           suggestion="=HYPERLINK(\"http://x\")", extra_answers={"catatan": "ramah"})
    url = f"/api/v1/campaigns/{campaign['id']}/responses.csv"
    assert survey.client.get(url, headers=tokens("operator", "DISHUB")).status_code == 403
    assert survey.client.get(url, headers=tokens("viewer")).status_code == 403
    assert survey.client.get(url).status_code == 401
    assert survey.client.get(url, headers=tokens("operator", "DINKES")).status_code == 200  # their own suggestions
    resp = survey.client.get(url, headers=admin)
    assert resp.status_code == 200 and resp.mimetype == "text/csv"
    lines = resp.data.decode("utf-8-sig").splitlines()
    header, row = lines[0].split(","), lines[1].split(",")
    assert header[2:11] == [f"u{i}" for i in range(1, 10)] and "extra_catatan" in header
    assert row[2:11] == ["1", "2", "3", "4", "1", "2", "3", "4", "1"]
    assert row[header.index("gender")] == "laki_laki"
    assert len(row[header.index("submitted_on")]) == 10  # a date, not a time of day
    assert lines[1].count("'=HYPERLINK") == 1  # a spreadsheet shows it as text, never runs it
    assert not {"token", "ip", "user"} & set(header)


def test_the_response_event_carries_answers_and_profile(survey, make_campaign, submit):
    campaign = make_campaign()
    receipt = submit(campaign["id"], answers_of(4, 4, 4, 4, 4, 4, 4, 4, 1), profile={"education": "sma"}).get_json()
    outbox = survey.app.extensions["asn"].tables["outbox"]
    with survey.db.sessions() as session:
        bodies = [json.loads(b) for b in session.execute(
            select(outbox.c.body).where(outbox.c.type == "survey.response.submitted")).scalars()]
    event = next(b for b in bodies if b["subject"] == receipt["id"])
    assert event["data"]["answers"] == answers_of(4, 4, 4, 4, 4, 4, 4, 4, 1)
    assert event["data"]["profile"] == {"gender": None, "age_group": None, "education": "sma", "occupation": None}
    assert event["data"]["campaign_id"] == campaign["id"]
    # The day of the answer, never its moment: a time of day could point at the one citizen served then.
    moment = datetime.fromisoformat(event["data"]["submitted_at"])
    assert (moment.hour, moment.minute, moment.second, moment.utcoffset()) == (0, 0, 0, timedelta(hours=7))
    assert event["data"]["submitted_on"] == moment.date().isoformat()
