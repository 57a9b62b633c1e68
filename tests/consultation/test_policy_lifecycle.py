"""Policy life cycle as the city runs it: every allowed move, every forbidden one, and what each move does."""

import re
from itertools import product
from pathlib import Path

import pytest

from services.consultation.domain.policy_lifecycle import (
    EDITABLE,
    EVENT_SUFFIX,
    FREEZES,
    LABELS,
    MOVE_LABELS,
    NEEDS_ANSWERS,
    NEEDS_CLOSING_DATE,
    STARTS_VERSION,
    TRANSITIONS,
    PolicyState,
    PolicyTransitionError,
    Revision,
    allowed_targets,
    check_transition,
    revise,
)

P = PolicyState
ALLOWED = {
    (P.DRAFT, P.IN_CONSULTATION),
    (P.IN_CONSULTATION, P.CONSULTATION_CLOSED),
    (P.CONSULTATION_CLOSED, P.IN_REVISION),
    (P.IN_REVISION, P.IN_CONSULTATION),     # a new round
    (P.IN_REVISION, P.ADOPTED),
    (P.ADOPTED, P.IN_IMPLEMENTATION),
    (P.IN_IMPLEMENTATION, P.UNDER_EVALUATION),
    (P.UNDER_EVALUATION, P.REVISED),
    (P.UNDER_EVALUATION, P.RETIRED),
}
FORBIDDEN = sorted(set(product(P, P)) - ALLOWED)


@pytest.mark.parametrize(("current", "target"), sorted(ALLOWED))
def test_allowed_transition(current, target):
    assert check_transition(current.value, target.value) is target


@pytest.mark.parametrize(("current", "target"), FORBIDDEN)
def test_forbidden_transition_raises_and_lists_allowed(current, target):
    with pytest.raises(PolicyTransitionError) as err:
        check_transition(current, target)
    message = str(err.value)
    assert "allowed:" in message
    for ok in allowed_targets(current):
        assert ok.value in message


def test_the_table_holds_exactly_the_allowed_moves():
    assert {(src, dst) for src, targets in TRANSITIONS.items() for dst in targets} == ALLOWED
    assert len(ALLOWED) == 9 and len(FORBIDDEN) == 9 * 9 - 9


def test_withdrawing_a_consultation_is_not_allowed():
    with pytest.raises(PolicyTransitionError, match="allowed: consultation_closed"):
        check_transition("in_consultation", "draft")


def test_a_consultation_is_never_adopted_without_closing_and_revising():
    for source in (P.IN_CONSULTATION, P.CONSULTATION_CLOSED):
        with pytest.raises(PolicyTransitionError):
            check_transition(source, "adopted")


def test_what_each_move_does_to_the_text():
    assert FREEZES == {P.IN_CONSULTATION: "consultation", P.ADOPTED: "adoption"}
    assert STARTS_VERSION == {P.IN_REVISION, P.REVISED}
    assert EDITABLE == {P.DRAFT, P.IN_REVISION}
    assert NEEDS_CLOSING_DATE == {P.IN_CONSULTATION} and NEEDS_ANSWERS == {P.ADOPTED}
    # Every effect belongs to a state that some move reaches.
    reached = {dst for _src, dst in ALLOWED}
    assert set(FREEZES) | STARTS_VERSION | NEEDS_CLOSING_DATE | NEEDS_ANSWERS <= reached


def test_every_state_and_move_has_its_indonesian_words():
    assert set(LABELS) == set(P)
    assert set(MOVE_LABELS) == {dst for _src, dst in ALLOWED}


def test_final_states_say_so():
    assert allowed_targets("retired") == ()
    with pytest.raises(PolicyTransitionError, match="retired is final"):
        check_transition("retired", "draft")


def test_allowed_targets_in_lifecycle_order():
    assert allowed_targets("under_evaluation") == (P.REVISED, P.RETIRED)


def test_revise_starts_the_next_version_in_draft():
    assert revise("under_evaluation", 1) == Revision(version=2, state=P.DRAFT)


@pytest.mark.parametrize("state", [s for s in P if s is not P.UNDER_EVALUATION])
def test_revise_only_from_evaluation(state):
    with pytest.raises(PolicyTransitionError):
        revise(state, 1)


def test_unknown_state():
    with pytest.raises(PolicyTransitionError, match="known:"):
        check_transition("approved", "adopted")


def test_every_state_has_an_event_suffix():
    assert set(EVENT_SUFFIX) == set(P)
    assert EVENT_SUFFIX[P.IN_CONSULTATION] == "consultation_opened"
    assert EVENT_SUFFIX[P.CONSULTATION_CLOSED] == "consultation_closed"
    assert EVENT_SUFFIX[P.IN_REVISION] == "revision_started"
    assert len(set(EVENT_SUFFIX.values())) == len(EVENT_SUFFIX)


def test_the_diagram_in_the_docs_draws_exactly_the_allowed_moves():
    doc = (Path(__file__).resolve().parents[2] / "docs" / "consultation.md").read_text()
    diagram = doc[doc.index("stateDiagram-v2"):doc.index("```", doc.index("stateDiagram-v2"))]
    drawn = {(P(a), P(b)) for a, b in re.findall(r"^\s*(\w+) --> (\w+)", diagram, re.M)}
    assert drawn == ALLOWED
