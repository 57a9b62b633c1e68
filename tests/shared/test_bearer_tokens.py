"""The APIs verify bearer tokens with the real OpenID provider's published keys (JWKS).

Tokens come from the provider (client credentials, a staff member's code flow) or are signed
with the provider's own key where a test needs a token it would never issue (expired, another
audience). What is refused is refused with 401 and a problem+json body.
"""
from __future__ import annotations

import base64
import hashlib
import hmac
import json
import time

import jwt
import pytest
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

from tests.support.oidc import OPERATOR_DINKES, VIEWER, new_key

EMPLOYEES = "/api/v1/employees"


def bearer(token: str) -> dict:
    return {"Authorization": f"Bearer {token}"}


@pytest.fixture
def personnel_oidc(start_service, oidc_provider):
    """Personnel as the realm's client asn-personnel: it accepts the provider's tokens only."""
    return start_service("personnel", **oidc_provider.settings("personnel"))


def refused(response) -> bool:
    return response.status_code == 401 and response.mimetype == "application/problem+json"


def test_a_staff_members_access_token_is_accepted_with_their_role_and_department(personnel_oidc, oidc_provider):
    token = oidc_provider.user_token(OPERATOR_DINKES, "asn-personnel")
    assert personnel_oidc.client.get(EMPLOYEES, headers=bearer(token)).status_code == 200
    made = personnel_oidc.client.post("/api/v1/departments", headers=bearer(token), json={
        "code": "DISHUB", "name": "Dinas Perhubungan", "type": "dinas"})
    assert made.status_code == 403  # an operator is not an admin


def test_another_city_system_uses_client_credentials_with_its_scoped_role(start_service, oidc_provider):
    reporting = start_service("reporting", **oidc_provider.settings("reporting"))
    token = oidc_provider.client_token("sistem-informasi-kota", audience="asn-reporting")
    assert reporting.client.get("/api/v1/reports?period=2026", headers=bearer(token)).status_code == 200
    personnel = start_service("personnel", **oidc_provider.settings("personnel"))
    assert refused(personnel.client.get(EMPLOYEES, headers=bearer(token)))  # not its audience


def test_expired_wrong_audience_and_wrong_issuer_are_refused(personnel_oidc, oidc_provider):
    now = int(time.time())
    claims = oidc_provider.claims("asn-personnel", VIEWER)
    assert personnel_oidc.client.get(EMPLOYEES, headers=bearer(oidc_provider.sign(claims))).status_code == 200
    for changes in ({"exp": now - 120, "iat": now - 420}, {"aud": "asn-survey"},
                    {"iss": "https://idp.example.org/realms/tebingtinggi"}):
        token = oidc_provider.sign({**claims, **changes})
        assert refused(personnel_oidc.client.get(EMPLOYEES, headers=bearer(token))), changes


def test_a_little_clock_skew_is_allowed(personnel_oidc, oidc_provider):
    now = int(time.time())
    token = oidc_provider.sign(oidc_provider.claims("asn-personnel", VIEWER, exp=now - 10, iat=now - 310))
    assert personnel_oidc.client.get(EMPLOYEES, headers=bearer(token)).status_code == 200


def test_alg_none_and_hs256_signed_with_the_public_key_are_refused(personnel_oidc, oidc_provider):
    claims = oidc_provider.claims("asn-personnel", VIEWER)
    kid = oidc_provider.keys[-1]["kid"]
    header = base64.urlsafe_b64encode(json.dumps({"alg": "none", "typ": "JWT", "kid": kid}).encode()).rstrip(b"=")
    body = base64.urlsafe_b64encode(json.dumps(claims).encode()).rstrip(b"=")
    unsigned = f"{header.decode()}.{body.decode()}."
    assert refused(personnel_oidc.client.get(EMPLOYEES, headers=bearer(unsigned)))
    public = jwt.algorithms.RSAAlgorithm.from_jwk(json.dumps(oidc_provider.keys[-1])).public_key()
    pem = public.public_bytes(Encoding.PEM, PublicFormat.SubjectPublicKeyInfo)
    forged = _hs256(claims, pem, kid)
    assert refused(personnel_oidc.client.get(EMPLOYEES, headers=bearer(forged)))


def _hs256(claims: dict, secret: bytes, kid: str) -> str:
    """HS256 by hand: PyJWT rightly refuses to use a PEM public key as an HMAC secret, an attacker would not."""
    def part(data: dict) -> str:
        return base64.urlsafe_b64encode(json.dumps(data).encode()).rstrip(b"=").decode()

    signing_input = f"{part({'alg': 'HS256', 'typ': 'JWT', 'kid': kid})}.{part(claims)}"
    signature = hmac.new(secret, signing_input.encode(), hashlib.sha256).digest()
    return f"{signing_input}.{base64.urlsafe_b64encode(signature).rstrip(b'=').decode()}"


def test_a_key_the_provider_does_not_publish_is_refused(personnel_oidc, oidc_provider):
    token = oidc_provider.sign(oidc_provider.claims("asn-personnel", VIEWER), key=new_key())
    assert refused(personnel_oidc.client.get(EMPLOYEES, headers=bearer(token)))


def test_a_rotated_key_is_accepted_without_a_restart_and_a_removed_key_is_refused(personnel_oidc, oidc_provider):
    claims = oidc_provider.claims("asn-personnel", VIEWER)
    old = oidc_provider.keys[-1]
    with_old = oidc_provider.sign(claims, key=old)
    assert personnel_oidc.client.get(EMPLOYEES, headers=bearer(with_old)).status_code == 200  # keys now cached

    oidc_provider.rotate(keep_old=True)  # the provider publishes a new key beside the old one and signs with it
    fresh = oidc_provider.client_token("sistem-informasi-kota", audience="asn-reporting")
    assert jwt.get_unverified_header(fresh)["kid"] != old["kid"]
    new_token = oidc_provider.user_token(VIEWER, "asn-personnel")
    assert jwt.get_unverified_header(new_token)["kid"] == oidc_provider.keys[-1]["kid"]
    assert personnel_oidc.client.get(EMPLOYEES, headers=bearer(new_token)).status_code == 200
    assert personnel_oidc.client.get(EMPLOYEES, headers=bearer(with_old)).status_code == 200  # still published

    oidc_provider.rotate(keep_old=False)  # later the old keys are removed
    newest = oidc_provider.user_token(VIEWER, "asn-personnel")
    assert personnel_oidc.client.get(EMPLOYEES, headers=bearer(newest)).status_code == 200
    assert refused(personnel_oidc.client.get(EMPLOYEES, headers=bearer(with_old)))


def test_hs256_development_tokens_are_refused_where_the_provider_is_used(personnel_oidc, tokens):
    assert refused(personnel_oidc.client.get(EMPLOYEES, headers=tokens("admin")))


def test_an_unreachable_provider_is_a_503_not_a_pass(start_service, oidc_provider):
    from tests.support.oidc import free_port

    closed = f"http://127.0.0.1:{free_port()}"
    personnel = start_service("personnel", **oidc_provider.settings("personnel", oidc_issuer=closed))
    token = oidc_provider.sign(oidc_provider.claims("asn-personnel", VIEWER, iss=closed))
    answer = personnel.client.get(EMPLOYEES, headers=bearer(token))
    assert answer.status_code == 503 and answer.mimetype == "application/problem+json"
