"""Policy socialization: which policies can be socialized, and in what kind of session."""

from enum import StrEnum


class SessionFormat(StrEnum):
    WORKSHOP = "workshop"
    SEMINAR = "seminar"


# Socialization belongs to the implementation phase: a policy must have been adopted and
# not yet retired. The states are consultation's (consultation.policy.* events).
SOCIALIZABLE_STATES = frozenset({"adopted", "in_implementation", "under_evaluation", "revised"})


def can_socialize(policy_state: str) -> bool:
    return policy_state in SOCIALIZABLE_STATES
