"""Schemathesis over each service's own OpenAPI document: whatever a client sends, no server error.

What is real: each service's Flask app (in process, through WSGI) on a fresh PostgreSQL
database, called as the public and as a BKPSDM admin. What is generated: requests that follow
the documented schemas and ones that break them (both of schemathesis's generation modes). A
5xx fails the test, and every error answer must be problem+json, as the documents say.
Bounded by FUZZ_EXAMPLES cases per operation.
"""
import importlib
import os

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis import GenerationMode

from shared.config import load_settings
from tests.survey.departments import seed_departments

SERVICES = ("personnel", "consultation", "survey", "reporting")
EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "12"))
pytestmark = pytest.mark.fuzz


@pytest.fixture
def service_app(request, database_server):
    db = database_server.fresh(request.param)
    settings = load_settings(request.param, database_url=db.url, migrate_on_start=False, broker_url="memory://",
                             jwt_secret="test-secret-at-least-32-bytes-long!!", ratelimit_public="100000/minute",
                             ratelimit_staff="100000/minute")
    app = importlib.import_module(f"services.{request.param}.app").create_app(settings, db=db)
    if request.param == "survey":
        seed_departments(db, "DINKES", "BKPSDM")
    yield app
    database_server.release(db)


def content_type(response) -> str:
    values = {key.lower(): value for key, value in response.headers.items()}.get("content-type") or [""]
    return values[0] if isinstance(values, list) else values


def server_errors(app, headers: dict) -> list[str]:
    schema = schemathesis.openapi.from_wsgi("/openapi.json", app)
    schema.config.generation.update(modes=[GenerationMode.POSITIVE, GenerationMode.NEGATIVE])
    found: list[str] = []
    for result in schema.get_all_operations():
        fuzz_operation(result.ok(), headers, found)
    return found


def fuzz_operation(operation, headers: dict, found: list[str]) -> None:
    @given(case=operation.as_strategy())
    @settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck), database=None)
    def call(case):
        response = case.call(headers=headers)
        label = f"{operation.label} -> {response.status_code}"
        if response.status_code >= 500:
            found.append(f"{label}: {case.as_curl_command()}")
        elif response.status_code >= 400 and not content_type(response).startswith("application/problem+json"):
            found.append(f"{label} is not problem+json: {case.as_curl_command()}")

    call()


@pytest.mark.parametrize("service_app", SERVICES, indirect=True)
def test_no_request_makes_a_server_error(service_app, tokens):
    problems = server_errors(service_app, {}) + server_errors(service_app, tokens("admin"))
    assert problems == []
