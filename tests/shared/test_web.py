"""What every service gives for free: problem+json errors, auth, health, readiness, metrics, OpenAPI."""
import subprocess
import sys

import jwt

from tests.support import seed

PROBLEM = "application/problem+json"


def test_invalid_input_is_a_422_problem_with_per_field_errors(personnel, tokens):
    resp = personnel.client.post("/api/v1/departments", json={"code": "x", "type": "planet"},
                                 headers=tokens("admin"))
    assert resp.status_code == 422 and resp.mimetype == PROBLEM
    body = resp.get_json()
    assert body["status"] == 422 and body["title"]
    assert set(body["errors"]) == {"code", "name", "type"}


def test_unknown_resource_is_a_404_problem(personnel):
    resp = personnel.client.get("/api/v1/departments/NOPE")
    assert resp.status_code == 404 and resp.mimetype == PROBLEM
    assert "NOPE" in resp.get_json()["detail"]


def test_duplicate_business_key_is_a_409_problem(personnel, tokens):
    seed.department(personnel.client, tokens("admin"))
    resp = personnel.client.post("/api/v1/departments", json={"code": "DINKES", "name": "Lagi", "type": "dinas"},
                                 headers=tokens("admin"))
    assert resp.status_code == 409 and resp.mimetype == PROBLEM


def test_missing_bad_and_insufficient_tokens(personnel, tokens):
    body = {"code": "BAPPEDA", "name": "Bappeda", "type": "badan"}
    no_token = personnel.client.post("/api/v1/departments", json=body)
    assert no_token.status_code == 401 and no_token.mimetype == PROBLEM
    forged = jwt.encode({"sub": "x", "role": "admin", "exp": 9999999999}, "wrong-secret-of-sufficient-length!!")
    bad = personnel.client.post("/api/v1/departments", json=body, headers={"Authorization": f"Bearer {forged}"})
    assert bad.status_code == 401
    viewer = personnel.client.post("/api/v1/departments", json=body, headers=tokens("viewer"))
    assert viewer.status_code == 403 and viewer.mimetype == PROBLEM


def test_health_readiness_metrics_and_openapi(personnel):
    c = personnel.client
    assert c.get("/healthz").get_json()["status"] == "ok"
    ready = c.get("/readyz")
    assert ready.status_code == 200 and ready.get_json()["checks"] == {"database": "ok", "broker": "ok"}
    c.get("/api/v1/departments")
    metrics = c.get("/metrics").get_data(as_text=True)
    assert "asn_http_requests_total" in metrics and "asn_outbox_pending_events" in metrics
    spec = c.get("/openapi.json").get_json()
    assert "/api/v1/training-records" in spec["paths"]


def test_readiness_fails_when_the_broker_is_unreachable(start_service):
    svc = start_service("survey", broker_url="amqp://guest:guest@127.0.0.1:1/%2F")
    resp = svc.client.get("/readyz")
    assert resp.status_code == 503 and resp.get_json()["checks"]["broker"].startswith("error")


def test_the_cli_issues_a_token_the_services_accept(personnel, monkeypatch):
    env = {"JWT_SECRET": "test-secret-at-least-32-bytes-long!!", "PATH": "/usr/bin:/bin"}
    out = subprocess.run([sys.executable, "-m", "shared.cli", "token", "--role", "operator",
                          "--department", "DINKES"], capture_output=True, text=True, env=env, check=True)
    token = out.stdout.strip()
    resp = personnel.client.get("/api/v1/employees", headers={"Authorization": f"Bearer {token}"})
    assert resp.status_code == 200
