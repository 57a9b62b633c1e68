"""Every form post on a page needs its CSRF token; the JSON API, authenticated by a header, does not."""
import pytest

from shared.config import load_settings
from shared.db import Database
from tests.support import sample_app


@pytest.fixture
def sample(tmp_path):
    db = Database(f"sqlite:///{tmp_path / 'sample.db'}")
    sample_app.metadata.create_all(db.engine)
    settings = load_settings("sample", database_url=db.url, migrate_on_start=False, jwt_secret="x" * 40)
    return sample_app.build(settings, db).test_client(), db


def test_a_form_post_without_its_token_is_refused_with_a_page_and_writes_nothing(sample):
    client, db = sample
    refused = client.post("/catatan", data={"text": "halo"}, csrf=False)
    assert refused.status_code == 400 and "kedaluwarsa" in refused.get_data(as_text=True)
    assert sample_app.count_notes(db) == 0


def test_a_form_post_with_a_forged_token_is_refused(sample):
    client, db = sample
    refused = client.post("/catatan", data={"text": "halo", "csrf_token": "forged"})
    assert refused.status_code == 400 and sample_app.count_notes(db) == 0


def test_a_form_post_with_its_token_is_accepted(sample):
    client, db = sample
    assert client.post("/catatan", data={"text": "halo"}).status_code == 201
    assert sample_app.count_notes(db) == 1


def test_the_json_api_needs_no_form_token(sample):
    client, db = sample
    assert client.post("/api/v1/notes", json={"text": "hello"}).status_code == 201
    assert sample_app.count_notes(db) == 1


def test_the_session_cookie_is_httponly_samesite_and_named_for_the_service(sample):
    client, _db = sample
    client.post("/catatan", data={"text": "halo"})
    cookie = client.get_cookie("asn_sample")
    assert cookie is not None and cookie.http_only and cookie.same_site == "Lax"
