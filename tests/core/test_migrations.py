"""The Alembic migrations build exactly the schema the models describe (SQLite here, PostgreSQL in CI)."""
from pathlib import Path

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import create_engine, inspect, text
from sqlmodel import SQLModel

import portal.tables  # noqa: F401 (registers the tables)
from portal.core.db import alembic_config
from portal.core.settings import Settings
from portal.services import Portal, build_portal
from tests.conftest import PG_URL
from tests.support.fakes import TEST_SECRET
from tests.support.personas import actor_of, make_world


def test_the_migrated_database_matches_the_models(portal: Portal) -> None:
    with portal.database.engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={'compare_type': True})
        differences = compare_metadata(context, SQLModel.metadata)
    assert differences == []


def test_every_model_table_exists_after_migrating(portal: Portal) -> None:
    tables = set(inspect(portal.database.engine).get_table_names())
    assert set(SQLModel.metadata.tables) <= tables
    assert 'alembic_version' in tables


def test_migrating_twice_changes_nothing(portal: Portal) -> None:
    portal.database.migrate()
    with portal.database.engine.connect() as connection:
        context = MigrationContext.configure(connection)
        heads = context.get_current_heads()
    assert len(heads) == 1


@pytest.mark.skipif(bool(PG_URL), reason='the SQLite rebuild of tables is what this checks')
def test_drafts_with_pages_survive_the_send_key_migration_with_keys_and_never_reused_ids(tmp_path: Path) -> None:
    """The migration rebuilds the draft tables (SQLite batch mode) while pages point at drafts."""
    url = f'sqlite:///{tmp_path / "old.db"}'
    portal = build_portal(Settings(_env_file=None, database_url=url, data_dir=tmp_path / 'data',
                                   secret_key=TEST_SECRET))
    portal.database.migrate()
    world = make_world(portal)
    engine = create_engine(url)  # foreign-key checks are off on a plain connection, as Database.migrate has them
    with engine.begin() as connection:
        config = alembic_config()
        config.attributes['connection'] = connection
        command.downgrade(config, 'e15319c23bd2')  # back to before send keys, with the people in place
    with engine.begin() as connection:
        for draft_id in (1, 2):
            connection.execute(text(
                "INSERT INTO draft (id, customer_id, kind, note, created_at, updated_at, version) "
                "VALUES (:id, :customer, 'letter', '', '2026-12-01 10:00:00', '2026-12-01 10:00:00', 1)"),
                {'id': draft_id, 'customer': world.citizen_a.id})
        connection.execute(text(
            "INSERT INTO draftpage (draft_id, position, source, file_name, preview_name, width, height, pdf_pages, "
            "size_bytes, sha256, mode, quarter_turns, quality, upload_key, created_at) VALUES (2, 0, 'image', "
            ":file, :preview, 10, 10, 0, 1, '', 'document', 0, '[]', 'k', '2026-12-01 10:00:00')"),
            {'file': 'a' * 32, 'preview': 'b' * 32})
    portal.database.migrate()
    anna = actor_of(portal, world.citizen_a)
    kept = portal.documents.draft(anna, 2)
    assert len(kept.scans) == 1 and len(kept.send_key) == 32
    assert kept.send_key != portal.documents.draft(anna, 1).send_key
    portal.documents.discard(anna, 2)
    assert portal.documents.start(anna, 'letter').id == 3  # the id of the deleted draft is not handed out again
    with portal.database.engine.connect() as connection:  # checks are on again for the portal's connections
        assert connection.exec_driver_sql('PRAGMA foreign_keys').scalar() == 1
    portal.database.engine.dispose()
    engine.dispose()
