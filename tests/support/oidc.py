"""The real OpenID provider the tests sign in with, configured from the Keycloak realm in deploy/keycloak/.

`start_provider()` runs tests/oidc/provider.mjs (the certified `oidc-provider` npm package,
pinned in tests/oidc/package.json; `npm ci --prefix tests/oidc` installs it, as .ci/run does)
with the realm's clients, roles, claim names, audiences and service accounts, plus the test
accounts below. The fixture `oidc_provider` (tests/conftest.py) starts one per test session.

    oidc_provider.settings("survey")   # load_settings overrides: the service becomes the realm's client
    oidc_provider.client_token("sistem-informasi-kota", audience="asn-reporting")  # client credentials
    oidc_provider.user_token(OPERATOR_DINKES, "asn-survey")  # a staff member's access token (code flow)
    oidc_provider.sign({...claims})     # a token signed with the provider's own key (negative tests)
    oidc_provider.rotate()              # a new signing key; keep_old=False removes the old one
    oidc_provider.add_account(Account(...))

Browser tests sign in through its login page with tests/e2e/signin.py.
"""
from __future__ import annotations

import base64
import hashlib
import json
import os
import re
import secrets
import shutil
import socket
import subprocess
import time
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import jwt
import requests
from cryptography.hazmat.primitives.asymmetric import rsa

ROOT = Path(__file__).resolve().parents[2]
REALM = ROOT / "deploy" / "keycloak" / "realm-tebingtinggi.json"
SCRIPT = ROOT / "tests" / "oidc" / "provider.mjs"
MODULES = ROOT / "tests" / "oidc" / "node_modules" / "oidc-provider"
PUBLIC_URL = "${ASN_PUBLIC_URL}"
LOOPBACK = r"http://(?:127\.0\.0\.1|localhost)(?::\d+)?"


@dataclass(frozen=True)
class Account:
    """A person at the provider: what they type at its login page, and the claims it vouches for."""

    username: str
    password: str
    name: str
    roles: tuple[str, ...]  # the provider's role names (asn-admin, asn-operator, asn-viewer)
    department: str | None = None
    subject: str = field(default_factory=lambda: str(uuid.uuid4()))

    def claims(self) -> dict:
        claims = {"name": self.name, "preferred_username": self.username, "email": f"{self.username}@tebingtinggikota.go.id",
                  "roles": list(self.roles)}
        if self.department:
            claims["department"] = self.department
        return claims


ADMIN = Account("rina.siregar", "admin-password-123", "Rina Siregar", ("asn-admin",), subject="7a1c0f52-admin")
OPERATOR_DINKES = Account("budi.nasution", "operator-password-123", "Budi Nasution", ("asn-operator",), "DINKES",
                          subject="3b9e4d10-operator-dinkes")
VIEWER = Account("sari.harahap", "viewer-password-123", "Sari Harahap", ("asn-viewer",), subject="5d2f8a77-viewer")
# Dinas Pendidikan's operator: carries out the improvement actions BKPSDM assigns to DISDIK (issue 21).
OPERATOR_DISDIK = Account("dewi.lubis", "operator-password-123", "Dewi Lubis", ("asn-operator",), "DISDIK",
                          subject="9c4e7a21-operator-disdik")
ACCOUNTS = (ADMIN, OPERATOR_DINKES, VIEWER, OPERATOR_DISDIK)


def new_key() -> dict:
    """A fresh RSA signing key as a private JWK with its own kid."""
    private = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    key = json.loads(jwt.algorithms.RSAAlgorithm.to_jwk(private))
    key.pop("key_ops", None)  # as Keycloak publishes its keys: for any use of a signing key
    return {**key, "kid": f"test-{uuid.uuid4().hex[:8]}", "use": "sig", "alg": "RS256"}


def _pattern(uri: str) -> str:
    return "^" + re.escape(uri).replace(re.escape(PUBLIC_URL), LOOPBACK) + "$"


def _secret(client_id: str) -> str:
    return f"test-secret-for-{client_id}-0123456789"


def provider_configuration(realm: dict, issuer: str, port: int, keys: list[dict], accounts=ACCOUNTS) -> dict:
    """The provider's configuration, read from the Keycloak realm export: the same clients, roles and claims."""
    clients, redirects, logouts, audiences, claim_names = [], {}, {}, {}, set()
    for client in realm["clients"]:
        cid = client["clientId"]
        grants = (["authorization_code"] if client.get("standardFlowEnabled") else []) + (
            ["client_credentials"] if client.get("serviceAccountsEnabled") else [])
        logout = [uri for uri in client.get("attributes", {}).get("post.logout.redirect.uris", "").split("##") if uri]
        clients.append({"client_id": cid, "client_secret": _secret(cid), "grant_types": grants,
                        "response_types": ["code"] if "authorization_code" in grants else [],
                        "redirect_uris": [uri.replace(PUBLIC_URL, "http://127.0.0.1") for uri in client.get("redirectUris", [])],
                        "post_logout_redirect_uris": [uri.replace(PUBLIC_URL, "http://127.0.0.1") for uri in logout],
                        "token_endpoint_auth_method": "client_secret_basic", "scope": "openid profile email api"})
        redirects[cid] = [_pattern(uri) for uri in client.get("redirectUris", [])]
        logouts[cid] = [_pattern(uri) for uri in logout]
        audiences[cid] = []
        for mapper in client.get("protocolMappers", []):
            if mapper["protocolMapper"] == "oidc-audience-mapper":
                audiences[cid].append(mapper["config"]["included.client.audience"])
            elif mapper["protocolMapper"] in ("oidc-usermodel-realm-role-mapper", "oidc-usermodel-attribute-mapper"):
                claim_names.add(mapper["config"]["claim.name"])
    service_accounts = {}
    for user in realm.get("users", []):
        if user.get("serviceAccountClientId"):
            claims = {"roles": user.get("realmRoles", []), "preferred_username": user["username"]}
            department = user.get("attributes", {}).get("department")
            if department:
                claims["department"] = department[0]
            service_accounts[user["serviceAccountClientId"]] = claims
    return {
        "issuer": issuer, "port": port, "keys": keys, "alg": "RS256", "clients": clients,
        "redirectPatterns": redirects, "logoutPatterns": logouts, "audiences": audiences,
        "serviceAccounts": service_accounts,
        "scopes": {"openid": ["sub"], "profile": ["name", "preferred_username", *sorted(claim_names)], "email": ["email"]},
        "accounts": [account_entry(a) for a in accounts],
    }


def account_entry(account: Account) -> dict:
    return {"sub": account.subject, "username": account.username, "password": account.password,
            "claims": account.claims()}


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def unavailable_reason() -> str | None:
    if not shutil.which("node"):
        return "no Node.js (the test OpenID provider runs on it)"
    if not MODULES.exists():
        return "the test OpenID provider is not installed: npm ci --prefix tests/oidc"
    return None


class OidcProvider:
    """A running test provider and what tests do with it."""

    def __init__(self, workdir: Path):
        self.port = free_port()
        self.issuer = f"http://127.0.0.1:{self.port}"
        self.keys = [new_key()]
        self.realm = json.loads(REALM.read_text())
        self.config = provider_configuration(self.realm, self.issuer, self.port, self.keys)
        path = workdir / "provider.json"
        path.write_text(json.dumps(self.config))
        self.log = open(workdir / "provider.log", "w")  # noqa: SIM115 - closed in stop()
        self.process = subprocess.Popen(["node", str(SCRIPT), str(path)], stdout=self.log, stderr=subprocess.STDOUT)
        self._wait()

    def _wait(self) -> None:
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"the test OpenID provider exited: {Path(self.log.name).read_text()[-2000:]}")
            try:
                if requests.get(f"{self.issuer}/.well-known/openid-configuration", timeout=2).ok:
                    return
            except requests.ConnectionError:
                time.sleep(0.1)
        raise RuntimeError("the test OpenID provider did not start in 20 s")

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
        self.log.close()

    # -- services as its clients ---------------------------------------------------------
    def settings(self, service: str, **overrides) -> dict:
        """load_settings overrides that make `service` the realm's client asn-<service> (no HS256)."""
        return {"oidc_issuer": self.issuer, "oidc_client_id": f"asn-{service}",
                "oidc_client_secret": _secret(f"asn-{service}"), "jwt_secret": None, **overrides}

    def client_secret(self, client_id: str) -> str:
        return _secret(client_id)

    # -- tokens ------------------------------------------------------------------------------
    def client_token(self, client_id: str = "sistem-informasi-kota", audience: str = "asn-reporting") -> str:
        """An access token by the client-credentials grant, as another city system gets one."""
        response = requests.post(f"{self.issuer}/token", auth=(client_id, _secret(client_id)), timeout=10,
                                 data={"grant_type": "client_credentials", "scope": "api",
                                       "resource": f"urn:asn:{audience}"})
        response.raise_for_status()
        return response.json()["access_token"]

    def user_token(self, account: Account, client_id: str, audience: str | None = None) -> str:
        """A staff member's access token for `audience` (default: the client's own), by the code flow with PKCE,
        logging in at the provider's login page as a browser would."""
        verifier = secrets.token_urlsafe(48)
        challenge = base64.urlsafe_b64encode(hashlib.sha256(verifier.encode()).digest()).rstrip(b"=").decode()
        redirect_uri = self.realm_client(client_id)["redirectUris"][0].replace(PUBLIC_URL, "http://127.0.0.1")
        browser = requests.Session()
        login = browser.get(f"{self.issuer}/auth", timeout=10, params={
            "client_id": client_id, "response_type": "code", "scope": "openid api", "redirect_uri": redirect_uri,
            "code_challenge": challenge, "code_challenge_method": "S256", "state": "s",
            "resource": f"urn:asn:{audience or client_id}"})
        action = re.search(r'action="([^"]+)"', login.text).group(1)
        response = browser.post(f"{self.issuer}{action}", data={"username": account.username, "password": account.password},
                                allow_redirects=False, timeout=10)
        while "code=" not in response.headers.get("Location", ""):
            response = browser.get(requests.compat.urljoin(response.url, response.headers["Location"]),
                                   allow_redirects=False, timeout=10)
        code = parse_qs(urlsplit(response.headers["Location"]).query)["code"][0]
        token = requests.post(f"{self.issuer}/token", auth=(client_id, _secret(client_id)), timeout=10, data={
            "grant_type": "authorization_code", "code": code, "redirect_uri": redirect_uri, "code_verifier": verifier,
            "resource": f"urn:asn:{audience or client_id}"})
        token.raise_for_status()
        return token.json()["access_token"]

    def sign(self, claims: dict, *, key: dict | None = None, algorithm: str = "RS256", headers: dict | None = None) -> str:
        """A token signed with the provider's current key (or `key`), for tests of what the APIs refuse."""
        key = key or self.keys[-1]
        private = jwt.algorithms.RSAAlgorithm.from_jwk(json.dumps(key))
        return jwt.encode(claims, private, algorithm=algorithm, headers={"kid": key["kid"], **(headers or {})})

    def claims(self, audience: str, account: Account = ADMIN, **changes) -> dict:
        """Claims as the provider would put them in an access token for `account`; `changes` override."""
        now = int(time.time())
        base = {"iss": self.issuer, "aud": audience, "sub": account.subject, "iat": now, "exp": now + 300,
                "jti": uuid.uuid4().hex, **account.claims(), **changes}
        return {k: v for k, v in base.items() if v is not None}

    # -- the provider's state ------------------------------------------------------------------
    def rotate(self, keep_old: bool = True) -> dict:
        """Publish a new signing key (and sign with it); without keep_old, the old keys are removed."""
        key = new_key()
        self.keys = [*self.keys, key] if keep_old else [key]
        requests.post(f"{self.issuer}/_test/keys", json={"keys": list(reversed(self.keys))}, timeout=10).raise_for_status()
        return key

    def add_account(self, account: Account) -> Account:
        requests.post(f"{self.issuer}/_test/accounts", json=account_entry(account), timeout=10).raise_for_status()
        return account

    def realm_client(self, client_id: str) -> dict:
        return next(c for c in self.realm["clients"] if c["clientId"] == client_id)


def start_provider(workdir: Path) -> OidcProvider:
    os.makedirs(workdir, exist_ok=True)
    return OidcProvider(workdir)
