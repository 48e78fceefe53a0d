"""A member of staff sets up the authenticator at the first sign-in and keeps the recovery codes."""
import pyotp
import pytest
from nicegui.testing import User

from portal.services import Portal
from tests.support.personas import PASSWORD, make_world

pytestmark = pytest.mark.usefixtures('app_env')


async def test_first_staff_sign_in_enrols_the_app_and_shows_recovery_codes(user: User, portal: Portal) -> None:
    world = make_world(portal)
    await user.open('/login')
    user.find(marker='identifier').type(world.admin.email)
    user.find(marker='password').type(PASSWORD)
    user.find(marker='login').click()
    await user.should_see('Authenticator-App einrichten')
    secret = user.find(marker='secret').elements.pop().text.rsplit(' ', 1)[-1]
    user.find(marker='code').type('123456' if pyotp.TOTP(secret).now() != '123456' else '654321')
    user.find(marker='confirm').click()
    await user.should_see('Der Code stimmt nicht')
    user.find(marker='code').type(pyotp.TOTP(secret).now())
    user.find(marker='confirm').click()
    await user.should_see('Ihre Wiederherstellungscodes')
    items = user.find(marker='recovery-codes').elements.pop().default_slot.children
    codes = [item.default_slot.children[0].text for item in items]
    assert len(codes) == 10 and all(len(code) == 11 for code in codes)
    user.find('Ich habe die Codes gesichert – weiter').click()
    await user.should_see('Hallo, Adam Admin')


async def test_the_second_factor_page_needs_a_password_first(user: User, portal: Portal) -> None:
    await user.open('/login/second-factor')
    await user.should_see(marker='login')
    await user.open('/login/enrol')
    await user.should_see(marker='login')
