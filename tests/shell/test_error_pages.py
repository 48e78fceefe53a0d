"""Error pages: an unknown address and a broken page answer in the person's language, in the portal's frame,
with a link home and their status code; API routes keep answering in JSON."""
import json
from collections.abc import AsyncIterator

import httpx
import pytest
from nicegui import app, core, ui
from nicegui.testing import User

from portal.services import Portal
from tests.support.personas import PASSWORD, make_world
from tests.support.ui import sign_in

pytestmark = pytest.mark.usefixtures('app_env')


def shows(response: httpx.Response, text: str) -> bool:
    """Whether the page's elements (JSON in the HTML) contain the text."""
    return json.dumps(text, ensure_ascii=False)[1:-1] in response.text


@pytest.fixture
async def broken(user: User) -> AsyncIterator[httpx.AsyncClient]:
    """A page and an API route that fail, and a client that takes a 500 as an answer."""
    @ui.page('/test/broken')
    def broken_page() -> None:
        raise RuntimeError('a bug in a page')

    @app.get('/api/test/broken')
    def broken_route() -> None:
        raise RuntimeError('a bug in a route')

    transport = httpx.ASGITransport(core.app, raise_app_exceptions=False)
    async with httpx.AsyncClient(transport=transport, base_url='http://test') as client:
        yield client


async def test_an_unknown_address_says_so_in_german_with_a_link_home(user: User) -> None:
    response = await user.http_client.get('/no/such/page')
    assert response.status_code == 404
    assert shows(response, 'Seite nicht gefunden') and shows(response, 'Zur Startseite')
    assert '"href":"/"' in response.text.replace(' ', '')
    assert not shows(response, "This page doesn't exist.")


async def test_an_unknown_address_answers_in_the_language_chosen_in_this_browser(user: User) -> None:
    await user.http_client.get('/login?lang=ar')
    response = await user.http_client.get('/no/such/page')
    assert response.status_code == 404
    assert shows(response, 'الصفحة غير موجودة') and shows(response, 'إلى الصفحة الرئيسية')
    assert 'document.documentElement.dir="rtl"' in response.text


async def test_a_signed_in_person_gets_it_in_the_language_of_their_account_and_with_their_navigation(
        user: User, portal: Portal) -> None:
    world = make_world(portal)
    await sign_in(user, world.youth.customer_number, PASSWORD)
    response = await user.http_client.get('/documents/no/such/page')
    assert response.status_code == 404
    assert shows(response, 'الصفحة غير موجودة') and shows(response, 'Yusuf Young')
    assert '"href":"/card"' in response.text.replace(' ', '')  # the bottom navigation of customers


async def test_an_unknown_api_route_answers_json_like_the_api_itself(user: User) -> None:
    response = await user.http_client.get('/api/documents/no/such/route')
    assert (response.status_code, response.json()) == (404, {'message': 'Nicht gefunden.'})


async def test_a_broken_page_shows_a_translated_error_page_with_status_500(
        broken: httpx.AsyncClient, caplog: pytest.LogCaptureFixture) -> None:
    response = await broken.get('/test/broken', headers={'Accept-Language': 'en'})
    assert 'a bug in a page' in caplog.text  # logged for the operators, never shown
    caplog.clear()
    assert response.status_code == 500
    assert shows(response, 'Something went wrong') and shows(response, 'Go to the start page')
    assert not shows(response, 'a bug in a page') and not shows(response, 'Server error')


async def test_a_broken_api_route_answers_translated_json_with_status_500(
        broken: httpx.AsyncClient, caplog: pytest.LogCaptureFixture) -> None:
    response = await broken.get('/api/test/broken', headers={'Accept-Language': 'fa'})
    caplog.clear()
    assert (response.status_code, response.json()) == (500, {'message': 'انجام نشد. لطفاً دوباره امتحان کنید.'})
