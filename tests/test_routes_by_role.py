"""Walk every page with every role (and anonymously) and check who gets in."""
import pytest
from nicegui.testing import User

from pages.guard import PAGES, PUBLIC
from portal.roles import Role
from portal.services import Portal
from tests.personas import PASSWORD, World, enrol_totp, make_world
from tests.ui import sign_in

pytestmark = pytest.mark.usefixtures('app_env')

PERSONAS = {
    Role.CITIZEN: 'citizen_a', Role.YOUTH: 'youth', Role.CASEWORKER: 'caseworker_a',
    Role.RECEPTION: 'reception', Role.ADMIN: 'admin',
}


def _concrete(route: str, world: World) -> str:
    """Fill path parameters with objects that the role's own rules would allow."""
    return route.replace('{customer_id}', str(world.citizen_a.id)).replace('{staff_id}', str(world.admin.id))


async def _walk(user: User, world: World, role: Role | None) -> dict[str, int]:
    statuses = {}
    for route in sorted(PAGES, key=lambda route: route == '/logout'):  # signing out last
        response = await user.http_client.get(_concrete(route, world), follow_redirects=False)
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
    statuses = await _walk(user, world, None)
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
    statuses = await _walk(user, world, role)
    wrong = {route: code for route, code in statuses.items() if code not in _expected(PAGES[route], role)}
    assert wrong == {}
    assert len(PAGES) >= 10
