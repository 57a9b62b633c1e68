"""The Flask application factory every service builds on: API docs, errors, auth, health, metrics."""
from __future__ import annotations

import uuid
from dataclasses import dataclass, field

from flask import Flask, g, request
from flask_smorest import Api
from sqlalchemy import Table

from shared.config import Settings
from shared.db import Database
from shared.web import errors, health
from shared.web.ratelimit import PublicRateLimiter


@dataclass
class ServiceContext:
    """What a request handler may reach: settings, database and the service's tables."""

    settings: Settings
    db: Database
    tables: dict[str, Table]
    metrics: health.Metrics | None = None
    extras: dict = field(default_factory=dict)


class ProblemApi(Api):
    """flask-smorest, with every error shaped as application/problem+json."""

    def handle_http_exception(self, error):
        return errors.handle_http_exception(error)


def create_service_app(settings: Settings, *, title: str, description: str, tables: dict[str, Table],
                       blueprints: list, db: Database | None = None) -> Flask:
    app = Flask(f"asn.{settings.service}")
    app.config.update(
        API_TITLE=title,
        API_VERSION="v1",
        OPENAPI_VERSION="3.0.3",
        OPENAPI_URL_PREFIX="/",
        OPENAPI_JSON_PATH="openapi.json",
        OPENAPI_SWAGGER_UI_PATH="/docs",
        OPENAPI_SWAGGER_UI_URL="https://cdn.jsdelivr.net/npm/swagger-ui-dist/",
        API_SPEC_OPTIONS={
            "info": {"description": description},
            "components": {"securitySchemes": {"bearerAuth": {"type": "http", "scheme": "bearer",
                                                               "bearerFormat": "JWT"}}},
        },
        JSON_SORT_KEYS=False,
        MAX_CONTENT_LENGTH=2 * 1024 * 1024,
    )
    app.json.ensure_ascii = False
    ctx = ServiceContext(settings=settings, db=db or Database(settings.database_url), tables=tables)
    if settings.migrate_on_start:
        from shared.migrations import upgrade

        upgrade(settings.service, ctx.db)
    app.extensions["asn"] = ctx
    ctx.metrics = health.Metrics(app, ctx)
    ctx.extras["rate_limiter"] = PublicRateLimiter(settings.ratelimit_storage_uri, settings.ratelimit_public)
    errors.register(app)

    @app.before_request
    def _request_id():
        g.request_id = request.headers.get("X-Request-ID") or str(uuid.uuid4())

    @app.after_request
    def _echo_request_id(response):
        response.headers["X-Request-ID"] = g.get("request_id", "")
        return response

    api = ProblemApi(app)
    app.register_blueprint(health.blueprint)
    for blueprint in blueprints:
        api.register_blueprint(blueprint)
    return app


def service_context() -> ServiceContext:
    from flask import current_app

    return current_app.extensions["asn"]
