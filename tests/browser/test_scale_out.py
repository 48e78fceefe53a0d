"""Two portal processes behind one address share the sign-in through Redis (a load balancer may move a
person from one to the other): signed in on one, still signed in on the other."""
import os
import uuid
from pathlib import Path

import pytest
from playwright.async_api import Browser, expect
from redis import Redis

from tests.browser.conftest import prepare_database, running_portal, signed_in

REDIS_URL = os.environ.get('PORTAL_TEST_REDIS_URL', '')
pytestmark = [pytest.mark.redis, pytest.mark.skipif(not REDIS_URL, reason='needs PORTAL_TEST_REDIS_URL')]


@pytest.mark.parametrize(('shared', 'signed_in_on_both'), [(True, True), (False, False)])
async def test_a_second_instance_knows_the_sign_in_only_with_redis(chromium: Browser, tmp_path: Path, shared: bool,
                                                                   signed_in_on_both: bool) -> None:
    world, _ = prepare_database(tmp_path)
    prefix = f'portal-test-{uuid.uuid4().hex}:'
    redis = {'PORTAL_REDIS_URL': REDIS_URL, 'NICEGUI_REDIS_KEY_PREFIX': prefix}
    extra = redis if shared else {}
    with running_portal(tmp_path, **extra) as first, running_portal(tmp_path, **extra) as second:
        page = await signed_in(chromium, first, world.citizen_a.customer_number, 'de-DE')
        await page.goto(f'{second}/card')  # cookies do not depend on the port: the same browser session
        if signed_in_on_both:
            await expect(page.get_by_text(world.citizen_a.customer_number).first).to_be_visible()
        else:
            await expect(page).to_have_url(f'{second}/login?next=/card')
    client = Redis.from_url(REDIS_URL)
    for key in client.scan_iter(f'{prefix}*'):
        client.delete(key)
    client.close()
