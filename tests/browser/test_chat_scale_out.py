"""Two portal processes behind one address share live chat through Redis: a reply posted on one process appears,
without reloading, on the citizen's page served by the other."""
import os
import uuid
from pathlib import Path

import pytest
from playwright.async_api import Browser, expect
from redis import Redis

from portal.services import Portal
from tests.browser.conftest import portal_in, prepare_database, running_portal, signed_in
from tests.support.personas import World, actor_of

REDIS_URL = os.environ.get('PORTAL_TEST_REDIS_URL', '')
DESKTOP = {'width': 1280, 'height': 800}
pytestmark = [pytest.mark.redis, pytest.mark.skipif(not REDIS_URL, reason='needs PORTAL_TEST_REDIS_URL')]


def started_conversation(folder: Path, world: World) -> int:
    portal: Portal = portal_in(folder)
    talk = portal.chat.start(actor_of(portal, world.citizen_a), 'benefits', 'Wann kommt mein Geld?',
                             'client-scale-out-1')
    portal.database.engine.dispose()
    return talk.id


async def test_a_reply_posted_on_one_process_reaches_the_page_on_the_other(chromium: Browser, tmp_path: Path) -> None:
    world, secret = prepare_database(tmp_path)
    conversation = started_conversation(tmp_path, world)
    prefix = f'portal-test-{uuid.uuid4().hex}:'
    shared = {'PORTAL_REDIS_URL': REDIS_URL, 'NICEGUI_REDIS_KEY_PREFIX': prefix}
    with running_portal(tmp_path, **shared) as first, running_portal(tmp_path, **shared) as second:
        citizen = await signed_in(chromium, second, world.citizen_a.customer_number, 'de-DE')
        await citizen.goto(f'{second}/chat/{conversation}')
        await expect(citizen.get_by_text('Wann kommt mein Geld?')).to_be_visible()
        staff = await signed_in(chromium, first, world.caseworker_a.email, 'de-DE', secret, viewport=DESKTOP)
        answer = await staff.request.post(
            f'{first}/api/chat/conversations/{conversation}/messages', headers={'Origin': first},
            data={'text': 'Am Monatsende, Frau Alpha.', 'client_id': 'client-scale-out-2', 'note': False,
                  'file_id': None})
        assert answer.status in (200, 201), await answer.text()
        await expect(citizen.get_by_text('Am Monatsende, Frau Alpha.')).to_be_visible()
    client = Redis.from_url(REDIS_URL)
    for key in client.scan_iter(f'{prefix}*'):
        client.delete(key)
    client.close()
