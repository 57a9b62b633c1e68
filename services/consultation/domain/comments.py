"""Citizens' comments on a policy in consultation: on the whole text or on one article, moderated, answered.

A comment is not a complaint (docs/consultation.md, "Comments are not complaints"): it is public
speech about a draft, shown under its article once a moderator has let it through, and it gets
one official answer, as on Decidim and CONSUL
(docs/domain.md, 'Public consultation and the policy life cycle'):
- accepted, naming the version and the article that took it in;
- rejected, with a reason;
- noted.
The contact a citizen may leave is for staff only and never shown; the name, if given, is shown.
"""
from __future__ import annotations

from enum import StrEnum

from services.consultation.domain.feedback import AnswerOutcome

TEXT_MIN, TEXT_MAX = 10, 3000
NAME_MAX = 80
MAX_FORM_BYTES = 32 * 1024

# The same words as the official answer to a report.
OUTCOME_LABELS = {AnswerOutcome.ACCEPTED: "Diterima", AnswerOutcome.REJECTED: "Ditolak",
                  AnswerOutcome.NOTED: "Dicatat"}


class Moderation(StrEnum):
    PENDING = "pending"      # not yet read by a moderator: not shown
    PUBLISHED = "published"  # shown under its article
    HIDDEN = "hidden"        # abusive, off-topic or personal: never shown, still counted as received


MODERATION_LABELS = {Moderation.PENDING: "Menunggu moderasi", Moderation.PUBLISHED: "Ditampilkan",
                     Moderation.HIDDEN: "Disembunyikan"}


class CommentError(ValueError):
    def __init__(self, field: str, reason: str):
        super().__init__(f"{field}: {reason}")
        self.field, self.reason = field, reason


def check_moderation(current: str, target: str, reason: str | None) -> Moderation:
    """A moderator shows a pending comment, or hides one (pending or shown) with a reason."""
    try:
        dst = Moderation(target)
    except ValueError:
        raise CommentError("moderation", "choose published or hidden") from None
    if dst is Moderation.PENDING:
        raise CommentError("moderation", "a comment is not put back to pending")
    if dst is Moderation.HIDDEN and not (reason or "").strip():
        raise CommentError("reason", "hiding a comment needs a reason")
    if current == Moderation.HIDDEN:
        raise CommentError("moderation", "a hidden comment stays hidden")
    return dst


def check_answer(outcome: str, version: int | None, article_number: int | None,
                 reason: str | None) -> AnswerOutcome:
    """Accepted names the version and the article that took it in; rejected gives a reason."""
    try:
        result = AnswerOutcome(outcome)
    except ValueError:
        raise CommentError("outcome", "choose accepted, rejected or noted") from None
    if result is AnswerOutcome.ACCEPTED:
        if version is None or version < 1:
            raise CommentError("version", "an accepted comment names the version that took it in")
        if article_number is None or article_number < 1:
            raise CommentError("article_number", "an accepted comment names the article that took it in")
    if result is AnswerOutcome.REJECTED and not (reason or "").strip():
        raise CommentError("reason", "a rejected comment is given a reason")
    return result


def needs_answer(moderation: str, answered: bool) -> bool:
    """Every comment that is not hidden is owed an official answer."""
    return moderation != Moderation.HIDDEN and not answered


def check_adoption(unanswered: int, confirmed: bool, reason: str | None) -> None:
    """Adopting with comments left unanswered needs staff's explicit confirmation and a public reason."""
    if unanswered and not (confirmed and (reason or "").strip()):
        raise CommentError("confirm_unanswered",
                           f"{unanswered} comment(s) have no official answer; answer them, or confirm "
                           "the adoption with a reason, which is shown publicly")
