"""Choosing a language on a page: the page switches, and the choice is remembered."""
import pytest
from nicegui import ui
from nicegui.testing import User

from portal.core.i18n import Translator
from portal.services import Portal
from tests.support.personas import PASSWORD, make_world
from tests.support.ui import sign_in

pytestmark = pytest.mark.usefixtures('app_env')


def _text(code: str, key: str) -> str:
    """The translated text, which must differ from German or the test would prove nothing."""
    text = Translator(code)(key)
    assert text != Translator('de')(key)
    return text


async def _choose(user: User, native_name: str) -> None:
    user.find(marker='language-picker').click()
    user.find(native_name).click()


async def test_picking_arabic_on_the_login_page_shows_it_in_arabic(user: User, portal: Portal) -> None:
    await user.open('/login')
    await user.should_see('Anmelden')
    await _choose(user, 'العربية')
    await user.should_see(_text('ar', 'login.identifier'))
    assert user.find(ui.select).elements.pop().value == 'ar'


async def test_the_browser_language_is_used_until_the_person_chooses(user: User, portal: Portal) -> None:
    user.http_client.headers['Accept-Language'] = 'fa-IR,fa;q=0.9,en;q=0.5'
    await user.open('/login')
    await user.should_see(_text('fa', 'login.identifier'))


async def test_a_customer_sees_the_language_saved_for_the_account_after_signing_in(user: User,
                                                                                 portal: Portal) -> None:
    world = make_world(portal)
    await user.open('/login')
    user.find(marker='identifier').type(world.youth.customer_number)
    user.find(marker='password').type(PASSWORD)
    user.find(marker='login').click()
    await user.should_see(_text('ar', 'home.your_number'), retries=100)  # the sign-in hands over to a new session


async def test_a_choice_made_while_signed_in_is_saved_for_the_account(user: User, portal: Portal) -> None:
    world = make_world(portal)
    await sign_in(user, world.citizen_a.customer_number, PASSWORD)
    await _choose(user, 'English')
    await user.should_see(_text('en', 'home.your_number'))
    assert portal.auth.login(world.citizen_a.customer_number, PASSWORD, '127.0.0.2').language == 'en'


async def test_a_link_with_a_language_opens_the_page_in_it_and_the_browser_keeps_it(user: User) -> None:
    await user.open('/login?lang=ti')
    await user.should_see(_text('ti', 'login.identifier'))
    await user.open('/activate')
    await user.should_see(_text('ti', 'activate.title'))
    await user.open('/login?lang=xx')
    await user.should_see(_text('ti', 'login.identifier'))
