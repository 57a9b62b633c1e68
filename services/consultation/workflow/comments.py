"""Citizens' comments on a policy in consultation: sent without an account, moderated, answered officially.

Each step bumps the comment's version (its event sequence) and records its event in the same
transaction. What the public and each staff member see of a comment is in comment_views.py.
"""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import case, func, select
from sqlalchemy.orm import Session

from services.consultation.db.models import Policy, PolicyArticle, PolicyComment
from services.consultation.domain import comments as rules
from services.consultation.domain.consultation_round import accepts_comments
from services.consultation.domain.feedback import AnswerOutcome
from services.consultation.domain.policy_lifecycle import PolicyState, is_editable
from services.consultation.domain.working_days import local_date
from services.consultation.events import comment_payload, emit
from services.consultation.workflow import access
from services.consultation.workflow.comment_input import read_comment
from services.consultation.workflow.policies import published_policy
from shared.errors import Conflict, Invalid, NotFound
from shared.principal import Principal

RECEIVED = ("Terima kasih. Tanggapan Anda telah diterima dan akan ditampilkan setelah diperiksa moderator. "
            "Jawaban resminya akan tampil di bawah tanggapan Anda.")
CLOSED = "Konsultasi publik kebijakan ini tidak sedang dibuka; tanggapan tidak dapat dikirim."


def _emit(session: Session, comment: PolicyComment, verb: str, department_code: str | None) -> None:
    emit(session, f"consultation.comment.{verb}", comment.id, comment_payload(comment, department_code),
         comment.version)


def submit_comment(session: Session, principal: Principal, now: datetime, policy_id: str, raw: dict) -> dict:
    """Store a citizen's comment on the text in consultation (or one of its articles), pending moderation."""
    data = read_comment(raw)
    policy = published_policy(session, policy_id)
    if policy is None:
        raise NotFound("Policy not found.", indonesian="Kebijakan ini tidak ditemukan.")
    if policy.state != PolicyState.IN_CONSULTATION or not accepts_comments(local_date(now), policy.opens_on,
                                                                            policy.closes_on):
        raise Conflict("The consultation on this policy is not open.", indonesian=CLOSED)
    article = None
    if data.get("article_key"):
        article = session.get(PolicyArticle, (policy.id, policy.version, data["article_key"]))
        if article is None:
            raise Invalid("article_key", "No such article in the text in consultation.",
                          indonesian="Pasal yang dipilih tidak ada dalam rancangan ini.")
    comment = PolicyComment(
        policy_id=policy.id, policy_version=policy.version, article_key=article.key if article else None,
        article_number=article.number if article else None, text=data["text"], author_name=data.get("name"),
        contact_phone=data.get("phone"), contact_email=data.get("email"), submitted_at=now,
        moderation=rules.Moderation.PENDING.value, version=1)
    session.add(comment)
    session.flush()
    _emit(session, comment, "submitted", policy.department_code)
    return {"id": comment.id, "article_number": comment.article_number, "moderation": comment.moderation,
            "message": RECEIVED}


def load_for_work(session: Session, principal: Principal, comment_id: str, *,
                  for_update: bool = False) -> tuple[PolicyComment, Policy]:
    """The comment and its policy, if this staff member works on that policy."""
    access.require_staff_reader(principal)
    comment = session.get(PolicyComment, comment_id, with_for_update=for_update)
    if comment is None:
        raise NotFound("Comment not found.", indonesian="Tanggapan ini tidak ditemukan.")
    policy = session.get(Policy, comment.policy_id)
    access.require_policy_worker(principal, policy, "handle comments on this policy")
    return comment, policy


def moderate_comment(session: Session, principal: Principal, now: datetime, comment_id: str, target: str,
                     reason: str | None) -> PolicyComment:
    """Show a pending comment under its article, or hide one with a reason (it still counts as received)."""
    comment, policy = load_for_work(session, principal, comment_id, for_update=True)
    try:
        state = rules.check_moderation(comment.moderation, target, reason)
    except rules.CommentError as exc:
        raise Invalid(exc.field, exc.reason, indonesian="Moderasi tanggapan ini tidak dapat dilakukan.") from None
    if state.value == comment.moderation:
        return comment
    comment.moderation, comment.moderation_reason = state.value, (reason or "").strip() or None
    comment.moderated_at, comment.moderated_by = now, principal.display_name
    comment.version += 1
    _emit(session, comment, state.value, policy.department_code)
    return comment


def receiving_version(policy: Policy) -> int:
    """The version that takes in an accepted comment: the one being revised, or the next one."""
    return policy.version if is_editable(policy.state) else policy.version + 1


def _check_target(session: Session, policy: Policy, comment: PolicyComment, version: int | None,
                  article_number: int | None) -> int:
    version = receiving_version(policy) if version is None else version
    if not comment.policy_version < version <= receiving_version(policy):
        raise Invalid("version", f"Name a version after {comment.policy_version}, at most "
                                 f"{receiving_version(policy)}.",
                      indonesian="Versi yang menampung tanggapan ini tidak sesuai.")
    if version <= policy.version and article_number is not None:
        found = session.execute(select(PolicyArticle.key).where(
            PolicyArticle.policy_id == policy.id, PolicyArticle.version == version,
            PolicyArticle.number == article_number)).first()
        if found is None:
            raise Invalid("article_number", f"Version {version} has no article {article_number}.",
                          indonesian=f"Versi {version} tidak memiliki pasal {article_number}.")
    return version


def answer_comment(session: Session, principal: Principal, now: datetime, comment_id: str, outcome: str,
                   reason: str | None, version: int | None = None, article_number: int | None = None
                   ) -> PolicyComment:
    """The official answer: accepted into a version and article, rejected with a reason, or noted.

    An answer may be corrected; the newest one is what the public reads.
    """
    comment, policy = load_for_work(session, principal, comment_id, for_update=True)
    if comment.moderation == rules.Moderation.HIDDEN:
        raise Conflict("A hidden comment gets no answer.", indonesian="Tanggapan yang disembunyikan tidak dijawab.")
    accepted = outcome == AnswerOutcome.ACCEPTED
    if accepted:
        version = _check_target(session, policy, comment, version, article_number)
    try:
        result = rules.check_answer(outcome, version if accepted else None, article_number if accepted else None,
                                    reason)
    except rules.CommentError as exc:
        raise Invalid(exc.field, exc.reason, indonesian="Jawaban resmi belum lengkap.") from None
    comment.answer_outcome, comment.answer_reason = result.value, (reason or "").strip() or None
    comment.answered_in_version = version if accepted else None
    comment.answered_in_article = article_number if accepted else None
    comment.answered_at, comment.answered_by = now, principal.display_name
    comment.version += 1
    _emit(session, comment, "answered", policy.department_code)
    return comment


def comment_counts(session: Session, policy_id: str, versions: tuple[int, int] | None = None) -> dict:
    """How many comments a policy received (in `versions`, inclusive, if given), and how they were answered."""
    c = PolicyComment
    hidden = c.moderation == rules.Moderation.HIDDEN.value
    # A hidden comment counts as received and nothing else, even if it was answered before it was hidden.
    query = select(func.count(), *(func.sum(case((cond, 1), else_=0)) for cond in (
        hidden, *((c.answer_outcome == o.value) & ~hidden for o in AnswerOutcome),
        c.answer_outcome.is_(None) & ~hidden))).where(c.policy_id == policy_id)
    if versions is not None:
        query = query.where(c.policy_version.between(*versions))
    received, *rest = session.execute(query).one()
    hidden_n, accepted, rejected, noted, unanswered = (int(n or 0) for n in rest)
    return {"received": received, "hidden": hidden_n, "accepted": accepted, "rejected": rejected, "noted": noted,
            "answered": accepted + rejected + noted, "unanswered": unanswered}
