"""Browser tests: the portal runs as a subprocess on a free port; Playwright drives Debian's chromium
(never a downloaded browser). Fixtures are module-scoped: a session-scoped sync Playwright breaks later
pytest-asyncio tests."""
import asyncio
import time
from collections.abc import AsyncIterator, Awaitable, Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pyotp
import pytest
from playwright.async_api import Browser, Page, async_playwright, expect

from portal.core.settings import Settings
from portal.services import Portal, build_portal
from tests.support.fakes import TEST_SECRET
from tests.support.personas import PASSWORD, World, enrol_totp, make_world
from tests.support.server import running_portal

CHROMIUM = '/usr/bin/chromium'
CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
                 '--disable-sync', '--no-first-run', '--disable-quic']
PHONE = {'width': 412, 'height': 915}
PATIENCE = 60  # seconds: what a quiet machine shows at once can take a while on a busy one (checks end when met)

expect.set_options(timeout=20_000)  # Playwright's default of 5 s is short for a server sharing two cores


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if '/browser/' in str(item.path):
            item.add_marker(pytest.mark.browser)


@dataclass(frozen=True)
class Running:
    base: str
    citizen: str  # customer number of citizen A (German)
    youth: str  # customer number of the youth (Arabic)
    caseworker: str  # e-mail of citizen A's case worker
    totp_secret: str


def portal_in(folder: Path) -> Portal:
    """The services of the portal whose database and files are in folder (as the test sees them)."""
    return build_portal(Settings(_env_file=None, database_url=f'sqlite:///{folder / "portal.db"}',
                                 data_dir=folder / 'data', secret_key=TEST_SECRET))


def prepare_database(folder: Path) -> tuple[World, str]:
    """A migrated SQLite database with the personas; case worker A has an authenticator (its secret returned)."""
    portal = portal_in(folder)
    portal.database.migrate()
    world = make_world(portal)
    secret = enrol_totp(portal, world.caseworker_a.email)
    portal.database.engine.dispose()
    return world, secret


@pytest.fixture(scope='module')
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Running]:
    """The portal on a free port with the personas."""
    folder = tmp_path_factory.mktemp('portal')
    world, secret = prepare_database(folder)
    with running_portal(folder) as base:
        yield Running(base, world.citizen_a.customer_number, world.youth.customer_number, world.caseworker_a.email,
                      secret)


async def signed_in(browser: Browser, base: str, identifier: str, language: str,
                    totp_secret: str | None = None, viewport: dict | None = None, touch: bool = False) -> Page:
    """A new browser context signed in through the real login page (``touch``: a touch screen, as on a phone)."""
    context = await browser.new_context(viewport=viewport or PHONE, locale=language, accept_downloads=True,
                                        has_touch=touch)
    page = await context.new_page()
    await page.goto(f'{base}/login')
    await connected(page)
    await page.locator('input[autocomplete=username]').fill(identifier)
    await page.locator('input[type=password]').fill(PASSWORD)
    await page.keyboard.press('Enter')
    if totp_secret is not None:
        await page.wait_for_url(f'{base}/login/second-factor')
        await connected(page)
        await page.locator('input[autocomplete=one-time-code]').fill(pyotp.TOTP(totp_secret).now())
        await page.keyboard.press('Enter')
    await page.wait_for_url(f'{base}/')
    return page


async def until(condition: Callable[[], Awaitable[bool]], message: str) -> None:
    """Wait until condition() holds (checked every 0.1 s), at most PATIENCE seconds."""
    deadline = time.monotonic() + PATIENCE
    while not await condition():
        if time.monotonic() > deadline:
            raise AssertionError(message)
        await asyncio.sleep(0.1)


async def connected(page: Page) -> None:
    """Keys pressed before NiceGUI's websocket is up would be lost on a slow start."""
    await page.wait_for_function('window.socket && window.socket.connected', timeout=15_000)


@pytest.fixture
async def chromium() -> AsyncIterator[Browser]:
    async with async_playwright() as playwright:
        launched = await playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield launched
        await launched.close()
