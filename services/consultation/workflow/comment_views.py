"""Read-only views of comments: the public ones under their articles, and the staff list with its filters.

The public sees a comment only once a moderator has let it through, with the name its author
gave (or "Warga") and its official answer; never the contact. Staff who work on the policy see
every comment; only BKPSDM sees the contact (access.py).
"""
from __future__ import annotations

from collections import defaultdict

from sqlalchemy import select
from sqlalchemy.orm import Session

from services.consultation.db.models import PolicyComment
from services.consultation.domain.comments import MODERATION_LABELS, OUTCOME_LABELS, Moderation
from services.consultation.workflow import access
from services.consultation.workflow.policies import get_policy
from shared.db import paginate
from shared.principal import Principal

ANONYMOUS = "Warga"
STAFF_FILTERS = ("moderation", "article_number", "policy_version")


def answer_view(c: PolicyComment) -> dict | None:
    if c.answer_outcome is None:
        return None
    return {"outcome": c.answer_outcome, "label": OUTCOME_LABELS.get(c.answer_outcome, c.answer_outcome),
            "reason": c.answer_reason, "version": c.answered_in_version, "article_number": c.answered_in_article,
            "answered_at": c.answered_at}


def public_view(c: PolicyComment) -> dict:
    return {"id": c.id, "policy_version": c.policy_version, "article_key": c.article_key,
            "article_number": c.article_number, "author": c.author_name or ANONYMOUS, "text": c.text,
            "submitted_at": c.submitted_at, "answer": answer_view(c)}


def public_comments(session: Session, principal: Principal, policy_id: str) -> dict[str | None, list[dict]]:
    """The published comments on a policy, oldest first, by the key of their article (None: the whole text).

    Keys follow an article across versions, so a comment on the consulted draft stays under
    its article in the adopted text.
    """
    policy = get_policy(session, principal, policy_id)
    rows = session.execute(select(PolicyComment).where(PolicyComment.policy_id == policy.id,
                                                       PolicyComment.moderation == Moderation.PUBLISHED.value)
                           .order_by(PolicyComment.submitted_at, PolicyComment.id)).scalars()
    grouped: dict[str | None, list[dict]] = defaultdict(list)
    for c in rows:
        grouped[c.article_key].append(public_view(c))
    return dict(grouped)


def staff_view(c: PolicyComment, principal: Principal) -> dict:
    view = {**public_view(c), "author_name": c.author_name, "moderation": c.moderation,
            "moderation_label": MODERATION_LABELS.get(c.moderation, c.moderation),
            "moderation_reason": c.moderation_reason, "moderated_at": c.moderated_at,
            "moderated_by": c.moderated_by, "answered_by": c.answered_by, "policy_id": c.policy_id, "contact": None}
    if access.sees_commenter_contact(principal) and (c.contact_phone or c.contact_email):
        view["contact"] = {k: v for k, v in (("phone", c.contact_phone), ("email", c.contact_email)) if v}
    return view


def staff_comments(session: Session, principal: Principal, policy_id: str, args: dict) -> dict:
    """A page of a policy's comments for staff who work on it; `unanswered` keeps those owed an answer."""
    access.require_staff_reader(principal)
    policy = get_policy(session, principal, policy_id)
    access.require_policy_worker(principal, policy, "read the comments on this policy")
    query = (select(PolicyComment).where(PolicyComment.policy_id == policy.id)
             .order_by(PolicyComment.submitted_at, PolicyComment.id))
    for key in STAFF_FILTERS:
        if args.get(key) is not None:
            query = query.where(getattr(PolicyComment, key) == args[key])
    if args.get("unanswered"):
        query = query.where(PolicyComment.answer_outcome.is_(None),
                            PolicyComment.moderation != Moderation.HIDDEN.value)
    page = paginate(session, query, args)
    return {**page, "items": [staff_view(c, principal) for c in page["items"]]}
