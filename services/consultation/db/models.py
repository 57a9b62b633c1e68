"""The consultation service's tables: policies and their history, consultation sessions, feedback, departments."""
from __future__ import annotations

from datetime import UTC, date, datetime

from sqlalchemy import (
    JSON,
    Boolean,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    TypeDecorator,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column

from shared.db import new_id, service_base, utcnow
from shared.plumbing import add_plumbing_tables

Base = service_base()
metadata = Base.metadata
plumbing = add_plumbing_tables(metadata)


class UtcDateTime(TypeDecorator):
    """A timezone-aware timestamp on every database: SQLite drops the zone, so naive values read back as UTC.

    Deadlines are counted in WIB, so a moment read back without its zone would land on the
    wrong calendar day for seven hours of every day.
    """

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_result_value(self, value, dialect):
        return value.replace(tzinfo=UTC) if value is not None and value.tzinfo is None else value


class Policy(Base):
    """One policy across its versions: `version` is the policy's own version, `sequence` the event order."""

    __tablename__ = "policies"
    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_id)
    code: Mapped[str] = mapped_column(String(60), unique=True)
    title: Mapped[str] = mapped_column(String(300))
    summary: Mapped[str] = mapped_column(Text)
    version: Mapped[int] = mapped_column(Integer, default=1)
    state: Mapped[str] = mapped_column(String(30), index=True)
    department_code: Mapped[str | None] = mapped_column(String(40), index=True)
    sequence: Mapped[int] = mapped_column(Integer, default=1)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime(), default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime(), default=utcnow)
    # The current (or latest) round of consultation: its WIB days, and the version citizens read.
    opens_on: Mapped[date | None] = mapped_column(Date)
    closes_on: Mapped[date | None] = mapped_column(Date, index=True)
    consultation_round: Mapped[int] = mapped_column(Integer, default=0)
    consulted_version: Mapped[int | None] = mapped_column(Integer)
    adopted_version: Mapped[int | None] = mapped_column(Integer)
    # The latest adoption, as it was: when, how many comments waited for an answer, which articles had changed.
    adopted_at: Mapped[datetime | None] = mapped_column(UtcDateTime())
    adoption_unanswered: Mapped[int | None] = mapped_column(Integer)
    adoption_changed: Mapped[list | None] = mapped_column(JSON)


class PolicyVersion(Base):
    """The text of each version, so what was consulted on and adopted stays on record after a revision."""

    __tablename__ = "policy_versions"
    policy_id: Mapped[str] = mapped_column(String(36), ForeignKey("policies.id"), primary_key=True)
    version: Mapped[int] = mapped_column(Integer, primary_key=True)
    title: Mapped[str] = mapped_column(String(300))
    summary: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime(), default=utcnow)
    # Set once, when the version is published for a round ("consultation") or adopted ("adoption").
    frozen_at: Mapped[datetime | None] = mapped_column(UtcDateTime())
    frozen_for: Mapped[str | None] = mapped_column(String(20))
    consultation_round: Mapped[int | None] = mapped_column(Integer)


class PolicyArticle(Base):
    """One article (pasal) of one version. `key` follows the article across versions; `number` is 1..n."""

    __tablename__ = "policy_articles"
    __table_args__ = (Index("ix_policy_articles_version_number", "policy_id", "version", "number"),)
    policy_id: Mapped[str] = mapped_column(String(36), ForeignKey("policies.id"), primary_key=True)
    version: Mapped[int] = mapped_column(Integer, primary_key=True)
    key: Mapped[str] = mapped_column(String(36), primary_key=True)
    number: Mapped[int] = mapped_column(Integer)
    heading: Mapped[str] = mapped_column(String(200))
    body: Mapped[str] = mapped_column(Text)


class PolicyComment(Base):
    """A citizen's comment on a consulted version, on the whole text or one article (see domain/comments.py).

    The text and the name are public once published; the contact is for staff only and never
    leaves the service.
    """

    __tablename__ = "policy_comments"
    __table_args__ = (Index("ix_policy_comments_policy_submitted", "policy_id", "submitted_at"),)
    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_id)
    policy_id: Mapped[str] = mapped_column(String(36), ForeignKey("policies.id"))
    policy_version: Mapped[int] = mapped_column(Integer)
    article_key: Mapped[str | None] = mapped_column(String(36))
    article_number: Mapped[int | None] = mapped_column(Integer)  # as the citizen read it
    text: Mapped[str] = mapped_column(Text)
    author_name: Mapped[str | None] = mapped_column(String(80))
    contact_phone: Mapped[str | None] = mapped_column(String(20))
    contact_email: Mapped[str | None] = mapped_column(String(254))
    submitted_at: Mapped[datetime] = mapped_column(UtcDateTime())
    moderation: Mapped[str] = mapped_column(String(20))
    moderation_reason: Mapped[str | None] = mapped_column(Text)
    moderated_at: Mapped[datetime | None] = mapped_column(UtcDateTime())
    moderated_by: Mapped[str | None] = mapped_column(String(200))
    answer_outcome: Mapped[str | None] = mapped_column(String(20))
    answer_reason: Mapped[str | None] = mapped_column(Text)
    answered_in_version: Mapped[int | None] = mapped_column(Integer)
    answered_in_article: Mapped[int | None] = mapped_column(Integer)
    answered_at: Mapped[datetime | None] = mapped_column(UtcDateTime())
    answered_by: Mapped[str | None] = mapped_column(String(200))  # the display name, shown to staff
    version: Mapped[int] = mapped_column(Integer, default=1)


class PolicyTransition(Base):
    """Who moved a policy version from one state to another, when and why."""

    __tablename__ = "policy_transitions"
    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_id)
    policy_id: Mapped[str] = mapped_column(String(36), ForeignKey("policies.id"), index=True)
    version: Mapped[int] = mapped_column(Integer)
    from_state: Mapped[str | None] = mapped_column(String(30))
    to_state: Mapped[str] = mapped_column(String(30))
    actor: Mapped[str] = mapped_column(String(200))  # the principal's subject
    actor_name: Mapped[str] = mapped_column(String(200))  # their display name, for histories that show names
    reason: Mapped[str | None] = mapped_column(Text)
    at: Mapped[datetime] = mapped_column(UtcDateTime(), default=utcnow)


class ConsultationSession(Base):
    __tablename__ = "consultation_sessions"
    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_id)
    policy_id: Mapped[str] = mapped_column(String(36), ForeignKey("policies.id"), index=True)
    policy_version: Mapped[int] = mapped_column(Integer)
    held_on: Mapped[date] = mapped_column(Date)
    format: Mapped[str] = mapped_column(String(20))
    stakeholder_groups: Mapped[list] = mapped_column(JSON)
    participants: Mapped[int] = mapped_column(Integer)
    outcome_summary: Mapped[str] = mapped_column(Text)
    recorded_by: Mapped[str] = mapped_column(String(200))
    version: Mapped[int] = mapped_column(Integer, default=1)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime(), default=utcnow)
    place: Mapped[str | None] = mapped_column(String(200))
    minutes: Mapped[str | None] = mapped_column(Text)  # the notulen, public


class Feedback(Base):
    """A citizen's report. Contact and text are personal: never in events, never in public views."""

    __tablename__ = "feedback"
    __table_args__ = (Index("ix_feedback_status_submitted", "status", "submitted_at"),
                      # The staff inbox: an operator's department, newest first; a period; the next deadline.
                      Index("ix_feedback_department_submitted", "department_code", "submitted_at"),
                      Index("ix_feedback_submitted", "submitted_at"),
                      Index("ix_feedback_published", "published_at"))
    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_id)
    tracking_id: Mapped[str] = mapped_column(String(20), unique=True)
    kind: Mapped[str] = mapped_column(String(30), index=True)
    category: Mapped[str] = mapped_column(String(60), index=True)
    unsur: Mapped[str | None] = mapped_column(String(3))
    policy_id: Mapped[str | None] = mapped_column(String(36), ForeignKey("policies.id"), index=True)
    department_code: Mapped[str | None] = mapped_column(String(40), index=True)
    text: Mapped[str] = mapped_column(Text)
    contact_name: Mapped[str | None] = mapped_column(String(120))
    contact_phone: Mapped[str | None] = mapped_column(String(20))
    contact_email: Mapped[str | None] = mapped_column(String(254))
    status: Mapped[str] = mapped_column(String(20))
    submitted_at: Mapped[datetime] = mapped_column(UtcDateTime())
    forward_due: Mapped[date] = mapped_column(Date)
    forwarded_at: Mapped[datetime | None] = mapped_column(UtcDateTime())
    follow_up_due: Mapped[date | None] = mapped_column(Date)
    responded_at: Mapped[datetime | None] = mapped_column(UtcDateTime())
    response_text: Mapped[str | None] = mapped_column(Text)
    auto_close_due: Mapped[date | None] = mapped_column(Date)
    citizen_replied_at: Mapped[datetime | None] = mapped_column(UtcDateTime())
    closed_at: Mapped[datetime | None] = mapped_column(UtcDateTime())
    closed_by: Mapped[str | None] = mapped_column(String(20))
    close_reason: Mapped[str | None] = mapped_column(Text)
    answer_outcome: Mapped[str | None] = mapped_column(String(20))
    answer_reason: Mapped[str | None] = mapped_column(Text)
    answered_in_version: Mapped[int | None] = mapped_column(Integer)
    answered_at: Mapped[datetime | None] = mapped_column(UtcDateTime())
    hidden: Mapped[bool] = mapped_column(Boolean, default=False)
    hide_reason: Mapped[str | None] = mapped_column(Text)
    hidden_at: Mapped[datetime | None] = mapped_column(UtcDateTime())
    # When the overdue event of each stage was emitted: set once, so the sweep never repeats it.
    forward_overdue_at: Mapped[datetime | None] = mapped_column(UtcDateTime())
    follow_up_overdue_at: Mapped[datetime | None] = mapped_column(UtcDateTime())
    overdue_stage: Mapped[str | None] = mapped_column(String(20))
    version: Mapped[int] = mapped_column(Integer, default=1)
    # What the citizen chose (domain/feedback.py Privacy) and where it happened (domain/areas.py).
    privacy: Mapped[str] = mapped_column(String(20), default="confidential")
    kecamatan: Mapped[str | None] = mapped_column(String(40))
    kelurahan: Mapped[str | None] = mapped_column(String(60))
    # A public report's text shows publicly only once a moderator let it through.
    published_at: Mapped[datetime | None] = mapped_column(UtcDateTime())
    # The current department's clock started here (forwarding, re-routing, reopening); `forwarded_at`
    # stays the first forwarding, which ends BKPSDM's verification.
    assigned_at: Mapped[datetime | None] = mapped_column(UtcDateTime())
    reroute_count: Mapped[int] = mapped_column(Integer, default=0)
    reopen_count: Mapped[int] = mapped_column(Integer, default=0)
    first_responded_at: Mapped[datetime | None] = mapped_column(UtcDateTime())
    responded_by: Mapped[str | None] = mapped_column(String(10))  # "opd" or "bkpsdm": who wrote the follow-up
    citizen_satisfied: Mapped[bool | None] = mapped_column(Boolean)  # the citizen's latest word on it
    # Waiting for the citizen (the pause): since when, from which status, until when before auto-close.
    info_requested_at: Mapped[datetime | None] = mapped_column(UtcDateTime())
    paused_from: Mapped[str | None] = mapped_column(String(20))
    info_due: Mapped[date | None] = mapped_column(Date)
    # Time spent waiting for the citizen, in hours and working days (pauses that ended), and the
    # hours paused before the first forwarding and before the first follow-up, for reporting.
    paused_hours: Mapped[float] = mapped_column(Float, default=0.0)
    paused_working_days: Mapped[int] = mapped_column(Integer, default=0)
    paused_hours_at_forward: Mapped[float | None] = mapped_column(Float)
    paused_hours_at_first_response: Mapped[float | None] = mapped_column(Float)
    # Retention: when the citizen's text, contact, attachments and mail were erased.
    purged_at: Mapped[datetime | None] = mapped_column(UtcDateTime())


class FeedbackHistory(Base):
    """Each step of a report. `public_note` is shown on the tracking page; `internal_note` never is."""

    __tablename__ = "feedback_history"
    __table_args__ = (UniqueConstraint("feedback_id", "feedback_version", name="uq_feedback_history_version"),)
    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_id)
    feedback_id: Mapped[str] = mapped_column(String(36), ForeignKey("feedback.id"), index=True)
    feedback_version: Mapped[int] = mapped_column(Integer)
    action: Mapped[str] = mapped_column(String(30))
    status: Mapped[str] = mapped_column(String(20))
    actor: Mapped[str] = mapped_column(String(200))  # the principal's subject
    actor_name: Mapped[str] = mapped_column(String(200))  # their display name, for histories that show names
    actor_role: Mapped[str] = mapped_column(String(20))
    public_note: Mapped[str | None] = mapped_column(Text)
    internal_note: Mapped[str | None] = mapped_column(Text)
    at: Mapped[datetime] = mapped_column(UtcDateTime(), default=utcnow)


class Department(Base):
    """Consultation's copy of a personnel department (OPD), built from personnel.department.* events.

    `sequence` is the version of the department in personnel that this row reflects.
    """

    __tablename__ = "departments"
    code: Mapped[str] = mapped_column(String(40), primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    type: Mapped[str] = mapped_column(String(40))
    status: Mapped[str] = mapped_column(String(20))
    sequence: Mapped[int] = mapped_column(Integer)


class FeedbackAttachment(Base):
    """A file a citizen attached: its bytes live in ATTACHMENTS_DIR (workflow/attachment_files.py), not here."""

    __tablename__ = "feedback_attachments"
    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_id)
    feedback_id: Mapped[str] = mapped_column(String(36), ForeignKey("feedback.id"), index=True)
    filename: Mapped[str] = mapped_column(String(100))  # a cleaned name, with the real type's extension
    content_type: Mapped[str] = mapped_column(String(40))  # from the content, never from the sender
    size: Mapped[int] = mapped_column(Integer)
    sha256: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(UtcDateTime(), default=utcnow)


class MailNotification(Base):
    """An e-mail to a citizen, written in the transaction of the step it tells about: the outbox of mail.

    The worker sends pending rows and marks them sent (workflow/notifications.py); the Message-ID
    is made from the row's id, so a resend after a crash is recognisably the same message.
    """

    __tablename__ = "mail_notifications"
    __table_args__ = (Index("ix_mail_notifications_pending", "sent_at", "next_attempt_at"),)
    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_id)
    feedback_id: Mapped[str] = mapped_column(String(36), ForeignKey("feedback.id"), index=True)
    channel: Mapped[str] = mapped_column(String(20), default="email")  # the extension point: sms, whatsapp
    recipient: Mapped[str] = mapped_column(String(254))
    # What to tell: the step's event and the status it led to, and a note shown to the citizen. The
    # words are rendered when sending (domain/notifications.py), the same at every attempt.
    event: Mapped[str] = mapped_column(String(30))
    status: Mapped[str] = mapped_column(String(20))
    note: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime())
    next_attempt_at: Mapped[datetime] = mapped_column(UtcDateTime())
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    sent_at: Mapped[datetime | None] = mapped_column(UtcDateTime())
    failed_at: Mapped[datetime | None] = mapped_column(UtcDateTime())  # given up after MAX_ATTEMPTS
    last_error: Mapped[str | None] = mapped_column(Text)


class ImprovementPlan(Base):
    """A policy's improvement plan (rencana tindak lanjut) for one evaluation period (issue 21).

    `sequence` orders the plan's events: every event carries the plan with all its actions.
    """

    __tablename__ = "improvement_plans"
    __table_args__ = (UniqueConstraint("policy_id", "period", name="uq_improvement_plans_policy_period"),)
    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_id)
    policy_id: Mapped[str] = mapped_column(String(36), ForeignKey("policies.id"), index=True)
    period: Mapped[str] = mapped_column(String(10))  # the evaluation period: 2026, 2026-S1, 2026-Q3
    state: Mapped[str] = mapped_column(String(20))
    sequence: Mapped[int] = mapped_column(Integer, default=0)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime())
    created_by: Mapped[str | None] = mapped_column(String(200))
    adopted_at: Mapped[datetime | None] = mapped_column(UtcDateTime())
    adopted_by: Mapped[str | None] = mapped_column(String(200))
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime())


class ImprovementAction(Base):
    """One action of a plan. From a recommendation it keeps the rule and the figure as they were when chosen."""

    __tablename__ = "improvement_actions"
    __table_args__ = (Index("ix_improvement_actions_open_deadline", "state", "deadline"),)
    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_id)
    plan_id: Mapped[str] = mapped_column(String(36), ForeignKey("improvement_plans.id"), index=True)
    number: Mapped[int] = mapped_column(Integer)  # 1, 2, ... within the plan
    origin: Mapped[str] = mapped_column(String(20))  # recommendation | manual
    # The recommendation, as reporting issued it (null for an action added by hand).
    source_scope: Mapped[str | None] = mapped_column(String(40))  # the report's scope: a department code or CITY
    rule: Mapped[str | None] = mapped_column(String(60))
    figure: Mapped[str | None] = mapped_column(String(200))
    subject: Mapped[str | None] = mapped_column(String(60))  # e.g. the policy code a per-policy rule is about
    value: Mapped[float | None] = mapped_column(Float)
    threshold: Mapped[float | None] = mapped_column(Float)
    recommendation_text: Mapped[str | None] = mapped_column(Text)
    reason: Mapped[str | None] = mapped_column(Text)  # why it was added by hand
    description: Mapped[str] = mapped_column(Text)
    owner_department: Mapped[str] = mapped_column(String(40), index=True)
    deadline: Mapped[date] = mapped_column(Date)
    policy_article: Mapped[int | None] = mapped_column(Integer)
    policy_version: Mapped[int | None] = mapped_column(Integer)
    state: Mapped[str] = mapped_column(String(20))
    created_at: Mapped[datetime] = mapped_column(UtcDateTime())
    started_at: Mapped[datetime | None] = mapped_column(UtcDateTime())
    done_at: Mapped[datetime | None] = mapped_column(UtcDateTime())
    dropped_at: Mapped[datetime | None] = mapped_column(UtcDateTime())
    evidence_note: Mapped[str | None] = mapped_column(Text)
    drop_reason: Mapped[str | None] = mapped_column(Text)
    overdue_at: Mapped[datetime | None] = mapped_column(UtcDateTime())  # flagged once by the worker
    updated_by: Mapped[str | None] = mapped_column(String(200))
    # The evidence's file, if any: its bytes live in ATTACHMENTS_DIR under attachment_id.
    attachment_id: Mapped[str | None] = mapped_column(String(36))
    attachment_name: Mapped[str | None] = mapped_column(String(100))
    attachment_type: Mapped[str | None] = mapped_column(String(40))
    attachment_size: Mapped[int | None] = mapped_column(Integer)
