"""Accessibility of the document pages in a real browser, in German and Arabic: axe-core's WCAG 2.0/2.1 A and AA
rules on the capture page with a quality warning and on page 2 of the staff inbox and of the audit log, plus
what axe cannot see: where the keyboard focus goes after a button redrew its own part of the page, that focused
buttons are never under the customer's bottom navigation, and that nothing is wider than a phone.

axe-core comes from the ``axe-playwright-python`` package (its ``axe.min.js``), injected into the page.
"""
import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import axe_playwright_python
import pytest
from playwright.async_api import Browser, Page, expect

from portal.core.i18n import LANGUAGES, Translator
from portal.identity.roles import Actor
from portal.services import Portal
from tests.browser.conftest import PHONE, connected, portal_in, prepare_database, running_portal, signed_in
from tests.browser.test_capture_camera import shot
from tests.browser.test_capture_editing import draft_of
from tests.support.personas import World, actor_of, enrol_totp
from tests.support.photos import sheet_photo
from tests.support.rows import add_entries, add_submissions

pytestmark = pytest.mark.browser

AXE = (Path(axe_playwright_python.__file__).parent / 'axe.min.js').read_text(encoding='utf-8')
WCAG_A_AA = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']
DESKTOP = {'width': 1280, 'height': 800}
PHOTO, TRUE_CORNERS = sheet_photo()  # 900 x 1200
CUT_OFF = [[0.0, 0.0], *([float(x), float(y)] for x, y in TRUE_CORNERS[1:])]
START = datetime(2026, 11, 2, 9, 0, tzinfo=UTC)


@dataclass(frozen=True)
class Scene:
    base: str
    portal: Portal
    world: World
    anna: Actor
    secrets: dict[str, str]  # authenticator secrets of Carla (case worker) and Adam (admin) by e-mail

    def draft_with_warning(self) -> int:
        """A draft of two photos; the first has its corner dragged onto the edge and is judged cut off."""
        draft = draft_of(self.portal, self.anna, PHOTO, PHOTO)
        first = draft.scans[0].id
        draft = self.portal.documents.edit_scan(self.anna, first, corners=CUT_OFF, mode='document', quarter_turns=0,
                                                version=draft.version)
        self.portal.documents.record_quality(self.anna, first, corners=CUT_OFF, quality=('cut_off', 'blurred'))
        return draft.id


@pytest.fixture(scope='module')
def scene(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Scene]:
    """One portal for the module: Anna's drafts are made per test; 55 submissions and 60 audit entries."""
    folder = tmp_path_factory.mktemp('portal')
    world, carla_secret = prepare_database(folder)
    portal = portal_in(folder)
    secrets = {world.caseworker_a.email: carla_secret, world.admin.email: enrol_totp(portal, world.admin.email)}
    add_submissions(portal, world.citizen_a.id, 55, START)
    add_entries(portal, world, 60, START)
    with running_portal(folder) as base:
        yield Scene(base, portal, world, actor_of(portal, world.citizen_a), secrets)
    portal.database.engine.dispose()


async def serious_violations(page: Page) -> list[str]:
    """axe-core's violations of impact serious or critical, as 'rule: element' lines."""
    await page.add_script_tag(content=AXE)
    found = await page.evaluate('''async rules => (await axe.run(document, {runOnly: {type: 'tag', values: rules}}))
        .violations.filter(v => ['serious', 'critical'].includes(v.impact))
        .flatMap(v => v.nodes.map(node => `${v.id}: ${node.html.slice(0, 120)}`))''', WCAG_A_AA)
    return found


async def language_and_width(page: Page, t: Translator) -> None:
    """The page is in the person's language and direction and no wider than the screen."""
    assert await page.evaluate('[document.documentElement.lang, document.documentElement.dir]') == [
        t.code, t.direction]
    assert await page.evaluate('document.documentElement.scrollWidth <= window.innerWidth'), 'wider than the screen'


async def focused(page: Page) -> str:
    """The accessible name (aria-label or text) of the focused element."""
    return await page.evaluate('''(() => { const e = document.activeElement;
        return (e.getAttribute('aria-label') || e.textContent).trim() })()''')


async def choose_language(page: Page, code: str) -> None:
    """Pick the language in the header, as a person would; the page reloads in it."""
    await page.locator('header .portal-language').click()
    await page.get_by_role('option', name=LANGUAGES[code].native_name).click()
    await page.wait_for_function(f'document.documentElement.lang === "{code}"')
    await connected(page)


async def open_citizen(browser: Browser, scene: Scene, code: str, draft_id: int) -> Page:
    scene.portal.auth.set_language(scene.anna, code)  # the account's language is taken at sign-in
    page = await signed_in(browser, scene.base, scene.world.citizen_a.customer_number, code, touch=True)
    await page.goto(f'{scene.base}/documents/capture/{draft_id}?auto=false')
    await connected(page)
    return page


@pytest.mark.parametrize('code', ['de', 'ar'])
async def test_the_capture_page_with_a_warning_passes_axe_and_keeps_focused_buttons_above_the_navigation(
        chromium: Browser, scene: Scene, code: str) -> None:
    t = Translator(code)
    page = await open_citizen(chromium, scene, code, scene.draft_with_warning())
    await page.get_by_role('button', name=t('capture.edit')).first.click()
    heading = page.get_by_role('heading', name=t('capture.check_page', number=1))
    await expect(heading).to_be_focused()  # the pressed button was redrawn: the person goes on at the review
    warnings = page.locator('[aria-live=polite]')
    await expect(warnings).to_contain_text(t('documents.quality.cut_off'))
    await expect(warnings).to_contain_text(t('documents.quality.blurred'))
    await expect(page.get_by_role('group', name=t('capture.mode'))).to_be_visible()
    await expect(page.get_by_role('button', name=t('capture.corner_top_left'))).to_be_visible()
    await language_and_width(page, t)
    assert await serious_violations(page) == []
    await shot(page, f'accessibility-capture-{code}')

    # every button reached with the keyboard is in view, none hidden under the bottom navigation
    navigation_top = (await page.locator('.q-footer').bounding_box())['y']
    send = t('capture.send')
    await page.evaluate('window.scrollTo(0, 0)')
    await heading.focus()
    for _ in range(40):
        await page.keyboard.press('Tab')
        box = await page.evaluate('document.activeElement.getBoundingClientRect().toJSON()')
        name = await focused(page)
        assert box['bottom'] <= navigation_top, f'{name!r} is under the bottom navigation'
        if name.endswith(send):
            break
    else:
        raise AssertionError('the send button was never reached with the Tab key')
    await page.context.close()


async def test_moving_a_page_keeps_the_focus_on_the_moved_page(chromium: Browser, scene: Scene) -> None:
    draft_id = scene.draft_with_warning()
    second = scene.portal.documents.draft(scene.anna, draft_id).scans[1].id
    page = await open_citizen(chromium, scene, 'de', draft_id)
    await page.get_by_role('button', name='Nach vorn').last.focus()  # the first page's is off
    await page.keyboard.press('Enter')
    # it is first now, so "forward" is off: the focus is on its other arrow, not lost to the page
    await expect(page.get_by_role('button', name='Nach hinten').first).to_be_focused()
    assert scene.portal.documents.draft(scene.anna, draft_id).scans[0].id == second
    await page.keyboard.press('Enter')
    await expect(page.get_by_role('button', name='Nach vorn').last).to_be_focused()
    assert scene.portal.documents.draft(scene.anna, draft_id).scans[1].id == second
    await page.context.close()


@pytest.mark.parametrize(('person', 'route'), [('caseworker_a', '/staff/documents'), ('admin', '/admin/audit')])
async def test_page_two_of_the_inbox_and_the_audit_log_passes_axe_and_gets_the_focus(
        chromium: Browser, scene: Scene, person: str, route: str) -> None:
    email = getattr(scene.world, person).email
    page = await signed_in(chromium, scene.base, email, 'de', totp_secret=scene.secrets[email], viewport=DESKTOP)
    await page.goto(scene.base + route)
    await connected(page)
    for code in ('de', 'ar'):
        t = Translator(code)
        if code != 'de':
            await choose_language(page, code)
        await page.get_by_role('button', name=t('paging.older')).focus()
        await page.keyboard.press('Enter')
        # the pressed button is redrawn: the focus goes to the new entries, named by which they are
        shown = page.get_by_role('list', name=re.compile('^' + re.escape(t('paging.range', first=t.number(51),
                                                                            last=''))))
        await expect(shown).to_be_focused()
        assert (await shown.bounding_box())['y'] >= (await page.locator('header').bounding_box())['height'] - 1, \
            'the new entries start under the header'
        await expect(page.get_by_role('navigation', name=t('paging.label'))).to_contain_text(t('paging.newer'))
        await language_and_width(page, t)
        assert await serious_violations(page) == []
        await shot(page, f'accessibility-{route.rsplit("/", 1)[1]}-{code}')
        await page.set_viewport_size(PHONE)  # the side drawer closes: wait until the layout has settled
        await page.wait_for_function('document.documentElement.scrollWidth <= window.innerWidth', timeout=5_000)
        await page.set_viewport_size(DESKTOP)
    await page.context.close()
