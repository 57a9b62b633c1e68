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
    bindparam,
    select,
)
from sqlalchemy.dialects import postgresql
from sqlalchemy.orm import Session

from shared.db import HotStatement, insert_for
from shared.envelope import Envelope, schema_uri
from shared.payloads import checked_payload
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
    env, row = _event_row(session, source=source, type=type, subject=subject, data=data, sequence=sequence,
                          schema=schema, correlationid=correlationid)
    # A plain insert with parameters (not .values()) keeps SQLAlchemy's compiled-statement cache hot.
    session.execute(outbox.insert(), row)
    return env


def _event_row(session: Session, *, source: str, type: str, subject: str, data: dict, sequence: int,
               schema: Schema | None, correlationid: str = "") -> tuple[Envelope, dict]:
    """One event's envelope and its outbox row, the payload checked against `schema` first."""
    if schema is not None:
        data = checked_payload(schema, data)  # a bug in an emitter fails here, not in a consumer
    env = Envelope(type=type, source=source, subject=str(subject), data=data, sequence=sequence,
                   correlationid=correlationid or correlation_id(session), dataschema=schema_uri(type))
    return env, {"event_id": env.id, "type": env.type, "subject": env.subject, "body": env.to_json().decode(),
                 "created_at": datetime.now(UTC), "published_at": None, "returned": False,
                 **_actor_columns(session)}


_WRITES_WITH_EVENT: dict[tuple[str, str], HotStatement] = {}
_ROW = "row_"  # the prefix of the new row's parameters in the combined statement (they share names with the outbox's)


def _write_with_event(table: Table, outbox: Table) -> HotStatement:
    """INSERT INTO table ... ON CONFLICT DO NOTHING and, in the same statement, the outbox row if a row was
    written (PostgreSQL: a data-modifying WITH). Built once per table."""
    key = (table.name, outbox.name)
    if key not in _WRITES_WITH_EVENT:
        written = (postgresql.insert(table).values({c.name: bindparam(_ROW + c.name, type_=c.type) for c in table.c})
                   .on_conflict_do_nothing().returning(*table.primary_key.columns).cte("written"))
        columns = [c for c in outbox.c if c.name != "id"]
        event = select(*(bindparam(c.name, type_=c.type) for c in columns)).select_from(written)
        _WRITES_WITH_EVENT[key] = HotStatement(outbox.insert().from_select([c.name for c in columns], event))
    return _WRITES_WITH_EVENT[key]


def insert_with_event(session: Session, table: Table, row: dict, outbox: Table, *, source: str, type: str,
                      subject: str, data: dict, sequence: int, schema: Schema | None = None) -> bool:
    """Insert `row` into `table` unless a unique constraint refuses it, and its event with it: one round
    trip on PostgreSQL for what would be two (the hot write path, bench/http.py). True if written.

    `row` names every column of `table`. Refused, nothing is written and nothing raised: the caller
    says why (an IntegrityError would end the transaction on PostgreSQL).
    """
    _env, event = _event_row(session, source=source, type=type, subject=subject, data=data, sequence=sequence,
                             schema=schema)
    if session.get_bind().dialect.name != "postgresql":  # SQLite (all-in-one mode): two statements
        written = session.execute(insert_for(session)(table).on_conflict_do_nothing()
                                  .returning(*table.primary_key.columns), row).first()
        if written is not None:
            session.execute(outbox.insert(), event)
        return written is not None
    params = {**{_ROW + c.name: row.get(c.name) for c in table.c}, **event}
    session.flush()  # the ORM's pending writes first, as session.execute would; then Core on the connection
    return _write_with_event(table, outbox).count(session.connection(), params) > 0


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
            data = checked_payload(schema, data)
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

    def with_row(self, session: Session, table: Table, row: dict, event_type: str, subject: str, data: dict,
                 sequence: int) -> bool:
        """Insert `row` and its event in one statement unless a unique constraint refuses the row
        (insert_with_event); True if written."""
        return insert_with_event(session, table, row, self.outbox, source=self.source, type=event_type,
                                 subject=subject, data=data, sequence=sequence, schema=self.schema(event_type))

    def many(self, session: Session, events: list[tuple[str, str, dict, int]]) -> int:
        """Record many (type, subject, data, sequence) events with one INSERT."""
        return record_events(session, self.outbox, source=self.source, events=[
            {"type": t, "subject": subject, "data": data, "sequence": seq, "schema": self.schema(t)}
            for t, subject, data, seq in events])
