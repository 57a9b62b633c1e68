"""No insecure start: what a service process checks before it starts, outside all-in-one mode.

A web process refuses to start without the identity provider's settings (OIDC_ISSUER,
OIDC_CLIENT_ID, OIDC_CLIENT_SECRET) or a SESSION_SECRET, and with JWT_SECRET set (HS256 tokens
are for all-in-one mode and tests). Every process refuses a credential that is still a
placeholder from .env.example ("change-me...") or too short: SESSION_SECRET, OIDC_CLIENT_SECRET,
and the passwords inside DATABASE_URL and BROKER_URL. The web processes that print addresses for
citizens (survey's QR codes, consultation's e-mail links) refuse to start without PUBLIC_BASE_URL:
taken from the request's Host header instead, a forged Host would end up on printed posters. It says in one line, on stderr, what to
set, and exits with status 4 (gunicorn's "the app failed to load": it stops instead of starting
workers again and again). Any of these may come from a file (`<NAME>_FILE`, shared/config.py).

All-in-one mode (BROKER_URL=memory://) is exempt: it is the local first look, with the
development sign-in. Tests build their settings themselves and never pass through here.
"""
from __future__ import annotations

import os
import sys
from urllib.parse import urlsplit

from shared.config import Settings, load_settings
from shared.identity import parse_role_map

PLACEHOLDER = "change-me"
REFUSED = 4  # gunicorn's APP_LOAD_ERROR: its master halts rather than respawning the worker
MIN_LENGTH = {"SESSION_SECRET": 32, "OIDC_CLIENT_SECRET": 16, "password": 12}
HOW = "docs/operations.md, 'Configure'"
# The services whose pages and messages carry this suite's public address, and what they print with it.
PUBLIC_ADDRESS_USERS = {"survey": "under the QR codes", "consultation": "in the links of citizens' e-mails"}


def _credential(name: str, value: str | None, minimum: int) -> str | None:
    if value is None:
        return None
    if PLACEHOLDER in value.lower():
        return f"{name} is still the placeholder from .env.example: set a random value of your own ({HOW})"
    if len(value) < minimum:
        return f"{name} is too short ({len(value)} characters): use at least {minimum} random characters"
    return None


def _url_password(name: str, url: str) -> str | None:
    password = urlsplit(url).password if "://" in url else None
    return _credential(f"the password in {name}", password, MIN_LENGTH["password"])


def _public_base_url(service: str, env) -> str | None:
    value = (env.get("PUBLIC_BASE_URL") or "").strip()
    parts = urlsplit(value)
    if parts.scheme in ("http", "https") and parts.netloc and not parts.query and not parts.fragment:
        return None
    said = "not set" if not value else f"is not an http(s) address ({value[:60]!r})"
    return (f"PUBLIC_BASE_URL {said}: set the address citizens reach this suite at, e.g. "
            f"https://layanan.tebingtinggikota.go.id; {service} prints it {PUBLIC_ADDRESS_USERS[service]}")


def problems(settings: Settings, web: bool, env=None) -> list[str]:
    """What makes this start insecure, each as the one line that says what to set; empty when it is fine."""
    if settings.all_in_one:
        return []
    found: list[str | None] = []
    if web and settings.service in PUBLIC_ADDRESS_USERS:
        found.append(_public_base_url(settings.service, os.environ if env is None else env))
    if web:
        missing = [var for var, value in (("OIDC_ISSUER", settings.oidc_issuer), ("OIDC_CLIENT_ID", settings.oidc_client_id),
                                          ("OIDC_CLIENT_SECRET", settings.oidc_client_secret)) if not value]
        if missing:
            found.append(f"{', '.join(missing)} not set: staff sign in and APIs verify tokens at the identity provider; "
                         f"set the provider's issuer and this service's client ({HOW})")
        if settings.jwt_secret:
            found.append("JWT_SECRET is set: HS256 tokens are for all-in-one mode and tests only; remove it "
                         "(tokens are verified with the identity provider's keys)")
        if not settings.session_secret or settings.session_secret.startswith("dev-only-session-secret-"):
            found.append(f"SESSION_SECRET not set: set {MIN_LENGTH['SESSION_SECRET']} or more random characters "
                         "(e.g. `openssl rand -hex 32`), different for each service")
        else:
            found.append(_credential("SESSION_SECRET", settings.session_secret, MIN_LENGTH["SESSION_SECRET"]))
        found.append(_credential("OIDC_CLIENT_SECRET", settings.oidc_client_secret, MIN_LENGTH["OIDC_CLIENT_SECRET"]))
        try:
            parse_role_map(settings.oidc_role_map)
        except ValueError as exc:
            found.append(str(exc))
    found.append(_url_password("DATABASE_URL", settings.database_url))
    found.append(_url_password("BROKER_URL", settings.broker_url))
    return [line for line in found if line]


def refuse_insecure_start(settings: Settings, web: bool = True, env=None) -> Settings:
    """Exit with one line on stderr if this start would be insecure; else return the settings."""
    found = problems(settings, web, env)
    if found:
        print(f"{settings.service}: refusing to start: {found[0]}", file=sys.stderr, flush=True)
        raise SystemExit(REFUSED)
    return settings


def settings_for_start(service: str, web: bool = True, env=None) -> Settings:
    """The settings of a process started by an operator: read from the environment, then checked."""
    return refuse_insecure_start(load_settings(service, env), web, env)
