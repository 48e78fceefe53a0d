"""Staff on the customers' own routes (/api/documents/...): an existing id and a missing one get the same
answer, so the routes do not tell which drafts, scans and documents exist."""
import pytest
from nicegui.testing import User

from portal.services import Portal
from tests.support import capture
from tests.support.capture import PHOTO
from tests.support.personas import PASSWORD, actor_of, enrol_totp, make_world
from tests.support.ui import sign_in

pytestmark = pytest.mark.usefixtures('app_env')

ROUTES = (
    ('POST', '/api/documents/drafts/{draft}/scans'),
    ('POST', '/api/documents/scans/{scan}/replace'),
    ('GET', '/api/documents/scans/{scan}/preview.jpg'),
    ('GET', '/api/documents/drafts/{draft}/scans/{scan}/result.jpg'),
    ('GET', '/api/documents/submissions/{submission}/receipt.pdf'),
    ('GET', '/api/documents/submissions/{submission}/document.pdf'),
    ('GET', '/api/documents/submissions/{submission}/sheets/0.jpg'),
)


async def test_staff_get_the_same_not_found_for_an_existing_and_a_missing_id(user: User, portal: Portal) -> None:
    world = make_world(portal)
    anna = actor_of(portal, world.citizen_a)
    draft = portal.documents.start(anna, 'letter')
    scan = (await capture.upload(portal, anna, PHOTO, draft_id=draft.id)).scans[0]
    receipt = await capture.sent(portal, anna)
    await sign_in(user, world.caseworker_a.email, PASSWORD, totp_secret=enrol_totp(portal, world.caseworker_a.email))
    existing = {'draft': draft.id, 'scan': scan.id, 'submission': receipt.id}
    missing = {name: 999_000 + number for number, name in enumerate(existing)}
    for method, route in ROUTES:
        answers = [await user.http_client.request(method, route.format(**ids), content=PHOTO,
                                                  headers={'X-Upload-Key': 'k'}) for ids in (existing, missing)]
        assert [(answer.status_code, answer.json()) for answer in answers] == \
            [(404, {'message': 'Nicht gefunden.'})] * 2, route
