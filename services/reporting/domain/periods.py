"""Report periods: a year (2026), a semester (2026-S1) or a quarter (2026-Q3), and which ones a date falls in."""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, timezone

# Tebing Tinggi keeps Western Indonesian Time (UTC+7, no daylight saving): a report's days are WIB days.
WIB = timezone(timedelta(hours=7), "WIB")
PER_YEAR = {"Y": 1, "S": 2, "Q": 4}
_PERIOD_RE = re.compile(r"^(?P<year>\d{4})(?:-(?P<kind>[SQ])(?P<n>\d))?$")


class PeriodError(ValueError):
    """The text is not a period label; the message says what is expected."""


@dataclass(frozen=True, order=True)
class Period:
    year: int
    kind: str  # "Y", "S" or "Q"
    number: int  # 1 for a year; 1-2 for a semester; 1-4 for a quarter

    @property
    def label(self) -> str:
        return str(self.year) if self.kind == "Y" else f"{self.year}-{self.kind}{self.number}"

    @property
    def first_month(self) -> int:
        return {"Y": 1, "S": 6 * (self.number - 1) + 1, "Q": 3 * (self.number - 1) + 1}[self.kind]

    @property
    def months(self) -> int:
        return {"Y": 12, "S": 6, "Q": 3}[self.kind]

    @property
    def start(self) -> date:
        return date(self.year, self.first_month, 1)

    @property
    def end(self) -> date:
        last = self.first_month + self.months - 1
        following = date(self.year + 1, 1, 1) if last == 12 else date(self.year, last + 1, 1)
        return following - timedelta(days=1)

    @property
    def last_quarter(self) -> int:
        """The quarter the period ends in: year-to-date figures sum the quarters up to this one."""
        return (self.first_month + self.months - 2) // 3 + 1

    @property
    def start_at(self) -> datetime:
        """The first instant of the period (00:00 WIB on its first day)."""
        return datetime.combine(self.start, time(0), tzinfo=WIB)

    @property
    def end_at(self) -> datetime:
        """The first instant after the period (00:00 WIB on the day after its last day)."""
        return datetime.combine(self.end + timedelta(days=1), time(0), tzinfo=WIB)

    def __str__(self) -> str:
        return self.label


def local_date(moment: datetime) -> date:
    """The WIB calendar day of an instant."""
    return moment.astimezone(WIB).date()


def parse_period(text: str) -> Period:
    """'2026' → the year, '2026-S1' → the first half, '2026-Q3' → July to September."""
    match = _PERIOD_RE.match(str(text).strip().upper())
    if not match:
        raise PeriodError(f"period {text!r} must look like 2026, 2026-S1 or 2026-Q3")
    year = int(match["year"])
    if not 1950 <= year <= 2100:
        raise PeriodError(f"period year {year} is out of range 1950-2100")
    kind = match["kind"] or "Y"
    number = int(match["n"] or 1)
    if (kind == "S" and not 1 <= number <= 2) or (kind == "Q" and not 1 <= number <= 4):
        raise PeriodError(f"period {text!r}: semesters are S1-S2 and quarters Q1-Q4")
    return Period(year, kind, number)


def year_of(moment: datetime) -> Period:
    """The calendar year (WIB) an instant falls in: the period a report shows when none is asked for."""
    return Period(local_date(moment).year, "Y", 1)


def preceding(period: Period, count: int = 4) -> list[Period]:
    """`count` periods of the same kind ending with `period`, oldest first (2026-Q1 -> 2025-Q2 .. 2026-Q1)."""
    per_year = PER_YEAR[period.kind]
    index = period.year * per_year + period.number - 1
    return [Period(i // per_year, period.kind, i % per_year + 1) for i in range(index - count + 1, index + 1)]


def periods_containing(day: date) -> list[Period]:
    """The year, semester and quarter that `day` falls in."""
    quarter = (day.month - 1) // 3 + 1
    return [Period(day.year, "Y", 1), Period(day.year, "S", 1 if day.month <= 6 else 2),
            Period(day.year, "Q", quarter)]


def periods_from(day: date) -> list[Period]:
    """The periods of `day`'s year whose year-to-date figures include `day`: it and every later one."""
    quarter = (day.month - 1) // 3 + 1
    return ([Period(day.year, "Y", 1)]
            + [Period(day.year, "S", s) for s in (1, 2) if s * 6 >= day.month]
            + [Period(day.year, "Q", q) for q in range(quarter, 5)])


def periods_overlapping(start: date, end: date) -> list[Period]:
    """Every year, semester and quarter that shares at least one day with [start, end]."""
    if end < start:
        start, end = end, start
    found: list[Period] = []
    for year in range(start.year, end.year + 1):
        candidates = [Period(year, "Y", 1)] + [Period(year, "S", s) for s in (1, 2)] \
            + [Period(year, "Q", q) for q in range(1, 5)]
        found.extend(p for p in candidates if p.start <= end and p.end >= start)
    return found
