"""The replay responder every worker runs: re-publishes the service's whole outbox, in order, to a named queue.

A new or repaired read model (reporting's `rebuild`) needs the history again, not a fresh
start. Anyone may ask by publishing `reporting.replay.requested` (data: `queue`,
`request_id`, and `service`, the producer asked, or null for all) on the events exchange.
Each worker consumes these from its own durable queue `<service>.replay`, and answers the
ones addressed to it: every outbox row, in id order, goes straight to the named queue
through the default exchange, with publisher confirms, followed by one end marker: a message
with the header `x-replay-complete: <service>` (and `x-replay-events`: how many it sent).
The request is acked only after the marker is confirmed, so a worker that dies mid-way
replays again from the start; consumers deduplicate on the event id as always.
"""
from __future__ import annotations

import json
import logging
import threading
import uuid

from kombu import Connection, Consumer, Exchange, Queue
from sqlalchemy import Table, select

from shared.broker import connect, keep_connected
from shared.config import Settings
from shared.db import Database
from shared.envelope import EnvelopeError, parse_envelope
from shared.publisher import ConfirmingPublisher, OutgoingMessage
from shared.topology import declare, events_exchange

log = logging.getLogger(__name__)
REQUEST_TYPE = "reporting.replay.requested"
COMPLETE_HEADER = "x-replay-complete"
DEFAULT_EXCHANGE = Exchange("", type="direct")


class ReplayAborted(RuntimeError):
    """The requester's queue is gone: nobody is listening any more."""


def replay_queue(settings: Settings, name: str | None = None) -> Queue:
    return Queue(name or f"{settings.queue_namespace}{settings.service}.replay", exchange=events_exchange(settings), routing_key=REQUEST_TYPE,
                 durable=True, queue_arguments={"x-queue-type": "quorum"})


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

    def replay(self, connection: Connection, queue: str, request_id: str) -> int:
        """Publish every outbox row to `queue`, then the end marker; return how many rows were sent."""
        publisher = ConfirmingPublisher(connection, DEFAULT_EXCHANGE)
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
                result = publisher.publish_batch([
                    OutgoingMessage(body=row.body.encode(), routing_key=queue, message_id=row.event_id,
                                    type=row.type, headers=headers) for row in rows])
                if result.returned:
                    raise ReplayAborted(f"queue {queue!r} does not exist")
                last_id, sent = rows[-1].id, sent + len(rows)
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

    def _answer(self, connection: Connection, message) -> None:
        try:
            data = parse_envelope(message.body).data
            queue, request_id = str(data["queue"]), str(data["request_id"])
        except (EnvelopeError, KeyError, TypeError) as exc:
            log.error("ignoring a malformed replay request: %s", exc)
            message.ack()
            return
        if data.get("service") not in (None, self.settings.service):
            message.ack()
            return
        log.info("replaying the %s outbox to %s (request %s)", self.settings.service, queue, request_id)
        try:
            sent = self.replay(connection, queue, request_id)
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
            channel = conn.channel()
            declare(channel, self.settings)
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
