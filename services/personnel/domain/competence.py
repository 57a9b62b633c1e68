"""The competence-development rules (JP per year, leadership training deadline) in one place."""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from typing import Any

from services.personnel.domain.dates import add_months
from services.personnel.domain.positions import (
    EmployeeType,
    LeadershipLevel,
    highest_level,
    parse_employee_type,
    required_leadership_training,
    satisfies,
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


# "Due soon" on the competence page: the deadline falls within this many months of the day judged.
DUE_SOON_MONTHS = 3


@dataclass(frozen=True)
class LeadershipFacts:
    """What an official's leadership training stands at, independent of the day it is judged on.

    Personnel publishes these in its employee events, so that reporting judges with the same
    due date and the same reading of the levels as the competence page.
    """

    required_level: LeadershipLevel | None  # None: the position needs no leadership training
    due_date: date | None  # TMT jabatan + the window; None without a requirement or a TMT
    met_on: date | None  # the first day a completed training at the required level or higher ended
    highest_level: LeadershipLevel | None  # the highest level ever completed, whatever the position


def leadership_facts(position_type: str | None, tmt_jabatan: date | None,
                     completions: Iterable[tuple[str, date]],
                     window: LeadershipWindow = LeadershipWindow()) -> LeadershipFacts:
    """The requirement of the position, its deadline, and when (if ever) it was met.

    `completions` are (leadership level, end date) of completed, unrevoked training. A higher
    level satisfies a lower requirement (PKN II ⊇ PKA ⊇ PKP; domain/positions.py).
    """
    completions = [(str(level), end) for level, end in completions if level]
    required = required_leadership_training(position_type) if position_type else None
    highest = highest_level(level for level, _ in completions)
    if required is None:
        return LeadershipFacts(None, None, None, highest)
    met = [end for level, end in completions if satisfies(level, required)]
    due = window.due_date(tmt_jabatan) if tmt_jabatan else None
    return LeadershipFacts(required, due, min(met, default=None), highest)


class LeadershipState(StrEnum):
    """Where an official stands on one day; each official is in exactly one (as reporting counts them)."""

    DONE = "done"
    WITHIN_WINDOW = "within_window"
    OVERDUE = "overdue"
    NO_TMT = "no_tmt"  # required, not done, and no TMT jabatan recorded: no deadline can run


def leadership_state(facts: LeadershipFacts, on: date) -> LeadershipState | None:
    """Judge the facts on a day; None when the position requires nothing."""
    if facts.required_level is None:
        return None
    if facts.met_on is not None and facts.met_on <= on:
        return LeadershipState.DONE
    if facts.due_date is None:
        return LeadershipState.NO_TMT
    return LeadershipState.OVERDUE if on > facts.due_date else LeadershipState.WITHIN_WINDOW


def due_soon(facts: LeadershipFacts, on: date) -> bool:
    """Not done, not yet overdue, and the deadline falls within DUE_SOON_MONTHS of the day judged."""
    return (leadership_state(facts, on) is LeadershipState.WITHIN_WINDOW
            and facts.due_date <= add_months(on, DUE_SOON_MONTHS))


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
    """Whether an official has the leadership training their position needs, and by when.

    `completed_levels` were all completed by `today`; a higher level counts for a lower requirement.
    """
    facts = leadership_facts(position_type, tmt_jabatan, [(level, today) for level in completed_levels], window)
    if facts.required_level is None:
        return LeadershipRequirement(None, None, done=True, overdue=False, within_window=False)
    state = leadership_state(facts, today)
    return LeadershipRequirement(
        required_level=facts.required_level,
        due_date=facts.due_date,
        done=state is LeadershipState.DONE,
        overdue=state is LeadershipState.OVERDUE,
        within_window=tmt_jabatan <= today <= facts.due_date,
    )
