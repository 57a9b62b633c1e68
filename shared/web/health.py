"""Liveness, readiness and Prometheus metrics endpoints, the same in every service."""
from __future__ import annotations

import time
from datetime import UTC

from flask import Blueprint, Response, current_app, g, request
from kombu import Connection
from prometheus_client import CONTENT_TYPE_LATEST, CollectorRegistry, Counter, Histogram, generate_latest
from prometheus_client.core import GaugeMetricFamily
from sqlalchemy import func, select

blueprint = Blueprint("health", __name__)


@blueprint.get("/healthz")
def healthz():
    return {"status": "ok", "service": current_app.extensions["asn"].settings.service}


@blueprint.get("/readyz")
def readyz():
    ctx = current_app.extensions["asn"]
    checks = {}
    try:
        ctx.db.ping()
        checks["database"] = "ok"
    except Exception as exc:  # noqa: BLE001 - any failure means not ready
        checks["database"] = f"error: {exc.__class__.__name__}"
    try:
        with Connection(ctx.settings.broker_url, connect_timeout=2) as conn:
            conn.ensure_connection(max_retries=1, timeout=2)
        checks["broker"] = "ok"
    except Exception as exc:  # noqa: BLE001
        checks["broker"] = f"error: {exc.__class__.__name__}"
    ready = all(v == "ok" for v in checks.values())
    return {"status": "ready" if ready else "not ready", "checks": checks}, (200 if ready else 503)


@blueprint.get("/metrics")
def metrics():
    return Response(generate_latest(current_app.extensions["asn"].metrics.registry),
                    mimetype=CONTENT_TYPE_LATEST)


class OutboxCollector:
    """Reports the outbox backlog at scrape time, so an operator sees a stuck relay."""

    def __init__(self, ctx):
        self.ctx = ctx

    def collect(self):
        outbox = self.ctx.tables["outbox"]
        gauge = GaugeMetricFamily("asn_outbox_pending_events", "Events committed but not yet confirmed by the broker")
        age = GaugeMetricFamily("asn_outbox_oldest_pending_seconds", "Age of the oldest unpublished event")
        unroutable = GaugeMetricFamily("asn_outbox_unroutable_events",
                                       "Pending events the broker returned: no queue is bound to their type")
        try:
            with self.ctx.db.sessions() as s:
                count, oldest, returned = s.execute(
                    select(func.count(), func.min(outbox.c.created_at),
                           func.count().filter(outbox.c.returned.is_(True)))
                    .where(outbox.c.published_at.is_(None))).one()
            gauge.add_metric([], count)
            unroutable.add_metric([], returned)
            if oldest is not None and oldest.tzinfo is None:
                oldest = oldest.replace(tzinfo=UTC)  # SQLite hands back the stored UTC time without its zone
            age.add_metric([], 0 if oldest is None else max(0.0, time.time() - oldest.timestamp()))
        except Exception:  # noqa: BLE001 - a metrics scrape must not fail on a DB hiccup
            return
        yield gauge
        yield age
        yield unroutable


class Metrics:
    """A registry per app, so that four services in one process (all-in-one mode) do not collide."""

    def __init__(self, app, ctx):
        self.registry = CollectorRegistry()
        self.requests = Counter("asn_http_requests_total", "HTTP requests", ["method", "endpoint", "status"],
                                registry=self.registry)
        self.latency = Histogram("asn_http_request_seconds", "HTTP request latency", ["endpoint"],
                                 registry=self.registry)
        self.registry.register(OutboxCollector(ctx))
        app.before_request(self._start)
        app.after_request(self._finish)

    def _start(self):
        g._metrics_start = time.perf_counter()

    def _finish(self, response):
        endpoint = request.endpoint or "unknown"
        self.requests.labels(request.method, endpoint, response.status_code).inc()
        if "_metrics_start" in g:
            self.latency.labels(endpoint).observe(time.perf_counter() - g._metrics_start)
        return response
