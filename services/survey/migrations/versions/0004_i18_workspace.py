"""workspace: token batches (re-printable sheets), the batch of each unused token, refused-response counters,
suggestions by campaign and time

Revision ID: 0004_i18_workspace
Revises: 0003
Create Date: 2026-12-10 09:00:00.000000

"""
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision: str = '0004_i18_workspace'
down_revision: str | Sequence[str] | None = '0003'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

REFUSED = ('refused_repeat', 'refused_rate', 'refused_challenge')


def upgrade() -> None:
    """Upgrade schema."""
    op.create_table('token_batches',
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('campaign_id', sa.String(length=36), nullable=False),
    sa.Column('count', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('created_by', sa.String(length=200), nullable=True),
    sa.ForeignKeyConstraint(['campaign_id'], ['campaigns.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    op.create_index(op.f('ix_token_batches_campaign_id'), 'token_batches', ['campaign_id'], unique=False)
    with op.batch_alter_table('invitation_tokens') as batch:
        batch.add_column(sa.Column('batch_id', sa.String(length=36), nullable=True))
        batch.create_foreign_key('fk_invitation_tokens_batch_id', 'token_batches', ['batch_id'], ['id'])
        batch.create_index(op.f('ix_invitation_tokens_batch_id'), ['batch_id'], unique=False)
    with op.batch_alter_table('campaign_tallies') as batch:
        for name in REFUSED:
            batch.add_column(sa.Column(name, sa.Integer(), nullable=False, server_default='0'))
    op.create_index('ix_responses_campaign_submitted', 'responses', ['campaign_id', 'submitted_at'], unique=False)


def downgrade() -> None:
    """Downgrade schema."""
    op.drop_index('ix_responses_campaign_submitted', table_name='responses')
    with op.batch_alter_table('campaign_tallies') as batch:
        for name in REFUSED:
            batch.drop_column(name)
    with op.batch_alter_table('invitation_tokens') as batch:
        batch.drop_index(op.f('ix_invitation_tokens_batch_id'))
        batch.drop_constraint('fk_invitation_tokens_batch_id', type_='foreignkey')
        batch.drop_column('batch_id')
    op.drop_index(op.f('ix_token_batches_campaign_id'), table_name='token_batches')
    op.drop_table('token_batches')
