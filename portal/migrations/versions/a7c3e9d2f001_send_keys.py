"""Random send keys for drafts, the draft a submission came from, draft and page ids never reused (SQLite)

Revision ID: a7c3e9d2f001
Revises: e15319c23bd2
Create Date: 2026-12-07 19:30:00
"""
import uuid

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision = 'a7c3e9d2f001'
down_revision = 'e15319c23bd2'
branch_labels = None
depends_on = None


def upgrade() -> None:
    # SQLite hands a deleted row's id out again unless the table is declared AUTOINCREMENT, which only a rebuild
    # can add; PostgreSQL's sequences never reuse ids, so its tables stay as they are
    rebuild = 'always' if op.get_bind().dialect.name == 'sqlite' else 'auto'
    with op.batch_alter_table('draft', recreate=rebuild, table_kwargs={'sqlite_autoincrement': True}) as batch_op:
        batch_op.add_column(sa.Column('send_key', sqlmodel.sql.sqltypes.AutoString(length=32), nullable=True))
    drafts = sa.table('draft', sa.column('id', sa.Integer), sa.column('send_key', sa.String))
    connection = op.get_bind()
    for (draft_id,) in connection.execute(sa.select(drafts.c.id)).all():
        connection.execute(drafts.update().where(drafts.c.id == draft_id).values(send_key=uuid.uuid4().hex))
    with op.batch_alter_table('draft', table_kwargs={'sqlite_autoincrement': True}) as batch_op:
        batch_op.alter_column('send_key', existing_type=sqlmodel.sql.sqltypes.AutoString(length=32), nullable=False)
        batch_op.create_unique_constraint(batch_op.f('uq_draft_send_key'), ['send_key'])
    if rebuild == 'always':
        with op.batch_alter_table('draftpage', recreate=rebuild, table_kwargs={'sqlite_autoincrement': True}):
            pass
    with op.batch_alter_table('submission') as batch_op:
        batch_op.add_column(sa.Column('draft_id', sa.Integer(), nullable=True))
        batch_op.create_index(batch_op.f('ix_submission_draft_id'), ['draft_id'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('submission') as batch_op:
        batch_op.drop_index(batch_op.f('ix_submission_draft_id'))
        batch_op.drop_column('draft_id')
    with op.batch_alter_table('draft') as batch_op:
        batch_op.drop_constraint(batch_op.f('uq_draft_send_key'), type_='unique')
        batch_op.drop_column('send_key')
