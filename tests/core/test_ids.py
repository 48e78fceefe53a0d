"""Ids in addresses: whatever stands where an id belongs (too large for the database, negative, not a number)
is answered exactly like an id that does not exist, on every page and route that takes one."""
import pytest
from nicegui.testing import User

from portal.core.ids import LARGEST, as_id
from portal.services import Portal
from tests.support.personas import PASSWORD, enrol_totp, make_world
from tests.support.ui import sign_in

pytestmark = pytest.mark.usefixtures('app_env')

MISSING = '999999'
BAD = ('99999999999999999999', str(LARGEST + 1), '-1', '0', 'abc', '1e3', '%D9%A1')
CUSTOMER_ROUTES = (
    ('POST', '/api/documents/drafts/{id}/scans'),
    ('POST', '/api/documents/scans/{id}/replace'),
    ('GET', '/api/documents/scans/{id}/preview.jpg'),
    ('GET', '/api/documents/drafts/{id}/scans/{id}/result.jpg'),
    ('GET', '/api/documents/submissions/{id}/receipt.pdf'),
    ('GET', '/api/documents/submissions/{id}/document.pdf'),
    ('GET', '/api/documents/submissions/{id}/sheets/{id}.jpg'),
    ('POST', '/api/chat/conversations/{id}/files'),
    ('GET', '/api/chat/files/{id}/preview.jpg'),
    ('GET', '/api/chat/files/{id}'),
    ('GET', '/api/chat/conversations/{id}/transcript.pdf'),
    ('GET', '/documents/capture/{id}'),
    ('GET', '/documents?receipt={id}'),
)
STAFF_ROUTES = (
    ('GET', '/admin/customers/{id}'),
    ('GET', '/staff/documents/{id}'),
    ('GET', '/staff/documents?customer={id}'),
    ('GET', '/api/inbox/{id}/document.pdf'),
    *CUSTOMER_ROUTES[:11],  # staff on the customers' routes: not found as well
)


def test_an_id_is_a_positive_number_the_database_can_hold_and_anything_else_is_none() -> None:
    assert [as_id(value) for value in ('1', '42', str(LARGEST), 7)] == [1, 42, LARGEST, 7]
    assert [as_id(value) for value in (*BAD, '', ' 5', '٣', True, None, -3, 2**70)] == [0] * 14


async def _answers(user: User, routes: tuple[tuple[str, str], ...], value: str) -> list[tuple[int, str]]:
    answers = []
    for method, route in routes:
        response = await user.http_client.request(method, route.format(id=value), content=b'x',
                                                  headers={'X-Upload-Key': 'k'}, follow_redirects=False)
        if response.headers.get('content-type', '').startswith('application/json'):
            answers.append((response.status_code, response.text))
        else:  # a page: its status, and whether it says "not found"
            answers.append((response.status_code, str('Nicht gefunden.' in response.text)))
    return answers


async def test_a_customer_gets_not_found_for_any_malformed_id(user: User, portal: Portal) -> None:
    world = make_world(portal)
    await sign_in(user, world.citizen_a.customer_number, PASSWORD)
    missing = await _answers(user, CUSTOMER_ROUTES, MISSING)
    assert {status for status, _ in missing} <= {200, 404}
    for value in BAD:
        assert await _answers(user, CUSTOMER_ROUTES, value) == missing, value


async def test_staff_get_not_found_for_any_malformed_id(user: User, portal: Portal) -> None:
    world = make_world(portal)
    secret = enrol_totp(portal, world.caseworker_a.email)
    await sign_in(user, world.caseworker_a.email, PASSWORD, totp_secret=secret)
    missing = await _answers(user, STAFF_ROUTES, MISSING)
    assert {status for status, _ in missing} <= {200, 404}
    for value in BAD:
        assert await _answers(user, STAFF_ROUTES, value) == missing, value
