"""The home page shows each role what matters now."""
import pytest
from nicegui.testing import User

from portal.services import Portal
from tests.support.capture import sent
from tests.support.personas import PASSWORD, actor_of, enrol_totp, make_world
from tests.support.photos import page_photo
from tests.support.ui import sign_in

PHOTO, _ = page_photo()

pytestmark = pytest.mark.usefixtures('app_env')


async def test_a_citizen_sees_the_number_the_team_and_the_office_hours_by_day(user: User, portal: Portal) -> None:
    world = make_world(portal)
    await sign_in(user, world.citizen_a.customer_number, PASSWORD)
    await user.should_see(world.citizen_a.customer_number)
    await user.should_see('Zuständig: Team A')
    await user.should_see('Jobcenter Testhausen')
    await user.should_see('\u206608:00 – 12:00, 14:00 – 18:00\u2069')  # Thursday's morning and afternoon on one line


async def test_a_case_worker_sees_the_teams_with_their_number_of_customers(user: User, portal: Portal) -> None:
    world = make_world(portal)
    await sign_in(user, world.caseworker_a.email, PASSWORD, totp_secret=enrol_totp(portal, world.caseworker_a.email))
    await user.should_see('Team A: 2 Kundinnen und Kunden')
    await user.should_see('Neue Dokumente im Posteingang: 0')
    await user.should_not_see(marker='admin-figures')


async def test_an_admin_sees_the_overall_figures(user: User, portal: Portal) -> None:
    world = make_world(portal)
    await sign_in(user, world.admin.email, PASSWORD, totp_secret=enrol_totp(portal, world.admin.email))
    await user.should_see('Kundinnen und Kunden: 3')
    await user.should_see('Mitarbeitende: 4')


async def test_a_case_worker_sees_how_many_new_documents_wait_in_the_inbox(user: User, portal: Portal) -> None:
    world = make_world(portal)
    anna = actor_of(portal, world.citizen_a)
    await sent(portal, anna)
    await sign_in(user, world.caseworker_a.email, PASSWORD, totp_secret=enrol_totp(portal, world.caseworker_a.email))
    await user.should_see('Neue Dokumente im Posteingang: 1')
