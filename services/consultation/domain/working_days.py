"""Working-day calendar for SP4N-LAPOR! deadlines: weekends and public holidays skipped.

Day-counting rule (what every deadline in this service relies on):

* A moment is turned into a calendar day in Tebingtinggi local time (WIB, UTC+7).
  Timezone-aware datetimes are converted first; naive datetimes are taken as WIB
  wall-clock time; plain dates are used as they are.
* If that day is not a working day (Saturday, Sunday or a holiday), the report is
  treated as received on the next working day: the clock starts there.
* The deadline is the n-th working day *after* the (possibly moved) start day. The
  start day itself never counts, whatever the hour.

Examples with no holidays: Friday + 3 -> Wednesday; Saturday + 3 -> Thursday (it
counts as received on Monday); Monday + 3 -> Thursday. n = 0 gives the start day,
moved forward if needed.

The holidays in force are configuration, read once at start (services/consultation/config.py)
and passed in as a WorkingCalendar. See docs/domain.md, 'Complaint deadlines'.
"""

from collections.abc import Iterable
from datetime import date, datetime, timedelta, timezone

LOCAL_TZ = timezone(timedelta(hours=7), "WIB")

# Verify each year against the SKB 3 Menteri on libur nasional and cuti bersama; operators
# extend or replace this list through configuration (PUBLIC_HOLIDAYS, read by config.py). 2026 is taken from SKB
# 1497/2025, 2/2025, 5/2025. 2027 had no SKB when this was written: lunar and
# lunisolar dates (Islamic, Nyepi, Waisak, Imlek) are astronomical estimates and may
# move a day, and its cuti bersama are guesses from earlier years' pattern.
DEFAULT_HOLIDAYS: tuple[tuple[str, str], ...] = (
    ("2026-01-01", "Tahun Baru Masehi"),
    ("2026-01-16", "Isra Mi'raj Nabi Muhammad SAW"),
    ("2026-02-16", "Cuti bersama Tahun Baru Imlek"),
    ("2026-02-17", "Tahun Baru Imlek 2577"),
    ("2026-03-18", "Cuti bersama Hari Suci Nyepi"),
    ("2026-03-19", "Hari Suci Nyepi, Tahun Baru Saka 1948"),
    ("2026-03-20", "Cuti bersama Idul Fitri"),
    ("2026-03-21", "Idul Fitri 1447 H"),
    ("2026-03-22", "Idul Fitri 1447 H"),
    ("2026-03-23", "Cuti bersama Idul Fitri"),
    ("2026-03-24", "Cuti bersama Idul Fitri"),
    ("2026-04-03", "Wafat Yesus Kristus"),
    ("2026-04-05", "Kebangkitan Yesus Kristus (Paskah)"),
    ("2026-05-01", "Hari Buruh Internasional"),
    ("2026-05-14", "Kenaikan Yesus Kristus"),
    ("2026-05-15", "Cuti bersama Kenaikan Yesus Kristus"),
    ("2026-05-27", "Idul Adha 1447 H"),
    ("2026-05-28", "Cuti bersama Idul Adha"),
    ("2026-05-31", "Hari Raya Waisak 2570 BE"),
    ("2026-06-01", "Hari Lahir Pancasila"),
    ("2026-06-16", "Tahun Baru Islam 1448 H"),
    ("2026-08-17", "Hari Kemerdekaan RI"),
    ("2026-08-25", "Maulid Nabi Muhammad SAW"),
    ("2026-12-24", "Cuti bersama Hari Raya Natal"),
    ("2026-12-25", "Hari Raya Natal"),
    ("2027-01-01", "Tahun Baru Masehi"),
    ("2027-01-05", "Isra Mi'raj Nabi Muhammad SAW (estimate)"),
    ("2027-02-06", "Tahun Baru Imlek 2578 (estimate)"),
    ("2027-03-09", "Hari Suci Nyepi, Tahun Baru Saka 1949 (estimate)"),
    ("2027-03-10", "Idul Fitri 1448 H (estimate)"),
    ("2027-03-11", "Idul Fitri 1448 H (estimate)"),
    ("2027-03-12", "Cuti bersama Idul Fitri (guess)"),
    ("2027-03-26", "Wafat Yesus Kristus"),
    ("2027-03-28", "Kebangkitan Yesus Kristus (Paskah)"),
    ("2027-05-01", "Hari Buruh Internasional"),
    ("2027-05-06", "Kenaikan Yesus Kristus"),
    ("2027-05-17", "Idul Adha 1448 H (estimate)"),
    ("2027-05-20", "Hari Raya Waisak 2571 BE (estimate)"),
    ("2027-06-01", "Hari Lahir Pancasila"),
    ("2027-06-06", "Tahun Baru Islam 1449 H (estimate)"),
    ("2027-08-15", "Maulid Nabi Muhammad SAW (estimate)"),
    ("2027-08-17", "Hari Kemerdekaan RI"),
    ("2027-12-24", "Cuti bersama Hari Raya Natal (guess)"),
    # Isra Mi'raj 1449 H is estimated near 2027-12-25/26: a day already off.
    ("2027-12-25", "Hari Raya Natal"),
)


def local_date(moment: date | datetime) -> date:
    """The WIB calendar day of a moment (see the module docstring for naive values)."""
    if isinstance(moment, datetime):
        if moment.tzinfo is not None:
            moment = moment.astimezone(LOCAL_TZ)
        return moment.date()
    return moment


class WorkingCalendar:
    """Monday to Friday, minus the given holidays (by default the national list above)."""

    def __init__(self, holidays: Iterable[date] | None = None) -> None:
        self.holidays = frozenset(national_holidays() if holidays is None else holidays)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, WorkingCalendar) and other.holidays == self.holidays

    def __hash__(self) -> int:
        return hash(self.holidays)

    def __repr__(self) -> str:
        return f"WorkingCalendar({len(self.holidays)} holidays)"

    def is_working_day(self, d: date | datetime) -> bool:
        day = local_date(d)
        return day.weekday() < 5 and day not in self.holidays

    def start_day(self, start: date | datetime) -> date:
        """The day the clock starts: the start day, or the next working day after it."""
        day = local_date(start)
        while not self.is_working_day(day):
            day += timedelta(days=1)
        return day

    def add_working_days(self, start: date | datetime, n: int) -> date:
        """The deadline: the n-th working day after the start day (module docstring)."""
        if n < 0:
            raise ValueError(f"n must be zero or more, got {n}")
        day = self.start_day(start)
        remaining = n
        while remaining:
            day += timedelta(days=1)
            if self.is_working_day(day):
                remaining -= 1
        return day

    def working_days_between(self, start: date | datetime, end: date | datetime) -> int:
        """Working days after the start day up to and including the end day; never negative.

        The start day is moved like in add_working_days, so that
        working_days_between(s, add_working_days(s, n)) == n for every s.
        """
        day, last = self.start_day(start), local_date(end)
        count = 0
        while day < last:
            day += timedelta(days=1)
            if self.is_working_day(day):
                count += 1
        return count


def national_holidays() -> list[date]:
    """The national holidays and cuti bersama of DEFAULT_HOLIDAYS, as dates."""
    return [date.fromisoformat(day) for day, _name in DEFAULT_HOLIDAYS]


def parse_holidays(text: str) -> list[date]:
    """Comma-separated ISO dates; a bad entry raises because a silent skip would shift deadlines."""
    days = []
    for entry in text.split(","):
        entry = entry.strip()
        if not entry:
            continue
        try:
            days.append(date.fromisoformat(entry))
        except ValueError:
            raise ValueError(f"{entry!r} is not an ISO date (YYYY-MM-DD)") from None
    return days


def holiday_calendar(extra: Iterable[date] = (), *, replace: bool = False) -> WorkingCalendar:
    """The national holidays plus `extra`, or only `extra` when `replace` is set."""
    return WorkingCalendar(list(extra) if replace else [*national_holidays(), *extra])
