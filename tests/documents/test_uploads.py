"""The plain HTTP routes of document capture: limits counted on the server, translated errors, retries,
uploads that break off or are refused leaving no file behind, and nobody reaching another customer's drafts,
scans or documents."""
from collections.abc import AsyncIterator
from pathlib import Path

import pytest
from nicegui import core
from nicegui.testing import User

from portal.core.settings import Settings
from portal.identity.roles import Actor
from portal.services import Portal
from tests.support import capture
from tests.support.personas import PASSWORD, World, actor_of, enrol_totp
from tests.support.photos import sheet_photo
from tests.support.ui import sign_in

pytestmark = pytest.mark.usefixtures('app_env')

PHOTO, _ = sheet_photo()
TOO_LARGE = 'Die Datei ist zu groß (höchstens 0.3 MB).'


@pytest.fixture
def small_uploads(monkeypatch: pytest.MonkeyPatch) -> None:
    """A 300 kB upload limit for the app under test (requested before ``user``, which starts the app)."""
    monkeypatch.setenv('PORTAL_DOCUMENT_MAX_UPLOAD_BYTES', '300000')


@pytest.fixture
def two_uploads_an_hour(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv('PORTAL_DOCUMENT_UPLOADS_PER_HOUR', '2')


def files_left(settings: Settings) -> list[Path]:
    """Every file in the document store and among the uploads in flight."""
    folders = (settings.data_dir / 'documents', settings.data_dir / 'incoming')
    return [path for folder in folders if folder.exists() for path in folder.rglob('*') if path.is_file()]


async def upload(user: User, draft_id: int, data: bytes, key: str = 'key-1') -> tuple[int, dict]:
    response = await user.http_client.post(f'/api/documents/drafts/{draft_id}/scans', content=data,
                                           headers={'X-Upload-Key': key, 'X-File-Name': 'IMG_0001.jpg'})
    return response.status_code, response.json()


async def chunks(size: int) -> AsyncIterator[bytes]:
    for _ in range(size // 65536 + 1):
        yield b'\xff' * 65536


async def test_an_upload_without_a_session_gets_401(user: User, portal: Portal, world: World, anna: Actor) -> None:
    draft = portal.documents.start(anna, 'letter')
    status, body = await upload(user, draft.id, PHOTO)
    assert status == 401 and body['message']
    assert portal.documents.draft(anna, draft.id).scans == ()


async def test_a_photo_is_added_once_even_when_the_upload_is_retried(user: User, portal: Portal, world: World,
                                                                     anna: Actor) -> None:
    draft = portal.documents.start(anna, 'letter')
    await sign_in(user, world.citizen_a.customer_number, PASSWORD)
    first = await upload(user, draft.id, PHOTO, key='photo-1')
    again = await upload(user, draft.id, PHOTO, key='photo-1')
    assert first[0] == again[0] == 201
    assert first[1]['pages'] == again[1]['pages'] == 1
    assert len(portal.documents.draft(anna, draft.id).scans) == 1


async def test_an_upload_over_the_limit_gets_413_with_the_german_message(small_uploads: None, user: User,
                                                                        portal: Portal, world: World,
                                                                        anna: Actor) -> None:
    draft = portal.documents.start(anna, 'letter')
    await sign_in(user, world.citizen_a.customer_number, PASSWORD)
    status, body = await upload(user, draft.id, b'\xff\xd8\xff' + b'\0' * 300_000)
    assert (status, body['message']) == (413, TOO_LARGE)
    assert portal.documents.draft(anna, draft.id).scans == ()
    assert files_left(portal.settings) == []


async def test_a_chunked_upload_without_a_length_is_cut_off_at_the_limit(small_uploads: None, user: User,
                                                                        portal: Portal, world: World,
                                                                        anna: Actor) -> None:
    draft = portal.documents.start(anna, 'letter')
    await sign_in(user, world.citizen_a.customer_number, PASSWORD)
    response = await user.http_client.post(f'/api/documents/drafts/{draft.id}/scans', content=chunks(1_000_000),
                                           headers={'X-Upload-Key': 'chunked'})
    assert 'content-length' not in response.request.headers
    assert (response.status_code, response.json()['message']) == (413, TOO_LARGE)
    assert (portal.settings.data_dir / 'incoming').is_dir()  # the body was being written ...
    assert files_left(portal.settings) == []  # ... and is gone


async def test_a_file_that_is_no_photo_gets_a_clear_german_message(user: User, portal: Portal, world: World,
                                                                    anna: Actor) -> None:
    draft = portal.documents.start(anna, 'letter')
    await sign_in(user, world.citizen_a.customer_number, PASSWORD)
    status, body = await upload(user, draft.id, b'MZ\x90\x00 this is a program')
    assert status == 422
    assert body['message'].startswith('Diese Datei ist kein Foto und keine PDF-Datei.')


async def test_another_customers_ids_are_not_found_on_every_route(user: User, portal: Portal, world: World) -> None:
    bernd = actor_of(portal, world.citizen_b)
    draft = portal.documents.start(bernd, 'letter')
    await capture.upload(portal, bernd, PHOTO, draft_id=draft.id)
    scan = portal.documents.draft(bernd, draft.id).scans[0]
    other = portal.documents.start(bernd, 'pay_slip')
    await capture.upload(portal, bernd, PHOTO, draft_id=other.id)
    receipt = await capture.send(portal, bernd, other.id)
    await sign_in(user, world.citizen_a.customer_number, PASSWORD)
    client = user.http_client
    for response in (
        await client.post(f'/api/documents/drafts/{draft.id}/scans', content=PHOTO, headers={'X-Upload-Key': 'x'}),
        await client.post(f'/api/documents/scans/{scan.id}/replace', content=PHOTO, headers={'X-Upload-Key': 'y'}),
        await client.get(f'/api/documents/scans/{scan.id}/preview.jpg'),
        await client.get(f'/api/documents/drafts/{draft.id}/scans/{scan.id}/result.jpg'),
        await client.get(f'/api/documents/submissions/{receipt.id}/receipt.pdf'),
        await client.get(f'/api/documents/submissions/{receipt.id}/document.pdf'),
        await client.get(f'/api/documents/submissions/{receipt.id}/sheets/0.jpg'),
    ):
        assert (response.status_code, response.json()) == (404, {'message': 'Nicht gefunden.'}), response.url
    assert len(portal.documents.draft(bernd, draft.id).scans) == 1


async def test_the_owner_downloads_the_pdfs_uncached_and_as_attachments(user: User, portal: Portal, world: World,
                                                                         anna: Actor) -> None:
    draft = portal.documents.start(anna, 'pay_slip')
    await capture.upload(portal, anna, PHOTO, draft_id=draft.id)
    receipt = await capture.send(portal, anna, draft.id)
    await sign_in(user, world.citizen_a.customer_number, PASSWORD)
    response = await user.http_client.get(f'/api/documents/submissions/{receipt.id}/receipt.pdf')
    assert response.status_code == 200 and response.content.startswith(b'%PDF')
    assert response.headers['cache-control'] == 'no-store'
    assert response.headers['content-disposition'].startswith('attachment;')
    thumbnail = await user.http_client.get(f'/api/documents/submissions/{receipt.id}/sheets/0.jpg')
    assert thumbnail.status_code == 200 and thumbnail.content.startswith(b'\xff\xd8')
    beyond = await user.http_client.get(f'/api/documents/submissions/{receipt.id}/sheets/1.jpg')
    assert beyond.status_code == 404


async def test_staff_cannot_upload_into_a_customers_draft(user: User, portal: Portal, world: World,
                                                          anna: Actor) -> None:
    draft = portal.documents.start(anna, 'letter')
    secret = enrol_totp(portal, world.caseworker_a.email)
    await sign_in(user, world.caseworker_a.email, PASSWORD, totp_secret=secret)
    status, _ = await upload(user, draft.id, PHOTO)
    assert status == 404
    assert portal.documents.draft(anna, draft.id).scans == ()


async def test_an_upload_that_breaks_off_leaves_nothing_and_its_retry_adds_the_page_once(
        user: User, portal: Portal, world: World, anna: Actor) -> None:
    draft = portal.documents.start(anna, 'letter')
    await sign_in(user, world.citizen_a.customer_number, PASSWORD)
    answer = await broken_off_upload(user, f'/api/documents/drafts/{draft.id}/scans', PHOTO[:65536], 'photo-1')
    assert answer['status'] == 400
    assert (portal.settings.data_dir / 'incoming').is_dir()  # the first part had been written ...
    assert files_left(portal.settings) == []  # ... and was removed when the connection dropped
    assert portal.documents.draft(anna, draft.id).scans == ()
    for _ in range(2):  # the phone sends the photo again, and once more because the answer got lost
        status, body = await upload(user, draft.id, PHOTO, key='photo-1')
        assert (status, body['pages']) == (201, 1)
    assert len(portal.documents.draft(anna, draft.id).scans) == 1
    assert len(files_left(portal.settings)) == 2  # one photo and its preview: the retry's files were deleted


async def test_refused_uploads_count_toward_the_hourly_limit(two_uploads_an_hour: None, user: User, portal: Portal,
                                                             world: World, anna: Actor) -> None:
    draft = portal.documents.start(anna, 'letter')
    await sign_in(user, world.citizen_a.customer_number, PASSWORD)
    for number in range(2):
        status, _ = await upload(user, draft.id, b'\xff\xd8\xff' + b'not really a photo', key=f'bad-{number}')
        assert status == 422
    status, body = await upload(user, draft.id, PHOTO, key='good')
    assert status == 429
    assert body['message'].startswith('Sie haben in der letzten Stunde sehr viele Fotos gesendet.')
    assert portal.documents.draft(anna, draft.id).scans == ()
    assert files_left(portal.settings) == []


async def broken_off_upload(user: User, path: str, first_part: bytes, key: str) -> dict:
    """POST straight into the app whose client disconnects after the first part of the body."""
    cookies = '; '.join(f'{cookie.name}={cookie.value}' for cookie in user.http_client.cookies.jar)
    scope = {'type': 'http', 'asgi': {'version': '3.0'}, 'http_version': '1.1', 'method': 'POST', 'scheme': 'http',
             'path': path, 'raw_path': path.encode(), 'query_string': b'', 'root_path': '',
             'headers': [(b'host', b'test'), (b'cookie', cookies.encode()), (b'x-upload-key', key.encode()),
                         (b'content-length', str(len(PHOTO)).encode())],
             'client': ('127.0.0.1', 50000), 'server': ('test', 80)}
    messages = iter([{'type': 'http.request', 'body': first_part, 'more_body': True}, {'type': 'http.disconnect'}])
    answer: dict = {}

    async def receive() -> dict:
        return next(messages)

    async def send(message: dict) -> None:
        if message['type'] == 'http.response.start':
            answer['status'] = message['status']

    await core.app(scope, receive, send)
    return answer
