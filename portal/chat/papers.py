"""What a customer takes home from the chat: a conversation's transcript (PDF) and the export of everything they
wrote and were sent (GDPR, Art. 15 and 20: a ZIP of JSON and their attachments' originals).

Both show the customer's view: internal notes never appear, staff appear by name only where the customer sees it
(their case worker), otherwise as the team. Database steps run in a thread, the PDF is made in a worker process,
files are read through aiofiles.
"""
import asyncio
from dataclasses import dataclass

from sqlmodel import Session, col, select

from portal.audit import service as audit
from portal.chat.access import load
from portal.chat.export import ExportedConversation, ExportedMessage, export_zip
from portal.chat.models import BY_CUSTOMER, BY_STAFF, EVENT, NOTE, ChatFile, Conversation, Message
from portal.chat.part import Part
from portal.chat.transcript import Entry, TranscriptFacts, transcript_pdf
from portal.chat.views import visible_author
from portal.core.db import get_existing
from portal.core.errors import NotFound
from portal.core.i18n import normalise
from portal.core.paper import Letterhead
from portal.core.workers import Workers
from portal.documents.attachments import Attachments
from portal.identity.roles import Actor
from portal.people.models import Customer, Staff, Team


@dataclass(frozen=True)
class Line:
    """A message as the customer sees it, with the name shown beside it and its file, if any."""

    message: Message
    file: ChatFile | None
    author: str


@dataclass(frozen=True)
class Export:
    """What the export holds, before the files are read: conversations, and each file's store name by id."""

    customer_name: str
    customer_number: str
    conversations: tuple[ExportedConversation, ...]
    originals: dict[int, tuple[str, str]]  # file id: (store name, file name)


class Papers(Part):
    """The transcript and export half of ``Chat`` (it provides ``attachments``, ``workers``, ``letterhead``)."""

    attachments: Attachments
    workers: Workers
    letterhead: Letterhead

    async def transcript_pdf(self, actor: Actor, conversation_id: int, language: str) -> bytes:
        """The conversation as PDF for the customer or the staff who see it (staff audited), labels in German and
        ``language``."""
        facts = await asyncio.to_thread(self._transcript_facts, actor, conversation_id, language)
        return await self.workers.run(transcript_pdf, facts)

    async def export(self, actor: Actor) -> bytes:
        """Everything the signed-in customer wrote and was sent in the chat, as a ZIP (``chat.json`` and
        ``files/``); ``NotFound`` for anyone but a customer."""
        found = await asyncio.to_thread(self._export, actor)
        files = {file_id: (name, await self.attachments.read(store_name))
                 for file_id, (store_name, name) in found.originals.items()}
        made_at = self._clock()
        return await asyncio.to_thread(export_zip, found.customer_name, found.customer_number, made_at,
                                       found.conversations, files)

    def _transcript_facts(self, actor: Actor, conversation_id: int, language: str) -> TranscriptFacts:
        with self._db.session() as session:
            conversation = load(session, actor, conversation_id, self.rules)
            customer = get_existing(Customer, conversation.customer_id, session=session)
            team = get_existing(Team, conversation.team_id, session=session)
            entries = tuple(_entry(line) for line in lines_of(session, conversation, customer, team))
            audit.record(session=session, actor=actor, action='chat.transcript', at=self._clock(),
                         customer_id=customer.id, detail=f'conversation={conversation.id}')
            session.commit()
        return TranscriptFacts(self.letterhead, normalise(language), _name(customer), customer.customer_number,
                               conversation.concern, team.name, conversation.started_at,
                               conversation.last_message_at, conversation.closed_at, self._clock(), entries)

    def _export(self, actor: Actor) -> Export:
        if actor.customer_id is None:
            raise NotFound()
        with self._db.session() as session:
            customer = get_existing(Customer, actor.customer_id, session=session)
            conversations = session.exec(select(Conversation).where(Conversation.customer_id == customer.id)
                                         .order_by(col(Conversation.id))).all()
            exported, originals = [], {}
            for conversation in conversations:
                team = get_existing(Team, conversation.team_id, session=session)
                lines = lines_of(session, conversation, customer, team)
                originals.update({line.file.id: (line.file.original, line.file.name) for line in lines if line.file})
                exported.append(ExportedConversation(
                    conversation.id, conversation.concern, team.name, conversation.state, conversation.started_at,
                    conversation.closed_at, tuple(_exported(line) for line in lines)))
            return Export(_name(customer), customer.customer_number, tuple(exported), originals)


def lines_of(session: Session, conversation: Conversation, customer: Customer, team: Team) -> list[Line]:
    """Every message of the conversation the customer sees, oldest first, with the name shown for it."""
    rows = session.exec(select(Message, ChatFile).outerjoin(ChatFile, col(ChatFile.id) == Message.file_id)
                        .where(Message.conversation_id == conversation.id, Message.kind != NOTE)
                        .order_by(col(Message.id))).all()
    authors = {message.staff_id for message, _ in rows if message.staff_id}
    staff = {person.id: person for person in session.exec(select(Staff).where(col(Staff.id).in_(authors)))}
    lines = []
    for message, file in rows:
        if message.author == BY_CUSTOMER:
            author = _name(customer)
        elif message.author == BY_STAFF:
            author = visible_author(message, staff.get(message.staff_id or 0), customer.case_worker_id,
                                    for_staff=False) or team.name
        else:
            author = ''
        lines.append(Line(message, file, author))
    return lines


def _entry(line: Line) -> Entry:
    message = line.message
    if message.kind == EVENT:
        return Entry(message.created_at, message.author, '', event=message.body, detail=dict(message.detail or {}))
    return Entry(message.created_at, message.author, line.author, message.body,
                 file_name=line.file.name if line.file else '')


def _exported(line: Line) -> ExportedMessage:
    message = line.message
    return ExportedMessage(message.id, message.created_at, message.author, line.author,
                           '' if message.kind == EVENT else message.body,
                           message.body if message.kind == EVENT else '', dict(message.detail or {}),
                           line.file.id if line.file else None, line.file.name if line.file else '')


def _name(customer: Customer) -> str:
    return f'{customer.first_name} {customer.last_name}'
