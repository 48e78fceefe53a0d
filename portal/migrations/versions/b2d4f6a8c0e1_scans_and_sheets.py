"""One word per concept: a draft's photos and imported PDFs are scans, pages of paper are sheets

Revision ID: b2d4f6a8c0e1
Revises: 3c7a9e41d2b8
Create Date: 2026-12-07 21:00:00
"""
import sqlalchemy as sa
from alembic import op

revision = 'b2d4f6a8c0e1'
down_revision = '3c7a9e41d2b8'
branch_labels = None
depends_on = None


def upgrade() -> None:
    sqlite = op.get_bind().dialect.name == 'sqlite'
    with op.batch_alter_table('draftpage') as batch_op:
        batch_op.drop_index('ix_draftpage_draft_id')
        batch_op.alter_column('pdf_pages', new_column_name='sheets', existing_type=sa.Integer(),
                              existing_nullable=False)
    op.rename_table('draftpage', 'scan')
    with op.batch_alter_table('scan', recreate='always' if sqlite else 'auto',
                              table_kwargs={'sqlite_autoincrement': True}) as batch_op:
        batch_op.create_index('ix_scan_draft_id', ['draft_id'], unique=False)
    with op.batch_alter_table('submission') as batch_op:
        batch_op.alter_column('page_count', new_column_name='sheet_count', existing_type=sa.Integer(),
                              existing_nullable=False)


def downgrade() -> None:
    with op.batch_alter_table('submission') as batch_op:
        batch_op.alter_column('sheet_count', new_column_name='page_count', existing_type=sa.Integer(),
                              existing_nullable=False)
    with op.batch_alter_table('scan') as batch_op:
        batch_op.drop_index('ix_scan_draft_id')
        batch_op.alter_column('sheets', new_column_name='pdf_pages', existing_type=sa.Integer(),
                              existing_nullable=False)
    op.rename_table('scan', 'draftpage')
    with op.batch_alter_table('draftpage') as batch_op:
        batch_op.create_index('ix_draftpage_draft_id', ['draft_id'], unique=False)
