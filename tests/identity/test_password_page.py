"""Changing the password through the page. (Signing out from "More" is pressed in a real browser:
tests/browser/test_customer_pages.py.)"""
import pytest
from nicegui.testing import User

from portal.core.errors import LoginFailed
from portal.services import Portal
from tests.support.personas import PASSWORD, make_world
from tests.support.ui import sign_in

pytestmark = pytest.mark.usefixtures('app_env')


async def test_a_citizen_changes_the_password_and_the_new_one_works(user: User, portal: Portal) -> None:
    world = make_world(portal)
    await sign_in(user, world.citizen_a.customer_number, PASSWORD)
    await user.open('/account/password')
    user.find(marker='old').type(PASSWORD)
    user.find(marker='new').type('my new long password')
    user.find(marker='again').type('my new long passwort')
    user.find(marker='save').click()
    await user.should_see('Die beiden Passwörter sind nicht gleich.')
    user.find(marker='again').clear().type('my new long password')
    user.find(marker='save').click()
    await user.should_see('Ihr Passwort wurde geändert.')
    with pytest.raises(LoginFailed):
        portal.auth.login(world.citizen_a.customer_number, PASSWORD, '127.0.0.4')
    assert portal.auth.login(world.citizen_a.customer_number, 'my new long password', '127.0.0.4').token
