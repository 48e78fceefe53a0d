"""submission reason code: the standard reason to send a proof again, besides staff's own message

Revision ID: 7c41d2a9e5b0
Revises: a7c3e9d2f001
Create Date: 2026-12-07 19:10:00
"""
from alembic import op
import sqlalchemy as sa
import sqlmodel


revision = '7c41d2a9e5b0'
down_revision = 'a7c3e9d2f001'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('submission', schema=None) as batch_op:
        batch_op.add_column(sa.Column('reason_code', sqlmodel.sql.sqltypes.AutoString(length=20), nullable=False,
                                      server_default=''))


def downgrade() -> None:
    with op.batch_alter_table('submission', schema=None) as batch_op:
        batch_op.drop_column('reason_code')
