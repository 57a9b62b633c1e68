"""One-time invitation tokens: shown once, stored hashed, accepted once, never linkable to a response."""
import hashlib
import re

import pytest
from sqlalchemy import inspect, select, text

from services.survey.db.models import InvitationToken
from tests.survey.conftest import DEPT, uniform


def generate(survey, headers, campaign_id, count, **kwargs):
    return survey.client.post(f"/api/v1/campaigns/{campaign_id}/tokens", json={"count": count},
                              headers=headers, **kwargs)


def session_dump(survey, table: str) -> list:
    with survey.db.sessions() as session:
        return session.execute(text(f"SELECT * FROM {table}")).all()


def sha256(token: str) -> str:
    return hashlib.sha256(token.replace("-", "").encode()).hexdigest()


def test_tokens_are_returned_once_and_stored_only_as_hashes(survey, admin, make_campaign):
    campaign = make_campaign(status="draft", requires_token=True)
    resp = generate(survey, admin, campaign["id"], 25)
    assert resp.status_code == 201, resp.get_json()
    tokens = resp.get_json()["tokens"]
    assert len(set(tokens)) == 25
    assert all(re.fullmatch(r"[A-HJ-NP-Z2-9]{4}-[A-HJ-NP-Z2-9]{4}-[A-HJ-NP-Z2-9]{4}", t) for t in tokens)
    with survey.db.sessions() as session:
        stored = set(session.execute(select(InvitationToken.token_hash)
                                     .where(InvitationToken.campaign_id == campaign["id"])).scalars())
        dump = session.execute(text("SELECT * FROM invitation_tokens")).all()
    assert stored == {sha256(t) for t in tokens}
    batches = str(session_dump(survey, "token_batches"))
    assert not any(t in str(dump) + batches or t.replace("-", "") in str(dump) + batches for t in tokens)
    counts = survey.client.get(f"/api/v1/campaigns/{campaign['id']}/tokens", headers=admin).get_json()
    assert counts == {"campaign_id": campaign["id"], "issued": 25, "unused": 25}


def test_tokens_can_be_taken_as_csv_for_printing(survey, tokens, make_campaign):
    operator = tokens("operator", DEPT)
    campaign = make_campaign(requires_token=True, headers=operator)
    resp = generate(survey, {**operator, "Accept": "text/csv"}, campaign["id"], 3)
    assert resp.status_code == 201 and resp.mimetype == "text/csv"
    assert "attachment" in resp.headers["Content-Disposition"]
    lines = resp.data.decode("utf-8-sig").splitlines()
    assert lines[0] == "token,service_unit,period" and len(lines) == 4
    assert lines[1].endswith("Triwulan I 2026")


@pytest.mark.parametrize("count", [0, 5001, "10", 2.0, None])
def test_token_count_must_be_a_sensible_integer(survey, admin, make_campaign, count):
    resp = generate(survey, admin, make_campaign(requires_token=True)["id"], count)
    assert resp.status_code == 422 and "count" in resp.get_json()["errors"]


def test_who_may_generate_tokens(survey, admin, tokens, make_campaign):
    campaign = make_campaign(requires_token=True)
    assert generate(survey, {}, campaign["id"], 1).status_code == 401
    assert generate(survey, tokens("viewer"), campaign["id"], 1).status_code == 403
    assert generate(survey, tokens("operator", "DISHUB"), campaign["id"], 1).status_code == 403
    assert generate(survey, tokens("operator", DEPT), campaign["id"], 1).status_code == 201
    closed = make_campaign(status="closed", requires_token=True)
    assert generate(survey, admin, closed["id"], 1).status_code == 409


def test_each_token_is_accepted_once_and_bad_tokens_look_alike(survey, admin, make_campaign, submit):
    campaign = make_campaign(status="draft", requires_token=True)
    first, second = generate(survey, admin, campaign["id"], 2).get_json()["tokens"]
    other = make_campaign(status="draft", requires_token=True)
    foreign = generate(survey, admin, other["id"], 1).get_json()["tokens"][0]
    survey.client.post(f"/api/v1/campaigns/{campaign['id']}/open", headers=admin)

    missing = submit(campaign["id"])
    assert missing.status_code == 422 and "token" in missing.get_json()["errors"]
    assert submit(campaign["id"], token=first).status_code == 201
    # What a citizen types: case, spaces and dashes do not matter.
    assert submit(campaign["id"], token=second.lower().replace("-", " ")).status_code == 201

    reused = submit(campaign["id"], token=first)
    unknown = submit(campaign["id"], token="ABCD-EFGH-JKLM")
    wrong_campaign = submit(campaign["id"], token=foreign)
    assert reused.status_code == unknown.status_code == wrong_campaign.status_code == 403
    assert reused.get_json() == unknown.get_json() == wrong_campaign.get_json()
    assert reused.get_json()["detail"].startswith("Token tidak valid atau sudah digunakan.")
    assert reused.headers.get("Content-Length") == unknown.headers.get("Content-Length")

    results = survey.client.get(f"/api/v1/campaigns/{campaign['id']}/results", headers=admin).get_json()
    assert results["respondents"] == 2
    counts = survey.client.get(f"/api/v1/campaigns/{campaign['id']}/tokens", headers=admin).get_json()
    assert (counts["issued"], counts["unused"]) == (2, 0)


def test_a_rejected_response_does_not_use_up_its_token(survey, admin, make_campaign, submit):
    extra = [{"key": "layanan", "text": "Layanan apa?", "type": "text", "required": True}]
    campaign = make_campaign(status="draft", requires_token=True, extra_questions=extra)
    token = generate(survey, admin, campaign["id"], 1).get_json()["tokens"][0]
    survey.client.post(f"/api/v1/campaigns/{campaign['id']}/open", headers=admin)
    assert submit(campaign["id"], uniform(3), token=token).status_code == 422  # extra answer missing
    assert submit(campaign["id"], uniform(3), token=token, extra_answers={"layanan": "KIA"}).status_code == 201


def test_no_column_or_timestamp_links_a_token_to_a_response(survey, admin, make_campaign, submit):
    campaign = make_campaign(status="draft", requires_token=True)
    token = generate(survey, admin, campaign["id"], 3).get_json()["tokens"][0]
    survey.client.post(f"/api/v1/campaigns/{campaign['id']}/open", headers=admin)
    receipt = submit(campaign["id"], token=token).get_json()

    schema = inspect(survey.db.engine)
    token_columns = {c["name"] for c in schema.get_columns("invitation_tokens")}
    response_columns = {c["name"] for c in schema.get_columns("responses")}
    # No used_at, no response id, no time at all; the batch says which printed sheet, never which response.
    assert token_columns == {"token_hash", "campaign_id", "batch_id"}
    assert token_columns & response_columns == {"campaign_id"}
    assert all(fk["referred_table"] == "campaigns" for fk in schema.get_foreign_keys("responses"))
    assert {fk["referred_table"] for fk in schema.get_foreign_keys("invitation_tokens")} == {"campaigns",
                                                                                           "token_batches"}
    assert "response" not in " ".join(c["name"] for c in schema.get_columns("token_batches"))
    with survey.db.sessions() as session:
        # The used token is gone, so it shares no row version (xmin) with the response either.
        assert session.execute(select(InvitationToken).where(
            InvitationToken.token_hash == sha256(token))).first() is None
        response_row = session.execute(text("SELECT * FROM responses WHERE id = :id"), {"id": receipt["id"]}).one()
        outbox = [b for (b,) in session.execute(text("SELECT body FROM outbox"))]
    assert token not in str(response_row) and sha256(token) not in str(response_row)
    assert not any(token in body or token.replace("-", "") in body or sha256(token) in body for body in outbox)
