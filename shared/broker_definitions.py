"""The broker's definitions: one user per service and per partner system, what each may touch, and
every exchange and consumer queue, in RabbitMQ's own definitions format.

The broker is a boundary between organisations (each department runs its own service, other city
systems join through messages), so every identity gets only what it needs:

- a service's user configures and reads only its own queues, publishes on `asn.events` only under
  its own routing keys (topic permission `^<service>\\.`), answers replays only into
  `asn.events.replay`, and has no management tag;
- a partner's user publishes on `asn.inbound` only the types it is registered to send, reads on
  `asn.events` only the types it is registered to read, and owns only `partner.<name>.*` queues.

Every consumer's queue and its bindings exist from the broker's start, so no event is ever
published before the queue that needs it (a "late consumer" misses nothing). Queue arguments come
from shared.topology.queue_arguments, so a service's own declare always agrees with them.

Rendered by `python -m shared.cli broker-definitions` (a file RabbitMQ loads at boot, as in
docker-compose.yml) or applied to a running broker by `python -m shared.cli broker-setup`. Which
event types each service consumes comes from deploy/rabbitmq/subscriptions.yaml, generated from
the services' handlers.py by `python scripts/broker_subscriptions.py`.
"""
from __future__ import annotations

import importlib
import re
from collections.abc import Mapping
from pathlib import Path

import yaml

from shared.config import Settings
from shared.partners import Partner
from shared.replay import REQUEST_PATTERN
from shared.topology import queue_arguments

SERVICES = ("personnel", "consultation", "survey", "reporting")


SUBSCRIPTIONS_FILE = Path(__file__).resolve().parent.parent / "deploy" / "rabbitmq" / "subscriptions.yaml"
INBOUND = "personnel.inbound"  # the key of the partner messages personnel takes from asn.inbound


def subscriptions_from_code() -> dict[str, list[str]]:
    """Each consuming service's event types, read from its handlers.py (needs every service's code)."""
    found = {service: sorted(importlib.import_module(f"services.{service}.handlers").SUBSCRIPTIONS)
             for service in SERVICES}
    found[INBOUND] = sorted(importlib.import_module("services.personnel.handlers").INBOUND_TYPES)
    return found


def load_subscriptions(path: Path = SUBSCRIPTIONS_FILE) -> dict[str, list[str]]:
    """The same, from deploy/rabbitmq/subscriptions.yaml (generated from the code; a test keeps it current),
    so that an image holding one service's code can render the whole broker's definitions."""
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def _alternatives(*patterns: str) -> str:
    return "^(" + "|".join(patterns) + ")$"


def _exact(names) -> str:
    return _alternatives(*(re.escape(n) for n in names)) if names else "^$"


def _queue(vhost: str, name: str, arguments: dict) -> dict:
    return {"name": name, "vhost": vhost, "durable": True, "auto_delete": False, "arguments": arguments}


def _binding(vhost: str, exchange: str, queue: str, key: str) -> dict:
    return {"source": exchange, "vhost": vhost, "destination": queue, "destination_type": "queue",
            "routing_key": key, "arguments": {}}


def definitions(settings: Settings, passwords: Mapping[str, str], partners: Mapping[str, Partner], *,
                vhost: str = "/", admin: tuple[str, str] | None = None,
                subscriptions: Mapping[str, list[str]] | None = None) -> dict:
    """The whole topology and its identities. `passwords` maps each broker user to its password;
    `settings` gives the exchange names and the queue namespace (empty in deployments);
    `subscriptions` each service's event types (default: deploy/rabbitmq/subscriptions.yaml)."""
    subscriptions = subscriptions if subscriptions is not None else load_subscriptions()
    ns = settings.queue_namespace
    events, dlx, replay, inbound = (settings.events_exchange, settings.dead_letter_exchange,
                                    settings.replay_exchange, settings.inbound_exchange)
    users, permissions, topic_permissions, queues, bindings = [], [], [], [], []
    if admin:
        users.append({"name": admin[0], "password": admin[1], "tags": "administrator"})
        permissions.append({"user": admin[0], "vhost": vhost, "configure": ".*", "write": ".*", "read": ".*"})

    for service in SERVICES:
        user = settings.expected_publisher(service) or service
        own = re.escape(f"{ns}{service}.")
        users.append({"name": user, "password": passwords[user], "tags": ""})
        exchanges_read = [re.escape(events), re.escape(dlx), re.escape(replay)]
        if service == "personnel":
            exchanges_read.append(re.escape(inbound))
        permissions.append({
            "user": user, "vhost": vhost,
            "configure": _alternatives(f"{own}.*"),
            "write": _alternatives(f"{own}.*", re.escape(events), re.escape(dlx), re.escape(replay)),
            "read": _alternatives(f"{own}.*", *exchanges_read)})
        topic_permissions.append({"user": user, "vhost": vhost, "exchange": events,
                                  "write": f"^{re.escape(service)}\\.", "read": ".*"})
        if service == "personnel":
            topic_permissions.append({"user": user, "vhost": vhost, "exchange": inbound, "write": "^$", "read": ".*"})

        main_queue = f"{ns}{service}.events"
        queues.append(_queue(vhost, main_queue, queue_arguments(settings, main_queue)))
        queues.append(_queue(vhost, f"{main_queue}.dlq", {"x-queue-type": "quorum"}))
        bindings.append(_binding(vhost, dlx, f"{main_queue}.dlq", f"{main_queue}.dlq"))
        bindings += [_binding(vhost, events, main_queue, key) for key in subscriptions[service]]
        replay_queue = f"{ns}{service}.replay"
        queues.append(_queue(vhost, replay_queue, {"x-queue-type": "quorum"}))
        bindings.append(_binding(vhost, events, replay_queue, REQUEST_PATTERN))
        if service == "personnel":
            inbound_queue = f"{ns}personnel.inbound"
            queues.append(_queue(vhost, inbound_queue, queue_arguments(settings, inbound_queue)))
            queues.append(_queue(vhost, f"{inbound_queue}.dlq", {"x-queue-type": "quorum"}))
            bindings.append(_binding(vhost, dlx, f"{inbound_queue}.dlq", f"{inbound_queue}.dlq"))
            bindings += [_binding(vhost, inbound, inbound_queue, key) for key in subscriptions[INBOUND]]

    for partner in partners.values():
        own = re.escape(f"{ns}partner.{partner.user}.")
        users.append({"name": partner.user, "password": passwords[partner.user], "tags": ""})
        permissions.append({"user": partner.user, "vhost": vhost, "configure": _alternatives(f"{own}.*"),
                            "write": _alternatives(f"{own}.*", re.escape(inbound)),
                            "read": _alternatives(f"{own}.*", re.escape(events))})
        topic_permissions.append({"user": partner.user, "vhost": vhost, "exchange": inbound,
                                  "write": _exact(partner.sends), "read": "^$"})
        topic_permissions.append({"user": partner.user, "vhost": vhost, "exchange": events,
                                  "write": "^$", "read": _exact(partner.reads)})
        if partner.reads:  # its queue exists from the start too: nothing it reads is published unheard
            queue = f"{ns}partner.{partner.user}.events"
            queues.append(_queue(vhost, queue, {"x-queue-type": "quorum"}))
            bindings += [_binding(vhost, events, queue, key) for key in partner.reads]

    exchanges = [{"name": name, "vhost": vhost, "type": kind, "durable": True, "auto_delete": False,
                  "internal": False, "arguments": {}}
                 for name, kind in ((events, "topic"), (dlx, "direct"), (replay, "direct"), (inbound, "topic"))]
    return {"rabbit_version": "3.10.0", "users": users, "vhosts": [{"name": vhost}], "permissions": permissions,
            "topic_permissions": topic_permissions, "exchanges": exchanges, "queues": queues,
            "bindings": bindings, "parameters": [], "policies": [], "global_parameters": []}


def password_variable(user: str) -> str:
    """BROKER_PASSWORD_<USER>: where a broker user's password comes from (or from the file in ..._FILE)."""
    return "BROKER_PASSWORD_" + re.sub(r"[^A-Za-z0-9]", "_", user).upper()


def users_of(settings: Settings, partners: Mapping[str, Partner]) -> list[str]:
    return [settings.expected_publisher(s) or s for s in SERVICES] + list(partners)
