"""Moving a policy along its life cycle, and what each move does to its text (docs/consultation.md).

Opening a round freezes the working version and sets the round's days; starting the revision
copies the consulted text into version + 1; adopting freezes the revised text and is refused
while comments wait for an answer, unless BKPSDM confirms with a reason that is shown publicly;
revising after evaluation starts the next cycle in draft. The worker closes a round through
`take_move` too (workflow/consultation_close.py).
"""
from __future__ import annotations

from datetime import date, datetime

from sqlalchemy.orm import Session

from services.consultation.db.models import Policy, PolicyVersion
from services.consultation.domain import comments as comment_rules
from services.consultation.domain.consultation_round import RoundError, RoundRules, check_closing_date
from services.consultation.domain.policy_lifecycle import (
    FREEZES,
    LABELS,
    NEEDS_ANSWERS,
    NEEDS_CLOSING_DATE,
    PolicyState,
    PolicyTransitionError,
    allowed_targets,
    check_transition,
    revise,
)
from services.consultation.domain.policy_text import ArticleError, ready_to_publish
from services.consultation.domain.text_diff import changed_numbers, compare
from services.consultation.domain.working_days import local_date
from services.consultation.workflow import access
from services.consultation.workflow.comments import comment_counts
from services.consultation.workflow.policies import detail_of, get_policy, record_move
from services.consultation.workflow.policy_text import articles, as_rules, copy_text, cycle_baseline
from shared.errors import Conflict, Invalid
from shared.principal import Principal


def move_policy(session: Session, principal: Principal, now: datetime, policy_id: str, target: str,
                reason: str | None, *, closes_on: date | None = None, confirm_unanswered: bool = False,
                rounds: RoundRules | None = None) -> dict:
    """Move a policy one step along its life cycle (BKPSDM); Conflict names the allowed moves."""
    access.require_admin(principal, "move policies through their life cycle")
    if target not in {s.value for s in PolicyState}:
        raise Invalid("target", f"Must be one of: {', '.join(s.value for s in PolicyState)}.")
    policy = get_policy(session, principal, policy_id, for_update=True)
    take_move(session, principal, now, policy, target, reason, closes_on=closes_on,
              confirm_unanswered=confirm_unanswered, rounds=rounds or RoundRules())
    session.flush()
    return detail_of(session, principal, policy)


def take_move(session: Session, principal: Principal, now: datetime, policy: Policy, target: str,
              reason: str | None, *, closes_on: date | None = None, confirm_unanswered: bool = False,
              rounds: RoundRules) -> None:
    """One move on a locked policy, its checks and effects; the caller has checked who may take it."""
    source = policy.state
    try:
        state = check_transition(source, target)
    except PolicyTransitionError as exc:
        raise Conflict(str(exc), allowed=[s.value for s in allowed_targets(source)],
                       indonesian=f"Langkah ini tidak diizinkan pada tahap {LABELS[PolicyState(source)]}.") from None
    today = local_date(now)
    if state in NEEDS_CLOSING_DATE:
        try:
            closes_on = check_closing_date(rounds, today, closes_on)
        except RoundError as exc:
            raise Invalid("closes_on", str(exc), indonesian="Tanggal penutupan konsultasi belum sesuai.") from None
    if state in FREEZES:
        try:
            ready_to_publish(articles(session, policy.id, policy.version))
        except ArticleError as exc:
            raise Conflict(str(exc), allowed=[s.value for s in allowed_targets(source)],
                           indonesian="Tulis paling sedikit satu pasal sebelum teks diumumkan.") from None
    counts = comment_counts(session, policy.id)
    if state in NEEDS_ANSWERS:
        try:
            comment_rules.check_adoption(counts["unanswered"], confirm_unanswered, reason)
        except comment_rules.CommentError as exc:
            raise Conflict(str(exc), allowed=[s.value for s in allowed_targets(source)], indonesian=(
                f"Masih ada {counts['unanswered']} tanggapan warga yang belum dijawab. Jawab semuanya, atau "
                "konfirmasi penetapan dengan alasan (alasan ini ditampilkan kepada publik).")) from None
    if state is PolicyState.REVISED:
        _next_cycle(session, principal, now, policy, source, reason)
        return
    text = {"comments_received": counts["received"], "unanswered_comments": counts["unanswered"]}
    if state is PolicyState.IN_CONSULTATION:
        _open_round(policy, today, closes_on)
    if state is PolicyState.ADOPTED:
        _record_adoption(session, policy, now, counts["unanswered"])
    if state in FREEZES:
        _freeze(session, policy, FREEZES[state], now)
    if state is PolicyState.IN_REVISION:
        _start_version(session, policy, now)
    policy.state = state.value
    text["article_count"] = len(articles(session, policy.id, policy.version))
    record_move(session, principal, now, policy, source, state, reason, version=policy.version, text=text)


def _open_round(policy: Policy, today: date, closes_on: date) -> None:
    policy.consultation_round = (policy.consultation_round or 0) + 1
    policy.opens_on, policy.closes_on = today, closes_on
    policy.consulted_version = policy.version


def _record_adoption(session: Session, policy: Policy, now: datetime, unanswered: int) -> None:
    """The adoption as it is: the version, the comments left unanswered, the articles changed in this cycle."""
    baseline = cycle_baseline(session, policy.id, policy.version)
    changed = [] if baseline is None else changed_numbers(compare(
        as_rules(articles(session, policy.id, baseline)), as_rules(articles(session, policy.id, policy.version))))
    policy.adopted_version, policy.adopted_at = policy.version, now
    policy.adoption_unanswered, policy.adoption_changed = unanswered, changed


def _freeze(session: Session, policy: Policy, purpose: str, now: datetime) -> None:
    record = session.get(PolicyVersion, (policy.id, policy.version))
    record.title, record.summary = policy.title, policy.summary
    record.frozen_at, record.frozen_for = now, purpose
    if purpose == "consultation":
        record.consultation_round = policy.consultation_round


def _start_version(session: Session, policy: Policy, now: datetime) -> None:
    """Version + 1 begins as a copy of the current text."""
    copy_text(session, policy.id, policy.version, policy.version + 1)
    policy.version += 1
    session.add(PolicyVersion(policy_id=policy.id, version=policy.version, title=policy.title,
                              summary=policy.summary, created_at=now))


def _next_cycle(session: Session, principal: Principal, now: datetime, policy: Policy, source: str,
                reason: str | None) -> None:
    """After evaluation: this version is recorded as revised, and version + 1 starts in draft.

    Two events go out: .revised for the old version, .drafted for the new one.
    """
    successor = revise(source, policy.version)
    count = len(articles(session, policy.id, policy.version))
    record_move(session, principal, now, policy, source, PolicyState.REVISED, reason, version=policy.version,
                text={"article_count": count})
    _start_version(session, policy, now)
    policy.state = successor.state.value
    record_move(session, principal, now, policy, None, successor.state, reason, version=policy.version,
                text={"article_count": count})
