"""The outcome of a consultation ("hasil konsultasi"), in public: what citizens said and what it changed.

It covers one cycle: from the first version consulted on after the previous adoption, through
every round, to the adopted text (once there is one). The comparison is between that first
consulted draft and the adopted text, article by article.
"""
from __future__ import annotations

from collections import Counter

from sqlalchemy import select
from sqlalchemy.orm import Session

from services.consultation.db.models import Policy, PolicyComment, PolicyTransition, PolicyVersion
from services.consultation.domain.policy_lifecycle import PolicyState
from services.consultation.domain.text_diff import changed, compare
from services.consultation.workflow.comments import comment_counts
from services.consultation.workflow.policies import get_policy
from services.consultation.workflow.policy_text import articles, as_rules, cycle_baseline
from shared.errors import NotFound
from shared.principal import Principal

NOT_CONSULTED = "Kebijakan ini belum pernah dikonsultasikan kepada publik."


def _adopted_in_cycle(policy: Policy, baseline: int) -> int | None:
    adopted = policy.adopted_version
    return adopted if adopted is not None and adopted >= baseline else None


def _adoption(session: Session, policy: Policy, version: int) -> PolicyTransition | None:
    return session.execute(select(PolicyTransition).where(
        PolicyTransition.policy_id == policy.id, PolicyTransition.version == version,
        PolicyTransition.to_state == PolicyState.ADOPTED.value).order_by(PolicyTransition.at.desc())).scalars().first()


def _per_article(session: Session, policy: Policy, versions: tuple[int, int]) -> list[dict]:
    """Comments received per article (by its number and heading where it was commented), whole text first."""
    rows = session.execute(select(PolicyComment.article_key, PolicyComment.article_number,
                                  PolicyComment.policy_version)
                           .where(PolicyComment.policy_id == policy.id,
                                  PolicyComment.policy_version.between(*versions))).all()
    counts = Counter(key for key, _n, _v in rows)
    where = {key: (number, version) for key, number, version in rows}
    headings = {}
    for version in {v for _k, _n, v in rows}:
        headings.update({(a.key, version): a.heading for a in articles(session, policy.id, version)})
    items = [{"key": key, "number": where[key][0], "heading": headings.get((key, where[key][1])), "count": n}
             for key, n in counts.items()]
    return sorted(items, key=lambda i: (i["key"] is not None, i["number"] or 0))


def consultation_outcome(session: Session, principal: Principal, policy_id: str) -> dict:
    """What the latest cycle of consultation received, answered and changed; `available` once a round closed."""
    policy = get_policy(session, principal, policy_id)
    if not policy.consulted_version:
        raise NotFound("The policy was never put to consultation.", indonesian=NOT_CONSULTED)
    baseline = cycle_baseline(session, policy.id, policy.consulted_version) or policy.consulted_version
    adopted = _adopted_in_cycle(policy, baseline)
    versions = (baseline, adopted or policy.consulted_version)
    rounds = session.execute(select(PolicyVersion).where(
        PolicyVersion.policy_id == policy.id, PolicyVersion.frozen_for == "consultation",
        PolicyVersion.version.between(*versions)).order_by(PolicyVersion.version)).scalars().all()
    result = {"policy": policy, "available": policy.state != PolicyState.IN_CONSULTATION.value,
              "baseline_version": baseline, "adopted_version": adopted, "rounds": rounds,
              "counts": comment_counts(session, policy.id, versions),
              "per_article": _per_article(session, policy, versions),
              "changes": None, "changed": None, "adoption": None}
    if adopted is not None:
        comparison = compare(as_rules(articles(session, policy.id, baseline)),
                             as_rules(articles(session, policy.id, adopted)))
        result["changes"], result["changed"] = comparison, changed(comparison)
        adoption = _adoption(session, policy, adopted)
        if adoption is not None:
            result["adoption"] = {"at": adoption.at, "reason": adoption.reason,
                                  "unanswered": policy.adoption_unanswered or 0}
    return result
