"""Rate limits on public endpoints, with the `limits` library.

Each caller has its own window: a verified staff member by the token's subject (with the more
generous staff limit), anyone else by their address. The address is the connection's own, or,
behind the compose reverse proxy, what that proxy forwarded (`TRUSTED_PROXY_HOPS`, see
shared.web.security): a client cannot pick a fresh address per request with a forged
X-Forwarded-For, nor skip the limit by sending any `Authorization` header (a bad token is a 401).

Each app gets its own limiter (memory by default, Redis via RATELIMIT_STORAGE_URI when several
web replicas must share counts), so separate apps in one process never share counters.
"""
from __future__ import annotations

import functools

from flask import current_app, request
from flask_smorest import abort
from limits import parse
from limits.storage import storage_from_string
from limits.strategies import MovingWindowRateLimiter

from shared.web.auth import current_principal


class PublicRateLimiter:
    def __init__(self, storage_uri: str, limit: str, staff_limit: str = "600/minute"):
        self.strategy = MovingWindowRateLimiter(storage_from_string(storage_uri))
        self.limit = parse(limit)
        self.staff_limit = parse(staff_limit)

    def hit(self, scope: str, client: str, staff: bool = False) -> bool:
        return self.strategy.hit(self.staff_limit if staff else self.limit, scope, client)


def client_address() -> str:
    return request.remote_addr or "unknown"


def public_rate_limit(view):
    """Throttle callers of a public endpoint, each in their own window."""

    @functools.wraps(view)
    def wrapper(*args, **kwargs):
        limiter: PublicRateLimiter = current_app.extensions["asn"].extras["rate_limiter"]
        # A present but invalid token is a 401 here, never a free pass. Without a header the caller
        # counts as public here (a page's own sign-in is read later, by the page).
        principal = current_principal() if request.headers.get("Authorization") else None
        client = f"staff:{principal.subject}" if principal is not None else f"addr:{client_address()}"
        if not limiter.hit(request.endpoint or "", client, staff=principal is not None):
            limit = limiter.staff_limit if principal is not None else limiter.limit
            abort(429, message=f"Too many requests; the limit is {limit}. Please try again later.",
                  headers={"Retry-After": "60"})
        return view(*args, **kwargs)

    return wrapper
