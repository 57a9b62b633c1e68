"""Report revisions: every applied event bumps the revision of each report it touches.

`touch` only counts, in the batch; the batch writes all bumps with one upsert just before it
commits, so a bump commits (or rolls back) with the event that caused it.
"""
from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from services.reporting.domain.periods import Period
from services.reporting.projections.batch import Batch

CITY = "CITY"


def touch(batch: Batch, departments: Iterable[str | None], periods: Iterable[Period], event_time: datetime) -> None:
    """One applied event changed these departments' (and so the city's) reports for these periods."""
    scopes = {code for code in departments if code} | {CITY}
    labels = {p.label for p in periods}  # once, not per scope: this runs for every event of a batch
    for scope in scopes:
        for label in labels:
            count, latest = batch.touched.get((scope, label), (0, event_time))
            batch.touched[(scope, label)] = (count + 1, max(latest, event_time))
