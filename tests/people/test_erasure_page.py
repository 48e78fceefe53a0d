"""The customer page's "delete customer": admins only, after a dialog that names the customer and what goes."""
import pytest
from nicegui import ui
from nicegui.testing import User

from portal.core.errors import NotFound
from portal.identity.roles import Actor
from portal.services import Portal
from tests.support.attaching import send_file
from tests.support.personas import World, actor_of
from tests.support.ui import eventually, only, sign_in_staff

pytestmark = pytest.mark.usefixtures('app_env')


async def test_an_admin_deletes_a_customer_after_the_dialog_names_what_goes(user: User, portal: Portal, world: World,
                                                                            anna: Actor) -> None:
    talk = portal.chat.start(anna, 'benefits', 'Hallo', 'client-0001')
    await send_file(portal, anna, talk.id)
    await sign_in_staff(user, portal, world.admin)
    await user.open(f'/admin/customers/{world.citizen_a.id}')
    user.find(marker='erase-button').click()
    await user.should_see('Anna Alpha endgültig löschen?')
    await user.should_see(f'die Stammdaten mit der Kundennummer {world.citizen_a.customer_number}')
    await user.should_see('alle Chat-Gespräche mit ihren Nachrichten und Dateien')
    user.find(marker='erase-confirm').click()
    await user.should_see(f'Anna Alpha ({world.citizen_a.customer_number}) wurde gelöscht.')
    admin = actor_of(portal, world.admin)
    with pytest.raises(NotFound):
        portal.customers.get(admin, world.citizen_a.id)
    assert list(portal.store.names()) == []  # the photo and its preview went too


async def test_cancelling_the_dialog_deletes_nothing(user: User, portal: Portal, world: World) -> None:
    await sign_in_staff(user, portal, world.admin)
    await user.open(f'/admin/customers/{world.citizen_a.id}')
    user.find(marker='erase-button').click()
    await user.should_see(marker='erase-dialog')
    dialog = only(user, 'erase-dialog').parent_slot.parent
    assert isinstance(dialog, ui.dialog) and dialog.value
    user.find(marker='erase-cancel').click()
    await eventually(lambda: not dialog.value, 'the dialog stays open')
    assert portal.customers.get(actor_of(portal, world.admin), world.citizen_a.id).first_name == 'Anna'


async def test_a_case_worker_has_no_delete_button(user: User, portal: Portal, world: World) -> None:
    await sign_in_staff(user, portal, world.caseworker_a)
    await user.open(f'/admin/customers/{world.citizen_a.id}')
    await user.should_see(marker='access')  # the page is there, with the parts a case worker may use
    await user.should_not_see(marker='erase-button')
