"""Reporting's read models: built only from events, never from other services' databases."""
from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import JSON, Boolean, Date, DateTime, Float, Index, Integer, String, text
from sqlalchemy.orm import Mapped, mapped_column

from shared.db import service_base
from shared.plumbing import add_plumbing_tables

Base = service_base()
metadata = Base.metadata
plumbing = add_plumbing_tables(metadata)


class TrainingFact(Base):
    """The latest known state of one training record (event-carried state, versioned by `sequence`)."""

    __tablename__ = "training_facts"
    record_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    employee_id: Mapped[str] = mapped_column(String(36), index=True)
    department_code: Mapped[str] = mapped_column(String(40), index=True)
    employee_type: Mapped[str] = mapped_column(String(4))
    programme_code: Mapped[str] = mapped_column(String(40))
    kind: Mapped[str] = mapped_column(String(20))
    leadership_level: Mapped[str | None] = mapped_column(String(10))
    jp: Mapped[int] = mapped_column(Integer)
    status: Mapped[str] = mapped_column(String(20))
    end_date: Mapped[date] = mapped_column(Date)
    year: Mapped[int] = mapped_column(Integer, index=True)
    revoked: Mapped[bool] = mapped_column(Boolean, default=False)
    sequence: Mapped[int] = mapped_column(Integer)


class DepartmentFact(Base):
    """The latest known state of one department (OPD): its name for report headings."""

    __tablename__ = "departments"
    code: Mapped[str] = mapped_column(String(40), primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    type: Mapped[str | None] = mapped_column(String(30))
    status: Mapped[str] = mapped_column(String(20))
    sequence: Mapped[int] = mapped_column(Integer)


class EmployeeFact(Base):
    """The latest known state of one employee. The name is kept only for compliance lists of authorised views."""

    __tablename__ = "employees"
    employee_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    employee_type: Mapped[str] = mapped_column(String(4))
    department_code: Mapped[str] = mapped_column(String(40))
    position_type: Mapped[str | None] = mapped_column(String(20))
    tmt_jabatan: Mapped[date | None] = mapped_column(Date)
    status: Mapped[str] = mapped_column(String(20))
    # The leadership facts personnel publishes (its competence rules, one home): the required level, the
    # deadline and the day it was met. Events from before personnel published them leave `leadership_published`
    # false, and the report falls back to its own reading (reports/competence.py).
    leadership_published: Mapped[bool] = mapped_column(Boolean, default=False, server_default=text("false"))
    leadership_required_level: Mapped[str | None] = mapped_column(String(10))
    leadership_due_date: Mapped[date | None] = mapped_column(Date)
    leadership_met_on: Mapped[date | None] = mapped_column(Date)
    sequence: Mapped[int] = mapped_column(Integer)
    __table_args__ = (Index("ix_employees_department_status", "department_code", "status"),)


class EmployeeJp(Base):
    """JP of completed, unrevoked training per employee, year and quarter: kept up to date by deltas."""

    __tablename__ = "employee_jp"
    employee_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    year: Mapped[int] = mapped_column(Integer, primary_key=True)
    q1: Mapped[int] = mapped_column(Integer, default=0)
    q2: Mapped[int] = mapped_column(Integer, default=0)
    q3: Mapped[int] = mapped_column(Integer, default=0)
    q4: Mapped[int] = mapped_column(Integer, default=0)


class LeadershipCredit(Base):
    """How many completed, unrevoked leadership trainings of a level an employee has (a count, for deltas)."""

    __tablename__ = "leadership_credits"
    employee_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    level: Mapped[str] = mapped_column(String(10), primary_key=True)
    records: Mapped[int] = mapped_column(Integer, default=0)


class SocializationAttendance(Base):
    """One employee's attendance at one socialization session of a policy."""

    __tablename__ = "socialization_attendance"
    session_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    employee_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    policy_id: Mapped[str] = mapped_column(String(36))
    department_code: Mapped[str] = mapped_column(String(40))
    held_on: Mapped[date] = mapped_column(Date)
    __table_args__ = (Index("ix_socialization_policy_employee", "policy_id", "employee_id"),)


class PolicyFact(Base):
    """The latest known state of one policy (its stage in the life cycle)."""

    __tablename__ = "policies"
    policy_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    code: Mapped[str] = mapped_column(String(60))
    title: Mapped[str] = mapped_column(String(300))
    version: Mapped[int] = mapped_column(Integer)
    state: Mapped[str] = mapped_column(String(30))
    department_code: Mapped[str | None] = mapped_column(String(40), index=True)
    changed_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    sequence: Mapped[int] = mapped_column(Integer)
    # The consultation and the latest adoption (null in events from before issue 16).
    closes_on: Mapped[date | None] = mapped_column(Date)
    consultation_round: Mapped[int | None] = mapped_column(Integer)
    consulted_version: Mapped[int | None] = mapped_column(Integer)
    adopted_version: Mapped[int | None] = mapped_column(Integer)
    adopted_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    unanswered_at_adoption: Mapped[int | None] = mapped_column(Integer)
    articles_changed: Mapped[int | None] = mapped_column(Integer)


class CommentFact(Base):
    """The latest known state of one citizen's comment on a policy: its moderation and its official answer."""

    __tablename__ = "policy_comments"
    comment_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    policy_id: Mapped[str] = mapped_column(String(36), index=True)
    department_code: Mapped[str | None] = mapped_column(String(40))
    policy_version: Mapped[int] = mapped_column(Integer)
    article_number: Mapped[int | None] = mapped_column(Integer)
    moderation: Mapped[str] = mapped_column(String(20))
    submitted_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), index=True)
    answer_outcome: Mapped[str | None] = mapped_column(String(20))
    answered_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    sequence: Mapped[int] = mapped_column(Integer)


class PolicyVersionFact(Base):
    """When one version of a policy was in force: from its adoption to its revision or retirement (WIB days).

    Kept from every consultation.policy.* event: the earliest in-force day and the latest end seen, so
    late and repeated events change nothing. A report lists a version in the periods it was in force.
    """

    __tablename__ = "policy_versions"
    policy_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    version: Mapped[int] = mapped_column(Integer, primary_key=True)
    in_force_from: Mapped[date | None] = mapped_column(Date)
    in_force_until: Mapped[date | None] = mapped_column(Date)


class FeedbackFact(Base):
    """The latest known state of one feedback item, with its response times worked out once."""

    __tablename__ = "feedback_items"
    feedback_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    kind: Mapped[str] = mapped_column(String(30))
    category: Mapped[str] = mapped_column(String(60))
    unsur: Mapped[str | None] = mapped_column(String(3))
    policy_id: Mapped[str | None] = mapped_column(String(36), index=True)
    department_code: Mapped[str | None] = mapped_column(String(40))
    status: Mapped[str] = mapped_column(String(20))
    submitted_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), index=True)
    forwarded_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    responded_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    closed_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    first_response_hours: Mapped[float | None] = mapped_column(Float)
    follow_up_hours: Mapped[float | None] = mapped_column(Float)
    forward_deadline_met: Mapped[bool | None] = mapped_column(Boolean)
    follow_up_deadline_met: Mapped[bool | None] = mapped_column(Boolean)
    overdue_stage: Mapped[str | None] = mapped_column(String(30))
    missed_deadline: Mapped[bool] = mapped_column(Boolean, default=False)
    answer_outcome: Mapped[str | None] = mapped_column(String(20))
    hidden: Mapped[bool] = mapped_column(Boolean, default=False)
    sequence: Mapped[int] = mapped_column(Integer)
    # The follow-up's course (issue 15): moves between departments, reopenings, the citizen's word on the
    # follow-up, and the time spent waiting for the citizen (kept out of the hours above).
    reroute_count: Mapped[int] = mapped_column(Integer, default=0)
    reopen_count: Mapped[int] = mapped_column(Integer, default=0)
    citizen_satisfied: Mapped[bool | None] = mapped_column(Boolean)
    responded_by: Mapped[str | None] = mapped_column(String(10))
    paused_hours: Mapped[float] = mapped_column(Float, default=0.0)
    paused_working_days: Mapped[int] = mapped_column(Integer, default=0)
    __table_args__ = (Index("ix_feedback_department_submitted", "department_code", "submitted_at"),)


class SurveyCampaignFact(Base):
    """The latest IKM snapshot of one SKM campaign (survey.results.updated); older campaigns stay for the trend."""

    __tablename__ = "survey_campaigns"
    campaign_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    department_code: Mapped[str] = mapped_column(String(40), index=True)
    service_unit: Mapped[str] = mapped_column(String(200))
    period_label: Mapped[str] = mapped_column(String(60))
    period_start: Mapped[date] = mapped_column(Date)
    period_end: Mapped[date] = mapped_column(Date)
    status: Mapped[str] = mapped_column(String(20))
    respondents: Mapped[int] = mapped_column(Integer)
    nrr: Mapped[dict | None] = mapped_column(JSON)
    ikm: Mapped[float | None] = mapped_column(Float)
    converted: Mapped[float | None] = mapped_column(Float)
    converted_display: Mapped[str | None] = mapped_column(String(10))
    mutu: Mapped[str | None] = mapped_column(String(2))
    kinerja: Mapped[str | None] = mapped_column(String(30))
    weakest_unsur: Mapped[str | None] = mapped_column(String(3))
    required_sample: Mapped[int | None] = mapped_column(Integer)
    sample_sufficient: Mapped[bool | None] = mapped_column(Boolean)
    sequence: Mapped[int] = mapped_column(Integer)


class SurveyResponseFact(Base):
    """That an anonymous response arrived (no answers kept: the snapshot carries the results)."""

    __tablename__ = "survey_responses"
    response_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    campaign_id: Mapped[str] = mapped_column(String(36), index=True)
    department_code: Mapped[str] = mapped_column(String(40))
    submitted_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class ReportRevision(Base):
    """How many applied events have touched a report (scope = department code or CITY, period label)."""

    __tablename__ = "report_revisions"
    scope: Mapped[str] = mapped_column(String(40), primary_key=True)
    period: Mapped[str] = mapped_column(String(10), primary_key=True)
    revision: Mapped[int] = mapped_column(Integer)
    as_of: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class ReportAnnouncement(Base):
    """The revision of a report last announced as reporting.report.updated (kept apart: no lock contention)."""

    __tablename__ = "report_announcements"
    scope: Mapped[str] = mapped_column(String(40), primary_key=True)
    period: Mapped[str] = mapped_column(String(10), primary_key=True)
    revision: Mapped[int] = mapped_column(Integer)
    announced_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


# The shared consumer looks inbox rows up by event id alone, and the inbox's primary key starts
# with the source: without this index each lookup scans the whole inbox, and ingest slows down
# as the history grows.
Index("ix_inbox_event_id", plumbing["inbox"].c.event_id)


class ImprovementActionFact(Base):
    """The latest known state of one action of an improvement plan (consultation.improvement.*, issue 21).

    Every event carries the whole plan, so `sequence` is the plan's: all its actions move together.
    """

    __tablename__ = "improvement_actions"
    action_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    plan_id: Mapped[str] = mapped_column(String(36), index=True)
    policy_id: Mapped[str] = mapped_column(String(36))
    policy_code: Mapped[str] = mapped_column(String(60))
    policy_title: Mapped[str] = mapped_column(String(300))
    period: Mapped[str] = mapped_column(String(10))  # the evaluation period the plan follows up
    plan_state: Mapped[str] = mapped_column(String(20))
    number: Mapped[int] = mapped_column(Integer)
    origin: Mapped[str] = mapped_column(String(20))
    source_scope: Mapped[str | None] = mapped_column(String(40), index=True)
    rule: Mapped[str | None] = mapped_column(String(60))
    figure: Mapped[str | None] = mapped_column(String(200))
    subject: Mapped[str | None] = mapped_column(String(60))
    value: Mapped[float | None] = mapped_column(Float)
    threshold: Mapped[float | None] = mapped_column(Float)
    recommendation_text: Mapped[str | None] = mapped_column(String)
    description: Mapped[str] = mapped_column(String)
    owner_department: Mapped[str] = mapped_column(String(40), index=True)
    deadline: Mapped[date] = mapped_column(Date)
    changes_text: Mapped[bool] = mapped_column(Boolean)
    state: Mapped[str] = mapped_column(String(20))
    done_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    done_on_time: Mapped[bool | None] = mapped_column(Boolean)
    overdue_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    dropped_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    sequence: Mapped[int] = mapped_column(Integer)
