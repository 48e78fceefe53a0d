"""Attaching files in the chat as the upload route does: through ``Chat.attach`` with a streamed body."""
import uuid

from portal.identity.roles import Actor
from portal.services import Portal
from tests.support.capture import PHOTO, body


async def attach(portal: Portal, actor: Actor, conversation_id: int, data: bytes = PHOTO, *, key: str | None = None,
                 name: str = 'IMG_0001.jpg') -> int:
    """One photo or PDF into the conversation (not yet sent); returns the file's id."""
    return await portal.chat.attach(actor, conversation_id, body(data), declared=len(data), file_name=name,
                                    upload_key=key or uuid.uuid4().hex)


async def send_file(portal: Portal, actor: Actor, conversation_id: int, data: bytes = PHOTO, *, text: str = '',
                    name: str = 'IMG_0001.jpg') -> int:
    """A file attached and sent with a message; returns the file's id."""
    file_id = await attach(portal, actor, conversation_id, data, name=name)
    portal.chat.post(actor, conversation_id, text, uuid.uuid4().hex, file_id=file_id)
    return file_id
