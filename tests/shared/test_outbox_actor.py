"""Who did what: every event in a service's outbox records the person who acted (subject and display name)."""
from __future__ import annotations

from sqlalchemy import select

from services.personnel.db.models import plumbing as personnel_tables
from services.survey.db.models import plumbing as survey_tables
from shared.outbox import record_event
from shared.principal import Principal
from shared.web import staff_session
from shared.web.app_factory import service_context
from shared.web.pages import page_principal
from tests.support import seed
from tests.survey.departments import seed_departments


def actors(db, tables) -> list[tuple[str, str, str]]:
    outbox = tables["outbox"]
    with db.sessions() as session:
        return [tuple(row) for row in session.execute(
            select(outbox.c.type, outbox.c.actor_subject, outbox.c.actor_name).order_by(outbox.c.id))]


def test_an_api_write_records_the_tokens_person(personnel, tokens):
    seed.department(personnel.client, tokens("admin", name="Rina Siregar"))
    assert actors(personnel.db, personnel_tables) == [("personnel.department.created", "test-admin", "Rina Siregar")]


def test_a_token_without_a_name_records_its_subject_as_the_name(start_service, tokens):
    survey = start_service("survey")
    seed_departments(survey.db, "DINKES")
    made = survey.client.post("/api/v1/campaigns", headers=tokens("admin"), json={
        "department_code": "DINKES", "service_unit": "Puskesmas", "period_type": "yearly", "period_year": 2026,
        "population": 100}).get_json()
    survey.client.post(f"/api/v1/campaigns/{made['id']}/open", headers=tokens("operator", "DINKES"))
    assert actors(survey.db, survey_tables)[0] == ("survey.campaign.opened", "test-operator", "test-operator")


def test_a_page_request_records_the_signed_in_person(start_service):
    survey = start_service("survey")
    with survey.app.test_request_context("/survei"):
        staff_session.remember(Principal("kc-budi", "operator", "DINKES", "Budi Nasution"))
        assert page_principal().name == "Budi Nasution"
        with service_context().transaction() as session:
            record_event(session, survey_tables["outbox"], source="/asn/survey", type="survey.test.done",
                         subject="x", data={}, sequence=1)
    assert actors(survey.db, survey_tables) == [("survey.test.done", "kc-budi", "Budi Nasution")]


def test_a_citizens_answer_records_the_public_and_a_background_job_the_system(start_service, tokens):
    survey = start_service("survey")
    seed_departments(survey.db, "DINKES")
    admin = tokens("admin", name="Rina Siregar")
    made = survey.client.post("/api/v1/campaigns", headers=admin, json={
        "department_code": "DINKES", "service_unit": "Puskesmas", "period_type": "yearly", "period_year": 2026,
        "population": 100}).get_json()
    survey.client.post(f"/api/v1/campaigns/{made['id']}/open", headers=admin)
    answered = survey.client.post(f"/api/v1/campaigns/{made['id']}/responses",
                                  json={"answers": {f"u{i}": 4 for i in range(1, 10)}})
    assert answered.status_code == 201
    assert ("public", "public") in [row[1:] for row in actors(survey.db, survey_tables)]

    with survey.db.transaction() as session:  # a worker's loop: nobody named acts
        record_event(session, survey_tables["outbox"], source="/asn/survey", type="survey.test.swept",
                     subject="x", data={}, sequence=1)
    assert actors(survey.db, survey_tables)[-1][1:] == ("system", "Sistem")
