"""HTTP hardening: security headers, cookie flags, no API docs, and socket.io refuses foreign origins."""
import pytest
from nicegui.testing import User

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
