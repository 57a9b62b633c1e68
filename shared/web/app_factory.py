"""The Flask application factory every service builds on: API docs, errors, auth, health, metrics."""
from __future__ import annotations

import re
import uuid
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

from flask import Flask, g, has_request_context, request
from flask.sessions import SecureCookieSessionInterface
from flask_smorest import Api
from sqlalchemy import Table

from shared.config import Settings
from shared.db import Database
from shared.principal import PUBLIC, Principal
from shared.web import csrf, docs, errors, health, home, one_address, security, signin
from shared.web.auth import TokenVerifier
from shared.web.pages import look_blueprint
from shared.web.ratelimit import PublicRateLimiter

REQUEST_ID = re.compile(r"^[A-Za-z0-9._:-]{1,128}$")


@dataclass
class ServiceContext:
    """What a request handler may reach: settings, the service's own config, database and tables."""

    settings: Settings
    db: Database
    tables: dict[str, Table]
    config: Any = None  # the service's typed settings (services/<name>/config.py), read once at start
    metrics: health.Metrics | None = None
    extras: dict = field(default_factory=dict)

    def transaction(self):
        """A database transaction whose events carry this request's id as their correlation id, and the
        person acting: the principal the request resolved (the signed-in staff member or the bearer
        token's; the public without either), as the workflow received it."""
        if not has_request_context():
            return self.db.transaction()
        return self.db.transaction(correlation_id=g.get("request_id", ""), actor=request_actor)


def request_actor() -> Principal:
    # Read when an event is recorded, by which time the view has resolved who calls
    # (acting_principal(), page_principal() or require_staff() store it in g).
    return g.get("principal") or PUBLIC


class SessionCookies(SecureCookieSessionInterface):
    """Flask's signed session cookie, marked Secure whenever the request came over TLS (behind the proxy too)."""

    def get_cookie_secure(self, app) -> bool:
        return super().get_cookie_secure(app) or (has_request_context() and request.is_secure)

    def open_session(self, app, request):
        # An API call with a bearer token carries no cookie: an empty session, without building the
        # signing serializer Flask would make first (about 2 % of a write's CPU).
        if app.secret_key and not request.cookies.get(self.get_cookie_name(app)):
            return self.session_class()
        return super().open_session(app, request)


class ProblemApi(Api):
    """flask-smorest, with every error shaped, and documented, as application/problem+json."""

    ERROR_SCHEMA = errors.ProblemSchema

    def handle_http_exception(self, error):
        return errors.handle_http_exception(error)

    def _register_responses(self):
        # The documented error responses say what is really sent: problem+json, not application/json.
        content_type, self.DEFAULT_RESPONSE_CONTENT_TYPE = self.DEFAULT_RESPONSE_CONTENT_TYPE, errors.PROBLEM
        try:
            super()._register_responses()
        finally:
            self.DEFAULT_RESPONSE_CONTENT_TYPE = content_type


def provider_origin(settings: Settings) -> str | None:
    """The identity provider's origin (scheme://host:port), where sign-out continues; None without one."""
    if not settings.oidc_issuer:
        return None
    parts = urlsplit(settings.oidc_issuer)
    return f"{parts.scheme}://{parts.netloc}"


def create_service_app(settings: Settings, *, title: str, description: str, tables: dict[str, Table],
                       blueprints: list, db: Database | None = None, config: Any = None) -> Flask:
    app = Flask(f"asn.{settings.service}", static_folder=None)  # static files come from blueprints
    app.config.update(
        API_TITLE=title,
        API_VERSION="v1",
        OPENAPI_VERSION="3.0.3",
        OPENAPI_URL_PREFIX="/",
        OPENAPI_JSON_PATH="openapi.json",
        API_SPEC_OPTIONS={
            "info": {"description": description},
            "components": {"securitySchemes": {"bearerAuth": {"type": "http", "scheme": "bearer",
                                                               "bearerFormat": "JWT"}}},
        },
        JSON_SORT_KEYS=False,
        MAX_CONTENT_LENGTH=2 * 1024 * 1024,
        SECRET_KEY=settings.session_secret,
        # The page session (sign-in, CSRF) is a cookie of this service alone: its own name, never
        # readable by scripts, sent on top-level navigations only, and only over TLS behind TLS.
        SESSION_COOKIE_NAME=f"asn_{settings.service}",
        SESSION_COOKIE_HTTPONLY=True,
        SESSION_COOKIE_SAMESITE="Lax",
        WTF_CSRF_TIME_LIMIT=None,  # the token lives as long as the session
    )
    app.session_interface = SessionCookies()
    one_address.install(app, settings.service)  # inside the proxy fix: a forwarded prefix comes first
    security.install(app, settings.trusted_proxy_hops, settings.trusted_proxies, provider_origin(settings))
    ctx = ServiceContext(settings=settings, db=db or Database(settings.database_url), tables=tables, config=config)
    if settings.migrate_on_start:
        from shared.migrations import upgrade

        upgrade(settings.service, ctx.db)
    app.extensions["asn"] = ctx
    ctx.metrics = health.Metrics(app, ctx)
    ctx.extras["rate_limiter"] = PublicRateLimiter(settings.ratelimit_storage_uri, settings.ratelimit_public,
                                                   settings.ratelimit_staff)
    ctx.extras["token_verifier"] = TokenVerifier(settings)
    errors.register(app)

    @app.before_request
    def _request_id():
        # A client's id is kept only if it is short and plain: it becomes the events' correlation id.
        sent = request.headers.get("X-Request-ID", "")
        g.request_id = sent if REQUEST_ID.match(sent) else str(uuid.uuid4())

    @app.after_request
    def _echo_request_id(response):
        response.headers["X-Request-ID"] = g.get("request_id", "")
        return response

    api = ProblemApi(app)
    app.register_blueprint(health.blueprint)
    app.register_blueprint(docs.blueprint)
    if not any(blueprint.name == "asn_look" for blueprint in blueprints):
        blueprints = [*blueprints, look_blueprint()]
    for blueprint in [*blueprints, signin.install(app, settings), home.blueprint]:
        api.register_blueprint(blueprint)
    csrf.protect_pages(app)
    return app


def service_context() -> ServiceContext:
    from flask import current_app

    return current_app.extensions["asn"]
