"""Small helpers every report section uses: scope filters and how shares and averages are rounded."""
from __future__ import annotations

import statistics
from collections.abc import Iterable
from datetime import UTC, datetime

from sqlalchemy import true

CITY = "CITY"


def in_scope(column, scope: str):
    """The department filter of a report: none for the city, the department code otherwise."""
    return true() if scope == CITY else column == scope


def share(part: int | None, whole: int | None) -> float | None:
    """part / whole as a fraction with 4 decimals; None when there is nothing to divide by."""
    return round(part / whole, 4) if whole and part is not None else None


def average(total: float | None, count: int | None) -> float | None:
    return round(total / count, 1) if count and total is not None else None


def median(values: Iterable[float | None]) -> float | None:
    present = [v for v in values if v is not None]
    return round(statistics.median(present), 1) if present else None


def aware(moment: datetime | None) -> datetime | None:
    """SQLite hands back naive datetimes; they were stored as UTC."""
    return moment.replace(tzinfo=UTC) if moment is not None and moment.tzinfo is None else moment
