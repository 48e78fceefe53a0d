"""Shared fixtures: a fresh database per test (SQLite, or PostgreSQL when PORTAL_TEST_DATABASE_URL is set),
a controllable clock, the composed portal, and environment for NiceGUI's ``User`` fixture."""
import gc
import os
import shutil
import uuid
from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import pytest
from argon2 import PasswordHasher
from nicegui.testing import User
from nicegui.testing.general_fixtures import get_path_to_main_file
from sqlalchemy import create_engine, text

import portal.core.crypto
from portal import services as composition
from portal.core.db import Database, make_engine
from portal.core.settings import Settings
from portal.core.workers import Workers, WorkLimits
from portal.identity.roles import Actor
from portal.services import Portal, build_portal
from tests.support.fakes import TEST_SECRET, FakeClock
from tests.support.personas import World, actor_of, make_world
from tests.support.simulation import fail_on_logged_errors, isolated_user
from tests.support.ui import handlers_see_their_page

PG_URL = os.environ.get('PORTAL_TEST_DATABASE_URL', '')

# Production-strength argon2 costs ~0.1 s a hash; the rules under test do not depend on the cost. The stand-in hash
# verified for unknown accounts carries its own (production) cost, so it is made again with the cheap hasher.
portal.core.crypto._HASHER = PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1)
portal.core.crypto.DUMMY_HASH = portal.core.crypto._HASHER.hash('a stand-in for an unknown account')


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Page tests (NiceGUI's ``User``) are marked ``page``: the PostgreSQL run leaves them out, as what a page adds
    on top of its services does not depend on the database (the services' own tests run on PostgreSQL too)."""
    for item in items:
        if 'user' in getattr(item, 'fixturenames', ()):
            item.add_marker(pytest.mark.page)


def pytest_collection_finish(session: pytest.Session) -> None:
    """NiceGUI's page-test fixture runs a full garbage collection twice per test; with NumPy, OpenCV, SQLAlchemy
    and the rest imported, each took ~0.5 s. Everything alive now (modules, test data) lives for the whole run
    anyway, so it is moved out of the collector's sight; what the tests create is still collected."""
    gc.collect()
    gc.freeze()


@pytest.fixture(scope='session')
def sqlite_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Migrate once; each test copies the file (a copy costs far less than running the migrations)."""
    path = tmp_path_factory.mktemp('template') / 'portal.db'
    engine = make_engine(f'sqlite:///{path}')
    Database(engine).migrate()
    engine.dispose()  # closing the last connection folds the WAL into the file we copy
    return path


@pytest.fixture
def database_url(tmp_path: Path, sqlite_template: Path) -> Iterator[str]:
    if not PG_URL:
        shutil.copy(sqlite_template, tmp_path / 'portal.db')
        yield f'sqlite:///{tmp_path / "portal.db"}'
        return
    schema = f't_{uuid.uuid4().hex[:12]}'
    admin = create_engine(PG_URL)
    with admin.begin() as connection:
        connection.execute(text(f'CREATE SCHEMA {schema}'))
    separator = '&' if '?' in PG_URL else '?'
    url = f'{PG_URL}{separator}options=-csearch_path%3D{schema}'
    migrated = make_engine(url)
    Database(migrated).migrate()
    migrated.dispose()
    yield url
    with admin.begin() as connection:
        connection.execute(text(f'DROP SCHEMA {schema} CASCADE'))
    admin.dispose()


@pytest.fixture
def settings(database_url: str, tmp_path: Path) -> Settings:
    return Settings(_env_file=None, database_url=database_url, data_dir=tmp_path / 'data', secret_key=TEST_SECRET)


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


class KeptWorkers(Workers):
    """The run's worker processes, lent to every portal a test builds (main.py's included): a portal's shutdown
    does not stop them, the end of the run does. Starting a worker costs about two seconds of CPU."""

    def close(self) -> None:
        """A portal under test is done with the workers; they stay for the next test."""

    def stop(self) -> None:
        super().close()


@pytest.fixture(scope='session')
def workers() -> Iterator[Workers]:
    pool = KeptWorkers(WorkLimits(processes=2, memory_bytes=1536 * 2**20, seconds=60))
    yield pool
    pool.stop()


@pytest.fixture
def portal(settings: Settings, clock: FakeClock, workers: Workers) -> Iterator[Portal]:
    built = build_portal(settings, clock=clock, workers=workers)
    yield built
    built.database.engine.dispose()


@pytest.fixture
def app_env(settings: Settings, monkeypatch: pytest.MonkeyPatch) -> Settings:
    """Point main.py (run by the ``user`` fixture) at this test's database."""
    monkeypatch.setenv('PORTAL_DATABASE_URL', settings.database_url)
    monkeypatch.setenv('PORTAL_DATA_DIR', str(settings.data_dir))
    monkeypatch.setenv('PORTAL_SECRET_KEY', TEST_SECRET)
    monkeypatch.setenv('PORTAL_ENV', 'development')
    return settings


@pytest.fixture(autouse=True)
def _browser_like_handlers(monkeypatch: pytest.MonkeyPatch) -> None:
    handlers_see_their_page(monkeypatch)


@pytest.fixture
def world(portal: Portal) -> World:
    """The personas of tests/personas.py in this test's database."""
    return make_world(portal)


@pytest.fixture
def anna(portal: Portal, world: World) -> Actor:
    """Citizen A, signed in."""
    return actor_of(portal, world.citizen_a)


@pytest.fixture
async def user(workers: Workers, caplog: pytest.LogCaptureFixture, request: pytest.FixtureRequest,
               monkeypatch: pytest.MonkeyPatch) -> AsyncIterator[User]:
    """NiceGUI's ``User`` (main.py in a simulated browser), isolated: see tests/support/simulation.py. The app
    under test uses the run's worker processes."""
    built: list[Portal] = []
    original = composition.build_portal

    def build(settings: Settings, **options: object) -> Portal:
        built.append(original(settings, workers=workers, **options))
        return built[-1]
    monkeypatch.setattr(composition, 'build_portal', build)
    async with isolated_user(get_path_to_main_file(request)) as simulated:
        yield simulated
    for each in built:  # the app is stopped: close its database connections (PostgreSQL counts them)
        each.database.engine.dispose()
    fail_on_logged_errors(caplog)
