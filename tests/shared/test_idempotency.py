"""The one Idempotency-Key implementation, on PostgreSQL: the five behaviours of the IETF draft, and pruning."""
import threading
import uuid
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import func, select

from shared.config import load_settings
from shared.web.idempotency import REPLAYED_HEADER, prune
from tests.support import sample_app


@pytest.fixture
def sample(database_server):
    db = database_server.blank("idem")
    sample_app.metadata.create_all(db.engine)
    gate = sample_app.Gate()
    settings = load_settings("sample", database_url=db.url, migrate_on_start=False, jwt_secret="x" * 40)
    app = sample_app.build(settings, db, gate)
    yield app, db, gate
    gate.release.set()
    db.engine.dispose()


def key() -> dict:
    return {"Idempotency-Key": str(uuid.uuid4())}


def test_a_retry_replays_the_first_answer_and_writes_once(sample):
    app, db, _ = sample
    client, headers = app.test_client(), key()
    first = client.post("/api/v1/notes", json={"text": "hello"}, headers=headers)
    again = client.post("/api/v1/notes", json={"text": "hello"}, headers=headers)
    assert first.status_code == again.status_code == 201
    assert again.get_json() == first.get_json()
    assert again.headers[REPLAYED_HEADER] == "true" and REPLAYED_HEADER not in first.headers
    assert sample_app.count_notes(db) == 1


def test_a_quoted_structured_field_key_is_the_same_key(sample):
    app, db, _ = sample
    raw = str(uuid.uuid4())
    app.test_client().post("/api/v1/notes", json={"text": "hi"}, headers={"Idempotency-Key": raw})
    again = app.test_client().post("/api/v1/notes", json={"text": "hi"}, headers={"Idempotency-Key": f'"{raw}"'})
    assert again.headers.get(REPLAYED_HEADER) == "true" and sample_app.count_notes(db) == 1


@pytest.mark.parametrize("bad", ["short", "has space in it", "x" * 256, "ünïcode-key"])
def test_a_malformed_key_is_a_400_and_writes_nothing(sample, bad):
    app, db, _ = sample
    resp = app.test_client().post("/api/v1/notes", json={"text": "hello"}, headers={"Idempotency-Key": bad})
    assert resp.status_code == 400 and "Idempotency-Key" in resp.get_json()["detail"]
    assert sample_app.count_notes(db) == 0


def test_a_missing_key_where_one_is_required_is_a_400(sample):
    app, db, _ = sample
    resp = app.test_client().post("/api/v1/notes/required", json={"text": "hello"})
    assert resp.status_code == 400 and sample_app.count_notes(db) == 0
    ok = app.test_client().post("/api/v1/notes/required", json={"text": "hello"}, headers=key())
    assert ok.status_code == 201


def test_a_key_reused_with_another_body_is_a_422(sample):
    app, db, _ = sample
    client, headers = app.test_client(), key()
    client.post("/api/v1/notes", json={"text": "hello"}, headers=headers)
    other = client.post("/api/v1/notes", json={"text": "goodbye"}, headers=headers)
    assert other.status_code == 422 and "Idempotency-Key" in other.get_json()["errors"]
    assert sample_app.count_notes(db) == 1


def test_a_refused_request_stores_no_key_so_a_corrected_retry_runs(sample):
    app, db, _ = sample
    headers = key()
    assert app.test_client().post("/api/v1/notes", json={"text": "invalid"}, headers=headers).status_code == 422
    assert sample_app.count_notes(db) == 0


def test_keys_are_scoped_per_caller(sample, tokens):
    app, db, _ = sample
    shared_key = key()
    app.test_client().post("/api/v1/notes", json={"text": "hello"}, headers=shared_key)
    settings = load_settings("sample", jwt_secret="x" * 40)
    from shared.web.auth import issue_token

    staff = {**shared_key, "Authorization": f"Bearer {issue_token(settings, 'op-1', 'operator', 'DINKES')}"}
    mine = app.test_client().post("/api/v1/notes", json={"text": "hello"}, headers=staff)
    assert mine.status_code == 201 and REPLAYED_HEADER not in mine.headers
    assert mine.get_json()["by"] == "op-1" and sample_app.count_notes(db) == 2


def test_a_second_request_while_the_first_runs_is_a_409_then_replays(sample):
    app, db, gate = sample
    headers, results = key(), {}

    def first():
        results["first"] = app.test_client().post("/api/v1/notes", json={"text": "slow one"}, headers=headers)

    thread = threading.Thread(target=first)
    thread.start()
    assert gate.entered.wait(10), "the first request never reached the use case"
    during = app.test_client().post("/api/v1/notes", json={"text": "slow one"}, headers=headers)
    gate.release.set()
    thread.join(10)
    after = app.test_client().post("/api/v1/notes", json={"text": "slow one"}, headers=headers)
    assert during.status_code == 409 and during.headers["Retry-After"]
    assert results["first"].status_code == 201
    assert after.status_code == 201 and after.headers[REPLAYED_HEADER] == "true"
    assert sample_app.count_notes(db) == 1


def test_old_keys_are_pruned(sample):
    app, db, _ = sample
    app.test_client().post("/api/v1/notes", json={"text": "hello"}, headers=key())
    table = sample_app.plumbing["idempotency_keys"]
    with db.transaction() as session:
        assert prune(session, table, timedelta(hours=24)) == 0
        assert prune(session, table, timedelta(hours=24), now=datetime.now(UTC) + timedelta(hours=25)) == 1
        assert session.execute(select(func.count()).select_from(table)).scalar_one() == 0


def test_the_header_is_documented_in_openapi(sample):
    app, _db, _ = sample
    spec = app.test_client().get("/openapi.json").get_json()
    params = spec["paths"]["/api/v1/notes"]["post"]["parameters"]
    assert any(p["name"] == "Idempotency-Key" and p["in"] == "header" for p in params)
