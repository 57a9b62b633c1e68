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
from datetime import datetime

from sqlalchemy import and_, or_, select
from sqlalchemy.orm import Session

from services.reporting.db.models import ReportAnnouncement, ReportRevision
from services.reporting.domain.periods import parse_period
from services.reporting.domain.rules import ReportRules
from services.reporting.events import emit, report_updated
from services.reporting.reports.headline import headlines
from shared.config import Settings
from shared.db import Database, insert_for, utcnow
from shared.principal import SYSTEM, Principal

log = logging.getLogger(__name__)
R, A = ReportRevision, ReportAnnouncement


def pending_reports(session: Session, limit: int):
    return session.execute(
        select(R.scope, R.period, R.revision, R.as_of)
        .outerjoin(A, and_(A.scope == R.scope, A.period == R.period))
        .where(or_(A.revision.is_(None), A.revision < R.revision))
        .order_by(R.as_of, R.scope, R.period).limit(limit)).all()


def announce(session: Session, row, headline: dict, now: datetime) -> None:
    emit(session, "reporting.report.updated", f"{row.scope}/{row.period}", report_updated(row, headline),
         row.revision)
    stmt = insert_for(session)(A.__table__).values(scope=row.scope, period=row.period, revision=row.revision,
                                                   announced_at=now)
    session.execute(stmt.on_conflict_do_update(
        index_elements=["scope", "period"],
        set_={"revision": stmt.excluded.revision, "announced_at": stmt.excluded.announced_at}))


def announce_changed_reports(session: Session, principal: Principal, now: datetime, rules: ReportRules,
                             limit: int = 200) -> int:
    """Announce up to `limit` reports whose revision rose since they were last announced; return how many.

    The worker acts as SYSTEM; announcements carry aggregates only, so nothing is checked.
    """
    rows = pending_reports(session, limit)
    by_period = defaultdict(list)
    for row in rows:
        by_period[row.period].append(row)
    for period, reports in by_period.items():
        figures = headlines(session, parse_period(period), {row.scope for row in reports}, rules)
        for row in reports:
            announce(session, row, figures[row.scope], now)
    return len(rows)


class ReportAnnouncer:
    """The worker loop: every ~200 ms (longer while a round takes longer), one leader among the replicas."""

    def __init__(self, settings: Settings, db: Database, rules: ReportRules, interval: float = 0.2,
                 batch_size: int = 200):
        self.settings = settings
        self.db = db
        self.rules = rules
        self.interval = interval
        self.batch_size = batch_size
        self.announced_total = 0

    def announce_pending(self) -> int:
        """Announce up to one batch of changed reports; return how many."""
        with self.db.transaction() as session:
            count = announce_changed_reports(session, SYSTEM, utcnow(), self.rules, self.batch_size)
        self.announced_total += count
        return count

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


def announcer_loop(settings: Settings, db: Database, rules: ReportRules):
    """The announcer as one of the worker's loops (worker.loops)."""
    return ReportAnnouncer(settings, db, rules).run
