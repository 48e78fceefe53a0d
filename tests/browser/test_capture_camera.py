"""A citizen photographs a page with Chromium's fake camera (a .y4m made from a test photo), the outline is
found live, the shot is sent by HTTP, the page is reviewed with its corners, sent, and the receipt appears.

The portal runs as a subprocess on a free port with its own SQLite database; Playwright drives Debian's
chromium. Set ``PORTAL_SCREENSHOTS=<folder>`` to keep screenshots of the steps (412 x 915, German and Arabic).
"""
import hashlib
import os
import re
from collections.abc import AsyncIterator
from pathlib import Path

import cv2
import numpy as np
import pytest
from playwright.async_api import Browser, Page, async_playwright, expect

from tests.browser.conftest import CHROMIUM_ARGS, Running, connected, signed_in, until
from tests.support.photos import sheet_photo

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = '/usr/bin/chromium'
SHOTS = os.environ.get('PORTAL_SCREENSHOTS', '')
PHONE = {'width': 412, 'height': 915}


def write_y4m(path: Path, image: np.ndarray, frames: int = 10) -> Path:
    """A YUV4MPEG2 video of one still picture, as Chromium's fake camera reads it."""
    height, width = image.shape[:2]
    planes = cv2.cvtColor(image, cv2.COLOR_BGR2YUV_I420).tobytes()
    with path.open('wb') as file:
        file.write(f'YUV4MPEG2 W{width} H{height} F10:1 Ip A1:1 C420jpeg\n'.encode())
        for _ in range(frames):
            file.write(b'FRAME\n' + planes)
    return path


@pytest.fixture(scope='module')
def video(tmp_path_factory: pytest.TempPathFactory) -> Path:
    data, _ = sheet_photo(1280, 960)
    photo = cv2.imdecode(np.frombuffer(data, np.uint8), cv2.IMREAD_COLOR)
    return write_y4m(tmp_path_factory.mktemp('camera') / 'page.y4m', photo)


@pytest.fixture
async def browser(video: Path) -> AsyncIterator[Browser]:
    async with async_playwright() as playwright:
        launched = await playwright.chromium.launch(executable_path=CHROMIUM, args=[
            *CHROMIUM_ARGS, '--use-fake-device-for-media-stream', '--use-fake-ui-for-media-stream',
            f'--use-file-for-fake-video-capture={video}'])
        yield launched
        await launched.close()


async def shot(page: Page, name: str) -> None:
    if SHOTS:
        Path(SHOTS).mkdir(parents=True, exist_ok=True)
        await page.screenshot(path=str(Path(SHOTS) / f'{name}.png'), full_page=True)


async def outline_drawn(page: Page) -> bool:
    """Whether the overlay canvas over the camera preview has anything painted on it."""
    return await page.evaluate('''() => {
        const canvas = document.querySelector('.portal-camera canvas');
        if (!canvas || !canvas.width || !canvas.height) return false;
        const pixels = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
        for (let i = 3; i < pixels.length; i += 4) if (pixels[i] > 0) return true;
        return false;
    }''')


async def start_capture(page: Page, base: str, kind_label: str, kind: str, start: str) -> str:
    await page.goto(f'{base}/documents')
    await connected(page)
    await page.get_by_role('combobox', name=kind_label).click()
    await page.get_by_role('option', name=kind).click()
    await page.get_by_role('button', name=start).click()
    await page.wait_for_url(re.compile(r'/documents/capture/\d+'))
    return page.url


async def test_a_citizen_photographs_a_page_with_the_camera_and_gets_a_receipt(browser: Browser,
                                                                              server: Running) -> None:
    base = server.base
    page = await signed_in(browser, base, server.citizen, 'de-DE')
    url = await start_capture(page, base, 'Art des Nachweises', 'Lohn- oder Gehaltsabrechnung', 'Seiten aufnehmen')
    await page.goto(url + '?auto=false')  # the shutter, not the auto-capture, takes this photo
    await until(lambda: outline_drawn(page), 'no outline over the camera preview')
    await shot(page, 'capture-camera-de')
    await page.get_by_role('button', name='Foto aufnehmen').click()

    await expect(page.get_by_role('heading', name='Seite 1 prüfen')).to_be_visible(timeout=20_000)
    handles = page.locator('.portal-corner-handle')
    await expect(handles).to_have_count(4)
    first = await handles.nth(0).bounding_box()
    assert first is not None and first['y'] > 0
    await shot(page, 'capture-review-de')

    await page.get_by_role('button', name='Dokument senden').click()
    await page.wait_for_url(re.compile(r'/documents\?receipt=\d+'), timeout=20_000)
    hash_text = page.locator('dd.font-mono')
    await expect(hash_text).to_have_text(re.compile(r'^[0-9a-f]{64}$'))
    await shot(page, 'receipt-de')
    async with page.expect_download() as receipt_download:
        await page.get_by_role('link', name='Eingangsbestätigung (PDF)').click()
    receipt = Path(await (await receipt_download.value).path()).read_bytes()
    assert receipt.startswith(b'%PDF')
    async with page.expect_download() as document_download:
        await page.get_by_role('link', name='Gesendetes Dokument (PDF)').click()
    document = Path(await (await document_download.value).path()).read_bytes()
    assert hashlib.sha256(document).hexdigest() == await hash_text.inner_text()

    staff = await signed_in(browser, base, server.caseworker, 'de-DE', server.totp_secret)
    await staff.goto(f'{base}/staff/documents')
    await expect(staff.get_by_text(f'Anna Alpha · {server.citizen}')).to_be_visible()
    await shot(staff, 'staff-inbox-de')


async def test_the_capture_page_works_in_arabic_from_right_to_left(browser: Browser,
                                                                  server: Running) -> None:
    base = server.base
    page = await signed_in(browser, base, server.youth, 'ar')
    await page.goto(f'{base}/documents')
    await connected(page)
    await expect(page.locator('html')).to_have_attribute('dir', 'rtl')
    await shot(page, 'documents-ar')
    await page.get_by_role('combobox').nth(1).click()
    await page.get_by_role('option').first.click()
    await page.locator('#main button.bg-primary').first.click()
    await page.wait_for_url(re.compile(r'/documents/capture/\d+'))
    await page.goto(page.url + '?auto=false')
    await until(lambda: outline_drawn(page), 'no outline over the camera preview')
    await shot(page, 'capture-camera-ar')
    await page.locator('.portal-camera').locator('..').locator('button.q-btn--round').click()
    handles = page.locator('.portal-corner-handle')
    await expect(handles).to_have_count(4, timeout=20_000)
    top_left, top_right = await handles.nth(0).bounding_box(), await handles.nth(1).bounding_box()
    assert top_left['x'] < top_right['x'], 'the photo and its corners are not mirrored in right-to-left pages'
    await shot(page, 'capture-review-ar')
