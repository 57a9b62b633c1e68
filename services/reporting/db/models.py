"""Reporting's read models: built only from events, never from other services' databases."""
from __future__ import annotations

from datetime import date

from sqlalchemy import Boolean, Date, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from shared.db import service_base
from shared.outbox import add_plumbing_tables

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
