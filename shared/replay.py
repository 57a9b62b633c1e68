"""The replay responder every worker runs: re-publishes the service's whole outbox, in order, to its requester.

A new or repaired read model (reporting's `rebuild`) needs the history again, not a fresh
start. A service asks by publishing `<requester>.replay.requested` on the events exchange
(data: `queue`, `request_id`, `service` — the producer asked, or null for all — and
optionally `types`, the event types wanted, where `x.y.*` matches a prefix). Each worker
consumes these from its own durable queue `<service>.replay` and answers the ones addressed
to it: every matching outbox row, in id order, followed by one end marker (a message with the
header `x-replay-complete: <service>` and `x-replay-events`: how many it sent), with publisher
confirms. The request is acked only after the marker is confirmed, so a worker that dies
mid-way replays again from the start; consumers deduplicate on the event id as always.

Who may ask, and where the answer goes: a request is answered only when the broker vouches
that the requesting service's own broker user sent it (the AMQP user_id, which RabbitMQ
checks), and only to that requester's own replay queue (`<requester>.rebuild.<id>`), through
the replay exchange. A stranger's request, or one naming someone else's queue, gets nothing.
"""
from __future__ import annotations

import json
import logging
import threading
import uuid

from kombu import Connection, Consumer, Queue
from sqlalchemy import Table, select

from shared.broker import connect, keep_connected
from shared.config import Settings
from shared.db import Database
from shared.envelope import EnvelopeError, parse_envelope
from shared.publisher import ConfirmingPublisher, OutgoingMessage
from shared.topology import REPLAY_REQUEST_TYPE, declare, events_exchange, replay_exchange

log = logging.getLogger(__name__)
REQUEST_TYPE = REPLAY_REQUEST_TYPE  # reporting's; any service's "<service>.replay.requested" is heard
REQUEST_PATTERN = "*.replay.requested"
COMPLETE_HEADER = "x-replay-complete"


class ReplayAborted(RuntimeError):
    """The requester's queue is gone: nobody is listening any more."""


def replay_queue(settings: Settings, name: str | None = None) -> Queue:
    """Where a service hears replay requests."""
    return Queue(name or f"{settings.queue_namespace}{settings.service}.replay",
                 exchange=events_exchange(settings, declare=False), routing_key=REQUEST_PATTERN,
                 durable=True, queue_arguments={"x-queue-type": "quorum"})


def reply_queue_name(settings: Settings, requester: str, suffix: str) -> str:
    return f"{settings.queue_namespace}{requester}.rebuild.{suffix}"


def reply_queue(settings: Settings, name: str) -> Queue:
    """A requester's private queue for the answers, bound to the replay exchange by its own name."""
    return Queue(name, exchange=replay_exchange(settings, declare=False), routing_key=name, exclusive=True,
                 durable=False)


def wanted(event_type: str, types: list[str] | None) -> bool:
    return not types or any(event_type == t or (t.endswith("*") and event_type.startswith(t[:-1])) for t in types)


class ReplayResponder:
    def __init__(self, settings: Settings, db: Database, outbox: Table, batch_size: int = 1000,
                 queue_name: str | None = None):
        self.settings = settings
        self.db = db
        self.outbox = outbox
        self.batch_size = batch_size
        self.queue = replay_queue(settings, queue_name)
        self._requests: list = []
        self.replayed_total = 0
        self.refused_total = 0

    def replay(self, connection: Connection, queue: str, request_id: str, types: list[str] | None = None) -> int:
        """Publish every matching outbox row to `queue`, then the end marker; return how many rows were sent."""
        publisher = ConfirmingPublisher(connection, replay_exchange(self.settings))
        headers = {"x-replay-service": self.settings.service, "x-replay-request": request_id}
        last_id, sent = 0, 0
        try:
            while True:
                with self.db.sessions() as session:
                    rows = session.execute(
                        select(self.outbox.c.id, self.outbox.c.event_id, self.outbox.c.type, self.outbox.c.body)
                        .where(self.outbox.c.id > last_id).order_by(self.outbox.c.id).limit(self.batch_size)
                    ).all()
                if not rows:
                    break
                chosen = [row for row in rows if wanted(row.type, types)]
                if chosen:
                    result = publisher.publish_batch([
                        OutgoingMessage(body=row.body.encode(), routing_key=queue, message_id=row.event_id,
                                        type=row.type, headers=headers) for row in chosen])
                    if result.returned:
                        raise ReplayAborted(f"queue {queue!r} does not exist")
                last_id, sent = rows[-1].id, sent + len(chosen)
                connection.heartbeat_check()
            marker = {"service": self.settings.service, "request_id": request_id, "events": sent}
            result = publisher.publish_batch([OutgoingMessage(
                body=json.dumps(marker).encode(), routing_key=queue, message_id=str(uuid.uuid4()),
                type="replay.complete", content_type="application/json",
                headers={**headers, COMPLETE_HEADER: self.settings.service, "x-replay-events": sent})])
            if result.returned:
                raise ReplayAborted(f"queue {queue!r} does not exist")
        finally:
            publisher.close()
        self.replayed_total += sent
        return sent

    def _refusal(self, message, env, queue: str) -> str | None:
        """Why this request gets no answer, or None: the broker must vouch for the requester, and the
        answer may go only to the requester's own replay queue."""
        requester = env.type.split(".", 1)[0]
        expected = self.settings.expected_publisher(requester)
        sender = message.properties.get("user_id")
        if expected is not None and sender != expected:
            return f"{env.type} must come from broker user {expected!r}, not {sender or 'an unnamed sender'!r}"
        if not queue.startswith(reply_queue_name(self.settings, requester, "")):
            return f"the answer may go only to {requester}'s own replay queue, not to {queue!r}"
        return None

    def _answer(self, connection: Connection, message) -> None:
        try:
            env = parse_envelope(message.body)
            data = env.data
            queue, request_id = str(data["queue"]), str(data["request_id"])
            types = data.get("types")
            if types is not None and not (isinstance(types, list) and all(isinstance(t, str) for t in types)):
                raise TypeError("types must be a list of event types")
        except (EnvelopeError, KeyError, TypeError) as exc:
            log.error("ignoring a malformed replay request: %s", exc)
            message.ack()
            return
        if data.get("service") not in (None, self.settings.service):
            message.ack()
            return
        refused = self._refusal(message, env, queue)
        if refused:
            log.warning("refusing a replay request: %s", refused)
            self.refused_total += 1
            message.ack()
            return
        log.info("replaying the %s outbox to %s (request %s)", self.settings.service, queue, request_id)
        try:
            sent = self.replay(connection, queue, request_id, types)
            log.info("replayed %d %s event(s) to %s", sent, self.settings.service, queue)
        except ReplayAborted as exc:
            log.warning("replay for request %s abandoned: %s", request_id, exc)
        message.ack()

    def run(self, stop: threading.Event, ready: threading.Event | None = None) -> None:
        """Answer replay requests until `stop` is set; reconnect by itself after the broker comes back."""
        # Unacked requests return to the queue by themselves when a connection is lost.
        keep_connected("replay responder", lambda s: self._serve(s, ready), stop, on_lost=self._requests.clear)

    def _serve(self, stop: threading.Event, ready: threading.Event | None) -> None:
        with connect(self.settings) as conn:
            declare(conn, self.settings)
            channel = conn.channel()
            self.queue(channel).declare()
            consumer = Consumer(channel, queues=[self.queue], callbacks=[lambda _b, m: self._requests.append(m)],
                                accept=None, no_ack=False)
            consumer.qos(prefetch_count=1)
            consumer.consume()
            if ready is not None:
                ready.set()
            while not stop.is_set():
                try:
                    conn.drain_events(timeout=0.5)
                except TimeoutError:
                    conn.heartbeat_check()
                while self._requests:
                    self._answer(conn, self._requests.pop(0))
