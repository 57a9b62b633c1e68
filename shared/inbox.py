"""The idempotent inbox: which events a consumer has already applied, recorded in its own transaction."""
from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import Column, DateTime, MetaData, String, Table, select
from sqlalchemy.orm import Session

from shared.db import among, insert_many


def inbox_table(metadata: MetaData) -> Table:
    return Table(
        "inbox", metadata,
        Column("source", String(120), primary_key=True),
        Column("event_id", String(36), primary_key=True),
        Column("type", String(120), nullable=False),
        Column("received_at", DateTime(timezone=True), nullable=False),
    )


def processed_ids(session: Session, inbox: Table, keys: list[tuple[str, str]]) -> set[tuple[str, str]]:
    """The (source, id) pairs among these that were already handled.

    One query per source (a batch has few), `source = ? AND event_id = ANY(...)`: an exact match on
    the primary key, so its cost does not grow with the inbox. (A row-value IN list is not.)
    """
    by_source: dict[str, list[str]] = {}
    for source, event_id in keys:
        by_source.setdefault(source, []).append(event_id)
    found = set()
    for source, ids in by_source.items():
        rows = session.execute(select(inbox.c.event_id).where(inbox.c.source == source,
                                                              among(session, inbox.c.event_id, ids)))
        found.update((source, event_id) for (event_id,) in rows)
    return found


def mark_processed(session: Session, inbox: Table, envelopes: list) -> None:
    """Record these events as applied, in the caller's transaction (the one that applied them)."""
    if envelopes:
        now = datetime.now(UTC)
        session.execute(*insert_many(session, inbox, [{"source": e.source, "event_id": e.id, "type": e.type,
                                                       "received_at": now} for e in envelopes]))
