"""Personnel's tables: departments, employees, appointments, training, socialization."""
from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import (
    JSON,
    Boolean,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    String,
    Text,
    UniqueConstraint,
    func,
    text,
)
from sqlalchemy.orm import Mapped, mapped_column

from shared.db import new_id, service_base, utcnow
from shared.plumbing import add_plumbing_tables

Base = service_base()
metadata = Base.metadata
plumbing = add_plumbing_tables(metadata)


class Department(Base):
    __tablename__ = "departments"
    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_id)
    code: Mapped[str] = mapped_column(String(40), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    type: Mapped[str] = mapped_column(String(20))
    parent_code: Mapped[str | None] = mapped_column(String(40), ForeignKey("departments.code"))
    status: Mapped[str] = mapped_column(String(20), default="active")
    version: Mapped[int] = mapped_column(Integer, default=1)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class Employee(Base):
    __tablename__ = "employees"
    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_id)
    nip: Mapped[str] = mapped_column(String(18), unique=True)
    name: Mapped[str] = mapped_column(String(200), index=True)
    employee_type: Mapped[str] = mapped_column(String(4))
    department_code: Mapped[str] = mapped_column(String(40), ForeignKey("departments.code"), index=True)
    birth_date: Mapped[date | None] = mapped_column(Date)
    gender: Mapped[str | None] = mapped_column(String(6))
    rank: Mapped[str | None] = mapped_column(String(6))
    rank_order: Mapped[int | None] = mapped_column(Integer, index=True)
    position_title: Mapped[str | None] = mapped_column(String(200))
    position_type: Mapped[str | None] = mapped_column(String(20), index=True)
    tmt_jabatan: Mapped[date | None] = mapped_column(Date)
    education: Mapped[str | None] = mapped_column(String(20))
    status: Mapped[str] = mapped_column(String(20), default="active")
    # The current position is the head of the unit (kepala dinas/badan, camat, lurah): one per unit.
    is_head: Mapped[bool] = mapped_column(Boolean, default=False, server_default=text("false"))
    version: Mapped[int] = mapped_column(Integer, default=1)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)

    __table_args__ = (
        # docs/domain.md, 'One head per unit': the database refuses a second head in service too.
        Index("uq_one_head_per_department", "department_code", unique=True,
              postgresql_where=text("is_head AND status IN ('active', 'on_leave')"),
              sqlite_where=text("is_head AND status IN ('active', 'on_leave')")),
        # The search page lists by name (and id, for a stable order), a department's staff likewise.
        Index("ix_employees_name_id", "name", "id"),
        Index("ix_employees_department_name", "department_code", "name", "id"),
        # Finding by the start of a NIP, and by part of a name (PostgreSQL: pattern ops, trigrams).
        Index("ix_employees_nip_pattern", "nip", postgresql_ops={"nip": "varchar_pattern_ops"}).ddl_if(
            dialect="postgresql"),
        Index("ix_employees_name_trgm", func.lower(text("name")), postgresql_using="gin",
              postgresql_ops={"lower_1": "gin_trgm_ops"}).ddl_if(dialect="postgresql"),
    )


class StatusChange(Base):
    """A change of an employee's status, with the reason and decree (SK) where one is needed."""

    __tablename__ = "status_changes"
    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_id)
    employee_id: Mapped[str] = mapped_column(String(36), ForeignKey("employees.id"), index=True)
    from_status: Mapped[str] = mapped_column(String(20))
    to_status: Mapped[str] = mapped_column(String(20))
    reason: Mapped[str | None] = mapped_column(Text)
    decree_number: Mapped[str | None] = mapped_column(String(100))
    decree_date: Mapped[date | None] = mapped_column(Date)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class RankChange(Base):
    """A rank (golongan/ruang) an employee held from a day on: the rank history."""

    __tablename__ = "rank_changes"
    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_id)
    employee_id: Mapped[str] = mapped_column(String(36), ForeignKey("employees.id"), index=True)
    rank: Mapped[str] = mapped_column(String(6))
    decree_number: Mapped[str | None] = mapped_column(String(100))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class Appointment(Base):
    __tablename__ = "appointments"
    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_id)
    employee_id: Mapped[str] = mapped_column(String(36), ForeignKey("employees.id"), index=True)
    department_code: Mapped[str] = mapped_column(String(40))
    position_title: Mapped[str] = mapped_column(String(200))
    position_type: Mapped[str] = mapped_column(String(20))
    tmt_jabatan: Mapped[date] = mapped_column(Date)
    decree_number: Mapped[str | None] = mapped_column(String(100))
    decree_date: Mapped[date | None] = mapped_column(Date)
    head_of_unit: Mapped[bool] = mapped_column(Boolean, default=False, server_default=text("false"))
    # The day a head's appointment ended because a new head of the unit was appointed.
    ended_on: Mapped[date | None] = mapped_column(Date)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class TrainingProgramme(Base):
    __tablename__ = "training_programmes"
    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_id)
    code: Mapped[str] = mapped_column(String(40), unique=True)
    title: Mapped[str] = mapped_column(String(300))
    kind: Mapped[str] = mapped_column(String(20))
    leadership_level: Mapped[str | None] = mapped_column(String(10))
    jp: Mapped[int] = mapped_column(Integer)
    mode: Mapped[str] = mapped_column(String(20), default="classical")
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class TrainingRecord(Base):
    __tablename__ = "training_records"
    __table_args__ = (
        UniqueConstraint("programme_id", "certificate_number", name="uq_certificate_per_programme"),
        # docs/domain.md, 'Training records': one standing record per employee, programme and dates. The
        # database answers it, so two requests at once cannot both record the same training.
        Index("uq_same_training_standing", "employee_id", "programme_id", "start_date", "end_date", unique=True,
              postgresql_where=text("revoked_at IS NULL"), sqlite_where=text("revoked_at IS NULL")),
    )
    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_id)
    employee_id: Mapped[str] = mapped_column(String(36), ForeignKey("employees.id"), index=True)
    programme_id: Mapped[str] = mapped_column(String(36), ForeignKey("training_programmes.id"), index=True)
    start_date: Mapped[date] = mapped_column(Date)
    end_date: Mapped[date] = mapped_column(Date)
    jp: Mapped[int] = mapped_column(Integer)
    status: Mapped[str] = mapped_column(String(20), default="completed")
    certificate_number: Mapped[str | None] = mapped_column(String(100))
    source: Mapped[str] = mapped_column(String(40), default="api")
    revoked_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    revoke_reason: Mapped[str | None] = mapped_column(Text)
    version: Mapped[int] = mapped_column(Integer, default=1)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class KnownPolicy(Base):
    """Personnel's local copy of consultation's policies, kept from consultation.policy.* events."""

    __tablename__ = "known_policies"
    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    code: Mapped[str] = mapped_column(String(60), index=True)
    title: Mapped[str] = mapped_column(String(300))
    state: Mapped[str] = mapped_column(String(30))
    policy_version: Mapped[int] = mapped_column(Integer, default=1)
    sequence: Mapped[int] = mapped_column(Integer, default=0)


class SocializationSession(Base):
    __tablename__ = "socialization_sessions"
    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_id)
    policy_id: Mapped[str] = mapped_column(String(36), ForeignKey("known_policies.id"), index=True)
    format: Mapped[str] = mapped_column(String(20))
    title: Mapped[str] = mapped_column(String(300))
    held_on: Mapped[date] = mapped_column(Date)
    department_codes: Mapped[str] = mapped_column(Text)  # comma-separated codes
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class SocializationAttendance(Base):
    __tablename__ = "socialization_attendance"
    __table_args__ = (Index("ix_socialization_attendance_employee_id", "employee_id"),)
    session_id: Mapped[str] = mapped_column(String(36), ForeignKey("socialization_sessions.id"), primary_key=True)
    employee_id: Mapped[str] = mapped_column(String(36), ForeignKey("employees.id"), primary_key=True)
    recorded_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class StagedImport(Base):
    """An uploaded file waiting for its preview to be confirmed on the import page (post/redirect/get)."""

    __tablename__ = "staged_imports"
    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_id)
    kind: Mapped[str] = mapped_column(String(20))  # employees / training
    update_existing: Mapped[bool] = mapped_column(Boolean, default=False)
    filename: Mapped[str] = mapped_column(String(200))
    content: Mapped[bytes | None] = mapped_column(LargeBinary)  # dropped once imported
    owner: Mapped[str] = mapped_column(String(200))  # the uploader's subject: only they see or confirm it
    result: Mapped[dict | None] = mapped_column(JSON)  # the import's report, once confirmed
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    imported_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
