"""The per-address limit on responses to one open campaign, at both doors (the JSON API and the questionnaire page).

The address is the connection's own, or what the trusted reverse proxy forwarded
(TRUSTED_PROXY_HOPS, shared.web.security): an X-Forwarded-For written by the client does not make
a new address, so it cannot reset the count. A refusal is counted for the campaign's staff
(workflow/refusals.py) and answered with 429. Token campaigns are not limited: the token is the
control there, and a counter tablet sends every citizen's answer from one address.
"""
from __future__ import annotations

import functools

from flask import current_app
from limits import parse
from limits.storage import storage_from_string
from limits.strategies import MovingWindowRateLimiter
from werkzeug.exceptions import TooManyRequests

from services.survey.domain.integrity import RATE, soft_controls_apply
from services.survey.workflow.campaigns import get_campaign
from services.survey.workflow.refusals import count_refusal
from shared.db import utcnow
from shared.errors import WorkflowError
from shared.principal import PUBLIC
from shared.web.app_factory import service_context
from shared.web.ratelimit import client_address

PAGE_MESSAGE = ("Sudah terlalu banyak jawaban untuk survei ini yang dikirim dari jaringan Anda. "
                "Silakan coba lagi satu jam lagi.")
API_MESSAGE = f"{PAGE_MESSAGE} (Too many responses to this survey from your network; try again in an hour.)"


class ResponseLimiter:
    """Responses per address and campaign, in a moving window (storage shared with the public rate limits)."""

    def __init__(self, storage_uri: str, limit: str):
        self.strategy = MovingWindowRateLimiter(storage_from_string(storage_uri))
        self.limit = parse(limit)

    def hit(self, campaign_id: str, address: str) -> bool:
        return self.strategy.hit(self.limit, "survey-response", campaign_id, address)


def install(app) -> None:
    ctx = app.extensions["asn"]
    ctx.extras["response_limiter"] = ResponseLimiter(ctx.settings.ratelimit_storage_uri,
                                                     ctx.config.responses_per_address)


def _needs_limit(campaign_id: str) -> bool:
    try:
        with service_context().db.sessions() as session:
            return soft_controls_apply(get_campaign(session, PUBLIC, campaign_id).requires_token)
    except WorkflowError:
        return False  # a missing campaign: the view answers that


def limit_responses_per_address(view):
    """Refuse (429, counted) a response beyond SURVEY_RESPONSES_PER_ADDRESS from one address to one open campaign."""

    @functools.wraps(view)
    def wrapper(*args, campaign_id: str, **kwargs):
        limiter: ResponseLimiter = current_app.extensions["asn"].extras["response_limiter"]
        if _needs_limit(campaign_id) and not limiter.hit(campaign_id, client_address()):
            with service_context().transaction() as session:
                count_refusal(session, PUBLIC, utcnow(), campaign_id, RATE)
            refused = TooManyRequests(description=PAGE_MESSAGE)  # the page shows this; the API, `message`
            refused.data = {"message": API_MESSAGE, "headers": {"Retry-After": "3600"}}
            raise refused
        return view(*args, campaign_id=campaign_id, **kwargs)

    return wrapper
