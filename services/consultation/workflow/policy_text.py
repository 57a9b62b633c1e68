"""The text of a policy: its articles, version by version; editing the working version; comparing any two.

Only the version being drafted or revised can change (domain/policy_lifecycle.py, EDITABLE);
the public reads frozen versions only: those published for a round or adopted.
"""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from services.consultation.db.models import Policy, PolicyArticle, PolicyVersion
from services.consultation.domain import policy_text as rules
from services.consultation.domain.policy_lifecycle import allowed_targets, is_editable
from services.consultation.domain.text_diff import changed_numbers, compare
from services.consultation.workflow import access
from services.consultation.workflow.policies import get_policy, may_read_version, public_version
from shared.db import new_id
from shared.errors import Conflict, Invalid, NotFound
from shared.principal import Principal

FROZEN = "Teks hanya dapat diubah selama rancangan disusun atau diperbaiki."


def articles(session: Session, policy_id: str, version: int) -> list[PolicyArticle]:
    return list(session.execute(select(PolicyArticle).where(PolicyArticle.policy_id == policy_id,
                                                            PolicyArticle.version == version)
                                .order_by(PolicyArticle.number)).scalars())


def as_rules(rows: list[PolicyArticle]) -> list[rules.Article]:
    return [rules.Article(r.key, r.number, r.heading, r.body) for r in rows]


def copy_text(session: Session, policy_id: str, from_version: int, to_version: int) -> None:
    """Start a version as a copy of another: same articles, same keys."""
    for row in articles(session, policy_id, from_version):
        session.add(PolicyArticle(policy_id=policy_id, version=to_version, key=row.key, number=row.number,
                                  heading=row.heading, body=row.body))


def version_record(session: Session, principal: Principal, policy: Policy, version: int) -> PolicyVersion:
    record = session.get(PolicyVersion, (policy.id, version))
    if record is None or not may_read_version(principal, policy, version):
        raise NotFound(f"The policy has no version {version}.", indonesian="Versi kebijakan ini tidak ada.")
    return record


def text_of(session: Session, principal: Principal, policy_id: str, version: int | None = None) -> dict:
    """One version's text (the public one by default, or the working one for staff)."""
    policy = get_policy(session, principal, policy_id)
    if version is None:
        version = policy.version if access.sees_drafts(principal) else public_version(policy)
    if version is None:
        raise NotFound("The policy has no published text yet.", indonesian="Teks kebijakan ini belum diumumkan.")
    record = version_record(session, principal, policy, version)
    return {"policy": policy, "version": record, "articles": articles(session, policy.id, version),
            "editable": version == policy.version and is_editable(policy.state)}


def versions(session: Session, principal: Principal, policy_id: str) -> list[PolicyVersion]:
    """The versions the caller may read, oldest first."""
    policy = get_policy(session, principal, policy_id)
    rows = session.execute(select(PolicyVersion).where(PolicyVersion.policy_id == policy.id)
                           .order_by(PolicyVersion.version)).scalars()
    return [v for v in rows if may_read_version(principal, policy, v.version)]


def compare_versions(session: Session, principal: Principal, policy_id: str, old: int, new: int) -> dict:
    """Two versions side by side, article by article, with the changed words marked."""
    policy = get_policy(session, principal, policy_id)
    before, after = version_record(session, principal, policy, old), version_record(session, principal, policy, new)
    comparison = compare(as_rules(articles(session, policy.id, old)), as_rules(articles(session, policy.id, new)))
    return {"policy": policy, "old": before, "new": after, "articles": comparison,
            "changed_numbers": changed_numbers(comparison)}


# -- editing the working version ------------------------------------------------------------

def _working(session: Session, principal: Principal, policy_id: str) -> Policy:
    policy = get_policy(session, principal, policy_id, for_update=True)
    access.require_policy_worker(principal, policy, "edit the text of this policy")
    if not is_editable(policy.state):
        raise Conflict(f"The text of version {policy.version} is frozen while the policy is {policy.state}.",
                       allowed=[s.value for s in allowed_targets(policy.state)], indonesian=FROZEN)
    return policy


def _checked(heading: str, body: str) -> tuple[str, str]:
    try:
        return rules.check_article(heading, body)
    except rules.ArticleError as exc:
        raise Invalid(exc.field, exc.reason, indonesian="Isian pasal belum sesuai.") from None


def _renumber(session: Session, policy: Policy, keys: list[str]) -> None:
    numbers = rules.renumbered(keys)
    for row in articles(session, policy.id, policy.version):
        row.number = numbers[row.key]


def _touched(policy: Policy, now: datetime) -> None:
    policy.updated_at = now


def add_article(session: Session, principal: Principal, now: datetime, policy_id: str, heading: str, body: str,
                position: int | None = None) -> PolicyArticle:
    """A new article at `position` (the end by default); the ones after it move down a number."""
    policy = _working(session, principal, policy_id)
    heading, body = _checked(heading, body)
    keys = [row.key for row in articles(session, policy.id, policy.version)]
    try:
        rules.check_room(len(keys))
        position = rules.check_position(position or len(keys) + 1, len(keys))
    except rules.ArticleError as exc:
        raise Invalid(exc.field, exc.reason, indonesian="Posisi pasal tidak sesuai.") from None
    row = PolicyArticle(policy_id=policy.id, version=policy.version, key=new_id(), number=0, heading=heading,
                        body=body)
    session.add(row)
    session.flush()
    _renumber(session, policy, rules.moved([*keys, row.key], row.key, position))
    _touched(policy, now)
    return row


def _article(session: Session, policy: Policy, key: str) -> PolicyArticle:
    row = session.get(PolicyArticle, (policy.id, policy.version, key))
    if row is None:
        raise NotFound("No such article in the working version.", indonesian="Pasal ini tidak ditemukan.")
    return row


def edit_article(session: Session, principal: Principal, now: datetime, policy_id: str, key: str, heading: str,
                 body: str, position: int | None = None) -> PolicyArticle:
    """Reword an article, and move it to `position` if given."""
    policy = _working(session, principal, policy_id)
    row = _article(session, policy, key)
    row.heading, row.body = _checked(heading, body)
    if position is not None and position != row.number:
        keys = [r.key for r in articles(session, policy.id, policy.version)]
        try:
            rules.check_position(position, len(keys) - 1)
        except rules.ArticleError as exc:
            raise Invalid(exc.field, exc.reason, indonesian="Posisi pasal tidak sesuai.") from None
        _renumber(session, policy, rules.moved(keys, key, position))
    _touched(policy, now)
    return row


def remove_article(session: Session, principal: Principal, now: datetime, policy_id: str, key: str) -> None:
    """Take an article out of the working version; the ones after it move up a number."""
    policy = _working(session, principal, policy_id)
    _article(session, policy, key)
    session.execute(delete(PolicyArticle).where(PolicyArticle.policy_id == policy.id,
                                                PolicyArticle.version == policy.version, PolicyArticle.key == key))
    _renumber(session, policy, [r.key for r in articles(session, policy.id, policy.version)])
    _touched(policy, now)


def cycle_baseline(session: Session, policy_id: str, upto: int) -> int | None:
    """The first version consulted on in the cycle that leads to version `upto` (after the adoption before it)."""
    frozen = session.execute(select(PolicyVersion.version, PolicyVersion.frozen_for)
                             .where(PolicyVersion.policy_id == policy_id, PolicyVersion.version <= upto,
                                    PolicyVersion.frozen_for.is_not(None))
                             .order_by(PolicyVersion.version)).all()
    previous = max((v for v, purpose in frozen if purpose == "adoption" and v < upto), default=0)
    return next((v for v, purpose in frozen if purpose == "consultation" and v > previous), None)
