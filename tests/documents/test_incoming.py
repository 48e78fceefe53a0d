"""Uploads on their way in: a body that stalls is refused and leaves no file behind."""
import asyncio
from collections.abc import AsyncIterator
from dataclasses import replace
from pathlib import Path

import pytest
from nicegui.testing import User

from portal.core.errors import InvalidInput
from portal.documents.incoming import incoming_folder, receive
from portal.services import Portal
from tests.support.personas import PASSWORD, actor_of, make_world
from tests.support.photos import LIMITS
from tests.support.ui import sign_in

STALLED = 'Die Übertragung ist ins Stocken geraten und wurde abgebrochen.'


async def stalls(pause: float) -> AsyncIterator[bytes]:
    """The start of a photo, then a pause far longer than the test's idle timeout, then the rest."""
    yield b'\xff\xd8\xff' + b'\0' * 65536
    await asyncio.sleep(pause)
    yield b'\0' * 65536


async def test_a_body_that_stalls_is_refused_and_its_temporary_file_removed(tmp_path: Path) -> None:
    with pytest.raises(InvalidInput) as refused:
        async with receive(stalls(1.0), tmp_path, replace(LIMITS, idle_seconds=0.05), declared=10_000_000):
            pytest.fail('a stalled upload was accepted')
    assert refused.value.key == 'documents.error.upload_stalled'
    assert list(incoming_folder(tmp_path).iterdir()) == []


@pytest.fixture
def short_idle_timeout(app_env: None, monkeypatch: pytest.MonkeyPatch) -> None:
    """Requested before ``user``, which starts the app."""
    monkeypatch.setenv('PORTAL_UPLOAD_IDLE_SECONDS', '0.05')


async def test_a_stalled_upload_gets_408_with_the_german_message_and_leaves_nothing(
        short_idle_timeout: None, user: User, portal: Portal) -> None:
    world = make_world(portal)
    draft = portal.documents.start(actor_of(portal, world.citizen_a), 'letter')
    await sign_in(user, world.citizen_a.customer_number, PASSWORD)
    response = await user.http_client.post(f'/api/documents/drafts/{draft.id}/pages', content=stalls(1.0),
                                           headers={'X-Upload-Key': 'slow', 'Content-Length': '10000000'})
    assert response.status_code == 408
    assert response.json()['message'].startswith(STALLED)
    assert list(incoming_folder(portal.settings.data_dir).iterdir()) == []
