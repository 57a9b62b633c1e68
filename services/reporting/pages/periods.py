"""How a period is said on a page and on paper, and the periods the picker offers."""
from __future__ import annotations

from services.reporting.domain.periods import Period

ROMAN = ("I", "II", "III", "IV")


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
