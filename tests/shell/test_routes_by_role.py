"""Walk every page with every role (and anonymously) and check who gets in."""
import pytest
from nicegui.testing import User

from pages.core.guard import PAGES, PUBLIC
from portal.identity.roles import Role
from portal.people.models import Customer, Staff
from portal.services import Portal
from tests.support.capture import blocking, send, upload
from tests.support.personas import PASSWORD, World, actor_of, enrol_totp, make_world
from tests.support.photos import sheet_photo
from tests.support.ui import sign_in

pytestmark = pytest.mark.usefixtures('app_env')

PHOTO, _ = sheet_photo()
PERSONAS = {
    Role.CITIZEN: 'citizen_a', Role.YOUTH: 'youth', Role.CASEWORKER: 'caseworker_a',
    Role.RECEPTION: 'reception', Role.ADMIN: 'admin',
}


def _objects(portal: Portal, world: World, person: Customer | Staff | None) -> dict[str, int]:
    """Objects for the path parameters that the person's own rules allow: a customer opens their own draft and
    conversation, staff the document and conversation of a customer of team A."""
    anna = actor_of(portal, world.citizen_a)
    draft = portal.documents.start(anna, 'pay_slip')
    blocking(upload(portal, anna, PHOTO, draft_id=draft.id))
    submission = blocking(send(portal, anna, draft.id))
    customer = isinstance(person, Customer)
    own = portal.documents.start(actor_of(portal, person), 'other') if customer else draft
    talk = portal.chat.start(actor_of(portal, person) if customer else anna, 'other', 'Hallo', 'walk-conversation-1')
    return {'customer_id': world.citizen_a.id, 'staff_id': world.admin.id, 'draft_id': own.id,
            'submission_id': submission.id, 'conversation_id': talk.id}


async def _walk(user: User, objects: dict[str, int]) -> dict[str, int]:
    statuses = {}
    for route in sorted(PAGES, key=lambda route: route == '/logout'):  # signing out last
        response = await user.http_client.get(route.format(**objects), follow_redirects=False)
        statuses[route] = response.status_code
    return statuses


def _expected(roles: frozenset[Role], role: Role | None) -> set[int]:
    if roles == PUBLIC:
        return {200, 303}  # public pages may send a signed-in person onwards
    if role is None:
        return {303}
    return {200} if role in roles else {403}


async def test_anonymous_visitors_reach_only_public_pages(user: User, portal: Portal) -> None:
    world = make_world(portal)
    statuses = await _walk(user, _objects(portal, world, None))
    wrong = {route: code for route, code in statuses.items() if code not in _expected(PAGES[route], None)}
    assert wrong == {}
    assert statuses['/'] == 303


@pytest.mark.parametrize('role', list(PERSONAS))
async def test_each_role_gets_into_its_pages_and_no_others(user: User, portal: Portal, role: Role) -> None:
    world = make_world(portal)
    person = getattr(world, PERSONAS[role])
    if role in (Role.CITIZEN, Role.YOUTH):
        await sign_in(user, person.customer_number, PASSWORD)
    else:
        await sign_in(user, person.email, PASSWORD, totp_secret=enrol_totp(portal, person.email))
    statuses = await _walk(user, _objects(portal, world, person))
    wrong = {route: code for route, code in statuses.items() if code not in _expected(PAGES[route], role)}
    assert wrong == {}
    assert len(PAGES) >= 10
