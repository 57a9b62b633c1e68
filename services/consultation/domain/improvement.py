"""Improvement plans (rencana tindak lanjut): the rules of a plan and of its actions, in one place.

A plan belongs to one policy and one evaluation period. BKPSDM fills it with actions, each
either taken from a recommendation of an evaluation report (keeping the rule, the figure, its
value and its threshold as they were) or added by hand with a reason, then adopts it.

    plan:    draft ──► adopted            (actions may be added in either state)
    action:  planned ──► in_progress ──► done      (a note is the evidence; an attachment may back it)
                │              └───────► dropped   (with a reason)
                └──────────────────────► dropped

An open action (planned or in progress) past its deadline is overdue; the worker flags it once.
An action that names a policy article or version changes the policy's text: adopting a plan
with such an action starts the policy's next version ("revised"). The diagram is also in
docs/improvement.md.
"""
from __future__ import annotations

import re
from datetime import date
from enum import StrEnum


class PlanState(StrEnum):
    DRAFT = "draft"
    ADOPTED = "adopted"


class ActionState(StrEnum):
    PLANNED = "planned"
    IN_PROGRESS = "in_progress"
    DONE = "done"
    DROPPED = "dropped"


A = ActionState
MOVES: dict[ActionState, tuple[ActionState, ...]] = {
    A.PLANNED: (A.IN_PROGRESS, A.DROPPED),
    A.IN_PROGRESS: (A.DONE, A.DROPPED),
    A.DONE: (),
    A.DROPPED: (),
}
OPEN = frozenset({A.PLANNED, A.IN_PROGRESS})
ORIGINS = ("recommendation", "manual")

# Last part of consultation.improvement.<...>: what happened to the plan.
EVENT_SUFFIX: dict[ActionState, str] = {A.IN_PROGRESS: "action_started", A.DONE: "action_done",
                                        A.DROPPED: "action_dropped"}

LABELS: dict[str, str] = {A.PLANNED: "Direncanakan", A.IN_PROGRESS: "Sedang dikerjakan", A.DONE: "Selesai",
                          A.DROPPED: "Dibatalkan", PlanState.DRAFT: "Rancangan", PlanState.ADOPTED: "Ditetapkan"}
MOVE_LABELS: dict[ActionState, str] = {A.IN_PROGRESS: "Mulai kerjakan", A.DONE: "Tandai selesai",
                                       A.DROPPED: "Batalkan"}

_PERIOD = re.compile(r"^\d{4}(-S[12]|-Q[1-4])?$")
MAX_TEXT = 2000


class ImprovementError(ValueError):
    """A rule of plans and actions was broken; `field` names the input at fault, if any."""

    def __init__(self, message: str, field: str | None = None):
        super().__init__(message)
        self.field = field


def _text(value: str | None, field: str, what: str) -> str:
    value = (value or "").strip()
    if not value:
        raise ImprovementError(f"{what} is required.", field)
    if len(value) > MAX_TEXT:
        raise ImprovementError(f"{what} is longer than {MAX_TEXT} characters.", field)
    return value


def check_period(label: str) -> str:
    """An evaluation period as reporting names it: 2026, 2026-S1 or 2026-Q3."""
    label = (label or "").strip().upper()
    if not _PERIOD.match(label):
        raise ImprovementError(f"{label!r} is not a period (2026, 2026-S1, 2026-Q3).", "period")
    return label


def check_new_action(*, origin: str, description: str | None, deadline: date | None, today: date,
                     reason: str | None = None, recommendation: dict | None = None) -> dict:
    """The checked fields of a new action. From a recommendation it keeps the rule, the figure, its value and
    its threshold; by hand it needs a reason. The deadline is today or later."""
    if origin not in ORIGINS:
        raise ImprovementError(f"origin must be one of {', '.join(ORIGINS)}.", "origin")
    checked = {"description": _text(description, "description", "What will be done")}
    if deadline is None:
        raise ImprovementError("A deadline is required.", "deadline")
    if deadline < today:
        raise ImprovementError(f"The deadline {deadline.isoformat()} has passed already.", "deadline")
    checked["deadline"] = deadline
    if origin == "manual":
        checked["reason"] = _text(reason, "reason", "An action added by hand needs a reason")
        return checked
    rec = recommendation or {}
    for key in ("rule", "figure"):
        if not (rec.get(key) or "").strip():
            raise ImprovementError(f"The recommendation's {key} is required.", f"recommendation.{key}")
    for key in ("value", "threshold"):
        if not isinstance(rec.get(key), int | float) or isinstance(rec.get(key), bool):
            raise ImprovementError(f"The recommendation's {key} must be a number.", f"recommendation.{key}")
    checked.update({"rule": rec["rule"].strip(), "figure": rec["figure"].strip(), "value": float(rec["value"]),
                    "threshold": float(rec["threshold"]), "subject": (rec.get("subject") or None),
                    "recommendation_text": (rec.get("text") or "").strip() or None,
                    "reason": (reason or "").strip() or None})
    return checked


def check_move(current: str, target: str, *, note: str | None = None, reason: str | None = None) -> ActionState:
    """The target state if the move is allowed and has what it needs (done: a note; dropped: a reason)."""
    try:
        src, dst = ActionState(current), ActionState(target)
    except ValueError:
        raise ImprovementError(f"unknown action state {target!r}; known: "
                               f"{', '.join(s.value for s in ActionState)}", "target") from None
    if dst not in MOVES[src]:
        allowed = ", ".join(s.value for s in MOVES[src]) or f"none, {src.value} is final"
        raise ImprovementError(f"an action cannot go from {src.value} to {dst.value}; allowed: {allowed}", "target")
    if dst is A.DONE:
        _text(note, "note", "Evidence of what was done (a note)")
    if dst is A.DROPPED:
        _text(reason, "reason", "A reason for dropping the action")
    return dst


def allowed_moves(current: str) -> tuple[ActionState, ...]:
    return MOVES[ActionState(current)]


def is_unfinished(state: str) -> bool:
    return ActionState(state) in OPEN


def is_overdue(state: str, deadline: date, today: date) -> bool:
    """Still open after its deadline day (WIB)."""
    return is_unfinished(state) and today > deadline


def done_on_time(state: str, deadline: date, done_on: date | None) -> bool | None:
    """Whether a done action was done by its deadline; None while it is not done."""
    if state != A.DONE or done_on is None:
        return None
    return done_on <= deadline


def changes_text(policy_article: int | None, policy_version: int | None) -> bool:
    """An action that names an article or a version of the policy changes the policy's text."""
    return policy_article is not None or policy_version is not None


def check_adoption(state: str, action_count: int) -> None:
    if state != PlanState.DRAFT:
        raise ImprovementError("This plan has been adopted already.")
    if action_count == 0:
        raise ImprovementError("A plan needs at least one action before it is adopted.")


def may_progress(plan_state: str) -> bool:
    """Actions are worked on once the plan is adopted: before that they are proposals."""
    return plan_state == PlanState.ADOPTED
