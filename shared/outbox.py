"""The transactional outbox and the idempotent inbox: tables every service has, and the call that records an event."""
from __future__ import annotations

from datetime import UTC, datetime

from flask import g, has_request_context
from marshmallow import Schema
from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    Column,
    DateTime,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    select,
)
from sqlalchemy.orm import Session

from shared.envelope import Envelope, schema_uri


def add_plumbing_tables(metadata: MetaData) -> dict[str, Table]:
    """Add `outbox` and `inbox` to a service's metadata, so its migrations create them."""
    outbox = Table(
        "outbox", metadata,
        Column("id", BigInteger().with_variant(Integer, "sqlite"), primary_key=True, autoincrement=True),
        Column("event_id", String(36), nullable=False, unique=True),
        Column("type", String(120), nullable=False),
        Column("subject", String(200), nullable=False),
        Column("body", Text, nullable=False),
        Column("created_at", DateTime(timezone=True), nullable=False),
        Column("published_at", DateTime(timezone=True)),
        Column("returned", Boolean, nullable=False, default=False),
    )
    Index("ix_outbox_pending", outbox.c.published_at, outbox.c.id)
    inbox = Table(
        "inbox", metadata,
        Column("source", String(120), primary_key=True),
        Column("event_id", String(36), primary_key=True),
        Column("type", String(120), nullable=False),
        Column("received_at", DateTime(timezone=True), nullable=False),
    )
    idempotency = Table(
        "idempotency_keys", metadata,
        Column("key", String(200), primary_key=True),
        Column("fingerprint", String(64), nullable=False),
        Column("status", Integer, nullable=False),
        Column("response", JSON, nullable=False),
        Column("created_at", DateTime(timezone=True), nullable=False),
    )
    return {"outbox": outbox, "inbox": inbox, "idempotency_keys": idempotency}


def _correlation_id() -> str:
    if has_request_context():
        return getattr(g, "request_id", "") or ""
    return ""


def record_event(
    session: Session,
    outbox: Table,
    *,
    source: str,
    type: str,
    subject: str,
    data: dict,
    sequence: int,
    schema: Schema | None = None,
    correlationid: str = "",
) -> Envelope:
    """Write an event into the outbox inside the caller's transaction.

    It is published only if that transaction commits; the relay does the rest.
    """
    if schema is not None:
        data = schema.dump(schema.load(data))  # a bug in an emitter fails here, not in a consumer
    env = Envelope(
        type=type, source=source, subject=str(subject), data=data, sequence=sequence,
        correlationid=correlationid or _correlation_id(), dataschema=schema_uri(type),
    )
    # A plain insert with parameters (not .values()) keeps SQLAlchemy's compiled-statement cache hot.
    session.execute(outbox.insert(), {
        "event_id": env.id, "type": env.type, "subject": env.subject, "body": env.to_json().decode(),
        "created_at": datetime.now(UTC), "published_at": None, "returned": False,
    })
    return env


def record_events(session: Session, outbox: Table, *, source: str, events: list[dict],
                  correlationid: str = "") -> int:
    """Write many events into the outbox with one executemany INSERT, inside the caller's transaction.

    Each item holds `type`, `subject`, `data`, `sequence` and optionally `schema`, as for
    record_event. For bulk work (e.g. a CSV import), where one INSERT per event would dominate.
    """
    now, correlationid = datetime.now(UTC), correlationid or _correlation_id()
    rows = []
    for item in events:
        schema, data = item.get("schema"), item["data"]
        if schema is not None:
            data = schema.dump(schema.load(data))
        env = Envelope(type=item["type"], source=source, subject=str(item["subject"]), data=data,
                       sequence=item["sequence"], correlationid=correlationid, dataschema=schema_uri(item["type"]))
        rows.append({"event_id": env.id, "type": env.type, "subject": env.subject, "body": env.to_json().decode(),
                     "created_at": now, "published_at": None, "returned": False})
    if rows:
        session.execute(outbox.insert(), rows)
    return len(rows)


def processed_ids(session: Session, inbox: Table, keys: list[tuple[str, str]]) -> set[tuple[str, str]]:
    """The (source, id) pairs among these that were already handled.

    One query per source (a batch has few), `source = ? AND event_id IN (...)`: an exact match on
    the primary key, so its cost does not grow with the inbox. (A row-value IN list is not.)
    """
    by_source: dict[str, list[str]] = {}
    for source, event_id in keys:
        by_source.setdefault(source, []).append(event_id)
    found = set()
    for source, ids in by_source.items():
        rows = session.execute(select(inbox.c.event_id).where(inbox.c.source == source, inbox.c.event_id.in_(ids)))
        found.update((source, event_id) for (event_id,) in rows)
    return found


def already_processed(session: Session, inbox: Table, source: str, event_id: str) -> bool:
    return (source, event_id) in processed_ids(session, inbox, [(source, event_id)])


def mark_processed_many(session: Session, inbox: Table, envelopes: list) -> None:
    if envelopes:
        now = datetime.now(UTC)
        session.execute(inbox.insert(), [{"source": e.source, "event_id": e.id, "type": e.type, "received_at": now}
                                         for e in envelopes])


def mark_processed(session: Session, inbox: Table, source: str, event_id: str, type_: str) -> None:
    session.execute(inbox.insert().values(
        source=source, event_id=event_id, type=type_, received_at=datetime.now(UTC)))


class Emitter:
    """A service's `emit`: records its events in its outbox, each payload checked against the schema it
    publishes (EMITS), inside the caller's transaction."""

    def __init__(self, source: str, outbox: Table, emits: dict[str, type[Schema]]):
        self.source, self.outbox, self.emits = source, outbox, emits
        self._schemas: dict[str, Schema] = {}

    def schema(self, event_type: str) -> Schema:
        if event_type not in self._schemas:
            self._schemas[event_type] = self.emits[event_type]()
        return self._schemas[event_type]

    def __call__(self, session: Session, event_type: str, subject: str, data: dict, sequence: int) -> Envelope:
        return record_event(session, self.outbox, source=self.source, type=event_type, subject=subject, data=data,
                            sequence=sequence, schema=self.schema(event_type))

    def many(self, session: Session, events: list[tuple[str, str, dict, int]]) -> int:
        """Record many (type, subject, data, sequence) events with one INSERT."""
        return record_events(session, self.outbox, source=self.source, events=[
            {"type": t, "subject": subject, "data": data, "sequence": seq, "schema": self.schema(t)}
            for t, subject, data, seq in events])
