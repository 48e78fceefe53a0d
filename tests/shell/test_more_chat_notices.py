"""The switch on "More" for an e-mail when a chat message waits: it explains itself, saves the choice, and is shown
only to customers with an e-mail address."""
import pytest
from nicegui import ui
from nicegui.testing import User

from portal.services import Portal
from tests.support.personas import PASSWORD, actor_of, make_world
from tests.support.ui import eventually, sign_in

pytestmark = pytest.mark.usefixtures('app_env')


async def test_a_customer_with_an_address_reads_what_it_does_and_turns_it_on_and_off(user: User,
                                                                                    portal: Portal) -> None:
    world = make_world(portal)
    anna = actor_of(portal, world.citizen_a)
    await sign_in(user, world.citizen_a.customer_number, PASSWORD)
    await user.open('/more')
    await user.should_see('E-Mail bei neuen Nachrichten')
    await user.should_see('schicken wir eine E-Mail an anna@example.org')
    await user.should_see('nicht was darin steht')
    user.find(marker='chat-notices').click()
    await user.should_see('Sie bekommen eine E-Mail, wenn eine Nachricht auf Sie wartet.')
    await eventually(lambda: portal.customers.own(anna).chat_notices)
    await user.open('/more')  # the page shows the saved choice
    assert user.find(marker='chat-notices').elements.pop().value is True
    user.find(marker='chat-notices').click()
    await user.should_see('Sie bekommen keine E-Mails über neue Nachrichten.')
    await eventually(lambda: not portal.customers.own(anna).chat_notices)


async def test_a_customer_without_an_address_is_not_offered_the_e_mail(user: User, portal: Portal) -> None:
    world = make_world(portal)
    await sign_in(user, world.citizen_b.customer_number, PASSWORD)
    await user.open('/more')
    await user.should_see('Konto und Sicherheit')
    await user.should_not_see('E-Mail bei neuen Nachrichten')
    await user.should_not_see(ui.switch)
