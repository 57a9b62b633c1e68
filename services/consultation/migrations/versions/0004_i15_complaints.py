"""complaints: privacy, area, re-routing, reopening, the pause, attachments, the mail outbox, inbox indexes

Revision ID: 0004_i15_complaints
Revises: 0003
Create Date: 2026-12-01 10:00:00

"""
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = '0004_i15_complaints'
down_revision: str | Sequence[str] | None = '0003'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table('feedback', schema=None) as batch_op:
        # Reports sent before privacy could be chosen were never shown publicly: confidential.
        batch_op.add_column(sa.Column('privacy', sa.String(length=20), nullable=False,
                                      server_default='confidential'))
        batch_op.add_column(sa.Column('kecamatan', sa.String(length=40), nullable=True))
        batch_op.add_column(sa.Column('kelurahan', sa.String(length=60), nullable=True))
        batch_op.add_column(sa.Column('published_at', sa.DateTime(timezone=True), nullable=True))
        batch_op.add_column(sa.Column('assigned_at', sa.DateTime(timezone=True), nullable=True))
        batch_op.add_column(sa.Column('reroute_count', sa.Integer(), nullable=False, server_default='0'))
        batch_op.add_column(sa.Column('reopen_count', sa.Integer(), nullable=False, server_default='0'))
        batch_op.add_column(sa.Column('first_responded_at', sa.DateTime(timezone=True), nullable=True))
        batch_op.add_column(sa.Column('responded_by', sa.String(length=10), nullable=True))
        batch_op.add_column(sa.Column('citizen_satisfied', sa.Boolean(), nullable=True))
        batch_op.add_column(sa.Column('info_requested_at', sa.DateTime(timezone=True), nullable=True))
        batch_op.add_column(sa.Column('paused_from', sa.String(length=20), nullable=True))
        batch_op.add_column(sa.Column('info_due', sa.Date(), nullable=True))
        batch_op.add_column(sa.Column('paused_hours', sa.Float(), nullable=False, server_default='0'))
        batch_op.add_column(sa.Column('paused_working_days', sa.Integer(), nullable=False, server_default='0'))
        batch_op.add_column(sa.Column('paused_hours_at_forward', sa.Float(), nullable=True))
        batch_op.add_column(sa.Column('paused_hours_at_first_response', sa.Float(), nullable=True))
        batch_op.add_column(sa.Column('purged_at', sa.DateTime(timezone=True), nullable=True))
        batch_op.create_index('ix_feedback_department_submitted', ['department_code', 'submitted_at'], unique=False)
        batch_op.create_index('ix_feedback_submitted', ['submitted_at'], unique=False)
        batch_op.create_index('ix_feedback_published', ['published_at'], unique=False)
    # What the old rows already say: the department's clock started at the forwarding, and the
    # follow-up they have is their first one; an old response was an OPD's or an admin's.
    op.execute("UPDATE feedback SET assigned_at = forwarded_at, first_responded_at = responded_at, "
               "paused_hours_at_forward = CASE WHEN forwarded_at IS NULL THEN NULL ELSE 0 END, "
               "paused_hours_at_first_response = CASE WHEN responded_at IS NULL THEN NULL ELSE 0 END")
    op.execute("UPDATE feedback SET responded_by = CASE WHEN (SELECT h.actor_role FROM feedback_history h "
               "WHERE h.feedback_id = feedback.id AND h.action = 'responded' "
               "ORDER BY h.feedback_version DESC LIMIT 1) = 'admin' THEN 'bkpsdm' ELSE 'opd' END "
               "WHERE responded_at IS NOT NULL")

    op.create_table('feedback_attachments',
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('feedback_id', sa.String(length=36), nullable=False),
    sa.Column('filename', sa.String(length=100), nullable=False),
    sa.Column('content_type', sa.String(length=40), nullable=False),
    sa.Column('size', sa.Integer(), nullable=False),
    sa.Column('sha256', sa.String(length=64), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['feedback_id'], ['feedback.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    op.create_index('ix_feedback_attachments_feedback_id', 'feedback_attachments', ['feedback_id'], unique=False)

    op.create_table('mail_notifications',
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('feedback_id', sa.String(length=36), nullable=False),
    sa.Column('channel', sa.String(length=20), nullable=False),
    sa.Column('recipient', sa.String(length=254), nullable=False),
    sa.Column('event', sa.String(length=30), nullable=False),
    sa.Column('status', sa.String(length=20), nullable=False),
    sa.Column('note', sa.Text(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('next_attempt_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('attempts', sa.Integer(), nullable=False),
    sa.Column('sent_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('failed_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('last_error', sa.Text(), nullable=True),
    sa.ForeignKeyConstraint(['feedback_id'], ['feedback.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    op.create_index('ix_mail_notifications_feedback_id', 'mail_notifications', ['feedback_id'], unique=False)
    op.create_index('ix_mail_notifications_pending', 'mail_notifications', ['sent_at', 'next_attempt_at'],
                    unique=False)


def downgrade() -> None:
    op.drop_index('ix_mail_notifications_pending', table_name='mail_notifications')
    op.drop_index('ix_mail_notifications_feedback_id', table_name='mail_notifications')
    op.drop_table('mail_notifications')
    op.drop_index('ix_feedback_attachments_feedback_id', table_name='feedback_attachments')
    op.drop_table('feedback_attachments')
    with op.batch_alter_table('feedback', schema=None) as batch_op:
        batch_op.drop_index('ix_feedback_published')
        batch_op.drop_index('ix_feedback_submitted')
        batch_op.drop_index('ix_feedback_department_submitted')
        for column in ('purged_at', 'paused_hours_at_first_response', 'paused_hours_at_forward',
                       'paused_working_days', 'paused_hours', 'info_due', 'paused_from', 'info_requested_at',
                       'citizen_satisfied', 'responded_by', 'first_responded_at', 'reopen_count', 'reroute_count',
                       'assigned_at', 'published_at', 'kelurahan', 'kecamatan', 'privacy'):
            batch_op.drop_column(column)
