"""The frame's staff menu in a simulated browser: it works without asking the browser anything, so a busy
machine (where an answer can take longer than NiceGUI's 1 s) cannot break a page."""
import pytest
from nicegui import ui
from nicegui.testing import User

from portal.services import Portal
from tests.support.personas import PASSWORD, enrol_totp, make_world
from tests.support.ui import sign_in

pytestmark = pytest.mark.usefixtures('app_env')


async def test_the_menu_button_opens_and_closes_the_staff_menu_when_the_browser_never_answers(
        user: User, portal: Portal) -> None:
    user.javascript_rules.clear()  # NiceGUI's simulated browser otherwise answers the drawer's question itself
    email = make_world(portal).caseworker_a.email
    await sign_in(user, email, PASSWORD, totp_secret=enrol_totp(portal, email))
    menu = user.find(kind=ui.left_drawer, marker='staff-menu').elements.pop()
    user.find(marker='menu').click()
    assert menu.value is True
    user.find(marker='menu').click()
    assert menu.value is False
