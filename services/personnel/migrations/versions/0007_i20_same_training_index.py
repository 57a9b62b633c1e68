"""One standing training record per employee, programme and dates, kept by the database (#20)

Revision ID: 0007_i20_same_training_index
Revises: 0006_i20_autovacuum
Create Date: 2026-12-01 08:00:00.000000

The rule was checked with a SELECT before each INSERT: a round trip per write, and two requests at
once could both pass it. A partial unique index answers it instead (revoked records do not count).
Duplicates left by such a race stop the upgrade with their ids: revoke all but one of each, then
upgrade again.
"""
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision: str = '0007_i20_same_training_index'
down_revision: str | Sequence[str] | None = '0006_i20_autovacuum'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

COLUMNS = ["employee_id", "programme_id", "start_date", "end_date"]
STANDING = "revoked_at IS NULL"


def upgrade() -> None:
    duplicates = op.get_bind().execute(sa.text(
        f"SELECT {', '.join(COLUMNS)}, count(*) FROM training_records WHERE {STANDING} "
        f"GROUP BY {', '.join(COLUMNS)} HAVING count(*) > 1 LIMIT 20")).all()
    if duplicates:
        listed = "; ".join(f"employee {row[0]}, programme {row[1]}, {row[2]}..{row[3]} ({row[4]} records)"
                           for row in duplicates)
        raise RuntimeError("The same training is recorded more than once and standing: revoke all but one of "
                           f"each (POST /api/v1/training-records/<id>/revoke), then upgrade again: {listed}")
    op.create_index("uq_same_training_standing", "training_records", COLUMNS, unique=True,
                    postgresql_where=sa.text(STANDING), sqlite_where=sa.text(STANDING))


def downgrade() -> None:
    op.drop_index("uq_same_training_standing", table_name="training_records")
