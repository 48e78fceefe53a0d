"""Contact data on the admin pages: a team's and an office's phone and e-mail, a case worker's direct line (what
customers see on their start page and letters)."""
import pytest
from nicegui import ui
from nicegui.testing import User
from nicegui.testing.user_interaction import UserInteraction

from portal.core.i18n import Translator
from portal.people.models import Location, Staff, Team
from portal.services import Portal
from tests.support.personas import PASSWORD, enrol_totp, make_world
from tests.support.ui import sign_in

pytestmark = pytest.mark.usefixtures('app_env')


async def sign_in_staff(user: User, portal: Portal, staff: Staff) -> None:
    await sign_in(user, staff.email, PASSWORD, totp_secret=enrol_totp(portal, staff.email))


def newest(user: User, marker: str) -> ui.element:
    """The most recently made of several elements with this marker (the form just opened)."""
    return max(user.find(marker=marker).elements, key=lambda element: element.id)


async def test_an_admin_gives_a_team_and_an_office_a_phone_and_an_e_mail_address(user: User, portal: Portal) -> None:
    world = make_world(portal)
    await sign_in_staff(user, portal, world.admin)
    await user.open('/admin/teams')
    with user.scope(marker=f'team-{world.citizen_a.team_id}'):
        user.find(marker='edit-team').click()
    with user.scope(marker=f'edit-team-{world.citizen_a.team_id}'):
        user.find(marker='team-phone').type('05121 309-4000')
        user.find(marker='team-email').type('Team-A@jobcenter.example')
        user.find(marker='save-team').click()
    await user.should_see('team-a@jobcenter.example')
    with user.scope(marker=f'location-{world.citizen_a.location_id}'):
        user.find(marker='edit-location').click()
    with user.scope(marker=f'edit-location-{world.citizen_a.location_id}'):
        user.find(marker='location-phone').type('05121 309-0')
        user.find(marker='save-location').click()
    await user.should_not_see(marker=f'edit-location-{world.citizen_a.location_id}')
    with user.scope(marker=f'location-{world.citizen_a.location_id}'):
        await user.should_see('05121 309-0')
    with portal.database.session() as session:
        team = session.get(Team, world.citizen_a.team_id)
        office = session.get(Location, world.citizen_a.location_id)
    assert (team.phone, team.email, office.phone) == ('05121 309-4000', 'team-a@jobcenter.example', '05121 309-0')


async def test_an_admin_gives_a_case_worker_a_direct_line_and_a_wrong_number_is_refused(user: User,
                                                                                        portal: Portal) -> None:
    world = make_world(portal)
    await sign_in_staff(user, portal, world.admin)
    await user.open('/admin/staff')
    with user.scope(marker=f'staff-{world.caseworker_a.id}'):
        user.find(marker='edit-staff').click()
    phone = newest(user, 'staff-phone')  # the form just opened, not the one for new members
    UserInteraction(user, {phone}, None).type('call me maybe')
    UserInteraction(user, {newest(user, 'save-staff')}, None).click()
    await user.should_see(Translator('de')('form.phone_invalid', field='Telefon'))
    UserInteraction(user, {phone}, None).clear().type('05121 309-4711')
    UserInteraction(user, {newest(user, 'save-staff')}, None).click()
    carla = world.caseworker_a
    await user.should_see(f'Die Daten von {carla.first_name} {carla.last_name} sind gespeichert.')
    with user.scope(marker=f'staff-{world.caseworker_a.id}'):
        await user.should_see('05121 309-4711')
    with portal.database.session() as session:
        assert session.get(Staff, world.caseworker_a.id).phone == '05121 309-4711'
