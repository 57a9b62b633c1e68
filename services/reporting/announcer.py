"""Announces changed reports as reporting.report.updated, coalesced: one event per report whose revision
rose since it was last announced, checked every ~200 ms, however many events changed it meanwhile.

The event and the note of what was announced commit together (transactional outbox), so an
announcement is neither lost nor repeated when the worker stops. One replica leads.
"""
from __future__ import annotations

import logging
import threading
import time
from collections import defaultdict
from datetime import UTC, datetime

from sqlalchemy import and_, or_, select
from sqlalchemy.orm import Session

from services.reporting.db.models import ReportAnnouncement, ReportRevision
from services.reporting.db.upsert import insert_for
from services.reporting.domain.periods import parse_period
from services.reporting.events import emit
from services.reporting.reports.figures import CITY, aware
from services.reporting.reports.headline import headlines
from shared.config import Settings
from shared.db import Database

log = logging.getLogger(__name__)
R, A = ReportRevision, ReportAnnouncement


def pending_reports(session: Session, limit: int):
    return session.execute(
        select(R.scope, R.period, R.revision, R.as_of)
        .outerjoin(A, and_(A.scope == R.scope, A.period == R.period))
        .where(or_(A.revision.is_(None), A.revision < R.revision))
        .order_by(R.as_of, R.scope, R.period).limit(limit)).all()


def announce(session: Session, row, figures: dict) -> None:
    data = {"scope": row.scope, "department_code": None if row.scope == CITY else row.scope,
            "period": row.period, "revision": row.revision, "as_of": aware(row.as_of), "headline": figures}
    emit(session, "reporting.report.updated", f"{row.scope}/{row.period}", data, row.revision)
    stmt = insert_for(session)(A.__table__).values(scope=row.scope, period=row.period, revision=row.revision,
                                                   announced_at=datetime.now(UTC))
    session.execute(stmt.on_conflict_do_update(
        index_elements=["scope", "period"],
        set_={"revision": stmt.excluded.revision, "announced_at": stmt.excluded.announced_at}))


class ReportAnnouncer:
    def __init__(self, settings: Settings, db: Database, interval: float = 0.2, batch_size: int = 200):
        self.settings = settings
        self.db = db
        self.interval = interval
        self.batch_size = batch_size
        self.announced_total = 0

    def announce_pending(self) -> int:
        """Announce up to one batch of changed reports; return how many."""
        with self.db.transaction() as session:
            rows = pending_reports(session, self.batch_size)
            by_period = defaultdict(list)
            for row in rows:
                by_period[row.period].append(row)
            for period, reports in by_period.items():
                figures = headlines(session, parse_period(period), {row.scope for row in reports})
                for row in reports:
                    announce(session, row, figures[row.scope])
        self.announced_total += len(rows)
        return len(rows)

    def run(self, stop: threading.Event) -> None:
        with self.db.leader_lock(f"report-announcer:{self.settings.service}", stop=stop) as leader:
            if not leader:
                return
            while not stop.is_set():
                started = time.monotonic()
                try:
                    self.announce_pending()
                except Exception:
                    log.exception("announcing changed reports failed; retrying")
                # At least as long as the last round took: during a bulk load the announcer takes at most
                # half of its thread's time, and what changed meanwhile is coalesced into the next round.
                stop.wait(max(self.interval, time.monotonic() - started))


def announcer_loop(settings: Settings, db: Database):
    """The worker's extra loop (build_worker's extra_loops factory)."""
    return ReportAnnouncer(settings, db).run
