"""Editing captured pages in a real browser on a phone-sized touch screen (412 x 915): corner handles dragged
with the mouse and with a finger (touch events through the DevTools protocol), the magnifier while dragging,
the corners saved and the flattened page redrawn, quality judged again, photos and PDFs from the fallback
file inputs, a damaged file refused with a message, and a retake.

The portal runs as a subprocess; the test reads and prepares drafts through the same database and files.
Set ``PORTAL_SCREENSHOTS=<folder>`` to keep screenshots of the steps.
"""
import re
from collections.abc import Iterator
from dataclasses import dataclass

import cv2
import numpy as np
import pytest
from playwright.async_api import Browser, CDPSession, Locator, Page, expect

from portal.documents import DraftView, render_preview
from portal.identity.roles import Actor
from portal.services import Portal
from tests.browser.conftest import connected, portal_in, prepare_database, running_portal, signed_in, until
from tests.browser.test_capture_camera import shot
from tests.support.capture import blocking, upload
from tests.support.personas import World, actor_of
from tests.support.photos import sheet_photo, sheets_pdf

pytestmark = pytest.mark.browser

PHOTO, _ = sheet_photo()  # 900 x 1200, the page well inside the picture
OTHER_PHOTO, _ = sheet_photo(1000, 1300, quality=80)
DAMAGED_JPEG = b'\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00' + b'\x00' * 64
FAKE_PDF = b'%PDF-1.7\nthis is not a PDF at all\n'


@dataclass(frozen=True)
class Scene:
    base: str
    portal: Portal  # the running portal's database and files, seen from the test
    world: World
    anna: Actor  # citizen A, whose drafts the tests prepare and read

    def draft_with(self, *photos: bytes) -> int:
        """A new draft of Anna's with these photos as its pages; returns its id."""
        return draft_of(self.portal, self.anna, *photos).id


def draft_of(portal: Portal, person: Actor, *photos: bytes) -> DraftView:
    """A new draft of the person's with these photos as its pages."""
    draft = portal.documents.start(person, 'letter')
    for photo in photos:
        draft = blocking(upload(portal, person, photo, draft_id=draft.id))
    return draft


@pytest.fixture(scope='module')
def scene(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Scene]:
    folder = tmp_path_factory.mktemp('portal')
    world, _ = prepare_database(folder)
    portal = portal_in(folder)
    with running_portal(folder) as base:
        yield Scene(base, portal, world, actor_of(portal, world.citizen_a))
    portal.database.engine.dispose()
    portal.workers.close()


async def open_capture(browser: Browser, scene: Scene, draft_id: int) -> Page:
    page = await signed_in(browser, scene.base, scene.world.citizen_a.customer_number, 'de-DE', touch=True)
    await page.goto(f'{scene.base}/documents/capture/{draft_id}?auto=false')
    await connected(page)
    return page


async def review_first_scan(page: Page) -> Locator:
    """Open the first page's review and wait for its photo; returns the four handles."""
    await page.get_by_role('button', name='Bearbeiten').first.click()
    await expect(page.get_by_role('heading', name='Seite 1 prüfen')).to_be_visible()
    await expect(page.locator('.portal-corner-editor svg')).to_be_attached()  # drawn once the photo loaded
    return page.locator('.portal-corner-handle')


async def centre(handle: Locator) -> tuple[float, float]:
    await handle.scroll_into_view_if_needed()
    box = await handle.bounding_box()
    assert box is not None
    return box['x'] + box['width'] / 2, box['y'] + box['height'] / 2


async def photo_box(page: Page) -> dict:
    box = await page.locator('.portal-corner-editor img').bounding_box()
    assert box is not None
    return box


async def result_source(page: Page) -> str:
    return await page.locator('.q-img[aria-label="So wird die Seite gesendet"] img').last.get_attribute('src')


async def picture_bytes(page: Page, scene: Scene, source: str) -> bytes:
    response = await page.request.get(scene.base + source if source.startswith('/') else source)
    assert response.ok, await response.text()
    return await response.body()


async def saved_corner(scene: Scene, draft_id: int, index: int, before: list[float], page: Page) -> list[float]:
    """The corner as the server has it, once it differs from ``before``."""
    async def moved() -> bool:
        return scene.portal.documents.draft(scene.anna, draft_id).scans[0].corners[index] != before
    await until(moved, 'the moved corner was not saved')
    return scene.portal.documents.draft(scene.anna, draft_id).scans[0].corners[index]


def to_original(point: tuple[float, float], box: dict, width: int, height: int) -> list[float]:
    """A point on the screen as pixels of the original photo under it."""
    return [(point[0] - box['x']) / box['width'] * width, (point[1] - box['y']) / box['height'] * height]


async def test_dragging_a_corner_with_the_mouse_shows_a_magnifier_and_redraws_the_page(chromium: Browser,
                                                                                      scene: Scene) -> None:
    draft_id = scene.draft_with(PHOTO)
    page = await open_capture(chromium, scene, draft_id)
    handles = await review_first_scan(page)
    await expect(handles).to_have_count(4)
    before_view = scene.portal.documents.draft(scene.anna, draft_id)
    before = before_view.scans[0].corners[0]
    shown_before = await picture_bytes(page, scene, await result_source(page))

    x, y = await centre(handles.nth(0))
    target = (x + 45, y + 70)
    box = await photo_box(page)  # where the photo is before the drag: it must stay there under the pointer
    lens = page.locator('.portal-corner-lens')
    await page.mouse.move(x, y)
    await page.mouse.down()
    await page.mouse.move(*target, steps=8)
    await expect(lens).to_be_visible()
    await shot(page, 'corner-magnifier-de')
    assert 'preview.jpg' in await lens.evaluate('element => getComputedStyle(element).backgroundImage')
    await page.mouse.up()
    await expect(lens).to_have_count(0)

    saved = await saved_corner(scene, draft_id, 0, before, page)
    photo = before_view.scans[0]
    expected = to_original(target, box, photo.width, photo.height)
    assert saved == pytest.approx(expected, abs=0.01 * photo.width)
    after_view = scene.portal.documents.draft(scene.anna, draft_id)
    await expect(page.locator('.q-img[aria-label="So wird die Seite gesendet"] img').last).to_have_attribute(
        'src', re.compile(rf'v={after_view.version}$'))
    shown_after = await picture_bytes(page, scene, await result_source(page))
    edited = after_view.scans[0]
    preview = blocking(scene.portal.documents.preview(scene.anna, edited.id))
    assert shown_after == render_preview(preview, edited.corners, edited.scale, edited.mode, edited.quarter_turns)
    assert shown_after != shown_before
    warning = page.get_by_text('Die Seite ist auf dem Foto zu klein.', exact=False).first
    await expect(warning).to_be_visible(timeout=15_000)
    await expect(page.get_by_text('Die Seite ist gut zu lesen.')).to_have_count(0)  # judged again: new warnings
    assert (await photo_box(page))['y'] == pytest.approx(box['y'], abs=1), 'the new warnings moved the photo'
    await page.context.close()


async def touch(cdp: CDPSession, kind: str, point: tuple[float, float] | None = None) -> None:
    """One touch event of a finger, through the DevTools protocol (Chromium turns it into pointer events)."""
    points = [] if point is None else [{'x': point[0], 'y': point[1], 'radiusX': 8, 'radiusY': 8, 'id': 1}]
    await cdp.send('Input.dispatchTouchEvent', {'type': kind, 'touchPoints': points})


async def test_a_finger_drags_a_corner_onto_the_edge_and_the_page_is_then_said_to_be_cut_off(chromium: Browser,
                                                                                          scene: Scene) -> None:
    draft_id = scene.draft_with(PHOTO)
    page = await open_capture(chromium, scene, draft_id)
    handles = await review_first_scan(page)
    await expect(page.get_by_text('Die Seite ist gut zu lesen.')).to_be_visible()
    before = scene.portal.documents.draft(scene.anna, draft_id).scans[0].corners[2]

    x, y = await centre(handles.nth(2))  # bottom right
    box = await photo_box(page)
    corner = (box['x'] + box['width'] + 15, box['y'] + box['height'] + 15)  # a little past it: held at the edge
    scrolled = await page.evaluate('window.scrollY')
    cdp = await page.context.new_cdp_session(page)
    await touch(cdp, 'touchStart', (x, y))
    for step in range(1, 9):
        await touch(cdp, 'touchMove', (x + (corner[0] - x) * step / 8, y + (corner[1] - y) * step / 8))
    await expect(page.locator('.portal-corner-lens')).to_be_visible()
    await touch(cdp, 'touchEnd')
    await cdp.detach()
    await expect(page.locator('.portal-corner-lens')).to_have_count(0)
    assert await page.evaluate('window.scrollY') == scrolled, 'the drag scrolled the page'

    saved = await saved_corner(scene, draft_id, 2, before, page)
    photo = scene.portal.documents.draft(scene.anna, draft_id).scans[0]
    assert saved == pytest.approx([photo.width - 1, photo.height - 1])
    await expect(page.get_by_text('Die Seite ist nicht ganz auf dem Foto.').first).to_be_visible(timeout=15_000)
    await expect(page.get_by_role('button', name='Neu aufnehmen').first).to_be_visible()
    moved = await photo_box(page)  # the warnings changed: the photo under the finger must not jump
    assert moved['y'] == pytest.approx(box['y'], abs=1), 'the new warnings moved the photo'
    assert scene.portal.documents.draft(scene.anna, draft_id).scans[0].quality == ('cut_off',)
    await expect(page.locator('li').get_by_text('Die Seite ist nicht ganz auf dem Foto.')).to_be_visible()
    assert await page.evaluate('document.documentElement.scrollWidth <= window.innerWidth'), 'wider than the phone'
    await shot(page, 'corner-cut-off-de')
    await page.context.close()


async def test_a_swipe_on_the_photo_between_the_handles_scrolls_the_page(chromium: Browser, scene: Scene) -> None:
    draft_id = scene.draft_with(PHOTO)
    page = await open_capture(chromium, scene, draft_id)
    await review_first_scan(page)
    version = scene.portal.documents.draft(scene.anna, draft_id).version
    box = await photo_box(page)
    x, y = box['x'] + box['width'] / 2, box['y'] + box['height'] * 0.6  # inside the page, far from the handles
    scrolled = await page.evaluate('window.scrollY')
    cdp = await page.context.new_cdp_session(page)
    await touch(cdp, 'touchStart', (x, y))
    for step in range(1, 11):
        await touch(cdp, 'touchMove', (x, y - 25 * step))
    await touch(cdp, 'touchEnd')
    await cdp.detach()
    await page.wait_for_function(f'window.scrollY > {scrolled + 50}', timeout=5_000)
    assert scene.portal.documents.draft(scene.anna, draft_id).version == version  # no corner moved
    await page.context.close()


async def test_the_fallback_inputs_take_photos_and_pdfs_and_refuse_damaged_files(chromium: Browser,
                                                                                 scene: Scene) -> None:
    draft_id = scene.draft_with()
    page = await open_capture(chromium, scene, draft_id)
    camera_app = page.locator('input[data-testid=phone-camera]')
    await expect(camera_app).to_have_attribute('capture', 'environment')
    await expect(camera_app).to_have_attribute('accept', 'image/*')

    await camera_app.set_input_files({'name': 'IMG_0001.jpg', 'mimeType': 'image/jpeg', 'buffer': PHOTO})
    await expect(page.get_by_role('heading', name='Seite 1 prüfen')).to_be_visible(timeout=20_000)
    await expect(page.locator('.portal-corner-handle')).to_have_count(4)

    await page.get_by_role('button', name='Weitere Seite aufnehmen').click()
    await page.locator('input[data-testid=pick-files]').set_input_files(
        {'name': 'Kontoauszug.pdf', 'mimeType': 'application/pdf', 'buffer': sheets_pdf(255, 0, 255)})
    await expect(page.get_by_role('heading', name='Seite 2 prüfen')).to_be_visible(timeout=20_000)
    await expect(page.get_by_text('PDF-Datei mit 3 Seiten').first).to_be_visible()
    sheets = page.locator('.portal-pdf-pages .q-img')
    await expect(sheets).to_have_count(3)
    for index in range(3):
        await expect(sheets.nth(index)).to_have_attribute('aria-label', f'Seite {index + 1} von 3')
    shades = []
    for index in range(3):
        source = await sheets.nth(index).locator('img').last.get_attribute('src')
        shown = cv2.imdecode(np.frombuffer(await picture_bytes(page, scene, source), np.uint8), cv2.IMREAD_GRAYSCALE)
        shades.append(float(shown.mean()) > 128)
    assert shades == [True, False, True]
    await shot(page, 'pdf-pages-de')
    assert scene.portal.documents.draft(scene.anna, draft_id).sheet_count == 4

    await page.get_by_role('button', name='Weitere Seite aufnehmen').click()
    await camera_app.set_input_files({'name': 'IMG_0002.jpg', 'mimeType': 'image/jpeg', 'buffer': DAMAGED_JPEG})
    await expect(page.get_by_text('Das Foto ist beschädigt oder unvollständig.')).to_be_visible(timeout=20_000)
    await page.locator('input[data-testid=pick-files]').set_input_files(
        {'name': 'Rechnung.pdf', 'mimeType': 'application/pdf', 'buffer': FAKE_PDF})
    await expect(page.get_by_text('Diese PDF-Datei ist beschädigt oder keine echte PDF-Datei.')).to_be_visible(
        timeout=20_000)
    assert scene.portal.documents.draft(scene.anna, draft_id).sheet_count == 4
    await shot(page, 'damaged-files-de')
    await expect(page.get_by_text('Brief oder Bescheid – Seiten: 4')).to_be_visible()
    await page.context.close()


async def test_retaking_a_page_keeps_the_count_and_changes_the_picture(chromium: Browser, scene: Scene) -> None:
    draft_id = scene.draft_with(PHOTO, PHOTO)
    first, second = (each.id for each in scene.portal.documents.draft(scene.anna, draft_id).scans)
    page = await open_capture(chromium, scene, draft_id)
    thumbnail = page.locator('.q-img[aria-label="Seite 1"] img').last
    await expect(thumbnail).to_have_attribute('src', f'/api/documents/scans/{first}/preview.jpg')
    shown_before = await picture_bytes(page, scene, await thumbnail.get_attribute('src'))

    await page.get_by_role('button', name='Neu aufnehmen').first.click()
    await expect(page.get_by_text('Nehmen Sie Seite 1 jetzt neu auf.')).to_be_visible()
    await page.locator('input[data-testid=phone-camera]').set_input_files(
        {'name': 'IMG_0003.jpg', 'mimeType': 'image/jpeg', 'buffer': OTHER_PHOTO})
    await expect(page.get_by_role('heading', name='Seite 1 prüfen')).to_be_visible(timeout=20_000)
    await expect(page.get_by_text('Nehmen Sie Seite 1 jetzt neu auf.')).to_be_hidden()

    pages = scene.portal.documents.draft(scene.anna, draft_id).scans
    assert len(pages) == 2 and pages[1].id == second and pages[0].id != first
    assert (pages[0].width, pages[0].height) == (1000, 1300)
    await expect(page.get_by_text('Brief oder Bescheid – Seiten: 2')).to_be_visible()
    await expect(thumbnail).to_have_attribute('src', f'/api/documents/scans/{pages[0].id}/preview.jpg')
    shown_after = await picture_bytes(page, scene, await thumbnail.get_attribute('src'))
    assert shown_after != shown_before
    assert shown_after == blocking(scene.portal.documents.preview(scene.anna, pages[0].id))
    await page.context.close()
