"""The app shell in a real browser: sign-in, right-to-left Arabic, installability, offline page, layouts,
the skip link, and a page that survives a phone going offline for a while."""
import inspect
from pathlib import Path

from nicegui import __version__ as nicegui_version
from nicegui import ui
from playwright.async_api import Browser, Page, async_playwright, expect

from portal.core.i18n import Translator
from tests.browser.conftest import CHROMIUM, CHROMIUM_ARGS, PHONE, Running, connected, signed_in

DESKTOP = {'width': 1280, 'height': 800}
OUTAGE_MS = int(inspect.signature(ui.run).parameters['reconnect_timeout'].default * 1000) + 2000


async def _worker_ready(page: Page) -> None:
    await page.evaluate('navigator.serviceWorker.ready.then(() => true)')
    if not await page.evaluate('navigator.serviceWorker.controller !== null'):
        # a page whose loading began while the worker was still installing is not claimed: load it again
        await page.reload()
        await connected(page)
    await page.wait_for_function('navigator.serviceWorker.controller !== null', timeout=30_000)


async def test_a_citizen_signs_in_on_a_phone_and_gets_the_bottom_navigation(chromium: Browser,
                                                                           server: Running) -> None:
    page = await signed_in(chromium, server.base, server.citizen, 'de-DE')
    navigation = page.get_by_role('navigation', name='Hauptnavigation')
    await expect(navigation).to_be_visible()
    box = await navigation.bounding_box()
    assert box['y'] > PHONE['height'] / 2, 'the navigation sits at the bottom of a phone screen'
    for label in ('Start', 'Karte', 'Dokumente', 'Mehr'):
        target = navigation.get_by_role('link', name=label)
        assert (await target.bounding_box())['height'] >= 48, f'{label} is too small to tap'
    picker = await page.locator('header .portal-language').bounding_box()
    assert picker['height'] >= 48, 'the language picker is too small to tap'


async def test_switching_to_arabic_turns_the_page_right_to_left(chromium: Browser, server: Running) -> None:
    context = await chromium.new_context(viewport=PHONE, locale='de-DE')
    page = await context.new_page()
    await page.goto(f'{server.base}/login')
    await connected(page)
    await page.get_by_role('combobox', name='Sprache').click()
    await page.get_by_role('option', name='العربية').click()
    await expect(page.locator('html')).to_have_attribute('dir', 'rtl')
    await expect(page.locator('html')).to_have_attribute('lang', 'ar')
    await expect(page.get_by_text(Translator('ar')('login.identifier')).first).to_be_visible()
    picker = await page.get_by_role('combobox', name=Translator('ar')('frame.language')).bounding_box()
    assert picker['x'] + picker['width'] < PHONE['width'] / 2, 'the header is mirrored: the picker is on the left'


async def test_chromium_finds_the_portal_installable(server: Running, tmp_path: Path) -> None:
    async with async_playwright() as playwright:  # a real profile: incognito windows never offer installing
        context = await playwright.chromium.launch_persistent_context(
            tmp_path / 'profile', executable_path=CHROMIUM, args=CHROMIUM_ARGS, viewport=PHONE)
        page = await context.new_page()
        await page.goto(f'{server.base}/login')
        await _worker_ready(page)
        session = await context.new_cdp_session(page)
        manifest = await session.send('Page.getAppManifest')
        errors = (await session.send('Page.getInstallabilityErrors'))['installabilityErrors']
        await context.close()
    assert manifest['errors'] == []
    assert errors == []


async def test_the_worker_caches_versioned_static_files_and_never_a_page(chromium: Browser,
                                                                          server: Running) -> None:
    page = await signed_in(chromium, server.base, server.citizen, 'de-DE')
    await _worker_ready(page)
    await page.reload()  # now controlled: NiceGUI's static files go through the worker
    await connected(page)
    cached = await page.evaluate('''async () => {
        const urls = [];
        for (const name of await caches.keys())
          for (const request of await (await caches.open(name)).keys()) urls.push(new URL(request.url).pathname);
        return urls; }''')
    assert any(path.startswith(f'/_nicegui/{nicegui_version}/') for path in cached)
    allowed = (f'/_nicegui/{nicegui_version}/', '/assets/', '/offline.html')
    assert [path for path in cached if not path.startswith(allowed)] == []


async def test_an_offline_navigation_shows_the_offline_page_in_the_chosen_language(chromium: Browser,
                                                                                  server: Running) -> None:
    page = await signed_in(chromium, server.base, server.youth, 'ar')
    await _worker_ready(page)
    await page.context.set_offline(True)
    await page.goto(f'{server.base}/more')
    await expect(page.get_by_role('heading', name=Translator('ar')('offline.title'))).to_be_visible()
    await expect(page.locator('html')).to_have_attribute('dir', 'rtl')
    await page.context.set_offline(False)


async def test_staff_on_a_desktop_get_the_side_drawer(chromium: Browser, server: Running) -> None:
    page = await signed_in(chromium, server.base, server.caseworker, 'de-DE', server.totp_secret, DESKTOP)
    drawer = page.locator('.q-drawer')
    await expect(drawer).to_be_visible()
    assert (await drawer.bounding_box())['x'] == 0
    await expect(drawer.get_by_role('link', name='Kundinnen und Kunden')).to_be_visible()


async def test_the_skip_link_appears_on_tab_and_moves_focus_to_the_content(chromium: Browser,
                                                                          server: Running) -> None:
    context = await chromium.new_context(viewport=PHONE, locale='de-DE')
    page = await context.new_page()
    await page.goto(f'{server.base}/login')
    skip = page.get_by_role('link', name='Zum Inhalt springen')
    assert (await skip.bounding_box())['y'] < 0, 'hidden until focused'
    await page.keyboard.press('Tab')
    await expect(skip).to_be_focused()
    assert (await skip.bounding_box())['y'] >= 0
    await page.keyboard.press('Enter')
    assert await page.evaluate('document.activeElement.id') == 'main'


async def test_typed_text_survives_the_phone_going_offline(chromium: Browser, server: Running) -> None:
    context = await chromium.new_context(viewport=PHONE, locale='de-DE')
    page = await context.new_page()
    await page.goto(f'{server.base}/login')
    await page.wait_for_function('window.socket && window.socket.connected')
    await page.locator('input[autocomplete=username]').fill('101K000123')
    await page.evaluate('window.portalSameDocument = true')
    await page.evaluate('window.socket.on("disconnect", () => { window.portalOfflineSince = Date.now(); })')
    await page.evaluate('window.socket.io.engine.close()')  # the screen locks: the connection drops
    await context.set_offline(True)
    # offline for longer than NiceGUI's default reconnect window, which would rebuild the page
    await page.wait_for_function(f'Date.now() - window.portalOfflineSince > {OUTAGE_MS}', timeout=OUTAGE_MS + 30_000)
    await context.set_offline(False)
    await page.wait_for_function('window.socket && window.socket.connected', timeout=30_000)
    assert await page.evaluate('window.portalSameDocument === true'), 'the page was reloaded'
    await expect(page.locator('input[autocomplete=username]')).to_have_value('101K000123')


async def test_abmelden_on_the_more_page_signs_out(chromium: Browser, server: Running) -> None:
    page = await signed_in(chromium, server.base, server.citizen, 'de-DE')
    await page.goto(f'{server.base}/more')
    await connected(page)
    await page.get_by_role('button', name='Abmelden').click()
    await page.wait_for_url(f'{server.base}/login')
    await page.goto(f'{server.base}/more')
    await page.wait_for_url(f'{server.base}/login?next=/more')


async def test_an_unknown_address_shows_a_translated_page_right_to_left_with_a_way_home(chromium: Browser,
                                                                                        server: Running) -> None:
    context = await chromium.new_context(viewport=PHONE, locale='ar')
    page = await context.new_page()
    response = await page.goto(f'{server.base}/no/such/page')
    assert response.status == 404
    t = Translator('ar')
    await expect(page.get_by_role('heading', name=t('errors.not_found_title'))).to_be_visible()
    await expect(page.locator('html')).to_have_attribute('dir', 'rtl')
    await page.get_by_role('link', name=t('errors.home')).click()
    await page.wait_for_url(f'{server.base}/login?next=/')
