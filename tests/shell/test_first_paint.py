"""The static copy a simple page is sent with, shown on a slow phone before Vue has mounted the page."""
import re

import pytest
from nicegui.testing import User

from portal.factories import make_customer, make_location, make_team
from portal.services import Portal
from tests.support.personas import PASSWORD, make_world
from tests.support.ui import sign_in

pytestmark = pytest.mark.usefixtures('app_env')
COPY = re.compile(r'<div class="portal-first-paint" inert>(.*?)</div><script>', re.S)


async def first_paint(user: User, path: str) -> str | None:
    match = COPY.search((await user.http_client.get(path)).text)
    return match.group(1) if match else None


async def test_the_sign_in_page_arrives_with_a_copy_of_its_text_and_no_working_fields(user: User) -> None:
    copy = await first_paint(user, '/login')
    for text in ('Jobcenter-Portal', '>Anmelden<', 'E-Mail oder Kundennummer', 'Passwort', 'href="/activate"'):
        assert text in copy
    assert '<input' not in copy and 'id=' not in copy, 'nothing to type into, no duplicate ids'
    assert '<header' not in copy and '<nav' not in copy, 'no second set of landmarks'


async def test_a_signed_in_customer_gets_a_copy_of_the_home_page_with_the_bottom_navigation(
        user: User, portal: Portal) -> None:
    world = make_world(portal)
    await sign_in(user, world.citizen_a.customer_number, PASSWORD)
    copy = await first_paint(user, '/')
    assert 'Hallo, Anna' in copy and world.citizen_a.customer_number in copy
    assert 'fixed-bottom' in copy and '>home</i>' in copy


async def test_a_page_with_an_element_the_copy_does_not_know_gets_no_copy(user: User, portal: Portal) -> None:
    world = make_world(portal)
    await sign_in(user, world.citizen_a.customer_number, PASSWORD)
    assert await first_paint(user, '/card') is None, 'the card page shows a QR code image'


async def test_names_in_the_copy_are_text_not_markup(user: User, portal: Portal) -> None:
    with portal.database.session() as session:
        team = make_team(session=session, location=make_location(session=session))
        customer = make_customer(session=session, team=team, password=PASSWORD, first_name='<img src=x onerror=1>')
        number = customer.customer_number
        session.commit()
    await sign_in(user, number, PASSWORD)
    copy = await first_paint(user, '/')
    assert '<img' not in copy and '&lt;img src=x onerror=1&gt;' in copy
