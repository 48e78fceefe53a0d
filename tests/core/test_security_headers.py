"""HTTP hardening: security headers, cookie flags, no API docs, and socket.io refuses foreign origins."""
from collections.abc import AsyncIterator

import httpx
import pytest
from nicegui import app, core, ui
from nicegui.testing import User
from nicegui.version import __version__

pytestmark = pytest.mark.usefixtures('app_env')


async def test_pages_carry_the_security_headers(user: User) -> None:
    response = await user.http_client.get('/login')
    headers = response.headers
    assert "frame-ancestors 'none'" in headers['content-security-policy']
    assert "object-src 'none'" in headers['content-security-policy']
    assert headers['x-content-type-options'] == 'nosniff'
    assert headers['referrer-policy'] == 'same-origin'
    assert 'camera=(self)' in headers['permissions-policy']
    assert headers['x-frame-options'] == 'DENY'


async def test_the_session_cookie_is_http_only_and_same_site(user: User) -> None:
    response = await user.http_client.get('/login')
    cookie = response.headers['set-cookie'].lower()
    assert 'httponly' in cookie
    assert 'samesite=lax' in cookie


@pytest.mark.parametrize('path', ['/docs', '/redoc', '/openapi.json'])
async def test_the_api_documentation_is_not_exposed(user: User, path: str) -> None:
    response = await user.http_client.get(path)
    assert response.status_code == 404


async def test_socket_io_refuses_a_foreign_origin_and_accepts_its_own(user: User,
                                                                   caplog: pytest.LogCaptureFixture) -> None:
    query = '/_nicegui_ws/socket.io/?EIO=4&transport=polling'
    foreign = await user.http_client.get(query, headers={'Origin': 'https://evil.example'})
    assert 'not an accepted origin' in caplog.text
    caplog.clear()  # engine.io logs the refusal as an error, which is what we want here
    own = await user.http_client.get(query, headers={'Origin': 'http://127.0.0.1:8080'})
    assert foreign.status_code == 400
    assert own.status_code == 200


@pytest.fixture
async def broken(user: User) -> AsyncIterator[httpx.AsyncClient]:
    """The app with a route and a page that fail, and a client that takes a 500 as an answer (the User
    fixture's own client raises the server's exception instead)."""
    @app.get('/api/test/broken')
    def broken_route() -> None:
        raise RuntimeError('a bug in a route')

    @ui.page('/test/broken')
    def broken_page() -> None:
        raise RuntimeError('a bug in a page')

    transport = httpx.ASGITransport(core.app, raise_app_exceptions=False)
    async with httpx.AsyncClient(transport=transport, base_url='http://test') as client:
        yield client


@pytest.mark.parametrize(('method', 'path', 'status'), [
    ('GET', '/login', 200),
    ('GET', '/no/such/page', 404),
    ('GET', '/api/no/such/route', 404),
    ('POST', '/login', 405),
    ('HEAD', '/login', 405),
    ('GET', '/card', 303),
    ('GET', '/assets/icons/icon-192.png', 200),
    ('HEAD', f'/_nicegui/{__version__}/static/favicon.ico', 200),
    ('GET', f'/_nicegui/{__version__}/static/favicon.ico', 200),
    ('GET', '/api/test/broken', 500),
    ('GET', '/test/broken', 500),
])
async def test_every_kind_of_response_carries_the_security_headers(broken: httpx.AsyncClient,
                                                                   caplog: pytest.LogCaptureFixture, method: str,
                                                                   path: str, status: int) -> None:
    response = await broken.request(method, path)
    caplog.clear()  # the failing route and page log their errors, as they should
    assert response.status_code == status
    assert "frame-ancestors 'none'" in response.headers.get('content-security-policy', '')
    assert response.headers.get('x-content-type-options') == 'nosniff'
    assert response.headers.get('x-frame-options') == 'DENY'
