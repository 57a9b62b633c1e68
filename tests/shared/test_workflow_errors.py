"""A use case's typed errors reach API clients as problem+json and people as an Indonesian page, each in one place."""
import pytest

from shared.config import load_settings
from shared.db import Database
from tests.support import sample_app

PROBLEM = "application/problem+json"


@pytest.fixture
def sample(tmp_path):
    db = Database(f"sqlite:///{tmp_path / 'sample.db'}")
    sample_app.metadata.create_all(db.engine)
    settings = load_settings("sample", database_url=db.url, migrate_on_start=False, jwt_secret="x" * 40)
    app = sample_app.build(settings, db)
    return app.test_client(), db


@pytest.mark.parametrize(("text", "status"), [("missing", 404), ("forbidden", 403), ("conflict", 409),
                                               ("invalid", 422)])
def test_each_typed_error_is_a_problem_in_the_api(sample, text, status):
    client, db = sample
    resp = client.post("/api/v1/notes", json={"text": text})
    assert resp.status_code == status and resp.mimetype == PROBLEM
    body = resp.get_json()
    assert body["status"] == status and body["detail"]
    assert sample_app.count_notes(db) == 0  # the refused write left nothing behind
    if status == 409:
        assert body["allowed"] == ["reopen"]
    if status == 422:
        assert body["errors"] == {"text": ["must not be empty"]}


@pytest.mark.parametrize(("text", "status", "words"), [
    ("missing", 404, "Catatan tidak ditemukan."), ("forbidden", 403, "Anda tidak berwenang mengubah catatan ini."),
    ("conflict", 409, "Catatan sudah ditutup."), ("invalid", 422, "Isi catatan tidak boleh kosong.")])
def test_each_typed_error_is_an_indonesian_page(sample, text, status, words):
    client, _db = sample
    resp = client.get(f"/catatan/{text}")
    assert resp.status_code == status and resp.mimetype == "text/html"
    page = resp.get_data(as_text=True)
    assert words in page and f"Kode: {status}" in page
    assert "problem" not in resp.mimetype


def test_a_page_without_indonesian_words_still_explains_in_indonesian(sample):
    resp = sample[0].get("/catatan/closed")
    page = resp.get_data(as_text=True)
    assert resp.status_code == 409
    assert "bertentangan dengan keadaan data" in page and "The note is closed." in page


def test_a_successful_write_by_a_page_and_by_the_api(sample):
    client, db = sample
    assert client.get("/catatan/halo").status_code == 200
    assert client.post("/api/v1/notes", json={"text": "hello"}).status_code == 201
    assert sample_app.count_notes(db) == 2
