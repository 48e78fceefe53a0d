"""The browser's session cookie is renewed at every sign-in, after the second factor and at sign-out: a cookie
planted before (on a shared kiosk PC, say) is worth nothing afterwards. Signing out takes a POST from the
portal's own pages; a GET or a form on another site signs nobody out."""
import base64
import json
from collections.abc import AsyncIterator

import httpx
import pytest
from nicegui import core
from nicegui.testing import User

from portal.services import Portal, build_portal
from tests.support.personas import PASSWORD, actor_of, enrol_totp, make_world
from tests.support.ui import ORIGIN, sign_in, sign_out

pytestmark = pytest.mark.usefixtures('app_env')


async def opens(cookie: str, path: str = '/more') -> int:
    """The status another browser holding ``cookie`` gets for ``path`` (for a protected page, 200: signed in)."""
    transport = httpx.ASGITransport(core.app)
    async with httpx.AsyncClient(transport=transport, base_url='http://test', cookies={'session': cookie}) as other:
        return (await other.get(path)).status_code


def session_id(user: User) -> str:
    """The id inside the signed session cookie (base64 JSON before the signature)."""
    payload = user.http_client.cookies['session'].split('.')[0]
    return json.loads(base64.b64decode(payload + '=' * (-len(payload) % 4)))['id']


@pytest.fixture
async def planted(user: User) -> AsyncIterator[str]:
    """The cookie of this browser before anyone signs in on it."""
    await user.open('/login')
    yield user.http_client.cookies['session']


async def test_a_cookie_taken_before_a_password_sign_in_gives_no_access_afterwards(
        planted: str, user: User, portal: Portal) -> None:
    world = make_world(portal)
    await sign_in(user, world.citizen_a.customer_number, PASSWORD)
    assert await opens(user.http_client.cookies['session']) == 200
    assert await opens(planted) == 303
    handover = next(path for path in user.back_history if path.startswith('/login/done?ticket='))
    assert await opens(planted, handover) == 303  # the address in the browser's history works only once
    assert await opens(planted) == 303


async def test_staff_get_new_cookies_after_the_password_and_after_the_second_factor(
        planted: str, user: User, portal: Portal) -> None:
    world = make_world(portal)
    secret = enrol_totp(portal, world.caseworker_a.email)
    user.find(marker='identifier').type(world.caseworker_a.email)
    user.find(marker='password').type(PASSWORD)
    user.find(marker='login').click()
    await user.should_see(marker='code', retries=50)
    between = user.http_client.cookies['session']
    await sign_in(user, world.caseworker_a.email, PASSWORD, totp_secret=secret)
    assert await opens(user.http_client.cookies['session']) == 200
    assert await opens(planted) == 303
    assert await opens(between) == 303


async def test_a_cookie_taken_before_activation_gives_no_access_afterwards(planted: str, user: User,
                                                                             portal: Portal) -> None:
    world = make_world(portal)
    now = build_portal(portal.settings)  # the app under test runs on the real clock
    issued = now.activation.issue_for_customer(actor_of(now, world.admin), world.citizen_b.id)
    now.database.engine.dispose()
    await user.open('/activate')
    user.find(marker='identifier').type(world.citizen_b.customer_number)
    user.find(marker='code').type(issued.code)
    user.find(marker='password').type('a long new password')
    user.find(marker='repeat').type('a long new password')
    user.find(marker='activate').click()
    await user.should_see('Hallo, Bernd', retries=50)
    assert await opens(user.http_client.cookies['session']) == 200
    assert await opens(planted) == 303


async def test_signing_out_gives_a_new_cookie_and_keeps_the_language(user: User, portal: Portal) -> None:
    world = make_world(portal)
    await user.open('/login?lang=en')
    await sign_in(user, world.citizen_a.customer_number, PASSWORD)
    signed_in = user.http_client.cookies['session'], session_id(user)
    await sign_out(user)
    assert session_id(user) != signed_in[1]
    assert await opens(signed_in[0]) == 303
    await user.open('/login')
    await user.should_see('Sign in')


async def test_a_get_or_a_foreign_form_does_not_sign_out(user: User, portal: Portal) -> None:
    world = make_world(portal)
    await sign_in(user, world.citizen_a.customer_number, PASSWORD)
    client = user.http_client
    await client.get('/logout')  # an <img src=".../logout"> on another site
    await client.post('/logout', headers={'Origin': 'https://evil.example'})
    await client.post('/logout', headers={'Referer': 'https://evil.example/page'})
    await client.post('/logout')  # neither header
    assert (await client.get('/more')).status_code == 200
    await user.open('/logout')  # the page asks, with the button
    await user.should_see(marker='sign-out')
    await client.post('/logout', headers={'Referer': f'{ORIGIN}/more'})
    assert (await client.get('/more')).status_code == 303
