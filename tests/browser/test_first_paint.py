"""The static copy of a page in a real browser: before Vue mounts it looks exactly like the page; then it is gone."""
import pytest
from playwright.async_api import Browser, Page, expect

from tests.browser.conftest import PHONE, Running, connected
from tests.support.personas import PASSWORD

DESKTOP = {'width': 1280, 'height': 800}


async def _screenshot(page: Page, path: str, *, mount: bool) -> bytes:
    if not mount:  # without Vue the page never mounts: what a slow phone shows until Vue has arrived
        await page.route('**/vue.esm-browser.prod.js', lambda route: route.abort())
    await page.goto(path)
    await page.wait_for_load_state('networkidle')
    await page.evaluate('document.fonts.ready')
    if mount:
        await connected(page)
        await expect(page.locator('.portal-first-paint')).to_have_count(0)  # removed once mounted
    else:
        await expect(page.locator('.portal-first-paint')).to_be_visible()
    await page.unroute('**/vue.esm-browser.prod.js')
    return await page.screenshot()


@pytest.mark.parametrize('viewport', [PHONE, DESKTOP], ids=['phone', 'desktop'])
async def test_the_sign_in_page_looks_the_same_before_and_after_vue_mounts_it(chromium: Browser, server: Running,
                                                                              viewport: dict) -> None:
    context = await chromium.new_context(viewport=viewport, locale='de-DE', service_workers='block')
    first = await _screenshot(await context.new_page(), f'{server.base}/login', mount=False)
    mounted = await _screenshot(await context.new_page(), f'{server.base}/login', mount=True)
    await context.close()
    assert first == mounted, 'the copy differs from the page: components/first_paint.py renders it otherwise'


async def test_a_customers_home_page_looks_the_same_before_and_after_vue_mounts_it(chromium: Browser,
                                                                                   server: Running) -> None:
    context = await chromium.new_context(viewport=PHONE, locale='de-DE', service_workers='block')  # or it serves Vue
    page = await context.new_page()
    await page.goto(f'{server.base}/login')
    await connected(page)
    await page.locator('input[autocomplete=username]').fill(server.citizen)
    await page.locator('input[type=password]').fill(PASSWORD)
    await page.keyboard.press('Enter')
    await page.wait_for_url(f'{server.base}/')
    first = await _screenshot(await context.new_page(), f'{server.base}/', mount=False)
    mounted = await _screenshot(await context.new_page(), f'{server.base}/', mount=True)
    await context.close()
    assert first == mounted
