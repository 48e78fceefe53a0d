"""The staff pages in a real browser: a document and its decision side by side at 1280 x 800 (stacked on a
phone, mirrored in Arabic), and buttons of at least 44 px on the inbox and the audit log.

Set ``PORTAL_SCREENSHOTS=<folder>`` to keep the screenshots (the viewport, as a person sees it first).
"""
import os
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import pytest
from playwright.async_api import Browser, Page

from portal.core.i18n import Translator
from tests.browser.conftest import PHONE, connected, portal_in, prepare_database, running_portal, signed_in
from tests.support.capture import send_now
from tests.support.personas import World, actor_of, enrol_totp
from tests.support.rows import add_entries, add_submissions

pytestmark = pytest.mark.browser

DESKTOP = {'width': 1280, 'height': 800}
SHOTS = os.environ.get('PORTAL_SCREENSHOTS', '')
START = datetime(2026, 11, 2, 9, 0, tzinfo=UTC)
SMALLEST = 44  # px: WCAG 2.5.5 target size


@dataclass(frozen=True)
class Staffed:
    base: str
    world: World
    secrets: dict[str, str]  # authenticator secrets of Carla (case worker) and Adam (admin) by e-mail
    document: int  # a real submission of Anna's, with its PDF
    signed_in: dict[str, dict]  # browser storage by e-mail: a code of the authenticator is good for one sign-in


@pytest.fixture(scope='module')
def staffed(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Staffed]:
    """One portal for the module: a real document of Anna's, 55 more submissions and 60 audit entries (two pages
    of each list, so the pagers show)."""
    folder = tmp_path_factory.mktemp('portal')
    world, carla_secret = prepare_database(folder)
    portal = portal_in(folder)
    secrets = {world.caseworker_a.email: carla_secret, world.admin.email: enrol_totp(portal, world.admin.email)}
    add_submissions(portal, world.citizen_a.id, 55, START)
    add_entries(portal, world, 60, START)
    anna = actor_of(portal, world.citizen_a)
    document = send_now(portal, anna).id
    portal.workers.close()
    with running_portal(folder) as base:
        yield Staffed(base, world, secrets, document, {})
    portal.database.engine.dispose()


async def staff_page(chromium: Browser, staffed: Staffed, person: str, route: str, language: str = 'de') -> Page:
    """The page at 1280 x 800, signed in as ``person`` (through the login page the first time)."""
    email = getattr(staffed.world, person).email
    if email in staffed.signed_in:
        context = await chromium.new_context(viewport=DESKTOP, locale=language,
                                             storage_state=staffed.signed_in[email])
        page = await context.new_page()
    else:
        page = await signed_in(chromium, staffed.base, email, language, totp_secret=staffed.secrets[email],
                               viewport=DESKTOP)
        staffed.signed_in[email] = await page.context.storage_state()
    await page.goto(f'{staffed.base}{route}?lang={language}')
    await connected(page)
    return page


async def box(page: Page, selector: str) -> dict:
    found = await page.locator(selector).first.bounding_box()
    assert found is not None, f'{selector} is not shown'
    return found


async def viewport_shot(page: Page, name: str) -> None:
    if SHOTS:
        Path(SHOTS).mkdir(parents=True, exist_ok=True)
        frame = await (await page.locator('iframe').first.element_handle()).content_frame() \
            if await page.locator('iframe').count() else None
        if frame is not None:
            await frame.wait_for_load_state()
            await page.wait_for_timeout(1500)  # for the picture only: Chromium's PDF viewer draws after loading
        await page.screenshot(path=str(Path(SHOTS) / f'{name}.png'))


@pytest.mark.parametrize('language', ['de', 'ar'])
async def test_the_document_and_the_decision_are_both_in_view_at_1280_by_800(
        chromium: Browser, staffed: Staffed, language: str) -> None:
    page = await staff_page(chromium, staffed, 'caseworker_a', f'/staff/documents/{staffed.document}', language)
    t = Translator(language)
    await page.get_by_role('button', name=t('inbox.accept')).wait_for()
    document = await box(page, '.portal-pdf-frame')
    accept = await page.get_by_role('button', name=t('inbox.accept')).bounding_box()
    ask_again = await page.get_by_role('button', name=t('inbox.ask_again')).bounding_box()
    await viewport_shot(page, f'inbox-item-desktop-{language}')
    for shown in (document, accept, ask_again):  # nothing needs scrolling
        assert shown['y'] >= 0 and shown['y'] + shown['height'] <= DESKTOP['height'], shown
    assert document['height'] >= 400, 'the document is large enough to read'
    beside = accept['x'] > document['x'] if language == 'de' else accept['x'] < document['x']
    assert beside, 'the decision is beside the document (on its right, or on its left in Arabic)'
    await page.context.close()


async def test_on_a_phone_the_document_comes_first_and_the_decision_below(chromium: Browser,
                                                                          staffed: Staffed) -> None:
    page = await staff_page(chromium, staffed, 'caseworker_a', f'/staff/documents/{staffed.document}')
    await page.set_viewport_size(PHONE)
    await page.wait_for_function('document.documentElement.scrollWidth <= window.innerWidth', timeout=5_000)
    # the drawer slides away after the resize; the document takes the room once it has
    await page.wait_for_function(f'document.querySelector(".portal-pdf-frame").getBoundingClientRect().width'
                                 f' >= {PHONE["width"] * 0.75}', timeout=15_000)
    t = Translator('de')
    document = await box(page, '.portal-pdf-frame')
    accept = await page.get_by_role('button', name=t('inbox.accept')).bounding_box()
    assert accept['y'] > document['y'] + document['height'], 'stacked: the decision under the document'
    assert document['width'] >= PHONE['width'] * 0.75, 'the document uses the width of the phone'
    await viewport_shot(page, 'inbox-item-phone-de')
    await page.get_by_role('button', name=t('inbox.accept')).scroll_into_view_if_needed()
    await viewport_shot(page, 'inbox-item-phone-de-decision')
    await page.context.close()


@pytest.mark.parametrize(('person', 'route'), [('caseworker_a', '/staff/documents'), ('admin', '/admin/audit'),
                                               ('caseworker_a', '/staff/documents/{document}')])
async def test_every_button_on_the_staff_pages_is_at_least_44_px_high(chromium: Browser, staffed: Staffed,
                                                                      person: str, route: str) -> None:
    page = await staff_page(chromium, staffed, person, route.format(document=staffed.document))
    await page.locator('.q-btn').first.wait_for()
    sizes = await page.evaluate('''() => [...document.querySelectorAll('button, .q-btn, [role=button]')]
        .filter(element => element.offsetParent !== null)
        .map(element => { const box = element.getBoundingClientRect();
                          return [element.innerText.trim() || element.getAttribute('aria-label') || element.outerHTML
                                  .slice(0, 60), Math.round(box.width), Math.round(box.height)]; })''')
    await viewport_shot(page, 'buttons-' + route.strip('/').replace('/', '-').replace('{document}', 'item'))
    assert any('Ältere' in label for label, _, _ in sizes) or '{document}' in route, 'the pager is shown'
    too_small = [(label, width, height) for label, width, height in sizes if min(width, height) < SMALLEST]
    assert too_small == []
    await page.context.close()
