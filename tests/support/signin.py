"""Signing a Flask test client in as a staff member, for tests of what a page does once someone is signed in.

    from tests.support.signin import sign_in_client, sign_out_client
    sign_in_client(svc.client, "operator", "DINKES", name="Budi Nasution")
    page = svc.client.get("/survei/<id>/qr")          # now the operator's page

It writes the service's session exactly as the real sign-in does (shared/web/staff_session.py),
so the page sees the same Principal, lifetimes included. How the sign-in itself works (OpenID
Connect at the provider, the development sign-in) is tested with the real provider in
tests/e2e/pages/test_sign_in.py; browser tests sign in with tests/e2e/signin.py. A bearer
token in the Authorization header (the `tokens` fixture) also works on pages.
"""
from __future__ import annotations

from flask.testing import FlaskClient

from shared.principal import Principal
from shared.web.staff_session import KEY, session_data


def sign_in_client(client: FlaskClient, role: str, department: str | None = None, name: str | None = None,
                   subject: str | None = None, signed_in_at: float | None = None) -> Principal:
    """Sign this client in to its service's pages; returns the Principal the pages will see."""
    principal = Principal(subject=subject or f"test-{role}-{department or 'all'}".lower(), role=role,
                          department=department, name=name or f"Petugas Uji {role.title()}")
    with client.session_transaction() as session:
        session.clear()
        session[KEY] = session_data(principal, signed_in_at)
    return principal


def sign_out_client(client: FlaskClient) -> None:
    with client.session_transaction() as session:
        session.clear()
