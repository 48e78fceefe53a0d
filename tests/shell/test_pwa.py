"""The app shell files: manifest, service worker and offline page, as a browser fetches them."""
import json

import pytest
from nicegui.testing import User

from portal.core.i18n import LANGUAGES, Translator

pytestmark = pytest.mark.usefixtures('app_env')


async def test_the_manifest_makes_the_portal_installable(user: User) -> None:
    response = await user.http_client.get('/manifest.webmanifest')
    assert response.headers['content-type'].startswith('application/manifest+json')
    manifest = response.json()
    assert manifest['display'] == 'standalone' and manifest['start_url'] == '/' and manifest['lang'] == 'de'
    assert 'orientation' not in manifest, 'an installed app must turn with the device (WCAG 1.3.4)'
    sizes = {(icon['sizes'], icon['purpose']) for icon in manifest['icons']}
    assert {('192x192', 'any'), ('512x512', 'any'), ('512x512', 'maskable')} <= sizes
    for icon in manifest['icons']:
        image = await user.http_client.get(icon['src'])
        assert image.status_code == 200 and image.content.startswith(b'\x89PNG')


async def test_the_service_worker_may_control_the_whole_site_and_is_revalidated(user: User) -> None:
    response = await user.http_client.get('/sw.js')
    assert response.headers['service-worker-allowed'] == '/'
    assert response.headers['cache-control'] == 'no-cache'
    assert 'javascript' in response.headers['content-type']
    assert '__VERSION__' not in response.text and '__NICEGUI__' not in response.text


async def test_every_page_links_the_manifest_and_registers_the_worker(user: User) -> None:
    page = (await user.http_client.get('/login')).text
    assert '<link rel="manifest" href="/manifest.webmanifest">' in page
    assert "navigator.serviceWorker.register('/sw.js'" in page


async def test_the_offline_page_carries_every_language(user: User) -> None:
    response = await user.http_client.get('/offline.html')
    assert response.status_code == 200
    start = response.text.index('const texts = ') + len('const texts = ')
    texts = json.loads(response.text[start:response.text.index(';\n', start)])
    assert set(texts) == set(LANGUAGES)
    assert texts['ar']['title'] == Translator('ar')('offline.title') and texts['ar']['dir'] == 'rtl'
