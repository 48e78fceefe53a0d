"""Uploads on their way in: a body that stalls is refused and leaves no file behind; what killed processes left
behind is removed when the server starts."""
import asyncio
import os
import subprocess
from collections.abc import AsyncIterator
from dataclasses import replace
from pathlib import Path

import pytest
from nicegui.testing import User

from portal.core.errors import InvalidInput
from portal.core.settings import Settings
from portal.documents.incoming import incoming_folder, part_name, receive, this_host
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
    response = await user.http_client.post(f'/api/documents/drafts/{draft.id}/scans', content=stalls(1.0),
                                           headers={'X-Upload-Key': 'slow', 'Content-Length': '10000000'})
    assert response.status_code == 408
    assert response.json()['message'].startswith(STALLED)
    assert list(incoming_folder(portal.settings.data_dir).iterdir()) == []


@pytest.fixture
def leftovers(app_env: Settings) -> dict[str, Path]:
    """Uploads in flight as processes left them, before the server (``user``) starts."""
    folder = incoming_folder(app_env.data_dir)
    folder.mkdir(parents=True)
    gone = subprocess.Popen(['true'])  # a process id that is gone now
    gone.wait()
    files = {
        'dead process of this host': folder / part_name(this_host(), gone.pid),
        'this process id, before a restart': folder / part_name(this_host(), os.getpid()),
        'live process of this host': folder / part_name(this_host(), os.getppid()),
        'process of another host': folder / part_name('other.host', gone.pid),
        'old name without an owner': folder / 'f00d.part',
    }
    for path in files.values():
        path.write_bytes(b'encrypted half of a photo')
    return files


async def test_the_server_removes_at_start_the_uploads_of_this_hosts_dead_processes_only(
        leftovers: dict[str, Path], user: User) -> None:
    left = {what for what, path in leftovers.items() if path.exists()}
    assert left == {'live process of this host', 'process of another host', 'old name without an owner'}
