"""NiceGUI's ``User`` fixture, made so that one failing page test cannot break the ones after it.

NiceGUI's own fixture fails a test that logged an ERROR *inside* its simulation context. The exception then
passes through the app's lifespan, which skips its shutdown: NiceGUI stays "started", and every later page test
fails with "NiceGUI has already been started". Here the check runs after the simulation has been left (so the
lifespan shuts down normally), and an app that a broken test left started is stopped before and after each test.
"""
import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

import pytest
from nicegui import app
from nicegui.testing import User
from nicegui.testing.user_simulation import user_simulation


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
            yield user
    finally:
        await stop_leftovers()


def fail_on_logged_errors(caplog: pytest.LogCaptureFixture) -> None:
    """Like NiceGUI's fixture: an ERROR logged while the test ran (e.g. by a page handler) fails the test."""
    errors = [record for record in caplog.get_records('call') if record.levelno >= logging.ERROR]
    if errors:
        details = '\n'.join(f'{record.name}: {record.getMessage()}' for record in errors)
        pytest.fail(f'There were unexpected ERROR logs:\n{details}', pytrace=False)
