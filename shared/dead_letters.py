"""Operator tools for a service's dead-letter queue: list, requeue, purge (see `python -m shared.cli dlq`)."""
from __future__ import annotations

from kombu import Connection, Exchange

from shared.config import Settings
from shared.publisher import ConfirmingPublisher, OutgoingMessage
from shared.topology import dead_letter_queue


def _origin(message) -> tuple[str, str]:
    """Where the message was first published: our header, else the broker's x-death record."""
    headers = message.headers or {}
    if headers.get("x-original-routing-key"):
        return headers.get("x-original-exchange") or "", headers["x-original-routing-key"]
    deaths = headers.get("x-death") or []
    if deaths:
        return deaths[0].get("exchange", ""), (deaths[0].get("routing-keys") or [""])[0]
    return "", message.delivery_info.get("routing_key", "")


def _text(body) -> str:
    return body.decode("utf-8", "replace") if isinstance(body, bytes) else str(body)


def _reason(message) -> str:
    headers = message.headers or {}
    if headers.get("x-dlq-reason"):
        return headers["x-dlq-reason"]
    deaths = headers.get("x-death") or []
    return f"broker: {deaths[0].get('reason')}" if deaths else "unknown"


def list_dead_letters(settings: Settings, limit: int = 100) -> list[dict]:
    """Peek at up to `limit` messages; they all stay in the queue."""
    out = []
    with Connection(settings.broker_url) as conn:
        queue = dead_letter_queue(settings)(conn.channel())
        queue.declare()
        held = []
        for _ in range(limit):
            message = queue.get(no_ack=False)
            if message is None:
                break
            held.append(message)
            exchange, key = _origin(message)
            out.append({"message_id": message.properties.get("message_id"), "type": message.properties.get("type"),
                        "routing_key": key, "exchange": exchange, "reason": _reason(message),
                        "body": _text(message.body)[:500]})
        for message in held:
            message.requeue()
    return out


def requeue(settings: Settings, limit: int = 1000) -> int:
    """Publish dead letters back to where they came from (confirmed), then remove them from the DLQ."""
    moved = 0
    with Connection(settings.broker_url) as conn:
        queue = dead_letter_queue(settings)(conn.channel())
        queue.declare()
        publisher = ConfirmingPublisher(conn, Exchange(settings.events_exchange, type="topic", durable=True))
        for _ in range(limit):
            message = queue.get(no_ack=False)
            if message is None:
                break
            exchange, key = _origin(message)
            headers = {k: v for k, v in (message.headers or {}).items() if not k.startswith("x-")}
            publisher.publish_batch([OutgoingMessage(
                body=message.body if isinstance(message.body, bytes) else str(message.body).encode(), routing_key=key, message_id=message.properties.get("message_id") or "",
                type=message.properties.get("type") or "", content_type=message.content_type or "application/json",
                headers={**headers, "x-requeued-from-dlq": "true"},
                exchange=exchange or settings.events_exchange)])
            message.ack()
            moved += 1
    return moved


def purge(settings: Settings) -> int:
    with Connection(settings.broker_url) as conn:
        queue = dead_letter_queue(settings)(conn.channel())
        queue.declare()
        return queue.purge() or 0
