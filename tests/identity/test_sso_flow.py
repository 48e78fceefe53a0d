"""Single sign-on end to end: the portal runs as a real server (main.py in a subprocess), two real OpenID
providers run on 127.0.0.1, and httpx (or Chromium, where the activation form needs JavaScript) follows
every redirect with cookies, as a browser would. Nothing in the HTTP exchange is mocked."""
import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest
from authlib.oauth2.rfc7636 import create_s256_code_challenge
from sqlmodel import select

from portal.core.settings import Settings
from portal.identity.models import Account
from portal.identity.sso import PENDING_LIFETIME, Kind, SingleSignOn
from portal.people.models import Customer
from portal.services import Portal, build_portal
from tests.support.fakes import TEST_SECRET
from tests.support.oidc_provider import OpenIDProvider, TestUser
from tests.support.personas import PASSWORD, World, actor_of, enrol_totp, make_world
from tests.support.server import free_port, running_portal

CHROMIUM = '/usr/bin/chromium'


@dataclass
class Running:
    """The portal server under test with its database, personas and the two providers."""

    url: str
    portal: Portal
    world: World
    citizens: OpenIDProvider
    staff: OpenIDProvider

    def link(self, customer: Customer, subject: str) -> None:
        """Link a BundID identity as a previous activation would have."""
        token = self.portal.auth.login(customer.customer_number, PASSWORD, '127.0.0.1').token
        service = SingleSignOn(self.portal.database, self.portal.auth, self.portal.clock,
                               {Kind.CITIZEN: self.citizens.issuer})
        service.link(token, self.citizens.issuer, subject, until=self.portal.clock() + PENDING_LIFETIME)

    def linked_subject(self, customer: Customer) -> str | None:
        with self.portal.database.session() as session:
            return session.exec(select(Account.oidc_subject).where(Account.customer_id == customer.id)).one()


@pytest.fixture(scope='module')
def running(tmp_path_factory: pytest.TempPathFactory, sqlite_template: Path) -> Iterator[Running]:
    folder = tmp_path_factory.mktemp('sso-flow')
    shutil.copy(sqlite_template, folder / 'portal.db')
    settings = Settings(_env_file=None, database_url=f'sqlite:///{folder / "portal.db"}', data_dir=folder / 'data',
                        secret_key=TEST_SECRET)
    portal = build_portal(settings)
    world = make_world(portal)
    port = free_port()
    url = f'http://127.0.0.1:{port}'
    citizens = OpenIDProvider(client_id='portal-citizens', client_secret='citizen-secret-0123456789',
                              redirect_uris=(f'{url}/auth/oidc/citizen/callback',)).start()
    staff = OpenIDProvider(client_id='portal-staff', client_secret='staff-secret-0123456789',
                           redirect_uris=(f'{url}/auth/oidc/staff/callback',)).start()
    try:
        with running_portal(folder, port=port, **provider_environment(citizens, staff)):
            yield Running(url, portal, world, citizens, staff)
    finally:
        citizens.stop()
        staff.stop()
        portal.database.engine.dispose()


def provider_environment(citizens: OpenIDProvider, staff: OpenIDProvider) -> dict[str, str]:
    env = {}
    for kind, provider in (('CITIZEN', citizens), ('STAFF', staff)):
        env.update({f'PORTAL_{kind}_OIDC_ISSUER': provider.issuer,
                    f'PORTAL_{kind}_OIDC_CLIENT_ID': provider.client.client_id,
                    f'PORTAL_{kind}_OIDC_CLIENT_SECRET': provider.client.client_secret})
    return env


@pytest.fixture
def browser_client(running: Running) -> Iterator[httpx.Client]:
    """A fresh "browser": follows redirects and keeps cookies."""
    with httpx.Client(follow_redirects=True, timeout=10) as client:
        yield client


def sign_on(client: httpx.Client, running: Running, kind: str) -> httpx.Response:
    return client.get(f'{running.url}/auth/oidc/{kind}/start')


def test_a_linked_citizen_signs_on_through_the_provider_and_sees_the_home_page(running: Running,
                                                                               browser_client: httpx.Client) -> None:
    running.link(running.world.citizen_a, 'bund-anna')
    running.citizens.user = TestUser('bund-anna', email='anna@bund.example', name='Anna Alpha')
    landed = sign_on(browser_client, running, 'citizen')
    authorize = next(step.url for step in landed.history if step.url.path == '/authorize')
    assert authorize.host == '127.0.0.1' and authorize.port == httpx.URL(running.citizens.issuer).port
    assert authorize.params['code_challenge_method'] == 'S256' and authorize.params['scope'] == 'openid email profile'
    assert (landed.status_code, landed.url.path) == (200, '/')
    assert 'Hallo, Anna' in landed.text
    again = browser_client.get(f'{running.url}/')
    assert (again.status_code, again.history) == (200, [])
    assert running.world.citizen_a.customer_number in again.text


def test_a_cookie_taken_before_signing_on_gives_no_access_afterwards(running: Running,
                                                                      browser_client: httpx.Client) -> None:
    running.link(running.world.citizen_b, 'bund-bernd')
    running.citizens.user = TestUser('bund-bernd', email='bernd@bund.example', name='Bernd Beta')
    browser_client.get(f'{running.url}/login')
    planted = browser_client.cookies['session']  # e.g. noted on a shared PC before the customer came
    landed = sign_on(browser_client, running, 'citizen')
    assert (landed.status_code, landed.url.path) == (200, '/')
    assert browser_client.get(f'{running.url}/more', follow_redirects=False).status_code == 200
    with httpx.Client(cookies={'session': planted}, timeout=10) as other:
        assert other.get(f'{running.url}/more').status_code == 303


def test_staff_signing_on_through_the_directory_must_still_pass_the_second_factor(
        running: Running, browser_client: httpx.Client) -> None:
    running.staff.user = TestUser('dir-carla', email=running.world.caseworker_a.email, name='Carla Case')
    landed = sign_on(browser_client, running, 'staff')
    assert (landed.status_code, landed.url.path) == (200, '/login/enrol')
    assert browser_client.get(f'{running.url}/').url.path == '/login'


def test_enrolled_staff_signing_on_land_on_the_code_page(running: Running, browser_client: httpx.Client) -> None:
    enrol_totp(running.portal, running.world.admin.email)
    running.staff.user = TestUser('dir-adam', email=running.world.admin.email, name='Adam Admin')
    landed = sign_on(browser_client, running, 'staff')
    assert (landed.status_code, landed.url.path) == (200, '/login/second-factor')
    assert browser_client.get(f'{running.url}/').url.path == '/login'


def test_staff_are_found_by_the_e_mail_from_userinfo_when_the_id_token_lacks_it(running: Running,
                                                                               browser_client: httpx.Client) -> None:
    running.staff.user = TestUser('dir-rita', email=running.world.reception.email, name='Rita Reception')
    running.staff.email_in_id_token = False
    try:
        landed = sign_on(browser_client, running, 'staff')
    finally:
        running.staff.email_in_id_token = True
    assert (landed.status_code, landed.url.path) == (200, '/login/enrol')


def test_an_unlinked_citizen_is_sent_to_the_activation_with_an_explanation(running: Running,
                                                                           browser_client: httpx.Client) -> None:
    running.citizens.user = TestUser('bund-stranger', email='stranger@bund.example', name='Stefan Fremd')
    landed = sign_on(browser_client, running, 'citizen')
    assert (landed.url.path, landed.url.params.get('sso')) == ('/activate', '1')
    assert 'noch nicht mit BundID verbunden' in landed.text
    assert browser_client.get(f'{running.url}/').url.path == '/login'


def test_a_tampered_state_is_refused_and_the_login_page_says_so(running: Running) -> None:
    running.citizens.user = TestUser('bund-anna')
    with httpx.Client(timeout=10) as client:
        to_provider = client.get(f'{running.url}/auth/oidc/citizen/start')
        back = client.get(to_provider.headers['location'])
        callback = httpx.URL(back.headers['location'])
        assert callback.params['state'] and callback.params['code']
        tampered = callback.copy_merge_params({'state': callback.params['state'] + 'x'})
        refused = client.get(tampered, follow_redirects=True)
        assert (refused.url.path, refused.url.params.get('error')) == ('/login', 'sso')
        assert 'Die Anmeldung über BundID hat nicht geklappt' in refused.text
        assert client.get(f'{running.url}/', follow_redirects=True).url.path == '/login'


def test_a_denial_by_the_provider_ends_on_the_login_page_with_a_message(running: Running,
                                                                        browser_client: httpx.Client) -> None:
    running.staff.user = None
    landed = sign_on(browser_client, running, 'staff')
    assert (landed.url.path, landed.url.params.get('kind')) == ('/login', 'staff')
    assert 'Die Anmeldung über Verzeichnisdienst hat nicht geklappt' in landed.text


def test_an_id_token_with_a_bad_signature_is_refused(running: Running, browser_client: httpx.Client) -> None:
    running.link(running.world.citizen_b, 'bund-bernd')
    running.citizens.user = TestUser('bund-bernd')
    running.citizens.sign_with_unpublished_key = True
    try:
        landed = sign_on(browser_client, running, 'citizen')
    finally:
        running.citizens.sign_with_unpublished_key = False
    assert (landed.url.path, landed.url.params.get('error')) == ('/login', 'sso')
    assert browser_client.get(f'{running.url}/').url.path == '/login'


def test_a_kind_of_provider_that_does_not_exist_is_not_found(running: Running, browser_client: httpx.Client) -> None:
    assert browser_client.get(f'{running.url}/auth/oidc/other/start').status_code == 404
    assert browser_client.get(f'{running.url}/auth/oidc/other/callback').status_code == 404


def authorization_code(provider: OpenIDProvider, verifier: str) -> str:
    redirect_uri = provider.client.redirect_uris[0]
    answer = httpx.get(f'{provider.issuer}/authorize', params={
        'response_type': 'code', 'client_id': provider.client.client_id, 'redirect_uri': redirect_uri,
        'scope': 'openid', 'state': 'state-1', 'nonce': f'nonce-{verifier[:8]}',
        'code_challenge': create_s256_code_challenge(verifier), 'code_challenge_method': 'S256'})
    return httpx.URL(answer.headers['location']).params['code']


def redeem(provider: OpenIDProvider, code: str, **extra: str) -> httpx.Response:
    return httpx.post(f'{provider.issuer}/token', auth=(provider.client.client_id, provider.client.client_secret),
                      data={'grant_type': 'authorization_code', 'code': code,
                            'redirect_uri': provider.client.redirect_uris[0], **extra})


def test_the_provider_refuses_a_wrong_or_missing_pkce_verifier(running: Running) -> None:
    provider = running.citizens
    provider.user = TestUser('bund-pkce')
    verifier = 'v' * 20 + 'correct-verifier-' + 'v' * 20
    code = authorization_code(provider, verifier)
    wrong = redeem(provider, code, code_verifier='w' * 20 + 'wrong-verifier-' + 'w' * 20)
    missing = redeem(provider, code)
    assert (wrong.status_code, wrong.json()['error']) == (400, 'invalid_grant')
    assert (missing.status_code, missing.json()['error']) == (400, 'invalid_request')
    right = redeem(provider, code, code_verifier=verifier)
    assert right.status_code == 200 and right.json()['id_token']
    assert redeem(provider, code, code_verifier=verifier).json()['error'] == 'invalid_grant'  # single use


def test_the_provider_refuses_an_authorization_request_without_pkce(running: Running) -> None:
    provider = running.staff
    provider.user = TestUser('dir-nopkce')
    answer = httpx.get(f'{provider.issuer}/authorize', params={
        'response_type': 'code', 'client_id': provider.client.client_id, 'scope': 'openid', 'state': 's',
        'redirect_uri': provider.client.redirect_uris[0], 'nonce': 'n-nopkce'})
    refused = httpx.URL(answer.headers['location'])
    assert refused.params['error'] == 'invalid_request' and 'code' not in refused.params


@pytest.mark.browser
async def test_an_unlinked_citizen_activates_once_and_then_signs_on_directly(running: Running) -> None:
    from playwright.async_api import async_playwright

    world = running.world
    issued = running.portal.activation.issue_for_customer(actor_of(running.portal, world.caseworker_a),
                                                          world.youth.id)
    running.citizens.user = TestUser('bund-yusuf', email='yusuf@bund.example', name='Yusuf Young')
    async with async_playwright() as playwright:
        browser = await playwright.chromium.launch(executable_path=CHROMIUM)
        page = await browser.new_page(locale='de-DE', viewport={'width': 412, 'height': 915})
        await page.goto(f'{running.url}/auth/oidc/citizen/start')
        await page.wait_for_url('**/activate?sso=1')
        await page.get_by_label('Kundennummer').fill(world.youth.customer_number)
        await page.get_by_label('Aktivierungscode').fill(issued.code)
        await page.get_by_label('Neues Passwort', exact=True).fill('a long new pass phrase')
        await page.get_by_label('Neues Passwort wiederholen').fill('a long new pass phrase')
        await page.get_by_role('button', name='Aktivieren und anmelden').click()
        await page.get_by_text('Ihr Konto ist jetzt mit BundID verbunden.').wait_for()
        assert not await page.get_by_text('noch nicht mit BundID verbunden').is_visible()
        await page.get_by_role('button', name='Weiter').click()
        await page.wait_for_url(f'{running.url}/')
        await page.goto(f'{running.url}/logout')  # a page that asks: a GET signs nobody out
        await page.locator('form[action="/logout"] button').click()  # in Yusuf's Arabic
        await page.wait_for_url('**/login')
        await page.goto(f'{running.url}/auth/oidc/citizen/start')
        await page.wait_for_url(f'{running.url}/')
        await page.get_by_text(world.youth.customer_number).wait_for()
        await browser.close()
    assert running.linked_subject(world.youth) == 'bund-yusuf'
