"""NiceGUI's ``User`` fixture, made so that one failing page test cannot break the ones after it.

It is also patient: ``should_see`` and ``should_not_see`` try for up to about 20 s by default instead of NiceGUI's
0.3 s, because on a busy machine a click that checks a password in a thread takes longer than that. A check that
holds returns at once, so patience costs nothing when the machine is quiet.

NiceGUI's own fixture fails a test that logged an ERROR *inside* its simulation context. The exception then
passes through the app's lifespan, which skips its shutdown: NiceGUI stays "started", and every later page test
fails with "NiceGUI has already been started". Here the check runs after the simulation has been left (so the
lifespan shuts down normally), and an app that a broken test left started is stopped before and after each test.
"""
import functools
import gc
import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

import pytest
from nicegui import app
from nicegui.testing import User
from nicegui.testing.user_simulation import user_simulation

RETRIES = 200  # should_see waits 0.1 s between tries, should_not_see 0.05 s
_warmed_up = []


async def stop_leftovers() -> None:
    """Mark the app stopped if a broken test left it started (its shutdown handlers are reset already)."""
    if not app.is_stopped:
        await app.stop()


@asynccontextmanager
async def isolated_user(main_file: Path | None) -> AsyncIterator[User]:
    """A simulated user of main_file whose app is stopped afterwards, however the test ended."""
    await stop_leftovers()
    try:
        async with user_simulation(main_file=main_file) as user:
            yield patient(user)
    finally:
        await stop_leftovers()
        _freeze_once()


def _freeze_once() -> None:
    """NiceGUI's page-test fixture runs a full garbage collection twice per test. After the first page test, what is
    alive (imported modules, caches filled on first use) stays alive for the whole run: hiding it from the collector
    makes each later collection several times cheaper. What later tests create is still collected."""
    if not _warmed_up:
        gc.collect()
        gc.freeze()
        _warmed_up.append(True)


def patient(user: User) -> User:
    """The user, with more tries by default in should_see and should_not_see (a test may still pass retries=)."""
    user.should_see = functools.partial(user.should_see, retries=RETRIES)
    user.should_not_see = functools.partial(user.should_not_see, retries=RETRIES)
    return user


def fail_on_logged_errors(caplog: pytest.LogCaptureFixture) -> None:
    """Like NiceGUI's fixture: an ERROR logged while the test ran (e.g. by a page handler) fails the test."""
    errors = [record for record in caplog.get_records('call') if record.levelno >= logging.ERROR]
    if errors:
        details = '\n'.join(f'{record.name}: {record.getMessage()}' for record in errors)
        pytest.fail(f'There were unexpected ERROR logs:\n{details}', pytrace=False)
