"""SKM survey periods: a quarter, a semester or a year, with its dates and its Indonesian label.

PermenPANRB 14/2017 asks each unit to survey at least once a year, quarterly, half-yearly or yearly.
"""

from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta, timezone

WIB = timezone(timedelta(hours=7), "WIB")  # the city's clock: a day of the survey is a WIB day


def local_day(moment: datetime) -> date:
    """The WIB calendar day of a moment (a naive moment is taken as UTC, as the database stores it)."""
    return (moment if moment.tzinfo else moment.replace(tzinfo=UTC)).astimezone(WIB).date()

# period type -> (periods per year, the label's word for one period)
PERIOD_TYPES: dict[str, tuple[int, str]] = {
    "quarterly": (4, "Triwulan"),
    "half_yearly": (2, "Semester"),
    "yearly": (1, "Tahun"),
}
ROMAN = ("I", "II", "III", "IV")


@dataclass(frozen=True)
class Period:
    type: str
    year: int
    index: int
    label: str
    start: date
    end: date


def survey_period(period_type: str, year: int, index: int = 1) -> Period:
    """The dates and label of e.g. ("quarterly", 2026, 2) -> Triwulan II 2026, 1 April - 30 June."""
    if period_type not in PERIOD_TYPES:
        raise ValueError(f"period type must be one of {', '.join(PERIOD_TYPES)}, got {period_type!r}")
    per_year, word = PERIOD_TYPES[period_type]
    if not 1 <= index <= per_year:
        raise ValueError(f"a {period_type} period number must be 1..{per_year}, got {index}")
    months = 12 // per_year
    first_month = (index - 1) * months + 1
    start = date(year, first_month, 1)
    after = date(year + 1, 1, 1) if index == per_year else date(year, first_month + months, 1)
    label = f"Tahun {year}" if per_year == 1 else f"{word} {ROMAN[index - 1]} {year}"
    return Period(period_type, year, index, label, start, after - timedelta(days=1))
