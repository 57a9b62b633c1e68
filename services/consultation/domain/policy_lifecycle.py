"""The policy life cycle as the city runs it: drafted, consulted on (in rounds), revised, adopted, implemented,
evaluated, then revised for the next cycle or retired.

    draft ──► in_consultation ──► consultation_closed ──► in_revision ──► adopted
                   ▲                                           │
                   └──────── a new round of consultation ◄─────┘
    adopted ──► in_implementation ──► under_evaluation ──► revised (version + 1 starts in draft)
                                                       └─► retired

Every allowed move is in TRANSITIONS, once; what a move does to the text is stated beside it:
opening a round freezes the text that citizens read (FREEZES), the revision works on a new
version copied from the consulted one (STARTS_VERSION), adoption freezes the adopted text.
"revised" and "retired" are final for their version: revising records the old version as
revised and opens version + 1 in draft, so what was consulted on and adopted stays on record.
The diagram is also in docs/consultation.md.
"""

from enum import StrEnum
from typing import NamedTuple


class PolicyState(StrEnum):
    DRAFT = "draft"
    IN_CONSULTATION = "in_consultation"
    CONSULTATION_CLOSED = "consultation_closed"
    IN_REVISION = "in_revision"
    ADOPTED = "adopted"
    IN_IMPLEMENTATION = "in_implementation"
    UNDER_EVALUATION = "under_evaluation"
    REVISED = "revised"
    RETIRED = "retired"


S = PolicyState
TRANSITIONS: dict[PolicyState, tuple[PolicyState, ...]] = {
    S.DRAFT: (S.IN_CONSULTATION,),
    S.IN_CONSULTATION: (S.CONSULTATION_CLOSED,),
    S.CONSULTATION_CLOSED: (S.IN_REVISION,),
    S.IN_REVISION: (S.IN_CONSULTATION, S.ADOPTED),  # another round, or the revised text is adopted
    S.ADOPTED: (S.IN_IMPLEMENTATION,),
    S.IN_IMPLEMENTATION: (S.UNDER_EVALUATION,),
    S.UNDER_EVALUATION: (S.REVISED, S.RETIRED),
    S.REVISED: (),
    S.RETIRED: (),
}

# Entering these states freezes the version being worked on, for this purpose.
FREEZES: dict[PolicyState, str] = {S.IN_CONSULTATION: "consultation", S.ADOPTED: "adoption"}
# Entering these states starts version + 1 as a copy of the current text.
STARTS_VERSION = frozenset({S.IN_REVISION, S.REVISED})
# The text may be edited only here: a frozen version never changes.
EDITABLE = frozenset({S.DRAFT, S.IN_REVISION})
# Entering these states needs a closing date for the round of consultation.
NEEDS_CLOSING_DATE = frozenset({S.IN_CONSULTATION})
# Entering these states needs every comment answered, or staff's confirmation with a reason.
NEEDS_ANSWERS = frozenset({S.ADOPTED})

# Last part of the event type announcing that a policy entered the state.
EVENT_SUFFIX: dict[PolicyState, str] = {
    S.DRAFT: "drafted",
    S.IN_CONSULTATION: "consultation_opened",
    S.CONSULTATION_CLOSED: "consultation_closed",
    S.IN_REVISION: "revision_started",
    S.ADOPTED: "adopted",
    S.IN_IMPLEMENTATION: "implementation_started",
    S.UNDER_EVALUATION: "evaluation_started",
    S.REVISED: "revised",
    S.RETIRED: "retired",
}

LABELS: dict[PolicyState, str] = {
    S.DRAFT: "Rancangan",
    S.IN_CONSULTATION: "Konsultasi publik",
    S.CONSULTATION_CLOSED: "Konsultasi ditutup",
    S.IN_REVISION: "Perbaikan rancangan",
    S.ADOPTED: "Ditetapkan",
    S.IN_IMPLEMENTATION: "Pelaksanaan",
    S.UNDER_EVALUATION: "Evaluasi",
    S.REVISED: "Direvisi",
    S.RETIRED: "Dicabut",
}

# What the button that takes each move says, on the staff pages.
MOVE_LABELS: dict[PolicyState, str] = {
    S.IN_CONSULTATION: "Buka konsultasi publik",
    S.CONSULTATION_CLOSED: "Tutup konsultasi sekarang",
    S.IN_REVISION: "Mulai perbaikan rancangan",
    S.ADOPTED: "Tetapkan kebijakan",
    S.IN_IMPLEMENTATION: "Mulai pelaksanaan",
    S.UNDER_EVALUATION: "Mulai evaluasi",
    S.REVISED: "Revisi untuk siklus berikutnya",
    S.RETIRED: "Cabut kebijakan",
}


class PolicyTransitionError(ValueError):
    pass


def _state(value: str) -> PolicyState:
    try:
        return PolicyState(value)
    except ValueError:
        known = ", ".join(s.value for s in PolicyState)
        raise PolicyTransitionError(f"unknown policy state {value!r}; known: {known}") from None


def allowed_targets(current: str) -> tuple[PolicyState, ...]:
    """States reachable in one step, in lifecycle order; empty for a final state."""
    return TRANSITIONS[_state(current)]


def check_transition(current: str, target: str) -> PolicyState:
    """Return the target state if the move is allowed, else raise PolicyTransitionError."""
    src, dst = _state(current), _state(target)
    allowed = TRANSITIONS[src]
    if dst not in allowed:
        listed = ", ".join(s.value for s in allowed) or f"none, {src.value} is final"
        raise PolicyTransitionError(f"policy cannot go from {src.value} to {dst.value}; allowed: {listed}")
    return dst


def is_editable(state: str) -> bool:
    return _state(state) in EDITABLE


def is_final(state: str) -> bool:
    return not TRANSITIONS[_state(state)]


class Revision(NamedTuple):
    version: int
    state: PolicyState


def revise(current: str, version: int) -> Revision:
    """Mark this version revised and return the successor: version + 1, in draft."""
    check_transition(current, PolicyState.REVISED)
    if version < 1:
        raise PolicyTransitionError(f"policy versions start at 1, got {version}")
    return Revision(version + 1, PolicyState.DRAFT)
