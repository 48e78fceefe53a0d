"""Saving an edit form tells the person so, shows what was saved, and leaves nothing broken in the server log."""
import pytest
from nicegui.testing import User
from nicegui.testing.user_interaction import UserInteraction

from portal.services import Portal
from tests.support.personas import World, make_world
from tests.support.ui import newest, only, page_toasts, server_errors, sign_in_staff

pytestmark = pytest.mark.usefixtures('app_env')


@pytest.fixture
def world(portal: Portal) -> World:
    return make_world(portal)


def confirmed(user: User, caplog: pytest.LogCaptureFixture, text: str) -> None:
    """The toast and the status line both say ``text``, and the server logged no error meanwhile."""
    assert server_errors(caplog) == []
    assert any(text in message for message in user.notify.messages), user.notify.messages
    status = only(user, 'saved-status')
    assert (status.text, status.props.get('role')) == (text, 'status')


async def test_saving_a_customer_confirms_it_and_shows_the_saved_values(
        user: User, portal: Portal, world: World, caplog: pytest.LogCaptureFixture) -> None:
    await sign_in_staff(user, portal, world.caseworker_a)
    await user.open(f'/admin/customers/{world.citizen_a.id}')
    page_toasts(user)
    user.find(marker='phone').clear().type('030 1234567')
    user.find(marker='save').click()
    await user.should_see('Die Daten von Anna Alpha sind gespeichert.')
    confirmed(user, caplog, 'Die Daten von Anna Alpha sind gespeichert.')
    assert only(user, 'phone').value == '030 1234567'


async def test_saving_an_office_confirms_it_and_shows_the_saved_values(
        user: User, portal: Portal, world: World, caplog: pytest.LogCaptureFixture) -> None:
    place = next(location for location in portal.organisation.locations() if location.name == 'Jobcenter Testhausen')
    await sign_in_staff(user, portal, world.admin)
    await user.open('/admin/teams')
    page_toasts(user)
    with user.scope(marker=f'location-{place.id}'):
        user.find(marker='edit-location').click()
    with user.scope(marker=f'edit-location-{place.id}'):
        UserInteraction(user, {only(user, 'location-street')}, None).clear().type('Neue Straße 5')
        user.find(marker='save-location').click()
    await user.should_see('Die Daten von Jobcenter Testhausen sind gespeichert.')
    confirmed(user, caplog, 'Die Daten von Jobcenter Testhausen sind gespeichert.')
    with user.scope(marker=f'location-{place.id}'):
        await user.should_see('Neue Straße 5')


async def test_saving_a_team_confirms_it_and_shows_the_saved_values(
        user: User, portal: Portal, world: World, caplog: pytest.LogCaptureFixture) -> None:
    await sign_in_staff(user, portal, world.admin)
    await user.open('/admin/teams')
    page_toasts(user)
    with user.scope(marker=f'team-{world.citizen_a.team_id}'):
        user.find(marker='edit-team').click()
    with user.scope(marker=f'edit-team-{world.citizen_a.team_id}'):
        UserInteraction(user, {only(user, 'team-name')}, None).clear().type('Team Nord')
        user.find(marker='save-team').click()
    await user.should_see('Die Daten von Team Nord sind gespeichert.')
    confirmed(user, caplog, 'Die Daten von Team Nord sind gespeichert.')
    with user.scope(marker=f'team-{world.citizen_a.team_id}'):
        await user.should_see('Team Nord')


async def test_saving_a_member_of_staff_confirms_it_and_shows_the_saved_values(
        user: User, portal: Portal, world: World, caplog: pytest.LogCaptureFixture) -> None:
    await sign_in_staff(user, portal, world.admin)
    await user.open('/admin/staff')
    page_toasts(user)
    with user.scope(marker=f'staff-{world.other_caseworker.id}'):
        user.find(marker='edit-staff').click()
    UserInteraction(user, {newest(user, 'staff-last-name')}, None).clear().type('Ostmann')
    UserInteraction(user, {newest(user, 'save-staff')}, None).click()
    await user.should_see('Die Daten von Otto Ostmann sind gespeichert.')
    confirmed(user, caplog, 'Die Daten von Otto Ostmann sind gespeichert.')
    with user.scope(marker=f'staff-{world.other_caseworker.id}'):
        await user.should_see('Otto Ostmann')
