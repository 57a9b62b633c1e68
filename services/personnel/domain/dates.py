"""Calendar arithmetic the rules need: the city's calendar day, and adding whole months."""

import calendar
from datetime import UTC, date, datetime, timedelta, timezone

# Tebing Tinggi keeps Western Indonesian Time (UTC+7, no daylight saving): "today" is a WIB day.
WIB = timezone(timedelta(hours=7), "WIB")


def local_date(moment: datetime) -> date:
    """The WIB calendar day of an instant (a naive instant is taken as UTC, as shared.db.utcnow gives)."""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(WIB).date()


def add_months(day: date, months: int) -> date:
    """The same day `months` later; a day the target month lacks becomes its last (29 Feb + 12 → 28 Feb)."""
    index = day.year * 12 + (day.month - 1) + months
    year, month = divmod(index, 12)
    month += 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))
