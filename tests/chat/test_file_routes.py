"""The plain HTTP routes of chat files, transcripts and the export: what a browser sends and gets back, translated
refusals with their status codes, and nobody reaching another customer's files."""
import io
import zipfile

import pytest
from nicegui.testing import User

from portal.identity.roles import Actor
from portal.services import Portal
from tests.support.attaching import send_file
from tests.support.capture import PHOTO
from tests.support.personas import PASSWORD, World
from tests.support.photos import pdf_file
from tests.support.ui import only, sign_in, sign_in_staff

pytestmark = pytest.mark.usefixtures('app_env')


async def post_file(user: User, conversation_id: int, data: bytes, key: str = 'file-key-1',
                    name: str = 'Foto.jpg') -> tuple[int, dict]:
    response = await user.http_client.post(f'/api/chat/conversations/{conversation_id}/files', content=data,
                                           headers={'X-Upload-Key': key, 'X-File-Name': name})
    return response.status_code, response.json()


async def test_an_upload_without_a_session_gets_401(user: User, portal: Portal, anna: Actor) -> None:
    talk = portal.chat.start(anna, 'benefits', 'Hallo', 'client-0001')
    status, body = await post_file(user, talk.id, PHOTO)
    assert status == 401 and body['message']


async def test_a_photo_is_stored_once_sent_and_opened_inline_without_caching(user: User, portal: Portal,
                                                                             world: World, anna: Actor) -> None:
    talk = portal.chat.start(anna, 'benefits', 'Hallo', 'client-0001')
    await sign_in(user, world.citizen_a.customer_number, PASSWORD)
    first = await post_file(user, talk.id, PHOTO, name='Mietvertrag%20M%C3%A4rz.jpg')
    again = await post_file(user, talk.id, PHOTO)
    assert first[0] == again[0] == 201 and first[1]['file_id'] == again[1]['file_id']
    file_id = first[1]['file_id']
    portal.chat.post(anna, talk.id, 'Hier', 'client-0002', file_id=file_id)
    original = await user.http_client.get(f'/api/chat/files/{file_id}')
    assert original.status_code == 200 and original.content == PHOTO
    assert original.headers['content-type'] == 'image/jpeg'
    assert original.headers['cache-control'] == 'no-store' and original.headers['x-content-type-options'] == 'nosniff'
    assert original.headers['content-disposition'].startswith('inline;')
    assert "filename*=UTF-8''Mietvertrag%20M%C3%A4rz.jpg" in original.headers['content-disposition']
    preview = await user.http_client.get(f'/api/chat/files/{file_id}/preview.jpg')
    assert preview.status_code == 200 and preview.headers['content-type'] == 'image/jpeg'


async def test_a_pdf_opens_as_a_pdf(user: User, portal: Portal, world: World, anna: Actor) -> None:
    talk = portal.chat.start(anna, 'benefits', 'Hallo', 'client-0001')
    await sign_in(user, world.citizen_a.customer_number, PASSWORD)
    status, body = await post_file(user, talk.id, pdf_file(1), name='Bescheid.pdf')
    assert status == 201
    portal.chat.post(anna, talk.id, '', 'client-0002', file_id=body['file_id'])
    original = await user.http_client.get(f'/api/chat/files/{body["file_id"]}')
    assert original.headers['content-type'] == 'application/pdf' and original.content.startswith(b'%PDF-')
    assert original.headers['x-frame-options'] == 'SAMEORIGIN'  # the conversation page shows it in a frame
    assert "frame-ancestors 'self'" in original.headers['content-security-policy']


@pytest.fixture
def small_uploads(monkeypatch: pytest.MonkeyPatch) -> None:
    """A 300 kB upload limit and three uploads an hour for the app under test (before ``user`` starts it)."""
    monkeypatch.setenv('PORTAL_DOCUMENT_MAX_UPLOAD_BYTES', '300000')
    monkeypatch.setenv('PORTAL_DOCUMENT_UPLOADS_PER_HOUR', '3')


async def test_refusals_answer_with_their_status_and_a_german_message(small_uploads: None, user: User,
                                                                      portal: Portal, world: World,
                                                                      anna: Actor) -> None:
    talk = portal.chat.start(anna, 'benefits', 'Hallo', 'client-0001')
    await sign_in(user, world.citizen_a.customer_number, PASSWORD)
    too_large = await post_file(user, talk.id, b'\xff\xd8\xff' + b'\0' * 300_000, key='k1')
    assert too_large == (413, {'message': 'Die Datei ist zu groß (höchstens 0.3 MB).'})
    not_a_photo = await post_file(user, talk.id, b'PK\x03\x04 a zip file' * 50, key='k2', name='Akte.zip')
    assert not_a_photo[0] == 415 and 'kein Foto und keine PDF-Datei' in not_a_photo[1]['message']
    assert (await post_file(user, talk.id, PHOTO, key='k3'))[0] == 201
    too_many = await post_file(user, talk.id, PHOTO, key='k4')
    assert too_many[0] == 429 and 'in der letzten Stunde' in too_many[1]['message']


async def test_another_customer_gets_not_found_for_files_transcripts_and_uploads(user: User, portal: Portal,
                                                                                 world: World, anna: Actor) -> None:
    talk = portal.chat.start(anna, 'benefits', 'Hallo', 'client-0001')
    file_id = await send_file(portal, anna, talk.id)
    await sign_in(user, world.citizen_b.customer_number, PASSWORD)
    for address in (f'/api/chat/files/{file_id}', f'/api/chat/files/{file_id}/preview.jpg',
                    f'/api/chat/conversations/{talk.id}/transcript.pdf'):
        response = await user.http_client.get(address)
        assert (response.status_code, response.json()['message']) == (404, 'Nicht gefunden.'), address
    status, _ = await post_file(user, talk.id, PHOTO, key='bernds-key')
    assert status == 404


async def test_the_transcript_and_the_export_are_downloads(user: User, portal: Portal, world: World,
                                                           anna: Actor) -> None:
    talk = portal.chat.start(anna, 'benefits', 'Wann kommt mein Geld?', 'client-0001')
    await sign_in(user, world.citizen_a.customer_number, PASSWORD)
    transcript = await user.http_client.get(f'/api/chat/conversations/{talk.id}/transcript.pdf')
    assert transcript.status_code == 200 and transcript.content.startswith(b'%PDF-')
    assert transcript.headers['content-disposition'].startswith('attachment;')
    assert transcript.headers['cache-control'] == 'no-store'
    export = await user.http_client.get('/api/chat/export.zip')
    assert export.headers['content-type'] == 'application/zip'
    assert export.headers['content-disposition'].startswith('attachment;')
    assert 'Wann kommt mein Geld?' in zipfile.ZipFile(io.BytesIO(export.content)).read('chat.json').decode()


async def test_the_customer_downloads_the_export_from_the_more_page(user: User, portal: Portal, world: World,
                                                                    anna: Actor) -> None:
    portal.chat.start(anna, 'benefits', 'Wann kommt mein Geld?', 'client-0001')
    await sign_in(user, world.citizen_a.customer_number, PASSWORD)
    await user.open('/more')
    await user.should_see('Chat-Daten herunterladen')
    link = only(user, 'chat-export-link')
    export = await user.http_client.get(link.props['href'])
    assert 'Wann kommt mein Geld?' in zipfile.ZipFile(io.BytesIO(export.content)).read('chat.json').decode()


async def test_staff_have_no_chat_export_on_the_more_page(user: User, portal: Portal, world: World) -> None:
    await sign_in_staff(user, portal, world.caseworker_a)
    await user.open('/more')
    await user.should_see('Konto und Sicherheit')
    await user.should_not_see(marker='chat-export')
