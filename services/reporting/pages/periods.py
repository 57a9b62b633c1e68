"""Which period a page shows, and the periods before it that the IKM trend chart covers."""
from __future__ import annotations

from datetime import datetime

from services.reporting.domain.periods import WIB, Period, PeriodError, parse_period

PER_YEAR = {"Y": 1, "S": 2, "Q": 4}
ROMAN = ("I", "II", "III", "IV")


def requested_period(text: str | None) -> Period:
    """The period asked for (`?periode=2026-Q3`), the current year by default; PeriodError if malformed."""
    return parse_period(text) if text else Period(datetime.now(WIB).year, "Y", 1)


def preceding(period: Period, count: int = 4) -> list[Period]:
    """`count` periods of the same kind ending with `period`, oldest first (2026-Q1 -> 2025-Q2 .. 2026-Q1)."""
    per_year = PER_YEAR[period.kind]
    index = period.year * per_year + period.number - 1
    return [Period(i // per_year, period.kind, i % per_year + 1) for i in range(index - count + 1, index + 1)]


def period_name(period: Period) -> str:
    """Tahun 2026, Semester I 2026, Triwulan III 2026: how the report's period is said on paper."""
    if period.kind == "Y":
        return f"Tahun {period.year}"
    word = "Semester" if period.kind == "S" else "Triwulan"
    return f"{word} {ROMAN[period.number - 1]} {period.year}"


def choices(today_year: int) -> list[tuple[str, str]]:
    """The periods offered in the picker: this year and the one before, each as year, semesters and quarters."""
    found = []
    for year in (today_year, today_year - 1):
        found += [Period(year, "Y", 1)] + [Period(year, "S", s) for s in (1, 2)] \
            + [Period(year, "Q", q) for q in range(1, 5)]
    return [(p.label, period_name(p)) for p in found]


__all__ = ["PeriodError", "choices", "period_name", "preceding", "requested_period"]
