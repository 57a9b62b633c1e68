"""Bearer JWT authentication and the three roles: admin (BKPSDM), operator (one OPD), viewer."""
from __future__ import annotations

import functools
import time
import uuid

import jwt
from flask import current_app, g, request
from flask_smorest import abort

from shared.principal import PUBLIC, STAFF_ROLES, Principal

ROLES = STAFF_ROLES


def _settings():
    return current_app.extensions["asn"].settings


def decode_token(token: str, settings) -> Principal:
    key = settings.jwt_public_key or settings.jwt_secret
    algorithms = ["RS256"] if settings.jwt_public_key else ["HS256"]
    options = {"require": ["exp", "sub"], "verify_aud": bool(settings.jwt_audience)}
    claims = jwt.decode(token, key, algorithms=algorithms, audience=settings.jwt_audience,
                        issuer=settings.jwt_issuer, options=options)
    role = claims.get("role")
    if role not in ROLES:
        raise jwt.InvalidTokenError(f"unknown role {role!r}")
    if role == "operator" and not claims.get("department"):
        raise jwt.InvalidTokenError("an operator token needs a department claim")
    return Principal(subject=str(claims["sub"]), role=role, department=claims.get("department"),
                     name=claims.get("name") or claims.get("preferred_username"))


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
            principal = decode_token(token.strip(), _settings())
        except jwt.PyJWTError as exc:
            abort(401, message=f"Invalid token: {exc}")
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
                ttl_seconds: int = 8 * 3600) -> str:
    """A development token signed with JWT_SECRET (production tokens come from the city's IdP)."""
    if role not in ROLES:
        raise ValueError(f"role must be one of {ROLES}")
    if not settings.jwt_secret:
        raise ValueError("issuing tokens needs JWT_SECRET (RS256 tokens come from the identity provider)")
    now = int(time.time())
    claims = {"sub": subject, "role": role, "iat": now, "exp": now + ttl_seconds, "jti": str(uuid.uuid4())}
    if department:
        claims["department"] = department
    if settings.jwt_issuer:
        claims["iss"] = settings.jwt_issuer
    if settings.jwt_audience:
        claims["aud"] = settings.jwt_audience
    return jwt.encode(claims, settings.jwt_secret, algorithm="HS256")
