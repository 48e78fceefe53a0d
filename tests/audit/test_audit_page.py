"""The audit log page names every action in the reader's language, the document inbox's included."""
import pytest
from nicegui.testing import User

from portal.services import Portal
from tests.support.fakes import FakeClock
from tests.support.personas import World, actor_of, make_world
from tests.support.rows import add_submissions
from tests.support.ui import sign_in_staff

pytestmark = pytest.mark.usefixtures('app_env')


@pytest.fixture
def world(portal: Portal) -> World:
    return make_world(portal)


async def test_document_actions_are_named_not_shown_as_codes(user: User, portal: Portal, world: World,
                                                             clock: FakeClock) -> None:
    carla = actor_of(portal, world.caseworker_a)
    first, second = add_submissions(portal, world.citizen_a.id, 2, clock.now)
    portal.inbox.submissions(carla)
    portal.inbox.open(carla, first)
    portal.inbox.accept(carla, first, version=1)
    portal.inbox.ask_again(carla, second, version=1, code='unreadable')
    await sign_in_staff(user, portal, world.admin)
    await user.open('/admin/audit')
    with user.scope(marker='audit-entries'):
        for name in ('Posteingang angesehen', 'Dokument angesehen', 'Dokument angenommen', 'Dokument neu angefordert'):
            await user.should_see(name)
        await user.should_not_see('document.')
