"""Every status of a citizen's report and every step between them (SP4N-LAPOR! practice), in one table.

docs/complaints.md draws this table as a state diagram (a test keeps the two equal); see
docs/domain.md, 'Citizen feedback'. Who may take a step is not decided here but in
workflow/access.py; what each step writes is in workflow/feedback_steps.py.

The report's *status* is one thing (Masuk, Diteruskan ke OPD, ...); the *official answer* on a
policy (diterima, ditolak, dicatat: domain/feedback.py) is another, and the two never share a word.
"""
from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Status(StrEnum):
    RECEIVED = "received"              # in, waiting for BKPSDM's verification
    FORWARDED = "forwarded"            # with the responsible department (OPD), its follow-up clock running
    INFO_REQUESTED = "info_requested"  # waiting for the citizen: every clock is paused
    RESPONDED = "responded"            # the department (or BKPSDM) has followed up; the citizen may reply
    ESCALATED = "escalated"            # not satisfied after the reopenings allowed: BKPSDM handles it itself
    CLOSED = "closed"


STATUS_LABELS = {
    Status.RECEIVED: "Masuk",
    Status.FORWARDED: "Diteruskan ke OPD",
    Status.INFO_REQUESTED: "Menunggu informasi dari pelapor",
    Status.RESPONDED: "Ditindaklanjuti",
    Status.ESCALATED: "Ditangani BKPSDM",
    Status.CLOSED: "Selesai",
}
OPEN = frozenset(Status) - {Status.CLOSED}


class Step(StrEnum):
    FORWARD = "forward"            # BKPSDM verifies and sends to a department
    REROUTE = "reroute"            # BKPSDM moves it to another department, with a reason
    REQUEST_INFO = "request_info"  # staff ask the citizen for more information (clock paused)
    PROVIDE_INFO = "provide_info"  # the citizen answers; the report goes back where it was
    RESPOND = "respond"            # the department's (or BKPSDM's) follow-up
    ACCEPT = "accept"              # the citizen is satisfied with the follow-up
    REOPEN = "reopen"              # not satisfied (the citizen) or not done (BKPSDM): back to work
    CLOSE = "close"                # staff close it
    AUTO_CLOSE = "auto_close"      # the system closes it when the citizen stays silent


@dataclass(frozen=True)
class Transition:
    step: Step
    source: Status
    targets: tuple[Status, ...]  # more than one: which one is decided by `target` below
    needs_reason: bool = False   # the reason is shown to the citizen


T, S = Transition, Status
TRANSITIONS: tuple[Transition, ...] = (
    T(Step.FORWARD, S.RECEIVED, (S.FORWARDED,)),
    T(Step.REROUTE, S.FORWARDED, (S.FORWARDED,), needs_reason=True),
    T(Step.REROUTE, S.ESCALATED, (S.FORWARDED,), needs_reason=True),
    T(Step.REQUEST_INFO, S.RECEIVED, (S.INFO_REQUESTED,), needs_reason=True),
    T(Step.REQUEST_INFO, S.FORWARDED, (S.INFO_REQUESTED,), needs_reason=True),
    T(Step.REQUEST_INFO, S.ESCALATED, (S.INFO_REQUESTED,), needs_reason=True),
    T(Step.PROVIDE_INFO, S.INFO_REQUESTED, (S.RECEIVED, S.FORWARDED, S.ESCALATED)),
    T(Step.RESPOND, S.FORWARDED, (S.RESPONDED,)),
    T(Step.RESPOND, S.ESCALATED, (S.RESPONDED,)),
    T(Step.ACCEPT, S.RESPONDED, (S.CLOSED,)),
    T(Step.REOPEN, S.RESPONDED, (S.FORWARDED, S.ESCALATED)),
    T(Step.REOPEN, S.CLOSED, (S.RECEIVED, S.FORWARDED, S.ESCALATED), needs_reason=True),
    # Closing without a follow-up (spam, a duplicate, information given directly) must be explained,
    # or it would be an easy way to make a report disappear.
    T(Step.CLOSE, S.RECEIVED, (S.CLOSED,), needs_reason=True),
    T(Step.CLOSE, S.INFO_REQUESTED, (S.CLOSED,), needs_reason=True),
    T(Step.CLOSE, S.ESCALATED, (S.CLOSED,), needs_reason=True),
    T(Step.CLOSE, S.RESPONDED, (S.CLOSED,)),
    T(Step.AUTO_CLOSE, S.RESPONDED, (S.CLOSED,)),
    T(Step.AUTO_CLOSE, S.INFO_REQUESTED, (S.CLOSED,)),
)
del T, S

# "Not satisfied" sends the report back to the same department at most this often; the next
# time it goes to BKPSDM (docs/domain.md, 'Citizen feedback').
REOPEN_LIMIT = 2


@dataclass(frozen=True)
class Where:
    """What decides a step's target when it has several: where a paused report was, its past."""

    paused_from: str | None = None  # the status before the citizen was asked for information
    forwarded: bool = False         # a department has been given the report at some point
    reopen_count: int = 0           # reopenings so far, before this one


class FlowError(ValueError):
    """A step that the report's status does not allow, or one missing its reason."""


def transition(step: str, current: str) -> Transition:
    """The transition `step` takes from `current`, or FlowError naming the steps allowed."""
    try:
        step, current = Step(step), Status(current)
    except ValueError as exc:
        raise FlowError(f"unknown step or status: {exc}") from None
    for candidate in TRANSITIONS:
        if candidate.step is step and candidate.source is current:
            return candidate
    allowed = ", ".join(allowed_steps(current)) or "none"
    raise FlowError(f"a report that is {current.value} cannot take the step {step.value}; allowed: {allowed}")


def allowed_steps(current: str) -> list[str]:
    """The steps a report in `current` may take, in the table's order."""
    return list(dict.fromkeys(t.step.value for t in TRANSITIONS if t.source == current))


def target(step: str, current: str, where: Where = Where(), reason: str | None = None) -> Status:
    """The status after `step`; FlowError if not allowed or if its reason is missing."""
    move = transition(step, current)
    if move.needs_reason and not (reason or "").strip():
        raise FlowError(f"the step {move.step.value} from {move.source.value} needs a reason")
    if len(move.targets) == 1:
        return move.targets[0]
    if move.step is Step.PROVIDE_INFO:
        resumed = Status(where.paused_from or Status.RECEIVED)
        if resumed not in move.targets:
            raise FlowError(f"a report paused from {resumed.value} cannot resume there")
        return resumed
    # REOPEN: never sent anywhere yet -> back to verification; else the same department, until
    # the limit is used up, and then BKPSDM.
    if not where.forwarded:
        return Status.RECEIVED
    return Status.FORWARDED if where.reopen_count < REOPEN_LIMIT else Status.ESCALATED


# The event each step announces (consultation.feedback.<verb>); CLOSE and AUTO_CLOSE and ACCEPT all
# end in "closed", with `closed_by` saying who closed it.
EVENT = {
    Step.FORWARD: "forwarded", Step.REROUTE: "rerouted", Step.REQUEST_INFO: "info_requested",
    Step.PROVIDE_INFO: "info_provided", Step.RESPOND: "responded", Step.ACCEPT: "closed",
    Step.REOPEN: "reopened", Step.CLOSE: "closed", Step.AUTO_CLOSE: "closed",
}
