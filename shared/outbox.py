"""The transactional outbox: the table every service has, and the calls that record events in it.

Each row also says who acted (`actor_subject`, `actor_name`): the door that opened the
transaction puts the acting Principal in `session.info["actor"]` (the request's signed-in person
or token, the consumer's sender); background jobs with nobody named act as SYSTEM.
"""
from __future__ import annotations

from datetime import UTC, datetime

from marshmallow import Schema
from sqlalchemy import (
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
)
from sqlalchemy.orm import Session

from shared.envelope import Envelope, schema_uri
from shared.principal import SYSTEM, Principal


def outbox_table(metadata: MetaData) -> Table:
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
        Column("actor_subject", String(200)),
        Column("actor_name", String(200)),
        # Nobody reads an event's row id back: an INSERT without RETURNING is one less result to set up.
        implicit_returning=False,
    )
    Index("ix_outbox_pending", outbox.c.published_at, outbox.c.id)
    return outbox


def acting(session: Session) -> Principal:
    """Who acts in this transaction: what the door put in session.info["actor"] (a Principal, or a callable
    giving it once the request has resolved it), else SYSTEM."""
    actor = session.info.get("actor")
    if callable(actor):
        actor = actor()
    return actor or SYSTEM


def _actor_columns(session: Session) -> dict:
    actor = acting(session)
    return {"actor_subject": actor.subject[:200], "actor_name": actor.display_name[:200]}


def correlation_id(session: Session) -> str:
    """The id of the request or event that caused this transaction's events (set by the door that opened it)."""
    return session.info.get("correlation_id", "")


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
        correlationid=correlationid or correlation_id(session), dataschema=schema_uri(type),
    )
    # A plain insert with parameters (not .values()) keeps SQLAlchemy's compiled-statement cache hot.
    session.execute(outbox.insert(), {
        "event_id": env.id, "type": env.type, "subject": env.subject, "body": env.to_json().decode(),
        "created_at": datetime.now(UTC), "published_at": None, "returned": False, **_actor_columns(session),
    })
    return env


def record_events(session: Session, outbox: Table, *, source: str, events: list[dict],
                  correlationid: str = "") -> int:
    """Write many events into the outbox with one executemany INSERT, inside the caller's transaction.

    Each item holds `type`, `subject`, `data`, `sequence` and optionally `schema`, as for
    record_event. For bulk work (e.g. a CSV import), where one INSERT per event would dominate.
    """
    now, correlationid = datetime.now(UTC), correlationid or correlation_id(session)
    actor = _actor_columns(session)
    rows = []
    for item in events:
        schema, data = item.get("schema"), item["data"]
        if schema is not None:
            data = schema.dump(schema.load(data))
        env = Envelope(type=item["type"], source=source, subject=str(item["subject"]), data=data,
                       sequence=item["sequence"], correlationid=correlationid, dataschema=schema_uri(item["type"]))
        rows.append({"event_id": env.id, "type": env.type, "subject": env.subject, "body": env.to_json().decode(),
                     "created_at": now, "published_at": None, "returned": False, **actor})
    if rows:
        session.execute(outbox.insert(), rows)
    return len(rows)


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
