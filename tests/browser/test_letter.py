"""The printed activation letter fits a window envelope (DIN 5008 form B) and says how to reach the job centre.

Positions are measured on the page as Chromium lays it out for print; the PDF Chromium prints is one A4 sheet."""
import io
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from playwright.async_api import Browser, Page, expect
from pypdf import PdfReader

from portal.factories import make_staff
from portal.people.models import Customer, Location, Team
from tests.browser.conftest import portal_in, prepare_database, running_portal, signed_in
from tests.support.personas import PASSWORD, enrol_totp

MM = 96 / 25.4  # CSS pixels per millimetre
DESKTOP = {'width': 1280, 'height': 900}


@dataclass(frozen=True)
class LetterServer:
    base: str
    customer_id: int
    youth_id: int  # Arabic
    signers: dict[str, str]  # e-mail: authenticator secret; one account a test, for a code works only once




@pytest.fixture(scope='module')
def letter_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LetterServer]:
    """The personas and a second case worker of Anna's team; Anna lives at Lindenweg 3, her office has a phone
    number and opening hours."""
    folder = tmp_path_factory.mktemp('letter')
    world, secret = prepare_database(folder)
    portal = portal_in(folder)
    with portal.database.session() as session:
        office = session.get(Location, world.citizen_a.location_id)
        office.phone, office.email = '05121 309-0', 'info@jobcenter.example'
        anna = session.get(Customer, world.citizen_a.id)
        anna.street, anna.postcode, anna.city = 'Lindenweg 3', '12345', 'Musterstadt'
        make_staff(session=session, location=office, teams=(session.get(Team, anna.team_id),), password=PASSWORD,
                   email='kim@jobcenter.example')
        session.add_all([office, anna])
        session.commit()
    signers = {world.caseworker_a.email: secret, world.admin.email: enrol_totp(portal, world.admin.email),
               'kim@jobcenter.example': enrol_totp(portal, 'kim@jobcenter.example')}
    portal.database.engine.dispose()
    with running_portal(folder) as base:
        yield LetterServer(base, world.citizen_a.id, world.youth.id, signers)


async def printed_letter(chromium: Browser, server: LetterServer, signer: int, customer_id: int | None = None
                         ) -> Page:
    email, secret = list(server.signers.items())[signer]
    page = await signed_in(chromium, server.base, email, 'de-DE', totp_secret=secret, viewport=DESKTOP)
    await page.goto(f'{server.base}/admin/customers/{customer_id or server.customer_id}')
    await page.get_by_role('button', name='Aktivierungsbrief erstellen').click()
    await expect(page.locator('.portal-letter')).to_be_visible()
    await page.emulate_media(media='print')
    await page.evaluate('window.scrollTo(0, 0)')  # boxes are measured from the top of the sheet
    return page


async def box_mm(page: Page, selector: str) -> dict[str, float]:
    box = await page.locator(selector).bounding_box()
    return {name: value / MM for name, value in box.items()}


def near(value: float, expected: float, tolerance: float = 0.6) -> bool:
    return abs(value - expected) <= tolerance


async def test_the_address_sits_in_the_window_of_a_din_5008_b_envelope_with_the_return_line_above(
        chromium: Browser, letter_server: LetterServer) -> None:
    page = await printed_letter(chromium, letter_server, 0)
    sheet = await box_mm(page, '.portal-letter')
    assert near(sheet['x'], 0) and near(sheet['y'], 0) and near(sheet['width'], 210), sheet
    window = await box_mm(page, '.portal-letter-window')
    assert (near(window['x'], 20), near(window['y'], 45), near(window['width'], 85), near(window['height'], 45)) \
        == (True, True, True, True), window
    back = await box_mm(page, '.portal-letter-return')
    address = await box_mm(page, '.portal-letter-address')
    assert window['y'] <= back['y'] and back['y'] + back['height'] <= address['y'] + 0.1, (back, address)
    assert address['y'] + address['height'] <= window['y'] + window['height'] + 0.1
    assert await page.locator('.portal-letter-return').inner_text() == \
        'Jobcenter Testhausen · Hauptstraße 12 · 12345 Musterstadt'
    assert back['height'] <= 17.8 and await page.locator('.portal-letter-return').evaluate(
        'element => element.scrollWidth <= element.clientWidth'), 'the return line fits on one line'
    assert (await page.locator('.portal-letter-address').inner_text()).split('\n') == \
        ['Anna Alpha', 'Lindenweg 3', '12345 Musterstadt']
    body = await box_mm(page, '.portal-letter-body')
    assert body['y'] >= 98
    contact = await box_mm(page, '.portal-letter-info')
    assert contact['y'] + contact['height'] <= body['y'], 'the contact block ends above the text'


async def test_the_letter_names_the_office_with_address_phone_and_opening_hours_beside_the_address(
        chromium: Browser, letter_server: LetterServer, tmp_path: Path) -> None:
    page = await printed_letter(chromium, letter_server, 1)
    contact = await box_mm(page, '.portal-letter-info')
    window = await box_mm(page, '.portal-letter-window')
    assert contact['x'] >= window['x'] + window['width'] and contact['x'] + contact['width'] <= 210 - 5
    text = await page.locator('.portal-letter-info').inner_text()
    for line in ('Jobcenter Testhausen', 'Hauptstraße 12', '12345 Musterstadt', 'Telefon: \u206605121 309-0\u2069',
                 'Mo., Di., Mi., Fr.: 08:00–12:00 Uhr', 'Do.: 08:00–12:00 Uhr, 14:00–18:00 Uhr'):
        assert line in text, text
    pdf = await page.pdf(format='A4', prefer_css_page_size=True, print_background=True)
    (tmp_path / 'letter.pdf').write_bytes(pdf)
    assert len(PdfReader(io.BytesIO(pdf)).pages) == 1, 'the letter is one sheet'


async def test_an_arabic_letter_keeps_the_address_where_the_window_is_and_gives_the_contact_in_arabic(
        chromium: Browser, letter_server: LetterServer, tmp_path: Path) -> None:
    page = await printed_letter(chromium, letter_server, 2, letter_server.youth_id)
    assert await page.locator('.portal-letter').get_attribute('dir') == 'rtl'
    window = await box_mm(page, '.portal-letter-window')
    assert (near(window['x'], 20), near(window['y'], 45)) == (True, True), window
    assert (await page.locator('.portal-letter-address').inner_text()).split('\n')[0] == 'Yusuf Young'
    text = await page.locator('.portal-letter-info').inner_text()
    assert 'الهاتف' in text and 'من 8:00 ص إلى 12:00 م' in text, text
    contact, body = await box_mm(page, '.portal-letter-info'), await box_mm(page, '.portal-letter-body')
    assert contact['y'] + contact['height'] <= body['y'], 'the contact block ends above the text'
    (tmp_path / 'letter-ar.pdf').write_bytes(await page.pdf(format='A4', prefer_css_page_size=True))
