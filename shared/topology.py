"""The RabbitMQ topology, declared idempotently by the services themselves at start."""
from __future__ import annotations

from kombu import Exchange, Queue

from shared.config import Settings


def events_exchange(settings: Settings) -> Exchange:
    return Exchange(settings.events_exchange, type="topic", durable=True)


def dead_letter_exchange(settings: Settings) -> Exchange:
    return Exchange(settings.dead_letter_exchange, type="direct", durable=True)


def inbound_exchange(settings: Settings) -> Exchange:
    return Exchange(settings.inbound_exchange, type="topic", durable=True)


def service_queue(settings: Settings, routing_keys: list[str], exchange: Exchange | None = None,
                  name: str | None = None) -> Queue:
    """A durable quorum queue bound to the keys the service handles, dead-lettering to its DLQ."""
    exchange = exchange or events_exchange(settings)
    name = name or settings.queue_name
    from kombu import binding

    return Queue(
        name,
        bindings=[binding(exchange, routing_key=key) for key in routing_keys],
        durable=True,
        queue_arguments={
            "x-queue-type": "quorum",
            "x-delivery-limit": settings.queue_delivery_limit,
            "x-dead-letter-exchange": settings.dead_letter_exchange,
            "x-dead-letter-routing-key": f"{name}.dlq",
        },
    )


def dead_letter_queue(settings: Settings, name: str | None = None) -> Queue:
    name = (name or settings.queue_name) + ".dlq"
    return Queue(name, exchange=dead_letter_exchange(settings), routing_key=name, durable=True,
                 queue_arguments={"x-queue-type": "quorum"})


def declare(channel, settings: Settings, queues: list[Queue] = ()) -> None:
    """Declare exchanges and the given queues (with their DLQs). Safe to repeat."""
    events_exchange(settings)(channel).declare()
    dead_letter_exchange(settings)(channel).declare()
    for queue in queues:
        queue(channel).declare()
        dead_letter_queue(settings, queue.name)(channel).declare()
