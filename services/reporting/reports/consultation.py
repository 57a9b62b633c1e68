"""The consultation section: per policy, the feedback received in the period and how it was answered."""
from __future__ import annotations

from sqlalchemy import case, func, select
from sqlalchemy.orm import Session

from services.reporting.db.models import FeedbackFact, PolicyFact
from services.reporting.domain import rules as r
from services.reporting.domain.labels import POLICY_STATES, label
from services.reporting.domain.periods import Period
from services.reporting.reports.figures import CITY, in_scope
from services.reporting.reports.responsiveness import submitted_in

F, P = FeedbackFact, PolicyFact
OUTCOMES = ("accepted", "rejected", "noted")


def consultation_section(session: Session, scope: str, period: Period, rules: r.ReportRules) -> dict:
    policies = {p.policy_id: p for p in session.execute(
        select(P).where(in_scope(P.department_code, scope))).scalars()}
    counted = select(F.policy_id, func.count(),
                     *(func.sum(case((F.answer_outcome == o, 1), else_=0)) for o in OUTCOMES)) \
        .where(F.policy_id.is_not(None), submitted_in(period)) \
        .group_by(F.policy_id)
    if scope != CITY:
        counted = counted.where(F.policy_id.in_(list(policies)))
    counts = {row[0]: row[1:] for row in session.execute(counted)} if policies or scope == CITY else {}
    items = []
    for policy_id in sorted(set(policies) | set(counts), key=lambda pid: (
            policies[pid].code if pid in policies else "~", pid)):
        p = policies.get(policy_id)
        n, *answered = counts.get(policy_id, (0, 0, 0, 0))
        answered = [int(a or 0) for a in answered]
        items.append({"policy_id": policy_id, "code": p.code if p else None, "title": p.title if p else None,
                      "version": p.version if p else None, "state": p.state if p else None,
                      "state_label": label(POLICY_STATES, p.state) if p else None,
                      "n": n, **dict(zip(OUTCOMES, answered, strict=True)), "unanswered": n - sum(answered)})
    return {"title": "Konsultasi publik", "rule": r.consultation_rule(rules), "policies": items}
