"""The survey service's tables: campaigns, their running tallies, anonymous responses, invitation tokens,
and survey's own copy of personnel's departments.

Anonymity is a property of the schema: a response row has no IP, no user, no token and no foreign key
to anything but its campaign, and an invitation token row is deleted when it is used, so no column,
timestamp or row version ties a spent token to the response it admitted. A token batch keeps no
token at all: the unused tokens of a batch are derived again from a server secret (see
domain/invitation_tokens.py and services/survey/README.md, "Tokens").
"""
from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import (
    JSON,
    Boolean,
    CheckConstraint,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    SmallInteger,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column

from services.survey.domain.unsur import MAX_SCORE, MIN_SCORE, UNSUR_KEYS
from shared.db import new_id, service_base, utcnow
from shared.plumbing import add_plumbing_tables

Base = service_base()
metadata = Base.metadata
plumbing = add_plumbing_tables(metadata)


class Campaign(Base):
    """One SKM of one service unit for one period."""

    __tablename__ = "campaigns"
    __table_args__ = (UniqueConstraint("department_code", "service_unit", "period_type", "period_year",
                                       "period_index", name="uq_campaign_unit_period"),)
    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_id)
    department_code: Mapped[str] = mapped_column(String(40), index=True)
    service_unit: Mapped[str] = mapped_column(String(200))
    period_type: Mapped[str] = mapped_column(String(12))
    period_year: Mapped[int] = mapped_column(Integer)
    period_index: Mapped[int] = mapped_column(Integer)
    period_label: Mapped[str] = mapped_column(String(40))
    period_start: Mapped[date] = mapped_column(Date)
    period_end: Mapped[date] = mapped_column(Date)
    population: Mapped[int | None] = mapped_column(Integer)  # people served in the period (N)
    status: Mapped[str] = mapped_column(String(10), default="draft", index=True)
    requires_token: Mapped[bool] = mapped_column(Boolean, default=False)
    extra_questions: Mapped[list] = mapped_column(JSON, default=list)
    tokens_issued: Mapped[int] = mapped_column(Integer, default=0)
    version: Mapped[int] = mapped_column(Integer, default=1)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    opened_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    closed_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))


def _answer_column(key: str):
    return mapped_column(SmallInteger, CheckConstraint(f"{key} BETWEEN {MIN_SCORE} AND {MAX_SCORE}", name=f"ck_response_{key}"))


class Response(Base):
    """One anonymous questionnaire: the 9 answers, the profile, a suggestion and the extra answers."""

    __tablename__ = "responses"
    # The staff results page reads a campaign's suggestions newest first, a page at a time.
    __table_args__ = (Index("ix_responses_campaign_submitted", "campaign_id", "submitted_at"),)
    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_id)
    campaign_id: Mapped[str] = mapped_column(String(36), ForeignKey("campaigns.id"), index=True)
    u1: Mapped[int] = _answer_column("u1")
    u2: Mapped[int] = _answer_column("u2")
    u3: Mapped[int] = _answer_column("u3")
    u4: Mapped[int] = _answer_column("u4")
    u5: Mapped[int] = _answer_column("u5")
    u6: Mapped[int] = _answer_column("u6")
    u7: Mapped[int] = _answer_column("u7")
    u8: Mapped[int] = _answer_column("u8")
    u9: Mapped[int] = _answer_column("u9")
    gender: Mapped[str | None] = mapped_column(String(20))
    age_group: Mapped[str | None] = mapped_column(String(20))
    education: Mapped[str | None] = mapped_column(String(20))
    occupation: Mapped[str | None] = mapped_column(String(20))
    suggestion: Mapped[str | None] = mapped_column(Text)
    extra_answers: Mapped[dict] = mapped_column(JSON, default=dict)
    submitted_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)

    @property
    def answers(self) -> dict[str, int]:
        return {key: getattr(self, key) for key in UNSUR_KEYS}


def _sum_column():
    return mapped_column(Integer, default=0)


class CampaignTally(Base):
    """The running totals of a campaign, changed in the same transaction as each response."""

    __tablename__ = "campaign_tallies"
    campaign_id: Mapped[str] = mapped_column(String(36), ForeignKey("campaigns.id"), primary_key=True)
    respondents: Mapped[int] = mapped_column(Integer, default=0)
    u1: Mapped[int] = _sum_column()
    u2: Mapped[int] = _sum_column()
    u3: Mapped[int] = _sum_column()
    u4: Mapped[int] = _sum_column()
    u5: Mapped[int] = _sum_column()
    u6: Mapped[int] = _sum_column()
    u7: Mapped[int] = _sum_column()
    u8: Mapped[int] = _sum_column()
    u9: Mapped[int] = _sum_column()
    # {"gender": {"perempuan": 3, "unspecified": 1, ...}, "age_group": {...}, ...}
    profile_counts: Mapped[dict] = mapped_column(JSON, default=dict)
    # Responses refused by the soft controls of an open campaign (README, "Integrity"): a repeat from a
    # device that already answered, too many from one address, a failed challenge.
    refused_repeat: Mapped[int] = mapped_column(Integer, default=0)
    refused_rate: Mapped[int] = mapped_column(Integer, default=0)
    refused_challenge: Mapped[int] = mapped_column(Integer, default=0)


class TokenBatch(Base):
    """One explicit issue of `count` tokens; its tokens are derived from the server secret and the batch id."""

    __tablename__ = "token_batches"
    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_id)
    campaign_id: Mapped[str] = mapped_column(String(36), ForeignKey("campaigns.id"), index=True)
    count: Mapped[int] = mapped_column(Integer)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    created_by: Mapped[str | None] = mapped_column(String(200))  # the staff member's display name


class InvitationToken(Base):
    """An UNUSED one-time token, as its SHA-256 only. Using it deletes the row (see module docstring)."""

    __tablename__ = "invitation_tokens"
    token_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    campaign_id: Mapped[str] = mapped_column(String(36), ForeignKey("campaigns.id"), index=True)
    # The sheet it was printed on (None for tokens issued before batches existed: those cannot be re-printed).
    batch_id: Mapped[str | None] = mapped_column(String(36), ForeignKey("token_batches.id"), index=True)


class Department(Base):
    """Survey's copy of one personnel department, kept from personnel.department.* events (no cross-service call)."""

    __tablename__ = "departments"
    code: Mapped[str] = mapped_column(String(40), primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    type: Mapped[str | None] = mapped_column(String(40))
    status: Mapped[str] = mapped_column(String(20))
    sequence: Mapped[int] = mapped_column(Integer)  # the department's version in personnel: older events are ignored
