"""The RabbitMQ topology: exchanges and queues, declared idempotently by the services at start.

In a deployment the broker's definitions (deploy/rabbitmq/, `python -m shared.cli broker-setup`)
create the exchanges and every consumer's queue before any service starts, and a service's
broker user may not create exchanges. So a service first looks for an exchange (a passive
declare) and creates it only where it is missing and it may (all-in-one mode, tests).
Queues are declared with exactly the arguments the definitions give them, so a declare by the
service and the definitions always agree (`queue_arguments` is the one home of those).
"""
from __future__ import annotations

import contextlib

from kombu import Connection, Exchange, Queue, binding

from shared.config import Settings

REPLAY_REQUEST_TYPE = "reporting.replay.requested"


def events_exchange(settings: Settings, declare: bool = True) -> Exchange:
    return Exchange(settings.events_exchange, type="topic", durable=True, no_declare=not declare)


def dead_letter_exchange(settings: Settings, declare: bool = True) -> Exchange:
    return Exchange(settings.dead_letter_exchange, type="direct", durable=True, no_declare=not declare)


def inbound_exchange(settings: Settings, declare: bool = True) -> Exchange:
    return Exchange(settings.inbound_exchange, type="topic", durable=True, no_declare=not declare)


def replay_exchange(settings: Settings, declare: bool = True) -> Exchange:
    """Where replayed events go: a direct exchange, routed by the requester's own queue name."""
    return Exchange(settings.replay_exchange, type="direct", durable=True, no_declare=not declare)


def queue_arguments(settings: Settings, name: str) -> dict:
    return {
        "x-queue-type": "quorum",
        "x-delivery-limit": settings.queue_delivery_limit,
        "x-dead-letter-exchange": settings.dead_letter_exchange,
        "x-dead-letter-routing-key": f"{name}.dlq",
    }


def service_queue(settings: Settings, routing_keys: list[str], exchange: Exchange | None = None,
                  name: str | None = None) -> Queue:
    """A durable quorum queue bound to the keys the service handles, dead-lettering to its DLQ."""
    exchange = exchange or events_exchange(settings)
    exchange = Exchange(exchange.name, type=exchange.type, durable=True, no_declare=True)
    name = name or settings.queue_name
    return Queue(name, bindings=[binding(exchange, routing_key=key) for key in routing_keys], durable=True,
                 queue_arguments=queue_arguments(settings, name))


def dead_letter_queue(settings: Settings, name: str | None = None) -> Queue:
    name = (name or settings.queue_name) + ".dlq"
    return Queue(name, exchange=dead_letter_exchange(settings, declare=False), routing_key=name, durable=True,
                 queue_arguments={"x-queue-type": "quorum"})


def ensure_exchange(connection: Connection, exchange: Exchange) -> None:
    """Make sure the exchange exists: found where the definitions made it, else created."""
    exchange = Exchange(exchange.name, type=exchange.type, durable=exchange.durable)
    channel = connection.channel()
    try:
        exchange(channel).declare(passive=True)
    except Exception:  # noqa: BLE001 - NOT_FOUND closes the channel, in py-amqp and in the memory transport alike
        with contextlib.suppress(Exception):
            channel.close()
        channel = connection.channel()
        exchange(channel).declare()
    finally:
        with contextlib.suppress(Exception):
            channel.close()


def declare(connection: Connection, settings: Settings, queues: list[Queue] = ()) -> None:
    """Make sure the exchanges and the given queues (with their DLQs) exist. Safe to repeat."""
    exchanges = {e.name: e for e in (events_exchange(settings), dead_letter_exchange(settings),
                                     replay_exchange(settings))}
    exchanges.update({b.exchange.name: b.exchange for queue in queues for b in queue.bindings if b.exchange})
    for exchange in exchanges.values():
        ensure_exchange(connection, exchange)
    channel = connection.default_channel
    for queue in queues:
        queue(channel).declare()
        dead_letter_queue(settings, queue.name)(channel).declare()
