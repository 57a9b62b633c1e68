"""Training programmes: the catalogue that training records refer to, kept by BKPSDM."""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from services.personnel.db.models import TrainingProgramme
from services.personnel.workflow import access
from shared.db import paginate
from shared.errors import Conflict
from shared.principal import Principal


def list_programmes(session: Session, page: dict) -> dict:
    """A page of programmes (public: the catalogue is not personal data)."""
    return paginate(session, select(TrainingProgramme).order_by(TrainingProgramme.code), page)


def create_programme(session: Session, principal: Principal, now: datetime, data: dict) -> TrainingProgramme:
    access.ensure_admin(principal)
    if session.execute(select(TrainingProgramme.id).where(TrainingProgramme.code == data["code"])).first():
        raise Conflict(f"Programme code {data['code']!r} already exists.")
    programme = TrainingProgramme(**data, created_at=now)
    session.add(programme)
    session.flush()
    return programme
