"""The consultation section: per policy, the public input received in the period and how it was answered, the
articles its adoption changed, and whether every comment had an answer before it was adopted.

Public input is the citizens' comments on the text (consultation.comment.*) and the reports that
name the policy (consultation.feedback.* with a policy_id). A comment a moderator hid counts as
received and is owed no answer.
"""
from __future__ import annotations

from datetime import UTC

from sqlalchemy import and_, case, func, select
from sqlalchemy.orm import Session

from services.reporting.db.models import CommentFact, FeedbackFact, PolicyFact
from services.reporting.domain import rules as r
from services.reporting.domain.labels import POLICY_STATES, label
from services.reporting.domain.periods import Period
from services.reporting.reports.figures import CITY, in_scope, share
from services.reporting.reports.responsiveness import submitted_in

F, P, C = FeedbackFact, PolicyFact, CommentFact
OUTCOMES = ("accepted", "rejected", "noted")


def consultation_section(session: Session, scope: str, period: Period, rules: r.ReportRules) -> dict:
    policies = {p.policy_id: p for p in session.execute(
        select(P).where(in_scope(P.department_code, scope))).scalars()}
    ids = list(policies)
    reports = select(F.policy_id, func.count(), *(func.sum(case((F.answer_outcome == o, 1), else_=0))
                                                  for o in OUTCOMES)) \
        .where(F.policy_id.is_not(None), submitted_in(period)).group_by(F.policy_id)
    hidden = C.moderation == "hidden"
    comments = select(C.policy_id, func.count(), func.sum(case((hidden, 1), else_=0)),
                      *(func.sum(case((and_(C.answer_outcome == o, ~hidden), 1), else_=0)) for o in OUTCOMES)) \
        .where(C.submitted_at >= period.start_at.astimezone(UTC), C.submitted_at < period.end_at.astimezone(UTC)) \
        .group_by(C.policy_id)
    if scope != CITY:
        reports, comments = reports.where(F.policy_id.in_(ids)), comments.where(C.policy_id.in_(ids))
    by_reports = {row[0]: [int(v or 0) for v in row[1:]] for row in session.execute(reports)} \
        if ids or scope == CITY else {}
    by_comments = {row[0]: [int(v or 0) for v in row[1:]] for row in session.execute(comments)} \
        if ids or scope == CITY else {}
    items = [_item(pid, policies.get(pid), by_reports.get(pid, [0, 0, 0, 0]), by_comments.get(pid, [0, 0, 0, 0, 0]))
             for pid in sorted(set(policies) | set(by_reports) | set(by_comments),
                               key=lambda pid: (policies[pid].code if pid in policies else "~", pid))]
    return {"title": "Konsultasi publik", "rule": r.consultation_rule(rules), "policies": items}


def _item(policy_id: str, p: PolicyFact | None, reports: list[int], comments: list[int]) -> dict:
    reports_n, *report_outcomes = reports
    comments_n, hidden, *comment_outcomes = comments
    outcomes = dict(zip(OUTCOMES, (a + b for a, b in zip(report_outcomes, comment_outcomes, strict=True)),
                        strict=True))
    n = reports_n + comments_n
    owed = n - hidden
    answered = sum(outcomes.values())
    adopted = p is not None and p.adopted_at is not None
    return {
        "policy_id": policy_id, "code": p.code if p else None, "title": p.title if p else None,
        "version": p.version if p else None, "state": p.state if p else None,
        "state_label": label(POLICY_STATES, p.state) if p else None,
        "n": n, "comments": comments_n, "reports": reports_n, "hidden": hidden, **outcomes,
        "answered": answered, "unanswered": owed - answered,
        "share_answered": share(answered, owed), "share_accepted": share(outcomes["accepted"], owed),
        "articles_changed": p.articles_changed if adopted else None,
        "unanswered_at_adoption": p.unanswered_at_adoption if adopted else None,
        "answered_before_adoption": (p.unanswered_at_adoption == 0) if adopted and
        p.unanswered_at_adoption is not None else None,
    }
