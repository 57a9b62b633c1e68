"""Lifecycle of a policy version: drafted, consulted on, adopted, implemented, evaluated, then revised or retired.

The chain is strict and one-way:

    draft -> in_consultation -> adopted -> in_implementation -> under_evaluation
    under_evaluation -> revised | retired

"revised" and "retired" are final for that version. Revising does not reopen the
old version: revise() marks it revised and starts version + 1 in draft, so what was
consulted on and adopted stays on record unchanged. Withdrawing a consultation back
to draft is deliberately not allowed; rework goes through evaluation and revision.
"""

from enum import StrEnum
from typing import NamedTuple


class PolicyState(StrEnum):
    DRAFT = "draft"
    IN_CONSULTATION = "in_consultation"
    ADOPTED = "adopted"
    IN_IMPLEMENTATION = "in_implementation"
    UNDER_EVALUATION = "under_evaluation"
    REVISED = "revised"
    RETIRED = "retired"


TRANSITIONS: dict[PolicyState, tuple[PolicyState, ...]] = {
    PolicyState.DRAFT: (PolicyState.IN_CONSULTATION,),
    PolicyState.IN_CONSULTATION: (PolicyState.ADOPTED,),
    PolicyState.ADOPTED: (PolicyState.IN_IMPLEMENTATION,),
    PolicyState.IN_IMPLEMENTATION: (PolicyState.UNDER_EVALUATION,),
    PolicyState.UNDER_EVALUATION: (PolicyState.REVISED, PolicyState.RETIRED),
    PolicyState.REVISED: (),
    PolicyState.RETIRED: (),
}

# Last part of the event type announcing that a policy entered the state.
EVENT_SUFFIX: dict[PolicyState, str] = {
    PolicyState.DRAFT: "drafted",
    PolicyState.IN_CONSULTATION: "consultation_opened",
    PolicyState.ADOPTED: "adopted",
    PolicyState.IN_IMPLEMENTATION: "implementation_started",
    PolicyState.UNDER_EVALUATION: "evaluation_started",
    PolicyState.REVISED: "revised",
    PolicyState.RETIRED: "retired",
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


class Revision(NamedTuple):
    version: int
    state: PolicyState


def revise(current: str, version: int) -> Revision:
    """Mark this version revised and return the successor: version + 1, in draft."""
    check_transition(current, PolicyState.REVISED)
    if version < 1:
        raise PolicyTransitionError(f"policy versions start at 1, got {version}")
    return Revision(version + 1, PolicyState.DRAFT)
