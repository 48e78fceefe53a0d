"""Signing in through the page, as a person would."""
import pytest
from nicegui.testing import User

from portal.services import Portal
from tests.support.personas import PASSWORD, enrol_totp, make_world
from tests.support.ui import sign_in

pytestmark = pytest.mark.usefixtures('app_env')


async def test_a_citizen_signs_in_with_the_customer_number_and_sees_it_on_the_home_page(user: User,
                                                                                         portal: Portal) -> None:
    world = make_world(portal)
    await sign_in(user, world.citizen_a.customer_number, PASSWORD)
    await user.should_see('Hallo, Anna')
    await user.should_see(world.citizen_a.customer_number)


async def test_a_wrong_password_shows_a_message_that_does_not_say_which_part_was_wrong(user: User,
                                                                                        portal: Portal) -> None:
    make_world(portal)
    await user.open('/login')
    user.find(marker='identifier').type('anna@example.org')
    user.find(marker='password').type('wrong password!')
    user.find(marker='login').click()
    await user.should_see('E-Mail/Kundennummer oder Passwort stimmen nicht.')


async def test_a_protected_page_sends_an_anonymous_visitor_to_the_login(user: User, portal: Portal) -> None:
    await user.open('/card')
    await user.should_see(marker='login')


async def test_staff_must_enter_the_authenticator_code_after_the_password(user: User, portal: Portal) -> None:
    world = make_world(portal)
    secret = enrol_totp(portal, world.caseworker_a.email)
    await sign_in(user, world.caseworker_a.email, PASSWORD, totp_secret=secret)
    await user.should_see('Hallo, Carla Case')
