"""The customer's chat export as a ZIP: ``chat.json`` (every conversation with every message they see) and
``files/`` (the originals of the photos and PDFs sent, named ``<id>-<file name>``; ``chat.json`` names each)."""
import io
import json
import zipfile
from dataclasses import dataclass
from datetime import datetime

FORMAT = 1


@dataclass(frozen=True)
class ExportedMessage:
    id: int
    at: datetime
    side: str  # customer, staff, system
    author: str  # the name shown: the customer's, the case worker's or the team's
    text: str
    event: str  # an event's code (reopened, closed, transferred, assigned, released)
    detail: dict
    file_id: int | None
    file_name: str


@dataclass(frozen=True)
class ExportedConversation:
    id: int
    concern: str
    team: str
    state: str
    started_at: datetime
    closed_at: datetime | None
    messages: tuple[ExportedMessage, ...]


def export_zip(customer_name: str, customer_number: str, made_at: datetime,
               conversations: tuple[ExportedConversation, ...], files: dict[int, tuple[str, bytes]]) -> bytes:
    """The ZIP's bytes; ``files`` maps a file id to its name and original bytes."""
    paths = {file_id: f'files/{file_id}-{name or "file"}' for file_id, (name, _) in files.items()}
    document = {
        'format': FORMAT,
        'made_at': made_at.isoformat(),
        'customer': {'name': customer_name, 'customer_number': customer_number},
        'conversations': [_conversation(conversation, paths) for conversation in conversations],
    }
    out = io.BytesIO()
    with zipfile.ZipFile(out, 'w', zipfile.ZIP_DEFLATED) as archive:
        archive.writestr('chat.json', json.dumps(document, ensure_ascii=False, indent=2))
        for file_id, (_, data) in sorted(files.items()):
            archive.writestr(paths[file_id], data, compress_type=zipfile.ZIP_STORED)  # photos and PDFs: packed
    return out.getvalue()


def _conversation(conversation: ExportedConversation, paths: dict[int, str]) -> dict:
    return {
        'id': conversation.id, 'concern': conversation.concern, 'team': conversation.team,
        'state': conversation.state, 'started_at': conversation.started_at.isoformat(),
        'closed_at': conversation.closed_at.isoformat() if conversation.closed_at else None,
        'messages': [_message(message, paths) for message in conversation.messages],
    }


def _message(message: ExportedMessage, paths: dict[int, str]) -> dict:
    entry: dict = {'id': message.id, 'at': message.at.isoformat(), 'from': message.side, 'author': message.author}
    if message.event:
        entry.update(event=message.event, detail=message.detail)
    else:
        entry['text'] = message.text
    if message.file_id is not None:
        entry['file'] = {'name': message.file_name, 'path': paths.get(message.file_id, '')}
    return entry
