"""The customer's pages on a phone (412 px wide): every button and link is a target of at least 44 x 44 px, in
German and Arabic; labels fit; what a customer must act on is visible without opening anything; signing out
from "More" signs out."""
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date

import pytest
from playwright.async_api import Browser, Page, expect

from portal.core.i18n import LANGUAGES, Translator
from portal.people.models import Customer, Location, Staff
from tests.browser.conftest import PHONE, connected, portal_in, prepare_database, running_portal, signed_in
from tests.support.capture import PHOTO, blocking, send_now, upload
from tests.support.personas import actor_of

MIN_TARGET = 44  # px, WCAG 2.5.5 (AAA) and the platforms' guidelines
CUSTOMER_PAGES = ('/', '/documents', '/card', '/more')
PUBLIC_PAGES = ('/login', '/activate')
TARGETS = 'a[href], button, [role=button], [role=link], [role=tab], [role=checkbox], [role=switch]'


@dataclass(frozen=True)
class Customers:
    base: str
    citizen: str  # German: a request, a document to send again, a draft, a case worker with a phone
    youth: str  # Arabic
    sent_again: int  # the submission Anna is asked to send again


@pytest.fixture(scope='module')
def customers(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Customers]:
    folder = tmp_path_factory.mktemp('customers')
    world, _ = prepare_database(folder)
    portal = portal_in(folder)
    with portal.database.session() as session:
        carla = session.get(Staff, world.caseworker_a.id)
        carla.phone = '05121 309-4711'
        for person in (world.citizen_a, world.youth):
            customer = session.get(Customer, person.id)
            customer.case_worker_id = carla.id
            session.add(customer)
        office = session.get(Location, world.citizen_a.location_id)
        office.email = 'info@jobcenter.example'
        session.add_all([carla, office])
        session.commit()
    carla, anna = actor_of(portal, world.caseworker_a), actor_of(portal, world.citizen_a)
    request = portal.inbox.request(carla, world.citizen_a.id, 'pay_slip', date(2099, 12, 18), 'Oktober')
    portal.inbox.request(carla, world.citizen_a.id, 'rental_contract', date(2099, 12, 20))
    sent = send_now(portal, anna, 'pay_slip', request_id=request.id)
    portal.inbox.ask_again(carla, sent.id, 'Die zweite Seite fehlt.', version=sent.version)
    unfinished = portal.documents.start(anna, 'bank_statement')
    blocking(upload(portal, anna, PHOTO, draft_id=unfinished.id))
    portal.database.engine.dispose()
    portal.workers.close()
    with running_portal(folder) as base:
        yield Customers(base, world.citizen_a.customer_number, world.youth.customer_number, sent.id)


async def targets(page: Page) -> list[tuple[str, float, float]]:
    """Visible buttons and links (not the skip link, off-screen until focused) as (text, width, height)."""
    await page.evaluate('window.scrollTo(0, 0)')
    return [tuple(found) for found in await page.evaluate('''selector => [...document.querySelectorAll(selector)]
        .filter(element => !element.classList.contains('skip-link'))
        .map(element => [element, element.getBoundingClientRect()])
        .filter(([element, box]) => box.width * box.height > 0 && getComputedStyle(element).visibility !== 'hidden')
        .map(([element, box]) => [(element.innerText || element.getAttribute('aria-label') || element.outerHTML)
            .trim().replace(/\\s+/g, ' ').slice(0, 50), box.width, box.height])''', TARGETS)]


async def open_page(page: Page, url: str) -> None:
    await page.goto(url)
    await connected(page)
    await page.wait_for_load_state('networkidle')


@pytest.mark.parametrize('language', ['de', 'ar'])
async def test_every_button_and_link_on_the_customer_pages_is_at_least_44_px_on_a_phone(
        chromium: Browser, customers: Customers, language: str) -> None:
    page = await signed_in(chromium, customers.base, customers.citizen, language, touch=True)
    await open_page(page, f'{customers.base}/?lang={language}')
    found = {}
    for path in CUSTOMER_PAGES:
        await open_page(page, customers.base + path)
        found[path] = await targets(page)
    await page.context.clear_cookies()
    for path in PUBLIC_PAGES:
        await open_page(page, f'{customers.base}{path}?lang={language}')
        found[path] = await targets(page)
    assert all(len(measured) >= 2 for measured in found.values()), {path: len(seen) for path, seen in found.items()}
    too_small = [f'{path}: {text} ({width:.0f} x {height:.0f})' for path, measured in found.items()
                 for text, width, height in measured if min(width, height) < MIN_TARGET - 0.5]
    assert not too_small, f'targets under {MIN_TARGET} px:\n' + '\n'.join(too_small)


async def test_the_skip_link_is_a_44_px_target_when_it_appears(chromium: Browser, customers: Customers) -> None:
    context = await chromium.new_context(viewport=PHONE, locale='de-DE')
    page = await context.new_page()
    await open_page(page, f'{customers.base}/login')
    await page.keyboard.press('Tab')
    box = await page.locator('.skip-link').bounding_box()
    assert box['height'] >= MIN_TARGET and box['width'] >= MIN_TARGET


@pytest.mark.parametrize('code', list(LANGUAGES))
async def test_the_activation_page_labels_fit_the_field_in_every_language(chromium: Browser, customers: Customers,
                                                                        code: str) -> None:
    context = await chromium.new_context(viewport=PHONE, locale='de-DE')
    page = await context.new_page()
    await open_page(page, f'{customers.base}/activate?lang={code}')
    cut = await page.evaluate('''() => [...document.querySelectorAll('.q-field__label')]
        .filter(label => label.scrollWidth > label.clientWidth + 1).map(label => label.innerText)''')
    assert cut == [], f'{code}: labels cut off: {cut}'
    await expect(page.get_by_text(Translator(code)('activate.identifier_hint'))).to_be_visible()


async def test_a_document_to_send_again_shows_its_status_and_button_without_opening_it(
        chromium: Browser, customers: Customers) -> None:
    page = await signed_in(chromium, customers.base, customers.citizen, 'de-DE', touch=True)
    await open_page(page, f'{customers.base}/documents')
    card = page.locator(f'#receipt-{customers.sent_again}')
    await expect(card.get_by_text('Bitte erneut senden', exact=True).first).to_be_visible()
    await expect(page.get_by_role('button', name='Noch einmal senden')).to_be_visible()
    await expect(card.get_by_text('Grund: Die zweite Seite fehlt.')).to_be_hidden()  # the receipt is still closed


async def test_signing_out_from_more_ends_the_session(chromium: Browser, customers: Customers) -> None:
    page = await signed_in(chromium, customers.base, customers.citizen, 'de-DE', touch=True)
    await open_page(page, f'{customers.base}/more')
    sign_out = page.get_by_role('button', name='Abmelden').or_(page.get_by_role('link', name='Abmelden'))
    await sign_out.click()
    await page.wait_for_url(f'{customers.base}/login*')
    await open_page(page, f'{customers.base}/card')
    assert page.url.startswith(f'{customers.base}/login'), 'the card needs a sign-in again'
    await expect(page.get_by_text(customers.citizen)).to_have_count(0)
