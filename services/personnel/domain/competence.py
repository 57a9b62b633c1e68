"""The competence-development rules (JP per year, leadership training deadline) in one place."""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import Any

from services.personnel.domain.dates import add_months
from services.personnel.domain.positions import (
    EmployeeType,
    LeadershipLevel,
    parse_employee_type,
    required_leadership_training,
)

PNS_MIN_JP_PER_YEAR = 20  # PP 11/2017 art. 203(4): a minimum every PNS must reach
PPPK_MAX_JP_PER_YEAR = 24  # PP 49/2018 art. 40: a cap, not a minimum
MAX_JP_PER_RECORD = 1000  # sanity bound on one training record, catches typos

TRAINING_KINDS = frozenset(
    {"teknis", "manajerial", "kepemimpinan", "fungsional", "sosial_kultural", "seminar", "workshop", "kursus"}
)
LEADERSHIP_LEVELS = frozenset(LeadershipLevel)
COMPLETED = "completed"


@dataclass(frozen=True)
class LeadershipWindow:
    """How long a new official has to complete leadership training, counted from TMT jabatan.

    "Within one year" (docs/domain.md, 'Leadership training') is the calendar anniversary:
    TMT 15 January 2024 is due on 15 January 2025, not 365 days later. Only a news report on
    PermenPANRB 22/2021 gives the year, hence a setting (LEADERSHIP_TRAINING_WINDOW_MONTHS).
    """

    months: int = 12

    def __post_init__(self):
        if isinstance(self.months, bool) or not isinstance(self.months, int) or self.months <= 0:
            raise ValueError(f"the leadership-training window must be a positive whole number of months, "
                             f"got {self.months!r}")

    def due_date(self, tmt_jabatan: date) -> date:
        return add_months(tmt_jabatan, self.months)


def _get(record: Any, name: str) -> Any:
    # Records arrive as ORM rows, dataclasses or plain dicts from events.
    if isinstance(record, dict):
        return record.get(name)
    return getattr(record, name, None)


def _completed_on(record: Any) -> date | None:
    # The actual completion date wins over the scheduled end date.
    return _get(record, "completed_date") or _get(record, "end_date")


def jp_total(records: Iterable[Any], year: int) -> int:
    """Sum the JP of records completed in `year`; planned or cancelled training earns nothing."""
    total = 0
    for record in records:
        status = _get(record, "status")
        status = getattr(status, "value", status)
        finished = _completed_on(record)
        if str(status).lower() == COMPLETED and finished is not None and finished.year == year:
            total += _get(record, "jp") or 0
    return total


@dataclass(frozen=True)
class JpStatus:
    total: int
    minimum: int | None  # PNS only
    cap: int | None  # PPPK only
    reached_minimum: bool | None  # None where no minimum applies
    over_cap: bool | None  # None where no cap applies
    shortfall: int | None  # JP still missing to the minimum; None where no minimum applies


def jp_status(employee_type: str, total: int) -> JpStatus:
    """Judge a year's JP total against the rule for this employee type."""
    if parse_employee_type(employee_type) is EmployeeType.PNS:
        minimum = PNS_MIN_JP_PER_YEAR
        return JpStatus(total, minimum, None, total >= minimum, None, max(0, minimum - total))
    cap = PPPK_MAX_JP_PER_YEAR
    return JpStatus(total, None, cap, None, total > cap, None)


@dataclass(frozen=True)
class LeadershipRequirement:
    required_level: LeadershipLevel | None  # None: the position needs no leadership training
    due_date: date | None  # TMT + window; None when nothing is required
    done: bool  # True also when nothing is required
    overdue: bool  # required, not done, and today is past the due date
    within_window: bool  # required and today is between TMT and the due date (inclusive)


def leadership_requirement(
    position_type: str, tmt_jabatan: date, completed_levels: Iterable[str], today: date,
    window: LeadershipWindow = LeadershipWindow(),
) -> LeadershipRequirement:
    """Whether an official has the leadership training their position needs, and by when."""
    level = required_leadership_training(position_type)
    if level is None:
        return LeadershipRequirement(None, None, done=True, overdue=False, within_window=False)
    due = window.due_date(tmt_jabatan)
    # Only the level matching the position counts (docs/domain.md, 'Leadership training').
    done = level.value in {str(done_level) for done_level in completed_levels}
    return LeadershipRequirement(
        required_level=level,
        due_date=due,
        done=done,
        overdue=not done and today > due,
        within_window=tmt_jabatan <= today <= due,
    )
