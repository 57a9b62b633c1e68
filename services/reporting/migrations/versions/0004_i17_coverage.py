"""personnel's published leadership facts on employees; policy versions in force (#17)

Revision ID: 0004_i17_coverage
Revises: 0003
Create Date: 2026-11-30 10:00:00

"""
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = '0004_i17_coverage'
down_revision: str | Sequence[str] | None = '0003'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table('employees', schema=None) as batch_op:
        batch_op.add_column(sa.Column('leadership_published', sa.Boolean(), server_default=sa.text('false'),
                                      nullable=False))
        batch_op.add_column(sa.Column('leadership_required_level', sa.String(length=10), nullable=True))
        batch_op.add_column(sa.Column('leadership_due_date', sa.Date(), nullable=True))
        batch_op.add_column(sa.Column('leadership_met_on', sa.Date(), nullable=True))
    op.create_table('policy_versions',
    sa.Column('policy_id', sa.String(length=36), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('in_force_from', sa.Date(), nullable=True),
    sa.Column('in_force_until', sa.Date(), nullable=True),
    sa.PrimaryKeyConstraint('policy_id', 'version')
    )


def downgrade() -> None:
    op.drop_table('policy_versions')
    with op.batch_alter_table('employees', schema=None) as batch_op:
        batch_op.drop_column('leadership_met_on')
        batch_op.drop_column('leadership_due_date')
        batch_op.drop_column('leadership_required_level')
        batch_op.drop_column('leadership_published')
