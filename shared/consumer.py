"""The event consumer: topology, dispatch by type, an idempotent inbox, and dead-lettering with a reason.

Messages are handled in small batches, one database transaction per batch, then acked. So
the inbox rows and the handlers' writes commit together, and a crash before the commit means
redelivery (which the inbox makes harmless). If anything in a batch fails, the batch is
rolled back and retried one message at a time, so one bad message never takes its
neighbours down with it.

Transient is not poison: when the database is away (a restart, a failover, a lock time-out),
the batch stays in hand, unacked, and is tried again with back-off for as long as the outage
lasts; the broker connection keeps its heartbeats meanwhile. Only errors that the same message
would meet again (a bad payload, a refused rule, a bug) count towards the DLQ.
"""
from __future__ import annotations

import logging
import threading
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from kombu import Consumer, Queue
from marshmallow import Schema, ValidationError
from sqlalchemy import Table
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from shared.broker import Backoff, connect, keep_connected, service_heartbeats
from shared.config import Settings
from shared.db import Database, is_transient
from shared.envelope import Envelope, EnvelopeError, parse_envelope
from shared.errors import Invalid, WorkflowError
from shared.inbox import mark_processed, processed_ids
from shared.partners import Partner
from shared.payloads import payload_loader
from shared.principal import SYSTEM, Principal
from shared.publisher import ConfirmingPublisher, OutgoingMessage
from shared.topology import dead_letter_exchange, declare, service_queue

log = logging.getLogger(__name__)

HandlerFn = Callable[[Session, Envelope, dict[str, Any]], None]


class DatabaseUnavailable(Exception):
    """A transient database error: the batch is held and retried, and costs no message an attempt."""


MAX_SEQUENCE_GAP = 1000  # how far an aggregate's version may jump ahead of the last one seen


def check_sequence(last_seen: int | None, incoming: int, what: str) -> None:
    """Quarantine (dead-letter, with the reason) an event whose version is far ahead of the last one seen.

    A forged or broken event with sequence 2**31-1 would otherwise freeze a read model's copy of the
    aggregate: every real change after it would look older and be ignored.
    """
    if incoming - (last_seen or 0) > MAX_SEQUENCE_GAP:
        raise RejectMessage(f"quarantined: {what} sequence {incoming} is more than {MAX_SEQUENCE_GAP} ahead of "
                            f"the last one seen ({last_seen or 0})")


class RejectMessage(Exception):
    """Raised by a handler for a message that can never succeed (e.g. it names an unknown record):
    it goes straight to the DLQ with this reason instead of being retried. A use case's
    WorkflowError (shared.errors) is treated the same way."""


# (AMQP user_id, event) -> the sender the broker vouches for, or why the message is refused
SenderCheck = Callable[[str | None, Envelope], Principal | str]


def owner_only(settings: Settings) -> SenderCheck:
    """Accept an event type only from the broker user of the service that owns it (its first word).

    RabbitMQ refuses a publish whose user_id is not the connection's own user, so the property
    says who really published; a message without it is refused too.
    """

    def check(user_id: str | None, env: Envelope) -> Principal | str:
        owner = env.type.split(".", 1)[0]
        expected = settings.expected_publisher(owner)
        if expected is not None and user_id != expected:
            return (f"provenance: {env.type} is accepted only from broker user {expected!r}, "
                    f"this came from {user_id or 'an unnamed sender'!r}")
        return SYSTEM

    return check


def registered_partners(settings: Settings, partners: dict[str, Partner]) -> SenderCheck:
    """Accept a message only from a registered partner's broker user, and only a type it may send."""

    def check(user_id: str | None, env: Envelope) -> Principal | str:
        if settings.all_in_one:
            return SYSTEM  # the in-process broker has no users, and no outside system reaches it
        partner = partners.get(user_id or "")
        if partner is None:
            return f"provenance: {user_id or 'an unnamed sender'!r} is not a registered partner system"
        if env.type not in partner.sends:
            return f"provenance: partner {partner.user!r} is not registered to send {env.type}"
        return partner.principal

    return check


def _reason(exc: Exception) -> str:
    if isinstance(exc, Invalid):
        return f"{exc.detail} {exc.errors}"
    return str(exc)


@dataclass(frozen=True)
class Subscription:
    """One event type a service consumes: the payload it expects and the function that applies it.

    With `with_sender`, the handler also receives the Principal the broker vouched for (a
    registered partner, say), so that the use case can check what that sender may do.
    """

    schema: Schema
    handle: HandlerFn
    with_sender: bool = False


class EventConsumer:
    """Consumes a service's queue and applies each event exactly once to its database."""

    def __init__(self, settings: Settings, db: Database, inbox: Table,
                 subscriptions: dict[str, Subscription], queue: Queue | None = None,
                 check_sender: SenderCheck | None = None):
        self.settings = settings
        self.check_sender = check_sender or owner_only(settings)
        self.db = db
        self.inbox = inbox
        self.subscriptions = subscriptions
        # Each payload's schema, read the fast way (shared.payloads); one loader per schema object.
        loaders: dict[int, Callable[[dict], dict]] = {}
        self._loaders = {event_type: loaders.setdefault(id(sub.schema), payload_loader(sub.schema))
                         for event_type, sub in subscriptions.items()}
        self.queue = queue or service_queue(settings, sorted(subscriptions))
        self.dlq_routing_key = f"{self.queue.name}.dlq"
        self._pending: deque = deque()
        self._failures: dict[str, int] = {}
        self.applied_total = 0
        self.dead_lettered_total = 0
        self.database_waits_total = 0

    # -- message handling -------------------------------------------------------------
    def _decode(self, message) -> tuple[Envelope, dict, Principal] | str:
        """The event, its validated payload and its sender, or the reason it cannot be handled."""
        try:
            env = parse_envelope(message.body)
        except EnvelopeError as exc:
            return str(exc)
        sender = self.check_sender(message.properties.get("user_id"), env)
        if isinstance(sender, str):
            return sender
        sub = self.subscriptions.get(env.type)
        if sub is None:
            return f"no handler for event type {env.type!r}"
        try:
            return env, self._loaders[env.type](env.data), sender
        except ValidationError as exc:
            return f"invalid {env.type} payload: {exc.messages}"

    def _apply_all(self, items: list) -> None:
        """Apply a batch in one transaction: one inbox lookup, the handlers, one inbox insert."""
        with self.db.transaction() as session:
            seen = processed_ids(session, self.inbox, [(env.source, env.id) for _m, env, _d, _s in items])
            fresh = []
            for _message, env, data, sender in items:
                if (env.source, env.id) in seen:
                    continue  # a duplicate: acked below, applied never again
                seen.add((env.source, env.id))
                fresh.append((env, data, sender))
            self._dispatch(session, fresh)
            mark_processed(session, self.inbox, [env for env, _data, _sender in fresh])

    def _dispatch(self, session: Session, events: list) -> None:
        for env, data, sender in events:
            session.info["correlation_id"] = env.id  # the events a handler records were caused by this one
            session.info["actor"] = sender  # and done on behalf of the sender the broker vouched for
            sub = self.subscriptions[env.type]
            if sub.with_sender:
                sub.handle(session, env, data, sender)
            else:
                sub.handle(session, env, data)

    def process(self, messages: list) -> None:
        """Handle a batch: valid ones in one transaction, the rest to the DLQ or back to the queue."""
        decoded = []
        for message in messages:
            result = self._decode(message)
            if isinstance(result, str):
                self._dead_letter(message, result)
            else:
                decoded.append((message, *result))
        if decoded:
            self._process_decoded(decoded)

    def _process_decoded(self, items: list) -> None:
        try:
            self._apply_all(items)
        except Exception as exc:  # noqa: BLE001 - a handler's bug or a lost race must not stop the queue
            if is_transient(exc):
                # The database is away (restart, failover, lock time-out): not the messages' fault.
                # They stay in hand, unacked, and the whole batch is tried again after a pause.
                raise DatabaseUnavailable(exc) from exc
            if len(items) > 1:
                # Something in the batch failed and the whole transaction rolled back: find it one by one.
                for item in items:
                    self._process_decoded([item])
                return
            if isinstance(exc, RejectMessage | WorkflowError):  # the same message would fail the same way again
                self._dead_letter(items[0][0], f"rejected: {_reason(exc)}")
                return
            if not isinstance(exc, IntegrityError):
                log.warning("handler for %s failed: %r", items[0][1].type, exc)
            self._retry_or_dead_letter(items[0][0], exc)
            return
        # One ack for the batch: `multiple` acks every delivery up to the last one's tag. Nothing
        # earlier on the channel is still unsettled: batches are taken from the front of the
        # queue in delivery order, and each message before this batch was acked, dead-lettered
        # (acked) or requeued before this batch began.
        items[-1][0].ack(multiple=True)
        self.applied_total += len(items)
        if self._failures:
            for message, *_rest in items:
                self._failures.pop(message.properties.get("message_id", ""), None)

    def _retry_or_dead_letter(self, message, exc) -> None:
        key = message.properties.get("message_id") or str(message.delivery_tag)
        local = self._failures[key] = self._failures.get(key, 0) + 1
        broker = int((message.headers or {}).get("x-delivery-count", 0)) + 1
        attempts = max(local, broker)
        if attempts >= self.settings.handler_max_attempts:
            self._failures.pop(key, None)
            self._dead_letter(message, f"handler failed {attempts} times: {exc!r}")
        else:
            log.warning("handler failed (attempt %d): %r; requeued", attempts, exc)
            message.requeue()

    def _dead_letter(self, message, reason: str) -> None:
        """Park the message in the service's DLQ with the reason, confirmed, then ack the original."""
        log.error("dead-lettering a message from %s: %s", self.queue.name, reason)
        headers = dict(message.headers or {})
        headers.update({
            "x-dlq-reason": reason[:1000],
            "x-original-routing-key": message.delivery_info.get("routing_key", ""),
            "x-original-exchange": message.delivery_info.get("exchange", ""),
            "x-failed-service": self.settings.service,
        })
        props = message.properties
        self._dlq_publisher.publish_batch([OutgoingMessage(
            body=message.body if isinstance(message.body, bytes) else str(message.body).encode(),
            routing_key=self.dlq_routing_key,
            message_id=props.get("message_id") or "",
            type=props.get("type") or "",
            content_type=message.content_type or "application/octet-stream",
            headers=headers,
        )])
        message.ack()
        self.dead_lettered_total += 1

    # -- the loop ---------------------------------------------------------------------
    def _on_message(self, body, message) -> None:
        self._pending.append(message)

    def _flush(self) -> None:
        while self._pending:
            batch = [self._pending.popleft()
                     for _ in range(min(len(self._pending), self.settings.consumer_batch_size))]
            try:
                self.process(batch)
            except DatabaseUnavailable:
                # Put back, in order, what is neither acked nor dead-lettered yet.
                self._pending.extendleft(reversed([m for m in batch if not m.acknowledged]))
                raise

    def _hold(self, conn, stop: threading.Event, delay: float, exc: DatabaseUnavailable) -> None:
        """Keep the messages in hand while the database is away, servicing the broker connection."""
        self.database_waits_total += 1
        log.warning("the database is unavailable (%s); holding %d message(s), trying again in %.1fs",
                    exc.__cause__, len(self._pending), delay)
        deadline = time.monotonic() + delay
        while not stop.is_set() and time.monotonic() < deadline:
            service_heartbeats(conn, min(0.5, max(deadline - time.monotonic(), 0.001)))

    def run(self, stop: threading.Event, ready: threading.Event | None = None) -> None:
        """Consume until `stop` is set; reconnect by itself after the broker comes back."""
        # Unacked messages return to the queue by themselves when a connection is lost.
        keep_connected(f"consumer of {self.queue.name}", lambda s: self._consume(s, ready), stop,
                       on_lost=self._pending.clear)

    def _consume(self, stop: threading.Event, ready: threading.Event | None) -> None:
        with connect(self.settings) as conn:
            channel = conn.channel()
            declare(conn, self.settings, [self.queue])
            self._dlq_publisher = ConfirmingPublisher(conn, dead_letter_exchange(self.settings))
            consumer = Consumer(channel, queues=[self.queue], callbacks=[self._on_message],
                                accept=None, no_ack=False)
            consumer.qos(prefetch_count=self.settings.consumer_prefetch)
            consumer.consume()
            if ready is not None:
                ready.set()
            log.info("consuming %s (%d event types)", self.queue.name, len(self.subscriptions))
            last_beat = time.monotonic()
            backoff = Backoff()
            try:
                while not stop.is_set():
                    idle = False
                    try:
                        conn.drain_events(timeout=0.005 if self._pending else 0.5)
                    except TimeoutError:
                        idle = True
                    # Flush when the queue goes quiet or a batch is full: low latency at low rates,
                    # one commit per batch at high rates.
                    if idle or len(self._pending) >= self.settings.consumer_batch_size:
                        try:
                            self._flush()
                            backoff.reset()
                        except DatabaseUnavailable as exc:
                            self._hold(conn, stop, backoff.next_delay(), exc)
                    if time.monotonic() - last_beat > 1.0:
                        conn.heartbeat_check()
                        last_beat = time.monotonic()
                try:
                    self._flush()  # finish what is in hand before closing (graceful stop)
                except DatabaseUnavailable:
                    log.warning("stopping with %d message(s) unapplied: they return to the queue", len(self._pending))
            finally:
                try:
                    consumer.cancel()
                except Exception:  # noqa: BLE001
                    pass
