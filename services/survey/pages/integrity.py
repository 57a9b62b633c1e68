"""The page door's soft controls of an open campaign: the signed per-device marker and the honeypot challenge.

- **Marker**: after a response, the browser keeps a cookie signed with SESSION_SECRET that lists
  the campaigns answered from it (campaign ids only: nothing about the answers). A second
  response to the same campaign is refused with a page that says so. Clearing cookies or another
  browser gets past it: it stops the honest repeat and the accidental double send, not a
  determined stuffer (the address limit and, above all, tokens do that).
- **Challenge**: a text field that the page hides from people (CSS display:none, so screen
  readers skip it too) and that form-filling robots fill in. A filled one is refused as if
  accepted, so a robot learns nothing; it is counted for staff.
"""
from __future__ import annotations

from flask import current_app, request
from itsdangerous import BadSignature, URLSafeSerializer

from services.survey.domain.integrity import remember

MARKER = "skm_terisi"
MARKER_PATH = "/survei"
MARKER_DAYS = 400  # longer than any survey period (a year at most)
HONEYPOT = "situs_web"


def _signer() -> URLSafeSerializer:
    return URLSafeSerializer(current_app.secret_key, salt="survey-answered-marker")


def answered_campaigns() -> list[str]:
    """The campaigns this browser answered, from its signed marker (a forged or broken one counts as none)."""
    raw = request.cookies.get(MARKER)
    if not raw:
        return []
    try:
        value = _signer().loads(raw)
    except BadSignature:
        return []
    return [c for c in value if isinstance(c, str)] if isinstance(value, list) else []


def mark_answered(response, campaign_id: str):
    """Add the campaign to the browser's marker on the response that accepted its answer."""
    response.set_cookie(MARKER, _signer().dumps(remember(answered_campaigns(), campaign_id)),
                        max_age=MARKER_DAYS * 86400, path=MARKER_PATH, httponly=True, samesite="Lax",
                        secure=request.is_secure)
    return response


def robot_filled(form) -> bool:
    return bool((form.get(HONEYPOT) or "").strip())
