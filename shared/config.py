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
    # HS256 bearer tokens with a shared secret: all-in-one mode and tests only (shared/startup.py
    # refuses JWT_SECRET anywhere else). Deployments verify the identity provider's tokens instead.
    jwt_secret: str | None = None
    # Staff sign-in and API tokens: the OpenID provider (docs/operations.md, "Sign-in").
    oidc_issuer: str | None = None  # as it appears in the tokens' `iss`
    oidc_metadata_url: str | None = None  # where this service reads the discovery document; default: the issuer's
    oidc_client_id: str | None = None  # this service's own client (a client per service)
    oidc_client_secret: str | None = None
    oidc_audience: str | None = None  # the `aud` API tokens must carry; default: the client id
    oidc_scope: str = "openid profile email"
    # How the provider's claims become a Principal (shared/identity.py).
    oidc_roles_claim: str = "roles"  # a dotted path, e.g. realm_access.roles or resource_access.asn.roles
    oidc_role_map: str = "asn-admin=admin,asn-operator=operator,asn-viewer=viewer"
    oidc_department_claim: str = "department"
    oidc_name_claim: str = "name"
    token_leeway_seconds: int = 30  # clock skew allowed on exp/iat/nbf
    jwks_cache_seconds: int = 300  # how long the provider's keys are trusted before they are read again
    session_lifetime_minutes: int = 480  # a staff sign-in ends this long after it began
    session_idle_minutes: int = 60  # ... or after this long without a page view
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
    # The addresses (or networks) those proxies connect from; empty: any peer (then keep the service's
    # own port unreachable from outside). X-Forwarded-* from any other peer is ignored.
    trusted_proxies: str = ""
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
    def dev_sign_in(self) -> bool:
        """The development sign-in (demo accounts, no password): all-in-one mode without a provider only."""
        return self.all_in_one and not self.oidc_issuer

    @property
    def api_audience(self) -> str | None:
        return self.oidc_audience or self.oidc_client_id

    @property
    def metadata_url(self) -> str | None:
        if self.oidc_metadata_url:
            return self.oidc_metadata_url
        return f"{self.oidc_issuer.rstrip('/')}/.well-known/openid-configuration" if self.oidc_issuer else None

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
    "inbound_exchange": "INBOUND_EXCHANGE", "session_secret": "SESSION_SECRET", "jwt_secret": "JWT_SECRET",
    "oidc_issuer": "OIDC_ISSUER", "oidc_metadata_url": "OIDC_METADATA_URL", "oidc_client_id": "OIDC_CLIENT_ID",
    "oidc_client_secret": "OIDC_CLIENT_SECRET", "oidc_audience": "OIDC_AUDIENCE", "oidc_scope": "OIDC_SCOPE",
    "oidc_roles_claim": "OIDC_ROLES_CLAIM", "oidc_role_map": "OIDC_ROLE_MAP",
    "oidc_department_claim": "OIDC_DEPARTMENT_CLAIM", "oidc_name_claim": "OIDC_NAME_CLAIM",
    "token_leeway_seconds": "TOKEN_LEEWAY_SECONDS", "jwks_cache_seconds": "JWKS_CACHE_SECONDS",
    "session_lifetime_minutes": "SESSION_LIFETIME_MINUTES", "session_idle_minutes": "SESSION_IDLE_MINUTES",
    "trusted_proxies": "TRUSTED_PROXIES", "relay_batch_size": "RELAY_BATCH_SIZE",
    "relay_poll_interval": "RELAY_POLL_INTERVAL", "consumer_prefetch": "CONSUMER_PREFETCH",
    "consumer_batch_size": "CONSUMER_BATCH_SIZE", "handler_max_attempts": "HANDLER_MAX_ATTEMPTS",
    "queue_delivery_limit": "QUEUE_DELIVERY_LIMIT", "heartbeat": "BROKER_HEARTBEAT",
    "ratelimit_public": "RATELIMIT_PUBLIC", "ratelimit_staff": "RATELIMIT_STAFF",
    "trusted_proxy_hops": "TRUSTED_PROXY_HOPS", "ratelimit_storage_uri": "RATELIMIT_STORAGE_URI",
    "migrate_on_start": "MIGRATE_ON_START", "queue_namespace": "QUEUE_NAMESPACE",
    "idempotency_key_ttl_hours": "IDEMPOTENCY_KEY_TTL_HOURS", "worker_metrics_port": "WORKER_METRICS_PORT",
    "broker_publishers": "BROKER_PUBLISHERS",
}


def read_variable(env: Mapping[str, str], name: str) -> str | None:
    """A variable's value, or the content of the file `<NAME>_FILE` names (Docker and Kubernetes secrets).

    An empty variable counts as unset. The file's trailing newline is not part of the value.
    """
    raw = env.get(name)
    if raw:
        return raw
    path = env.get(f"{name}_FILE")
    if path:
        try:
            return Path(path).read_text().rstrip("\r\n") or None
        except OSError as exc:
            raise SystemExit(f"{name}_FILE={path}: cannot read it ({exc.strerror}); set {name} or fix the file") from None
    return None


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
        raw = read_variable(env, var)
        if raw:
            kind = {"int": int, "float": float, "bool": bool}.get(str(kinds[name]), str)
            values[name] = env_value(kind, raw)
    values.update(overrides)
    if not values.get("database_url"):
        values["database_url"] = default_database_url(service)
    settings = Settings(**values)
    if settings.all_in_one and not settings.jwt_secret:
        # All-in-one mode only: outside it, shared/startup.py refuses to start without the provider.
        log.warning("all-in-one mode: %s accepts development tokens signed with a public secret", service)
        settings = Settings(**{**values, "jwt_secret": DEV_JWT_SECRET})
    if not settings.session_secret:
        settings = Settings(**{**settings.__dict__, "session_secret": DEV_SESSION_SECRET + service})
    return settings
