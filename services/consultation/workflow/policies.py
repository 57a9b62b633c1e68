"""Policies: BKPSDM drafts them; the public reads them once consulted on.

The moves along the life cycle are in policy_moves.py, the text (articles, versions) in
policy_text.py; each move records who/when/why, bumps the event sequence and emits, in one
transaction (`record_move`).
"""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import ColumnElement, or_, select
from sqlalchemy.orm import Session

from services.consultation.db.models import Feedback, Policy, PolicyArticle, PolicyTransition, PolicyVersion
from services.consultation.domain import policy_text as text_rules
from services.consultation.domain.policy_lifecycle import (
    EVENT_SUFFIX,
    LABELS,
    PolicyState,
    allowed_targets,
    is_editable,
)
from services.consultation.events import emit, policy_payload
from services.consultation.workflow import access
from services.consultation.workflow.departments import require_receiving_department
from shared.db import new_id, paginate
from shared.errors import Conflict, Invalid, NotFound
from shared.principal import Principal

# A policy becomes public when it first opens for consultation, and stays public while a
# later version is being drafted: the city has already discussed it in the open.
PUBLISHED: ColumnElement[bool] = or_(Policy.state != PolicyState.DRAFT.value, Policy.version > 1)


# -- reading ---------------------------------------------------------------------------------

def get_policy(session: Session, principal: Principal, policy_id: str, *, for_update: bool = False) -> Policy:
    """The policy, or NotFound; the public never learns that a first draft exists."""
    query = select(Policy).where(Policy.id == policy_id)
    if not access.sees_drafts(principal):
        query = query.where(PUBLISHED)
    policy = session.execute(query.with_for_update() if for_update else query).scalar_one_or_none()
    if policy is None:
        raise NotFound("Policy not found.", indonesian="Kebijakan ini tidak ditemukan.")
    return policy


def published_policy(session: Session, policy_id: str) -> Policy | None:
    """A policy the public may see (and give feedback on), or None."""
    return session.execute(select(Policy).where(Policy.id == policy_id, PUBLISHED)).scalar_one_or_none()


def list_policies(session: Session, principal: Principal, args: dict) -> dict:
    """A page of policies; the public sees those opened for consultation or later."""
    query = select(Policy).order_by(Policy.code)
    if not access.sees_drafts(principal):
        query = query.where(PUBLISHED)
    for key in ("state", "department_code"):
        if key in args:
            query = query.where(getattr(Policy, key) == args[key])
    return paginate(session, query, args)


def policies_in_consultation(session: Session) -> list[Policy]:
    """The policies citizens are asked about now, closing soonest first."""
    return list(session.execute(select(Policy).where(Policy.state == PolicyState.IN_CONSULTATION.value)
                                .order_by(Policy.closes_on, Policy.code)).scalars())


def published_policies(session: Session) -> list[Policy]:
    """Every policy the public may read, whatever its stage: adopted and past ones stay listed."""
    return list(session.execute(select(Policy).where(PUBLISHED).order_by(Policy.updated_at.desc(), Policy.code))
                .scalars())


def state_label(state: str) -> str:
    return LABELS.get(state, state)


def public_version(policy: Policy) -> int | None:
    """The version the public reads: the working one is staff business until it is published."""
    if not is_editable(policy.state):
        return policy.version
    frozen = [v for v in (policy.consulted_version, policy.adopted_version) if v]
    return max(frozen) if frozen else None


def may_read_version(principal: Principal, policy: Policy, version: int) -> bool:
    if access.sees_drafts(principal):
        return True
    shown = public_version(policy)
    return shown is not None and version <= shown


def policy_detail(session: Session, principal: Principal, policy_id: str) -> dict:
    """One policy with its versions, history and the feedback accepted into it."""
    return detail_of(session, principal, get_policy(session, principal, policy_id))


def detail_of(session: Session, principal: Principal, policy: Policy) -> dict:
    history = session.execute(select(PolicyTransition).where(PolicyTransition.policy_id == policy.id)
                              .order_by(PolicyTransition.at, PolicyTransition.version)).scalars().all()
    versions = [v for v in session.execute(select(PolicyVersion).where(PolicyVersion.policy_id == policy.id)
                                           .order_by(PolicyVersion.version)).scalars()
                if may_read_version(principal, policy, v.version)]
    shaped_by = session.execute(select(Feedback).where(Feedback.policy_id == policy.id,
                                                       Feedback.answer_outcome == "accepted")
                                .order_by(Feedback.answered_at)).scalars().all()
    shown = ("version", "from_state", "to_state", "reason", "at")
    if access.sees_actors(principal):
        shown += ("actor", "actor_name")
    return {**{c.key: getattr(policy, c.key) for c in Policy.__table__.columns},
            "state_label": state_label(policy.state), "public_version": public_version(policy),
            "allowed_targets": [s.value for s in allowed_targets(policy.state)], "versions": versions,
            "history": [{key: getattr(step, key) for key in shown} for step in history], "shaped_by": shaped_by}


# -- changing --------------------------------------------------------------------------------

def record_move(session: Session, principal: Principal, now: datetime, policy: Policy, from_state: str | None,
                to_state: PolicyState, reason: str | None, version: int, text: dict | None = None) -> None:
    """The history row and the event of one move; `text` adds the figures of the text to the event."""
    session.add(PolicyTransition(policy_id=policy.id, version=version, from_state=from_state,
                                 to_state=to_state.value, actor=principal.subject,
                                 actor_name=principal.display_name, reason=reason, at=now))
    policy.sequence += 1
    policy.updated_at = now
    emit(session, f"consultation.policy.{EVENT_SUFFIX[to_state]}", policy.id,
         policy_payload(policy, now, reason, version=version, state=to_state.value, text=text), policy.sequence)


def create_policy(session: Session, principal: Principal, now: datetime, data: dict) -> Policy:
    """Draft a new policy at version 1 (BKPSDM), with its first articles if given."""
    access.require_admin(principal, "draft policies")
    data = dict(data)
    first_articles = data.pop("articles", None) or []
    if session.execute(select(Policy.id).where(Policy.code == data["code"])).first():
        raise Conflict(f"Policy code {data['code']!r} already exists.",
                       indonesian=f"Kode kebijakan {data['code']} sudah dipakai.")
    if data.get("department_code"):
        require_receiving_department(session, data["department_code"])
    policy = Policy(**data, version=1, state=PolicyState.DRAFT.value, sequence=0, consultation_round=0,
                    created_at=now, updated_at=now)
    session.add(policy)
    session.flush()
    session.add(PolicyVersion(policy_id=policy.id, version=1, title=policy.title, summary=policy.summary,
                              created_at=now))
    for number, article in enumerate(first_articles, start=1):
        try:
            heading, body = text_rules.check_article(article.get("heading"), article.get("body"))
        except text_rules.ArticleError as exc:
            raise Invalid(errors={"articles": {number - 1: {exc.field: [exc.reason]}}}) from None
        session.add(PolicyArticle(policy_id=policy.id, version=1, key=new_id(), number=number, heading=heading,
                                  body=body))
    record_move(session, principal, now, policy, None, PolicyState.DRAFT, None, version=1,
                text={"article_count": len(first_articles)})
    return policy


def edit_policy(session: Session, principal: Principal, now: datetime, policy_id: str, changes: dict) -> Policy:
    """Change the text of a draft; the version's record follows (BKPSDM)."""
    policy = get_policy(session, principal, policy_id, for_update=True)
    access.require_policy_worker(principal, policy, "edit policies")
    if policy.state not in (PolicyState.DRAFT, PolicyState.IN_REVISION):
        raise Conflict(f"Only a draft or a version under revision can be edited; this version is {policy.state}.",
                       allowed=[s.value for s in allowed_targets(policy.state)],
                       indonesian="Judul dan ringkasan hanya dapat diubah selama rancangan disusun atau diperbaiki.")
    if changes.get("department_code"):
        require_receiving_department(session, changes["department_code"])
    for key, value in changes.items():
        setattr(policy, key, value)
    policy.updated_at = now
    current = session.get(PolicyVersion, (policy.id, policy.version))
    current.title, current.summary = policy.title, policy.summary
    return policy
