"""Service configuration, read from environment variables (12-factor)."""
from __future__ import annotations

import logging
import os
from collections.abc import Mapping
from dataclasses import dataclass, fields
from pathlib import Path

log = logging.getLogger(__name__)

DEV_JWT_SECRET = "dev-only-secret-change-me"  # noqa: S105 - deliberately public; see warning below
DEV_SESSION_SECRET = "dev-only-session-secret-"  # noqa: S105 - the same; the service name is appended
PORTS = {"personnel": 8001, "consultation": 8002, "survey": 8003, "reporting": 8004}


@dataclass(frozen=True)
class Settings:
    """Everything a service process needs to know about its surroundings."""

    service: str
    database_url: str = ""  # empty: a SQLite file under var/ (all-in-one mode)
    broker_url: str = "memory://"  # all-in-one mode: the in-process broker; a cluster: node URLs joined by ";"
    events_exchange: str = "asn.events"
    inbound_exchange: str = "asn.inbound"
    # Signs the page session cookie (sign-in, CSRF tokens); each service has its own. All-in-one
    # mode and tests use a development value; a deployment must set SESSION_SECRET.
    session_secret: str | None = None
    jwt_secret: str | None = None
    jwt_public_key: str | None = None
    jwt_issuer: str | None = None
    jwt_audience: str | None = None
    relay_batch_size: int = 500
    relay_poll_interval: float = 0.02
    consumer_prefetch: int = 200
    consumer_batch_size: int = 100
    handler_max_attempts: int = 5
    queue_delivery_limit: int = 10
    heartbeat: int = 30
    ratelimit_public: str = "30/minute"
    ratelimit_staff: str = "600/minute"
    trusted_proxy_hops: int = 0  # how many reverse proxies stand in front; 0: believe no X-Forwarded-*
    ratelimit_storage_uri: str = "memory://"
    migrate_on_start: bool = True
    queue_namespace: str = ""
    idempotency_key_ttl_hours: float = 24.0
    worker_metrics_port: int = 0  # the worker serves /metrics on this port; 0: not served
    # Which broker user publishes each service's events, as "service=user,..."; a service not
    # named publishes as the user of its own name (the definitions in deploy/rabbitmq/ make them).
    broker_publishers: str = ""

    @property
    def all_in_one(self) -> bool:
        """The embedded first-look mode: one process, the in-memory broker."""
        return self.broker_url.startswith("memory://")

    def expected_publisher(self, service: str) -> str | None:
        """The broker user that alone may publish `service`'s events; None where nobody is checked
        (all-in-one mode's in-process broker has no users)."""
        if self.all_in_one:
            return None
        named = dict(pair.split("=", 1) for pair in self.broker_publishers.replace(" ", "").split(",") if "=" in pair)
        return named.get(service, service)

    @property
    def source(self) -> str:
        return f"/asn/{self.service}"

    @property
    def port(self) -> int:
        return PORTS.get(self.service, 8000)

    @property
    def dead_letter_exchange(self) -> str:
        return f"{self.events_exchange}.dlx"

    @property
    def replay_exchange(self) -> str:
        return f"{self.events_exchange}.replay"

    @property
    def queue_name(self) -> str:
        # The namespace is empty in deployments; tests set it so that parallel runs never share a queue.
        return f"{self.queue_namespace}{self.service}.events"

    @property
    def dead_letter_queue(self) -> str:
        return f"{self.queue_name}.dlq"


def default_database_url(service: str) -> str:
    var = Path(os.environ.get("VAR_DIR", "var"))
    var.mkdir(parents=True, exist_ok=True)
    return f"sqlite:///{(var / f'{service}.db').resolve()}"


# Each setting's environment variable; its default is the field's default above, stated once.
ENVIRONMENT = {
    "database_url": "DATABASE_URL", "broker_url": "BROKER_URL", "events_exchange": "EVENTS_EXCHANGE",
    "inbound_exchange": "INBOUND_EXCHANGE", "session_secret": "SESSION_SECRET", "jwt_secret": "JWT_SECRET", "jwt_public_key": "JWT_PUBLIC_KEY",
    "jwt_issuer": "JWT_ISSUER", "jwt_audience": "JWT_AUDIENCE", "relay_batch_size": "RELAY_BATCH_SIZE",
    "relay_poll_interval": "RELAY_POLL_INTERVAL", "consumer_prefetch": "CONSUMER_PREFETCH",
    "consumer_batch_size": "CONSUMER_BATCH_SIZE", "handler_max_attempts": "HANDLER_MAX_ATTEMPTS",
    "queue_delivery_limit": "QUEUE_DELIVERY_LIMIT", "heartbeat": "BROKER_HEARTBEAT",
    "ratelimit_public": "RATELIMIT_PUBLIC", "ratelimit_staff": "RATELIMIT_STAFF",
    "trusted_proxy_hops": "TRUSTED_PROXY_HOPS", "ratelimit_storage_uri": "RATELIMIT_STORAGE_URI",
    "migrate_on_start": "MIGRATE_ON_START", "queue_namespace": "QUEUE_NAMESPACE",
    "idempotency_key_ttl_hours": "IDEMPOTENCY_KEY_TTL_HOURS", "worker_metrics_port": "WORKER_METRICS_PORT",
    "broker_publishers": "BROKER_PUBLISHERS",
}


def env_value(kind: type, raw: str):
    """Turn an environment variable's text into a setting of this type ("0", "false", "no" are False)."""
    if kind is bool:
        return raw.strip().lower() not in ("0", "false", "no", "")
    return kind(raw)


def positive_int(env: Mapping[str, str], name: str) -> int | None:
    """A whole number of at least 1 from the environment, None where the variable is unset or empty.

    A bad value stops the start with a message naming the variable (services' config.py use it).
    """
    raw = (env.get(name) or "").strip()
    if not raw:
        return None
    try:
        value = int(raw)
    except ValueError:
        value = 0
    if value <= 0:
        raise ValueError(f"{name} must be a positive whole number, got {raw!r}")
    return value


def load_settings(service: str, env: Mapping[str, str] | None = None, **overrides) -> Settings:
    """Read the settings for one service; keyword overrides win (used by tests and all-in-one mode)."""
    env = os.environ if env is None else env
    kinds = {f.name: f.type for f in fields(Settings)}
    values: dict = {"service": service}
    for name, var in ENVIRONMENT.items():
        raw = env.get(var)
        if raw:  # an empty variable counts as unset
            kind = {"int": int, "float": float, "bool": bool}.get(str(kinds[name]), str)
            values[name] = env_value(kind, raw)
    values.update(overrides)
    if not values.get("database_url"):
        values["database_url"] = default_database_url(service)
    settings = Settings(**values)
    if not settings.jwt_secret and not settings.jwt_public_key:
        log.warning(
            "JWT_SECRET/JWT_PUBLIC_KEY not set: %s uses the public DEVELOPMENT secret. "
            "Anyone can forge tokens. Never run like this in production.", service,
        )
        settings = Settings(**{**values, "jwt_secret": DEV_JWT_SECRET})
    if not settings.session_secret:
        settings = Settings(**{**settings.__dict__, "session_secret": DEV_SESSION_SECRET + service})
    return settings
