"""Projection by batch: handlers note what each event says; one flush just before the commit decides and writes.

The consumer applies a batch of events in one transaction. Instead of a few statements per
event, every handler only buffers the event here, and the flush (a `before_commit` hook on
the session) then, per read model:

* latest-state models (an aggregate's state, versioned by `sequence`): reads the stored rows
  of all buffered keys in one locked SELECT, keeps each event whose sequence is newer than
  what is stored (and than the events before it), inserts the new rows in one statement and
  updates the changed ones in another, and calls the model's hooks with each applied
  transition (to bump report revisions) and with the net change (to move tallies);
* immutable facts (an attendance, a response): one INSERT ... ON CONFLICT DO NOTHING, and
  only the rows actually inserted count as applied;
* tallies and report revisions: one upsert each, adding up the batch's deltas.

So an event's cost does not grow with the history, late and repeated events change nothing,
and everything commits (or rolls back) together with the inbox rows of the batch. Keys are
locked and written in sorted order so that two replicas cannot deadlock; two replicas
creating the same new key at once make the later INSERT fail, and the consumer then
retries that batch one message at a time.
"""
from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import Table, bindparam, case, event, select, update
from sqlalchemy.orm import Session

from services.reporting.db.models import ReportRevision
from shared.consumer import check_sequence
from shared.db import among, insert_many

_BATCH = "reporting.batch"
_LISTENING = "reporting.batch_listeners"
Transition = Callable[["Batch", Mapping | None, Mapping, datetime], None]


@dataclass(frozen=True)
class LatestState:
    """A read model holding the latest state of each aggregate."""

    table: Table
    key: str
    on_transition: Transition  # each applied event: (batch, state before, state after, event time)
    on_net_change: Callable[[Batch, Mapping | None, Mapping], None] | None = None  # first → final state


@dataclass(frozen=True)
class Fact:
    """A read model of immutable facts: an event either adds its row or repeats one already there."""

    table: Table
    keys: tuple[str, ...]
    on_added: Callable[[Batch, Mapping, datetime], None]


@dataclass
class Batch:
    states: dict[LatestState, dict[Any, list]] = field(default_factory=lambda: defaultdict(lambda: defaultdict(list)))
    facts: dict[Fact, dict[tuple, tuple]] = field(default_factory=lambda: defaultdict(dict))
    tallies: dict[Table, dict[tuple, dict[str, int]]] = field(default_factory=lambda: defaultdict(dict))
    touched: dict[tuple[str, str], tuple[int, datetime]] = field(default_factory=dict)

    def add_to_tally(self, table: Table, key: tuple, column: str, delta: int) -> None:
        """Add `delta` to a counter row (key columns first in the table); written once per batch."""
        if delta:
            row = self.tallies[table].setdefault(key, {})
            row[column] = row.get(column, 0) + delta


def batch_of(session: Session) -> Batch:
    """The batch of the session's current transaction (hooks registered on first use)."""
    if not session.info.get(_LISTENING):
        event.listen(session, "before_commit", _flush)
        event.listen(session, "after_rollback", lambda s: s.info.pop(_BATCH, None))
        session.info[_LISTENING] = True
    return session.info.setdefault(_BATCH, Batch())


def buffer_state(session: Session, model: LatestState, key: Any, values: dict, sequence: int,
                 time: datetime) -> None:
    batch_of(session).states[model][key].append((sequence, values, time))


def buffer_fact(session: Session, model: Fact, values: dict, time: datetime) -> None:
    key = tuple(values[k] for k in model.keys)
    batch_of(session).facts[model].setdefault(key, (values, time))


def _flush(session: Session) -> None:
    batch = session.info.pop(_BATCH, None)
    if batch is None:
        return
    for model, buffered in batch.states.items():
        _flush_states(session, batch, model, buffered)
    for model, buffered in batch.facts.items():
        _flush_facts(session, batch, model, buffered)
    _write_tallies(session, batch)
    _write_revisions(session, batch)


def _flush_states(session: Session, batch: Batch, model: LatestState, buffered: dict) -> None:
    table, key = model.table, model.table.c[model.key]
    keys = sorted(buffered)
    stored = {row._mapping[model.key]: dict(row._mapping) for row in session.execute(
        select(table).where(among(session, key, keys)).order_by(key).with_for_update())}
    inserts, updates = [], []
    for k in keys:
        before = first = stored.get(k)
        for sequence, values, time in sorted(buffered[k], key=lambda item: item[0]):
            if before is not None and before["sequence"] >= sequence:
                continue  # late or repeated: the newer state stands
            check_sequence(before["sequence"] if before else None, sequence, f"{table.name} {k}")
            after = {model.key: k, **values, "sequence": sequence}
            model.on_transition(batch, before, after, time)
            before = after
        if before is first:
            continue
        if model.on_net_change is not None:
            model.on_net_change(batch, first, before)
        (inserts if first is None else updates).append(before)
    if inserts:
        session.execute(*insert_many(session, table, inserts))
    if updates:
        columns = [c for c in updates[0] if c != model.key]
        stmt = update(table).where(key == bindparam("_key")).values({c: bindparam(c) for c in columns})
        session.execute(stmt, [{**row, "_key": row[model.key]} for row in updates],
                        execution_options={"synchronize_session": False})


def _flush_facts(session: Session, batch: Batch, model: Fact, buffered: dict) -> None:
    table = model.table
    rows = [buffered[k][0] for k in sorted(buffered)]
    stmt, params = insert_many(session, table, rows)
    stmt = stmt.on_conflict_do_nothing().returning(*(table.c[k] for k in model.keys))
    added = {tuple(row) for row in session.execute(stmt, params)}  # only the rows actually inserted come back
    for key in sorted(added):
        values, time = buffered[key]
        model.on_added(batch, values, time)


def _upsert(session: Session, table: Table, rows: list[dict], set_) -> None:
    """INSERT ... ON CONFLICT DO UPDATE for all rows in one statement (their keys are distinct)."""
    if rows:
        stmt, params = insert_many(session, table, rows)
        session.execute(stmt.on_conflict_do_update(index_elements=list(table.primary_key.columns),
                                                   set_=set_(stmt.excluded)), params)


def _write_tallies(session: Session, batch: Batch) -> None:
    for table, rows in batch.tallies.items():
        key_columns = [c.name for c in table.primary_key.columns]
        counters = [c.name for c in table.columns if c.name not in key_columns]
        _upsert(session, table, [{**dict(zip(key_columns, key, strict=True)), **dict.fromkeys(counters, 0), **deltas}
                                 for key, deltas in sorted(rows.items())],
                lambda excluded, table=table, counters=counters: {c: table.c[c] + getattr(excluded, c)
                                                                  for c in counters})


def _write_revisions(session: Session, batch: Batch) -> None:
    table = ReportRevision.__table__
    _upsert(session, table, [{"scope": scope, "period": label, "revision": count, "as_of": latest}
                             for (scope, label), (count, latest) in sorted(batch.touched.items())],
            lambda excluded: {"revision": table.c.revision + excluded.revision,
                              "as_of": case((excluded.as_of > table.c.as_of, excluded.as_of), else_=table.c.as_of)})
