"""Operator tools for a service's dead-letter queue: list, requeue, drop the already applied, purge.

See `python -m shared.cli dlq`. A dead letter whose event the service has applied anyway (a
duplicate that arrived while the database was away, say) is marked "already applied": it needs
no one's attention, and `drop-applied` removes such messages.
"""
from __future__ import annotations

from collections.abc import Callable

from kombu import Connection, Exchange

from shared.config import Settings
from shared.envelope import EnvelopeError, parse_envelope
from shared.publisher import ConfirmingPublisher, OutgoingMessage
from shared.topology import dead_letter_queue

BROKER_REASONS = {
    "delivery_limit": "delivered more times than the queue's delivery limit: the consumer kept crashing or was "
                      "stopped with it in hand",
    "rejected": "rejected by a consumer without requeue",
    "expired": "its time-to-live ran out",
    "maxlen": "the queue was full",
}
AppliedCheck = Callable[[str, str], bool]  # (event source, event id) -> already in the inbox?


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
    if not deaths:
        return "unknown"
    reason = deaths[0].get("reason")
    return f"broker: {reason} ({BROKER_REASONS.get(reason, 'see the RabbitMQ documentation on dead lettering')})"


def _already_applied(message, applied: AppliedCheck | None) -> bool | None:
    if applied is None:
        return None
    try:
        env = parse_envelope(message.body)
    except EnvelopeError:
        return False
    return applied(env.source, env.id)


def list_dead_letters(settings: Settings, limit: int = 100, applied: AppliedCheck | None = None) -> list[dict]:
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
                        "already_applied": _already_applied(message, applied), "body": _text(message.body)[:500]})
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


def drop_applied(settings: Settings, applied: AppliedCheck, limit: int = 10000) -> int:
    """Remove the dead letters whose events the service has already applied; keep the rest."""
    dropped = 0
    with Connection(settings.broker_url) as conn:
        queue = dead_letter_queue(settings)(conn.channel())
        queue.declare()
        kept = []
        for _ in range(limit):
            message = queue.get(no_ack=False)
            if message is None:
                break
            if _already_applied(message, applied):
                message.ack()
                dropped += 1
            else:
                kept.append(message)
        for message in kept:
            message.requeue()
    return dropped


def purge(settings: Settings) -> int:
    with Connection(settings.broker_url) as conn:
        queue = dead_letter_queue(settings)(conn.channel())
        queue.declare()
        return queue.purge() or 0
