"""The outside security audit's web findings, each with the behaviour a client now sees.

What is real: the services' apps on fresh PostgreSQL databases. (The broker findings are covered
by tests/integration/test_broker_trust.py, the CSV ones beside the exports.)
"""
import logging

import jwt
import pytest
from sqlalchemy import text
from sqlalchemy.exc import DataError

from shared.web.errors import handle_data_error, handle_unexpected
from tests.consultation.helpers import seed_departments
from tests.consultation.test_feedback_public import COMPLAINT

PROBLEM = "application/problem+json"


@pytest.fixture
def consultation(start_service):
    svc = start_service("consultation")
    seed_departments(svc)
    return svc


def test_a_nul_byte_in_public_feedback_is_a_422_naming_the_field_and_logs_nothing_personal(consultation, caplog):
    caplog.set_level(logging.DEBUG)
    body = {**COMPLAINT, "text": "Antrean lama\x00", "contact": {"name": "Rahmat", "phone": "081298765432"}}
    resp = consultation.client.post("/api/v1/feedback", json=body)
    assert resp.status_code == 422 and resp.mimetype == PROBLEM
    assert "text" in resp.get_json()["errors"]
    assert "081298765432" not in caplog.text and "Rahmat" not in caplog.text


@pytest.mark.parametrize("service", ["personnel", "consultation", "survey", "reporting"])
def test_control_characters_in_a_query_are_a_422_everywhere(start_service, tokens, service):
    svc = start_service(service)
    resp = svc.client.get("/api/v1/nothing-here?q=%00", headers=tokens("admin"))
    assert resp.status_code == 422 and resp.mimetype == PROBLEM


def test_an_absurd_page_number_is_a_422_not_an_overflow(personnel, tokens):
    resp = personnel.client.get("/api/v1/departments?page=99999999999999999999", headers=tokens("admin"))
    assert resp.status_code == 422 and "page" in resp.get_json()["errors"]


def test_json_nested_100000_deep_is_a_400(consultation):
    deep = "[" * 5_000 + "]" * 5_000  # (100,000 deep is also refused, as too large a body: 413)
    resp = consultation.client.post("/api/v1/feedback", data=deep, content_type="application/json")
    assert resp.status_code in (400, 422) and resp.mimetype == PROBLEM


PHONE = "081298765432"


def database_error(db, kind, value):
    with pytest.raises(kind) as caught, db.transaction() as session:
        session.execute(text("SELECT CAST(:n AS integer)"), {"n": value})
    return caught.value


def test_a_forgotten_bound_is_still_the_clients_422_and_no_value_is_logged(personnel, caplog):
    """A value out of a column's range (schemas bound the numbers; this is the safety net) is no 500,
    and neither the SQL parameters nor the server's message quoting the value reach the log."""
    caplog.set_level(logging.DEBUG)
    error = database_error(personnel.db, DataError, PHONE)
    assert "[SQL parameters hidden" in str(error)
    with personnel.app.test_request_context():
        answer = handle_data_error(error)
        crash = handle_unexpected(error)
    assert answer.status_code == 422 and crash.status_code == 500
    assert PHONE not in caplog.text and "NumericValueOutOfRange" in caplog.text


def test_any_authorization_header_no_longer_skips_the_public_limit(consultation):
    resp = consultation.client.post("/api/v1/feedback", json=COMPLAINT, headers={"Authorization": "x"})
    assert resp.status_code == 401  # not a free pass: the header is checked, and this one is bad


def test_a_clients_request_id_is_kept_only_if_it_is_short_and_plain(consultation):
    kept = consultation.client.get("/healthz", headers={"X-Request-ID": "req-123"})
    assert kept.headers["X-Request-ID"] == "req-123"
    replaced = consultation.client.get("/healthz", headers={"X-Request-ID": "x" * 4000})
    assert replaced.headers["X-Request-ID"] != "x" * 4000 and len(replaced.headers["X-Request-ID"]) == 36


def test_security_headers_on_pages_and_api(consultation):
    for path in ("/lapor", "/api/v1/policies"):
        headers = consultation.client.get(path).headers
        assert "frame-ancestors 'none'" in headers["Content-Security-Policy"]
        assert "script-src 'self'" in headers["Content-Security-Policy"]
        assert headers["X-Content-Type-Options"] == "nosniff" and headers["X-Frame-Options"] == "DENY"
    secure = consultation.client.get("/lapor", base_url="https://localhost")
    assert secure.headers["Strict-Transport-Security"].startswith("max-age=")


def test_rs256_is_available_so_the_citys_identity_provider_can_be_used():
    assert jwt.algorithms.has_crypto


def test_error_responses_are_documented_as_problem_json(consultation):
    spec = consultation.client.get("/openapi.json").get_json()
    for name in ("DEFAULT_ERROR", "UNPROCESSABLE_ENTITY"):
        assert list(spec["components"]["responses"][name]["content"]) == ["application/problem+json"]
    assert spec["paths"]["/api/v1/feedback"]["post"]["responses"]["default"]["$ref"].endswith("DEFAULT_ERROR")
