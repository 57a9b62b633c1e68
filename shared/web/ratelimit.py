"""Rate limits for public (no-token) endpoints, per client address, with the `limits` library.

Each app gets its own limiter (memory by default, Redis via RATELIMIT_STORAGE_URI when
several web replicas must share counts), so separate apps in one process never share counters.
"""
from __future__ import annotations

import functools

from flask import current_app, request
from flask_smorest import abort
from limits import parse
from limits.storage import storage_from_string
from limits.strategies import MovingWindowRateLimiter


class PublicRateLimiter:
    def __init__(self, storage_uri: str, limit: str):
        self.strategy = MovingWindowRateLimiter(storage_from_string(storage_uri))
        self.limit = parse(limit)

    def hit(self, scope: str, client: str) -> bool:
        return self.strategy.hit(self.limit, scope, client)


def client_address() -> str:
    # Behind the compose reverse proxy the first X-Forwarded-For hop is the citizen.
    forwarded = request.headers.get("X-Forwarded-For", "")
    return forwarded.split(",")[0].strip() or request.remote_addr or "unknown"


def public_rate_limit(view):
    """Throttle anonymous callers; callers with a token are staff and are not throttled here."""

    @functools.wraps(view)
    def wrapper(*args, **kwargs):
        limiter: PublicRateLimiter = current_app.extensions["asn"].extras["rate_limiter"]
        if not request.headers.get("Authorization") and not limiter.hit(request.endpoint or "", client_address()):
            abort(429, message=f"Too many requests; the limit is {limiter.limit}. Please try again later.",
                  headers={"Retry-After": "60"})
        return view(*args, **kwargs)

    return wrapper
