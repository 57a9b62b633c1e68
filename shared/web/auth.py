"""Bearer tokens for the JSON APIs, and the three staff roles: admin (BKPSDM), operator (one OPD), viewer.

In a deployment every token comes from the identity provider (staff, and other city systems
through the client-credentials grant) and is verified with the provider's published keys
(shared/web/jwks.py): asymmetric algorithms only, the key chosen by `kid`, and `iss`, `aud`
(OIDC_AUDIENCE, by default the service's own client id) and `exp` checked with
TOKEN_LEEWAY_SECONDS of leeway. HS256 tokens signed with JWT_SECRET are accepted only where
JWT_SECRET is set, which shared/startup.py allows in all-in-one mode and tests alone. Claims
become a Principal through the one mapping in shared/identity.py.
"""
from __future__ import annotations

import functools
import logging
import time
import uuid

import jwt
import requests
from flask import current_app, g, request
from flask_smorest import abort

from shared.identity import ClaimMapping, UnmappedIdentity
from shared.principal import PUBLIC, STAFF_ROLES, Principal
from shared.web.jwks import KeySet, ProviderDocuments, fetch_json

log = logging.getLogger(__name__)
ROLES = STAFF_ROLES
# Each accepted algorithm and the key type it needs: never HS256 with a published (public) key.
ASYMMETRIC = {"RS256": "RSA", "RS384": "RSA", "RS512": "RSA", "PS256": "RSA", "PS384": "RSA", "PS512": "RSA",
              "ES256": "EC", "ES384": "EC", "ES512": "EC", "EdDSA": "OKP"}


# A verified token is trusted this long without verifying it again (never past its exp, and never
# once the provider's key set has been read again, so a withdrawn key is refused at once then).
VERIFIED_SECONDS = 60
VERIFIED_MAX = 4096


class ProviderUnavailable(Exception):
    """The identity provider's keys could not be read, so no token can be verified just now."""


class TokenVerifier:
    """Verifies a bearer token and maps its claims to a Principal; one per app."""

    def __init__(self, settings, fetch=fetch_json):
        self.settings = settings
        self.mapping = ClaimMapping.from_settings(settings)
        self.keys = (KeySet(ProviderDocuments(settings.metadata_url, fetch), settings.jwks_cache_seconds)
                     if settings.oidc_issuer else None)
        # token -> (its principal, reused until, the provider's key set it was verified with)
        self._verified: dict[str, tuple[Principal, float, int]] = {}

    def claims(self, token: str) -> dict:
        header = jwt.get_unverified_header(token)
        alg = header.get("alg")
        leeway = self.settings.token_leeway_seconds
        if alg == "HS256" and self.settings.jwt_secret:
            return jwt.decode(token, self.settings.jwt_secret, algorithms=["HS256"], leeway=leeway,
                              options={"require": ["exp", "sub"], "verify_aud": False})
        if self.keys is None or alg not in ASYMMETRIC:
            raise jwt.InvalidAlgorithmError(f"tokens signed with {alg!r} are not accepted here")
        try:
            key = self.keys.key(header.get("kid"))
        except (requests.RequestException, ValueError, KeyError) as exc:
            raise ProviderUnavailable(str(exc)) from exc
        if key is None:
            raise jwt.InvalidKeyError("the token is signed with a key the identity provider does not publish")
        declared = key.declared_alg
        if key.key_type != ASYMMETRIC[alg] or (declared and declared != alg):
            raise jwt.InvalidAlgorithmError(f"the key {header.get('kid')!r} is not for {alg}")
        return jwt.decode(token, key.key, algorithms=[alg], issuer=self.settings.oidc_issuer,
                          audience=self.settings.api_audience, leeway=leeway,
                          options={"require": ["exp", "iat", "iss", "sub"]})

    def principal(self, token: str) -> Principal:
        """The token's Principal. A token verified in the last VERIFIED_SECONDS (and not expired) is
        not verified again, unless the provider's keys were read again since (a withdrawn key is
        refused at once): a client sends the same token with every request, and decoding and
        checking it each time was ~6 % of a small write's CPU (docs/performance.md)."""
        now, generation = time.time(), self.keys.generation if self.keys else 0
        hit = self._verified.get(token)
        if hit is not None and now < hit[1] and hit[2] == generation:
            return hit[0]
        try:
            claims = self.claims(token)
            principal = self.mapping.principal(claims)
        except UnmappedIdentity as exc:
            raise jwt.InvalidTokenError(str(exc)) from exc
        if len(self._verified) >= VERIFIED_MAX:
            self._verified.clear()  # crude but bounded: the busy tokens come straight back
        self._verified[token] = (principal, min(now + VERIFIED_SECONDS, claims["exp"]), generation)
        return principal


def verifier() -> TokenVerifier:
    return current_app.extensions["asn"].extras["token_verifier"]


def acting_principal() -> Principal:
    """The caller as a workflow sees it: the verified staff member, or PUBLIC without a token."""
    return current_principal() or PUBLIC


def current_principal() -> Principal | None:
    """The caller, or None for the public. A present but bad token is a 401, never the public."""
    if "principal" in g:
        return g.principal
    header = request.headers.get("Authorization", "")
    principal = None
    if header:
        scheme, _, token = header.partition(" ")
        if scheme.lower() != "bearer" or not token:
            abort(401, message="Use 'Authorization: Bearer <token>'.")
        try:
            principal = verifier().principal(token.strip())
        except ProviderUnavailable as exc:
            log.warning("cannot read the identity provider's keys: %s", exc)
            abort(503, message="The identity provider cannot be reached to verify the token; try again shortly.")
        except (jwt.PyJWTError, ValueError) as exc:
            abort(401, message=f"Invalid token: {exc}", headers={"WWW-Authenticate": 'Bearer error="invalid_token"'})
    g.principal = principal
    return principal


def require_roles(*roles: str):
    """Only these roles may call the view: 401 without a token, 403 with the wrong role."""

    def decorator(view):
        @functools.wraps(view)
        def wrapper(*args, **kwargs):
            principal = current_principal()
            if principal is None:
                abort(401, message="This endpoint needs a bearer token.",
                      headers={"WWW-Authenticate": "Bearer"})
            if principal.role not in roles:
                abort(403, message=f"Role {principal.role!r} may not do this.")
            return view(*args, **kwargs)

        return wrapper

    return decorator


def issue_token(settings, subject: str, role: str, department: str | None = None,
                ttl_seconds: int = 8 * 3600, name: str | None = None) -> str:
    """An HS256 development token signed with JWT_SECRET, with the claims the provider would send.

    Only all-in-one mode and tests accept these; deployments take tokens from the identity provider.
    """
    if role not in ROLES:
        raise ValueError(f"role must be one of {ROLES}")
    if not settings.jwt_secret:
        raise ValueError("issuing development tokens needs JWT_SECRET (all-in-one mode and tests)")
    now = int(time.time())
    claims = {"sub": subject, "iat": now, "exp": now + ttl_seconds, "jti": str(uuid.uuid4()),
              **ClaimMapping.from_settings(settings).claims_for(role, department, name)}
    return jwt.encode(claims, settings.jwt_secret, algorithm="HS256")
