"""Service configuration, read from environment variables (12-factor)."""
from __future__ import annotations

import logging
import os
from dataclasses import dataclass, field
from pathlib import Path

log = logging.getLogger(__name__)

DEV_JWT_SECRET = "dev-only-secret-change-me"  # noqa: S105 - deliberately public; see warning below
PORTS = {"personnel": 8001, "consultation": 8002, "survey": 8003, "reporting": 8004}


def _int(name: str, default: int) -> int:
    return int(os.environ.get(name, default))


def _float(name: str, default: float) -> float:
    return float(os.environ.get(name, default))


@dataclass(frozen=True)
class Settings:
    """Everything a service process needs to know about its surroundings."""

    service: str
    database_url: str
    broker_url: str
    events_exchange: str = "asn.events"
    inbound_exchange: str = "asn.inbound"
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
    ratelimit_storage_uri: str = "memory://"
    migrate_on_start: bool = True
    queue_namespace: str = ""
    extra: dict = field(default_factory=dict)

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


def load_settings(service: str, **overrides) -> Settings:
    """Read the settings for one service; keyword overrides win (used by tests and all-in-one mode)."""
    env = os.environ
    values = dict(
        service=service,
        database_url=env.get("DATABASE_URL") or default_database_url(service),
        broker_url=env.get("BROKER_URL", "memory://"),
        events_exchange=env.get("EVENTS_EXCHANGE", "asn.events"),
        inbound_exchange=env.get("INBOUND_EXCHANGE", "asn.inbound"),
        jwt_secret=env.get("JWT_SECRET") or None,
        jwt_public_key=env.get("JWT_PUBLIC_KEY") or None,
        jwt_issuer=env.get("JWT_ISSUER") or None,
        jwt_audience=env.get("JWT_AUDIENCE") or None,
        relay_batch_size=_int("RELAY_BATCH_SIZE", 500),
        relay_poll_interval=_float("RELAY_POLL_INTERVAL", 0.02),
        consumer_prefetch=_int("CONSUMER_PREFETCH", 200),
        consumer_batch_size=_int("CONSUMER_BATCH_SIZE", 100),
        handler_max_attempts=_int("HANDLER_MAX_ATTEMPTS", 5),
        queue_delivery_limit=_int("QUEUE_DELIVERY_LIMIT", 10),
        heartbeat=_int("BROKER_HEARTBEAT", 30),
        ratelimit_public=env.get("RATELIMIT_PUBLIC", "30/minute"),
        ratelimit_storage_uri=env.get("RATELIMIT_STORAGE_URI", "memory://"),
        migrate_on_start=env.get("MIGRATE_ON_START", "1") not in ("0", "false", "no"),
        queue_namespace=env.get("QUEUE_NAMESPACE", ""),
    )
    values.update(overrides)
    settings = Settings(**values)
    if not settings.jwt_secret and not settings.jwt_public_key:
        log.warning(
            "JWT_SECRET/JWT_PUBLIC_KEY not set: %s uses the public DEVELOPMENT secret. "
            "Anyone can forge tokens. Never run like this in production.", service,
        )
        settings = Settings(**{**values, "jwt_secret": DEV_JWT_SECRET})
    return settings
