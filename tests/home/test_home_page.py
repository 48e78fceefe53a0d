"""The home page shows each role what matters now."""
from datetime import UTC, date, datetime

import pytest
from nicegui.testing import User

from portal.documents.models import Notification
from portal.people.models import Customer, Location, Staff
from portal.services import Portal
from tests.support.capture import send_now, sent
from tests.support.personas import PASSWORD, World, actor_of, enrol_totp, make_world
from tests.support.photos import sheet_photo
from tests.support.ui import sign_in

PHOTO, _ = sheet_photo()

pytestmark = pytest.mark.usefixtures('app_env')


async def test_a_citizen_sees_the_number_the_team_and_the_office_hours_by_day(user: User, portal: Portal) -> None:
    world = make_world(portal)
    await sign_in(user, world.citizen_a.customer_number, PASSWORD)
    await user.should_see(world.citizen_a.customer_number)
    await user.should_see('Zuständig: Team A')
    await user.should_see('Jobcenter Testhausen')
    await user.should_see('08:00–12:00 Uhr, 14:00–18:00 Uhr')  # Thursday's morning and afternoon on one line


async def test_a_case_worker_sees_the_teams_with_their_number_of_customers(user: User, portal: Portal) -> None:
    world = make_world(portal)
    await sign_in(user, world.caseworker_a.email, PASSWORD, totp_secret=enrol_totp(portal, world.caseworker_a.email))
    await user.should_see('Team A: 2 Kundinnen und Kunden')
    await user.should_see('Neue Dokumente im Posteingang: 0')
    await user.should_not_see(marker='admin-figures')


async def test_an_admin_sees_the_overall_figures(user: User, portal: Portal) -> None:
    world = make_world(portal)
    await sign_in(user, world.admin.email, PASSWORD, totp_secret=enrol_totp(portal, world.admin.email))
    await user.should_see('Kundinnen und Kunden: 3')
    await user.should_see('Mitarbeitende: 4')


async def test_a_case_worker_sees_how_many_new_documents_wait_in_the_inbox(user: User, portal: Portal) -> None:
    world = make_world(portal)
    anna = actor_of(portal, world.citizen_a)
    await sent(portal, anna)
    await sign_in(user, world.caseworker_a.email, PASSWORD, totp_secret=enrol_totp(portal, world.caseworker_a.email))
    await user.should_see('Neue Dokumente im Posteingang: 1')


def with_contact(portal: Portal, world: World, hours: list) -> None:
    """Carla looks after Anna and has a direct line; Anna's office is open on the given hours."""
    with portal.database.session() as session:
        carla = session.get(Staff, world.caseworker_a.id)
        carla.phone = '+49 5121 309-4711'
        anna = session.get(Customer, world.citizen_a.id)
        anna.case_worker_id = carla.id
        office = session.get(Location, world.citizen_a.location_id)
        office.opening_hours = hours
        session.add_all([carla, anna, office])
        session.commit()


EVERY_DAY = [[day, '08:00', '12:00'] for day in range(7)]  # whatever day the test runs on


async def test_a_citizen_sees_whom_to_call_and_write_and_that_the_office_is_open_today(user: User,
                                                                                     portal: Portal) -> None:
    world = make_world(portal)
    with_contact(portal, world, EVERY_DAY)
    await sign_in(user, world.citizen_a.customer_number, PASSWORD)
    await user.should_see('Ihre Ansprechperson: Carla Case')
    (call,) = user.find(marker='contact-phone').elements
    assert call.props['href'] == 'tel:+4951213094711'
    (write,) = user.find(marker='contact-email').elements
    assert write.props['href'] == 'mailto:carla@jobcenter.example'
    await user.should_see('Heute geöffnet: 08:00–12:00 Uhr')


async def test_a_closed_office_says_so_in_the_readers_language(user: User, portal: Portal) -> None:
    world = make_world(portal)
    with_contact(portal, world, [])
    await sign_in(user, world.citizen_a.customer_number, PASSWORD)
    await user.should_see('Heute geschlossen')
    await user.open('/?lang=ar')
    await user.should_see('مغلق اليوم')
    await user.should_see('الشخص المسؤول عنكم: Carla Case')


async def test_what_is_next_offers_to_send_again_and_the_button_starts_the_capture(user: User,
                                                                                  portal: Portal) -> None:
    world = make_world(portal)
    anna, carla = actor_of(portal, world.citizen_a), actor_of(portal, world.caseworker_a)
    request = portal.inbox.request(carla, world.citizen_a.id, 'pay_slip', date(2026, 12, 18))
    sent = send_now(portal, anna, 'pay_slip', request_id=request.id)
    portal.inbox.ask_again(carla, sent.id, 'Seite 2 fehlt.', version=sent.version)
    await sign_in(user, world.citizen_a.customer_number, PASSWORD)
    await user.should_see('Bitte senden Sie „Lohn- oder Gehaltsabrechnung“ noch einmal. Grund: Seite 2 fehlt.')
    await user.should_see('Bitte bis zum 18.12.2026 senden')
    user.find(marker=f'home-send-again-{sent.id}').click()
    await user.should_see(marker='camera', retries=50)
    drafts = portal.documents.overview(anna).drafts  # the one sent became a submission: this is the new one
    assert [(found.kind, found.request_id) for found in drafts] == [('pay_slip', request.id)]


async def test_with_nothing_to_do_the_start_page_says_so(user: User, portal: Portal) -> None:
    world = make_world(portal)
    await sign_in(user, world.citizen_a.customer_number, PASSWORD)
    await user.should_see('Im Moment ist nichts zu tun.')


async def test_other_news_is_listed_with_a_button_to_read_it(user: User, portal: Portal) -> None:
    world = make_world(portal)
    with portal.database.session() as session:
        news = Notification(customer_id=world.citizen_a.id, key='documents.receipt.intro', params={},
                            created_at=datetime(2026, 11, 23, 9, tzinfo=UTC))
        session.add(news)
        session.commit()
        session.refresh(news)
    await sign_in(user, world.citizen_a.customer_number, PASSWORD)
    await user.should_see('Ihre Unterlagen sind beim Jobcenter eingegangen.', retries=20)
    (button,) = user.find(marker=f'show-notice-{news.id}').elements
    assert button.props['href'] == '/documents' and button.text == 'Nachricht ansehen'
