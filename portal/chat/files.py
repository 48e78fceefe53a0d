"""Photos and PDFs in a conversation: taken in with the limits and checks of document uploads
(``portal.documents.attachments``), stored encrypted, then sent with a message (``Chat.post(..., file_id=)``).

``attach`` checks access and the hourly upload limit before a byte is read; the same ``upload_key`` again (a retry)
returns the file stored the first time. A file nobody sent is removed by the hourly upkeep after a day
(``purge_unsent``). Who sees a file: the customer of the conversation (their unsent uploads too, never a file of
an internal note) and the staff who see the conversation, once it was sent; staff opening an original is audited.
Anything else is ``NotFound``.
"""
import asyncio
from collections.abc import AsyncIterable
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, col, select

from portal.audit import service as audit
from portal.chat.access import load
from portal.chat.models import NOTE, ChatFile, Message
from portal.chat.part import Part
from portal.core.db import Database
from portal.core.errors import InvalidInput, NotFound
from portal.documents.attachments import Attachments, CheckedFile, media_type
from portal.identity.roles import Actor

UNSENT_KEPT = timedelta(days=1)
MAX_KEY = 64


@dataclass(frozen=True)
class Recorded:
    """What ``_record_file`` did: the file's id, and whether the files just stored became its files."""

    file_id: int
    kept: bool


class Files(Part):
    """The attachment half of ``Chat`` (it provides ``attachments``)."""

    attachments: Attachments

    async def attach(self, actor: Actor, conversation_id: int, body: AsyncIterable[bytes], *,
                     declared: int | None = None, file_name: str = '', upload_key: str = '') -> int:
        """A photo or PDF of the conversation's customer, not yet sent; returns its id for ``post``."""
        done = await asyncio.to_thread(self._before_attach, actor, conversation_id, upload_key)
        if done is not None:
            return done
        customer_id = actor.customer_id or 0  # _before_attach let only the conversation's customer through
        checked = await self.attachments.take_in(customer_id, body, declared=declared, file_name=file_name)
        recorded = await self.attachments.recorded(checked, asyncio.to_thread(
            self._record_file, actor, conversation_id, checked, upload_key))
        return recorded.file_id

    async def preview(self, actor: Actor, file_id: int) -> bytes:
        """The file's preview (JPEG: the photo, or a PDF's first sheet; long side at most 1280 px)."""
        row = await asyncio.to_thread(self._visible_file, actor, file_id, audited=False)
        return await self.attachments.read(row.preview)

    async def original(self, actor: Actor, file_id: int) -> tuple[bytes, str, str]:
        """The file as sent: its bytes, media type (from the content) and file name."""
        row = await asyncio.to_thread(self._visible_file, actor, file_id, audited=True)
        data = await self.attachments.read(row.original)
        return data, media_type(data), row.name

    # --- database steps (in a thread) ------------------------------------------------------------------------------

    def _before_attach(self, actor: Actor, conversation_id: int, upload_key: str) -> int | None:
        """The file's id when this key was used already; else None once the upload may be read."""
        key = _key_of(upload_key)
        with self._db.session() as session:
            conversation = load(session, actor, conversation_id, self.rules)
            if actor.customer_id is None:  # staff answer in words; files come from the customer
                raise NotFound()
            earlier = _by_key(session, key)
            if earlier is not None:
                if earlier.conversation_id != conversation.id:
                    raise InvalidInput('chat.error.file')
                return earlier.id
        self.attachments.check_hourly(actor.customer_id)
        return None

    def _record_file(self, actor: Actor, conversation_id: int, checked: CheckedFile, upload_key: str) -> Recorded:
        key = _key_of(upload_key)
        with self._db.session() as session:
            conversation = load(session, actor, conversation_id, self.rules)
            row = ChatFile(conversation_id=conversation.id, source=checked.kind, original=checked.original,
                           preview=checked.preview, sheets=checked.sheets, size=checked.size, sha256=checked.sha256,
                           name=checked.name, upload_key=key, created_at=self._clock())
            session.add(row)
            try:
                session.commit()
            except IntegrityError:  # the same upload key from a second request at the same moment
                session.rollback()
                earlier = _by_key(session, key)
                if earlier is None or earlier.conversation_id != conversation.id:
                    raise
                return Recorded(earlier.id, False)
            return Recorded(row.id, True)

    def _visible_file(self, actor: Actor, file_id: int, *, audited: bool) -> ChatFile:
        with self._db.session() as session:
            row = session.get(ChatFile, file_id)
            if row is None:
                raise NotFound()
            conversation = load(session, actor, row.conversation_id, self.rules)
            sent = session.exec(select(Message).where(Message.file_id == row.id)).first()
            for_customer = actor.customer_id is not None
            if (sent is None and not for_customer) or (sent is not None and sent.kind == NOTE and for_customer):
                raise NotFound()
            if audited:
                audit.record(session=session, actor=actor, action='chat.file', at=self._clock(),
                             customer_id=conversation.customer_id, detail=f'file={row.id}')
                session.commit()
            return row


def purge_unsent(database: Database, attachments: Attachments, now: datetime) -> int:
    """Delete files uploaded more than a day ago and never sent, rows first, then their stored files; returns how
    many (the hourly upkeep)."""
    with database.session() as session:
        sent = select(Message.file_id).where(col(Message.file_id).is_not(None))
        stale = session.exec(select(ChatFile).where(col(ChatFile.created_at) < now - UNSENT_KEPT,
                                                    col(ChatFile.id).not_in(sent))).all()
        names = [name for row in stale for name in (row.original, row.preview)]
        for row in stale:
            session.delete(row)
        session.commit()
    attachments.forget(names)
    return len(stale)


def stored_names(session: Session) -> set[str]:
    """Every store name a chat file row holds (the document sweep keeps these files)."""
    rows = session.exec(select(ChatFile.original, ChatFile.preview)).all()
    return {name for pair in rows for name in pair}


def _by_key(session: Session, key: str) -> ChatFile | None:
    return session.exec(select(ChatFile).where(ChatFile.upload_key == key)).first()


def _key_of(value: str) -> str:
    """A client-chosen key per upload (e.g. a UUID): 1 to 64 visible characters."""
    cleaned = (value or '').strip()
    if not cleaned or len(cleaned) > MAX_KEY or any(ord(ch) < 33 or ord(ch) == 127 for ch in cleaned):
        raise InvalidInput('chat.error.upload_key')
    return cleaned
