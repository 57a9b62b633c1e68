"""The outbox relay: publishes committed events in order and marks them only after the broker confirmed."""
from __future__ import annotations

import logging
import threading
from datetime import UTC, datetime

from kombu import Connection
from sqlalchemy import Table, select, update

from shared.broker import connect, keep_connected
from shared.config import Settings
from shared.db import Database
from shared.publisher import ConfirmingPublisher, OutgoingMessage
from shared.topology import events_exchange

log = logging.getLogger(__name__)


class OutboxRelay:
    """Moves outbox rows to the broker. Safe to run in several replicas: one leads, the others wait."""

    def __init__(self, settings: Settings, db: Database, outbox: Table):
        self.settings = settings
        self.db = db
        self.outbox = outbox
        self.connection: Connection | None = None
        self.publisher: ConfirmingPublisher | None = None
        self.published_total = 0

    def _connect(self) -> None:
        if self.publisher is None:
            self.connection = connect(self.settings)
            self.publisher = ConfirmingPublisher(self.connection, events_exchange(self.settings))

    def _disconnect(self) -> None:
        if self.publisher is not None:
            self.publisher.close()
        if self.connection is not None:
            try:
                self.connection.release()
            except Exception:  # noqa: BLE001 - already broken
                pass
        self.publisher = self.connection = None

    def publish_pending(self) -> int:
        """Publish one batch of pending events; return how many the broker confirmed."""
        with self.db.sessions() as session:
            rows = session.execute(
                select(self.outbox.c.id, self.outbox.c.event_id, self.outbox.c.type, self.outbox.c.body)
                .where(self.outbox.c.published_at.is_(None))
                .order_by(self.outbox.c.id)
                .limit(self.settings.relay_batch_size)
            ).all()
        if not rows:
            return 0
        self._connect()
        result = self.publisher.publish_batch([
            OutgoingMessage(body=row.body.encode(), routing_key=row.type, message_id=row.event_id, type=row.type)
            for row in rows
        ])
        if result.returned:
            log.info("%d event(s) had no queue bound (unroutable); kept in the outbox for replay",
                        len(result.returned))
        confirmed = set(result.confirmed)
        now = datetime.now(UTC)
        with self.db.transaction() as session:
            ids = [row.id for row in rows if row.event_id in confirmed and row.event_id not in result.returned]
            ret = [row.id for row in rows if row.event_id in result.returned]
            if ids:
                session.execute(update(self.outbox).where(self.outbox.c.id.in_(ids)).values(published_at=now))
            if ret:
                session.execute(update(self.outbox).where(self.outbox.c.id.in_(ret))
                                .values(published_at=now, returned=True))
        self.published_total += len(confirmed)
        return len(confirmed)

    def _serve(self, stop: threading.Event) -> None:
        while not stop.is_set():
            if self.publish_pending() < self.settings.relay_batch_size:
                stop.wait(self.settings.relay_poll_interval)

    def run(self, stop: threading.Event) -> None:
        """Relay until `stop` is set, backing off while the broker (or the database) is unreachable."""
        with self.db.leader_lock(f"outbox-relay:{self.settings.service}", stop=stop) as leader:
            if not leader:
                return
            log.info("outbox relay for %s started", self.settings.service)
            keep_connected("outbox relay", self._serve, stop, on_lost=self._disconnect)
        self._disconnect()
