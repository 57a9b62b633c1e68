"""Signing staff in, for tests: one call, whatever the sign-in mechanism is underneath.

    sign_in(browser_page, base_url, role="operator", department="DINKES", name="Sari (DINKES)")
    sign_in_client(flask_test_client, role="admin")

Staff workspaces' browser and page tests use these and nothing else, so that the mechanism
(today a development token in the `asn_staff` cookie; later the city's OpenID provider) can
change in one place.
"""
from __future__ import annotations

from urllib.parse import urlsplit

from shared.config import load_settings
from shared.web.auth import issue_token

TEST_SECRET = "test-secret-at-least-32-bytes-long!!"  # the services under test verify with this (conftest)
COOKIE = "asn_staff"


def _token(role: str, department: str | None, name: str | None) -> str:
    subject = f"test-{role}-{department or 'city'}"
    return issue_token(load_settings("tests", jwt_secret=TEST_SECRET), subject, role, department)


def sign_in(page, base_url: str, role: str = "operator", department: str | None = None,
            name: str | None = None) -> None:
    """Sign a Playwright page's browser context in as a staff member of this role (and department)."""
    host = urlsplit(base_url).hostname
    page.context.add_cookies([{"name": COOKIE, "value": _token(role, department, name), "domain": host,
                               "path": "/", "httpOnly": True, "sameSite": "Lax"}])


def sign_in_client(client, role: str = "operator", department: str | None = None, name: str | None = None) -> None:
    """Sign a Flask test client in, as for a page test."""
    client.set_cookie(COOKIE, _token(role, department, name))
