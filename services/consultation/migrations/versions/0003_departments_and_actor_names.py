"""departments copied from personnel; actor display names in histories

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-01 09:00:00

"""
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = '0003'
down_revision: str | Sequence[str] | None = '0002'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

HISTORIES = ('feedback_history', 'policy_transitions')


def upgrade() -> None:
    op.create_table('departments',
    sa.Column('code', sa.String(length=40), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('type', sa.String(length=40), nullable=False),
    sa.Column('status', sa.String(length=20), nullable=False),
    sa.Column('sequence', sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint('code')
    )
    for table in HISTORIES:
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.add_column(sa.Column('actor_name', sa.String(length=200), nullable=True))
        # Rows written before names were recorded show the subject, as they did until now.
        op.execute(f'UPDATE {table} SET actor_name = actor')
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.alter_column('actor_name', existing_type=sa.String(length=200), nullable=False)


def downgrade() -> None:
    for table in HISTORIES:
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.drop_column('actor_name')
    op.drop_table('departments')
