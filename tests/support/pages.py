"""A Flask test client for pages: form posts carry the CSRF token a browser would have from the form.

Browser tests (tests/e2e/pages) prove that the real forms carry the token; these tests are about
what a page does with what was sent. `csrf=False` sends a post without it, as a forged form would.
"""
from __future__ import annotations

import secrets

from flask.testing import FlaskClient
from itsdangerous import URLSafeTimedSerializer


def csrf_token(client: FlaskClient) -> str:
    """The token Flask-WTF would put in a form for this client's session."""
    with client.session_transaction() as session:
        raw = session.setdefault("csrf_token", secrets.token_hex(20))
    return URLSafeTimedSerializer(client.application.secret_key, salt="wtf-csrf-token").dumps(raw)


class FormClient(FlaskClient):
    def post(self, *args, csrf: bool = True, **kwargs):
        data = kwargs.get("data")
        if csrf and isinstance(data, dict) and "csrf_token" not in data:
            kwargs["data"] = {**data, "csrf_token": csrf_token(self)}
        return super().post(*args, **kwargs)
