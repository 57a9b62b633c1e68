"""Survey API fixtures. Real here: PostgreSQL (a fresh migrated database per test module) and the JWT checks.

One database per module, not per test: creating and dropping a PostgreSQL database costs about a
second, and every test makes its own campaigns, so tests cannot see each other's data. Tests that
need a fresh service (a low rate limit, the broker) use `start_service` from the root conftest.
The public rate limit and the per-address response limit are raised here so that tests can post many
responses from one address.
Survey accepts campaigns only for departments it learned from personnel's events; the module's
database starts with DEPT and OTHER_DEPT applied through the real handler (tests/survey/departments.py).
"""
from __future__ import annotations

import itertools
import uuid

import pytest

from services.survey.app import create_app
from services.survey.config import Config
from services.survey.domain.unsur import UNSUR_KEYS
from shared.config import load_settings
from tests.conftest import ServiceUnderTest
from tests.survey.departments import seed_departments

DEPT = "DINKES"
OTHER_DEPT = "DISKOMINFO"  # only test_public_sees_open_and_closed_campaigns_but_no_drafts makes campaigns here
JWT_SECRET = "test-secret-at-least-32-bytes-long!!"  # the root conftest's `tokens` signs with this
_units = itertools.count(1)


def uniform(score: int) -> dict[str, int]:
    return dict.fromkeys(UNSUR_KEYS, score)


def answers_of(*scores: int) -> dict[str, int]:
    return dict(zip(UNSUR_KEYS, scores, strict=True))


@pytest.fixture(scope="module")
def survey(database_server, broker_url):
    db = database_server.fresh("survey")
    settings = load_settings("survey", database_url=db.url, broker_url=broker_url, jwt_secret=JWT_SECRET,
                             events_exchange=f"asn.events.test-{uuid.uuid4().hex[:8]}", migrate_on_start=False,
                             ratelimit_public="100000/minute")
    # Many responses come from the test client's one address: the per-address limit is raised like the public one.
    app = create_app(settings, db=db, config=Config(responses_per_address="100000/hour"))
    app.config["TESTING"] = True
    seed_departments(db, DEPT, OTHER_DEPT)
    return ServiceUnderTest("survey", settings, db, app)


@pytest.fixture
def admin(tokens):
    return tokens("admin")


@pytest.fixture
def make_campaign(survey, admin):
    """Create a campaign (open unless told otherwise) and return its JSON."""

    def _make(status: str = "open", headers=None, **fields) -> dict:
        body = {"department_code": DEPT, "service_unit": f"Puskesmas {next(_units)}", "period_type": "quarterly",
                "period_year": 2026, "period_index": 1, "population": 300, **fields}
        resp = survey.client.post("/api/v1/campaigns", json=body, headers=headers or admin)
        assert resp.status_code == 201, resp.get_json()
        campaign = resp.get_json()
        for step in {"draft": [], "open": ["open"], "closed": ["open", "close"]}[status]:
            resp = survey.client.post(f"/api/v1/campaigns/{campaign['id']}/{step}", headers=headers or admin)
            assert resp.status_code == 200, resp.get_json()
            campaign = resp.get_json()
        return campaign

    return _make


@pytest.fixture
def submit(survey):
    """POST one public response; returns the Flask response."""

    def _submit(campaign_id: str, answers=None, **fields):
        body = {"answers": uniform(3) if answers is None else answers, **fields}
        return survey.client.post(f"/api/v1/campaigns/{campaign_id}/responses", json=body)

    return _submit
