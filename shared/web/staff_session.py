"""Who is signed in to this service's pages: the staff member kept in the service's session cookie.

The session cookie (`asn_<service>`, signed with SESSION_SECRET, HttpOnly, SameSite=Lax, Secure
behind TLS) holds the Principal the sign-in established, when it began and when the person was
last seen. It holds no token. A sign-in ends SESSION_LIFETIME_MINUTES after it began, or after
SESSION_IDLE_MINUTES without a page view, whichever comes first; then the person signs in again
(silently, while the identity provider's own session lasts).
"""
from __future__ import annotations

import time

from flask import current_app, session
from werkzeug.wrappers import Response

from shared.config import PORTS
from shared.principal import Principal

KEY = "staff"
SEEN_EVERY_SECONDS = 60  # the cookie is rewritten at most once a minute to record activity


def session_data(principal: Principal, now: float | None = None) -> dict:
    """What the session keeps of a signed-in staff member (also what test helpers write)."""
    now = int(now if now is not None else time.time())
    return {"sub": principal.subject, "role": principal.role, "department": principal.department,
            "name": principal.name, "at": now, "seen": now}


def remember(principal: Principal) -> None:
    """Start a sign-in: a new session (nothing from before the sign-in survives into it)."""
    session.clear()
    session[KEY] = session_data(principal)


def signed_in() -> Principal | None:
    """The staff member of this session, or None when nobody is signed in or the sign-in has ended."""
    data = session.get(KEY)
    if not isinstance(data, dict):
        return None
    settings = current_app.extensions["asn"].settings
    now = int(time.time())
    if (now - data.get("at", 0) > settings.session_lifetime_minutes * 60
            or now - data.get("seen", 0) > settings.session_idle_minutes * 60):
        session.pop(KEY, None)
        return None
    if now - data["seen"] >= SEEN_EVERY_SECONDS:
        session[KEY] = {**data, "seen": now}
    return Principal(subject=data["sub"], role=data["role"], department=data.get("department"),
                     name=data.get("name"))


def forget_everywhere(response: Response) -> Response:
    """End the sign-in here and in every other service of the suite on this address.

    All services share one origin behind the reverse proxy (and in all-in-one mode), so this
    response can expire their session cookies too; each still verifies its own.
    """
    session.clear()
    for service in PORTS:
        response.delete_cookie(f"asn_{service}", path="/", httponly=True, samesite="Lax")
    return response
