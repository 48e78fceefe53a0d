"""The staff conversation page in a real browser at 1280 x 800: the conversation column (actions, thread and
composer) fits the window without scrolling the page, with the customer's context beside it; on a phone the
context comes below."""
from collections.abc import Iterator
from dataclasses import dataclass

import pytest
from playwright.async_api import Browser

from tests.browser.conftest import PHONE, connected, portal_in, prepare_database, running_portal, signed_in
from tests.support.personas import World, actor_of

pytestmark = pytest.mark.browser

DESKTOP = {'width': 1280, 'height': 800}
STACKED = '''(() => {
  const main = document.querySelector(".portal-desk-main").getBoundingClientRect();
  return document.querySelector(".portal-desk-side").getBoundingClientRect().top >= main.bottom;
})()'''


@dataclass(frozen=True)
class Chatting:
    base: str
    world: World
    secret: str  # Carla's authenticator
    conversation: int


@pytest.fixture(scope='module')
def chatting(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Chatting]:
    folder = tmp_path_factory.mktemp('portal')
    world, secret = prepare_database(folder)
    portal = portal_in(folder)
    talk = portal.chat.start(actor_of(portal, world.citizen_a), 'benefits', 'Wann kommt mein Geld?',
                             'client-layout-01')
    portal.workers.close()
    portal.database.engine.dispose()
    with running_portal(folder) as base:
        yield Chatting(base, world, secret, talk.id)


async def test_the_conversation_fits_the_window_beside_the_customer_and_stacks_on_a_phone(
        chromium: Browser, chatting: Chatting) -> None:
    page = await signed_in(chromium, chatting.base, chatting.world.caseworker_a.email, 'de',
                           totp_secret=chatting.secret, viewport=DESKTOP)
    await page.goto(f'{chatting.base}/staff/chat/{chatting.conversation}')
    await connected(page)
    await page.get_by_role('button', name='Übernehmen').wait_for()
    main = await page.locator('.portal-desk-main').bounding_box()
    side = await page.locator('.portal-desk-side').bounding_box()
    assert main is not None and side is not None
    assert main['y'] + main['height'] <= DESKTOP['height'], 'the conversation column ends inside the window'
    assert main['height'] >= 480, 'the thread has room'
    composer = await page.get_by_test_id('composer').bounding_box()
    assert composer is not None and composer['y'] + composer['height'] <= DESKTOP['height'], 'the composer is in view'
    assert await page.get_by_test_id('thread').get_by_text('Wann kommt mein Geld?').is_visible()
    assert side['x'] >= main['x'] + main['width'], 'the customer is beside the conversation'
    assert await page.evaluate('document.scrollingElement.scrollHeight <= window.innerHeight + 1'), \
        'the page itself does not scroll'
    await page.set_viewport_size(PHONE)
    await page.wait_for_function(STACKED, timeout=15_000)
    await page.context.close()
