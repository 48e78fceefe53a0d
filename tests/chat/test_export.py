"""The customer's export of the chat (GDPR): every conversation with what they wrote and were sent, as JSON in a
ZIP with the originals of their attachments; nothing of anyone else, never internal notes."""
import io
import json
import zipfile

import pytest

from portal.chat.views import ConversationView
from portal.core.errors import NotFound
from portal.identity.roles import Actor
from portal.services import Portal
from tests.support.attaching import send_file
from tests.support.capture import PHOTO
from tests.support.photos import pdf_file


def opened(data: bytes) -> tuple[dict, dict[str, bytes]]:
    archive = zipfile.ZipFile(io.BytesIO(data))
    files = {name: archive.read(name) for name in archive.namelist() if name.startswith('files/')}
    return json.loads(archive.read('chat.json')), files


async def test_the_export_holds_every_conversation_with_both_sides_and_the_attachments(
        portal: Portal, anna: Actor, carla: Actor, talk: ConversationView) -> None:
    portal.chat.post(carla, talk.id, 'Bitte schicken Sie den Bescheid.', 'client-0002')
    portal.chat.post(carla, talk.id, 'intern: Rückruf', 'client-0003', note=True)
    await send_file(portal, anna, talk.id, text='Hier ist er', name='Foto.jpg')
    second = portal.chat.start(anna, 'other', 'Eine andere Frage', 'client-0004')
    await send_file(portal, anna, second.id, pdf_file(1), name='Bescheid.pdf')
    document, files = opened(await portal.chat.export(anna))
    assert document['customer']['name'] == 'Anna Alpha'
    conversations = {each['id']: each for each in document['conversations']}
    assert set(conversations) == {talk.id, second.id}
    texts = [message.get('text') for message in conversations[talk.id]['messages']]
    assert texts == ['Wann kommt mein Geld?', 'Bitte schicken Sie den Bescheid.', 'Hier ist er']
    assert conversations[talk.id]['messages'][1]['from'] == 'staff'
    photo = conversations[talk.id]['messages'][2]['file']
    assert photo['name'] == 'Foto.jpg' and files[photo['path']] == PHOTO
    pdf = conversations[second.id]['messages'][1]['file']
    assert files[pdf['path']].startswith(b'%PDF-')
    assert 'intern' not in json.dumps(document)


async def test_another_customers_export_holds_nothing_of_anna_and_staff_get_none(
        portal: Portal, anna: Actor, bernd: Actor, carla: Actor, talk: ConversationView) -> None:
    await send_file(portal, anna, talk.id)
    document, files = opened(await portal.chat.export(bernd))
    assert document['conversations'] == [] and files == {}
    assert 'Anna' not in json.dumps(document)
    with pytest.raises(NotFound):
        await portal.chat.export(carla)
