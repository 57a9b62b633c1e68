"""Personnel's migrations on a database that already holds data."""
from datetime import date

import pytest
from alembic import command
from sqlalchemy import insert, update

from services.personnel.db.models import Department, Employee, TrainingProgramme, TrainingRecord
from shared.db import utcnow
from shared.migrations import alembic_config

BEFORE_THE_INDEX = "0006_i20_autovacuum"


def test_duplicates_left_by_a_race_stop_the_upgrade_until_revoked(database_server):
    db = database_server.blank("personnel_dup")
    cfg = alembic_config("personnel", db.url)
    command.upgrade(cfg, BEFORE_THE_INDEX)  # the SELECT-before-INSERT days: two requests at once could both pass
    training = {"employee_id": "e-1", "programme_id": "p-1", "start_date": date(2026, 3, 9),
                "end_date": date(2026, 3, 10), "jp": 12}
    with db.engine.begin() as conn:
        conn.execute(insert(Department.__table__), {"code": "DINKES", "name": "Dinas Kesehatan", "type": "dinas"})
        conn.execute(insert(Employee.__table__), {"id": "e-1", "nip": "198503302010011002", "name": "Budi",
                                                  "employee_type": "PNS", "department_code": "DINKES"})
        conn.execute(insert(TrainingProgramme.__table__), {"id": "p-1", "code": "TEKNIS-01", "title": "Teknis",
                                                           "kind": "technical", "jp": 12})
        conn.execute(insert(TrainingRecord.__table__), [{"id": "r-1", **training}, {"id": "r-2", **training}])

    with pytest.raises(RuntimeError, match="revoke all but one") as refused:
        command.upgrade(cfg, "head")
    assert "employee e-1, programme p-1, 2026-03-09..2026-03-10 (2 records)" in str(refused.value)

    with db.engine.begin() as conn:  # what the message says to do
        conn.execute(update(TrainingRecord.__table__).where(TrainingRecord.id == "r-2")
                     .values(revoked_at=utcnow(), revoke_reason="recorded twice"))
    command.upgrade(cfg, "head")
    with db.engine.begin() as conn, pytest.raises(Exception, match="uq_same_training_standing"):
        conn.execute(insert(TrainingRecord.__table__), {"id": "r-3", **training})
