"""Writing into a conversation: the checks every message passes, and what a message changes in its conversation."""
import re
import secrets
from datetime import datetime, timedelta

from sqlmodel import Session, col, func, select

from portal.chat.access import ChatRules
from portal.chat.models import (
    BY_CUSTOMER,
    BY_STAFF,
    BY_SYSTEM,
    CLOSED,
    CUSTOMER,
    EVENT,
    NOTE,
    OPEN,
    TEXT,
    US,
    Conversation,
    Message,
)
from portal.core.errors import InvalidInput
from portal.identity.roles import Actor

CLIENT_ID = re.compile(r'[A-Za-z0-9_-]{8,64}')


class TooFast(InvalidInput):
    """More messages in a minute than the job centre allows one person."""

    def __init__(self, per_minute: int) -> None:
        super().__init__('chat.error.too_fast', count=per_minute)


def clean_text(text: str, rules: ChatRules, *, file: bool = False) -> str:
    """The text as stored: line ends unified, outer blank space removed; empty only with a file."""
    cleaned = (text or '').replace('\r\n', '\n').replace('\r', '\n').replace('\x00', '').strip()
    if not cleaned and not file:
        raise InvalidInput('chat.error.empty')
    if len(cleaned) > rules.max_chars:
        raise InvalidInput('chat.error.too_long', count=rules.max_chars)
    return cleaned


def check_client_id(client_id: str) -> str:
    if not CLIENT_ID.fullmatch(client_id or ''):
        raise InvalidInput('chat.error.client_id')
    return client_id


def find_sent(session: Session, conversation_id: int, client_id: str) -> Message | None:
    """The message a retry or a second tap already stored."""
    return session.exec(select(Message).where(Message.conversation_id == conversation_id,
                                              Message.client_id == client_id)).first()


def check_rate(session: Session, actor: Actor, rules: ChatRules, now: datetime) -> None:
    """At most ``per_minute`` messages and notes by one person in any minute (counted in the database, so several
    processes agree)."""
    since = now - timedelta(minutes=1)
    query = select(func.count()).select_from(Message).where(col(Message.created_at) >= since)
    if actor.customer_id is not None:
        query = query.join(Conversation, col(Conversation.id) == Message.conversation_id).where(
            Conversation.customer_id == actor.customer_id, Message.author == BY_CUSTOMER)
    else:
        query = query.where(Message.staff_id == actor.staff_id)
    if session.exec(query).one() >= rules.per_minute:
        raise TooFast(rules.per_minute)


def add_message(session: Session, conversation: Conversation, actor: Actor, *, kind: str, body: str,
                client_id: str, now: datetime, file_id: int | None = None, detail: dict | None = None) -> Message:
    """Store a message and bring the conversation up to date (who waits, read marks, first reply, reopening)."""
    author = BY_SYSTEM if kind == EVENT else BY_CUSTOMER if actor.customer_id is not None else BY_STAFF
    if kind == TEXT and conversation.state == CLOSED:
        add_event(session, conversation, actor, 'reopened', now)
    message = Message(conversation_id=conversation.id, author=author, staff_id=actor.staff_id, kind=kind, body=body,
                      client_id=client_id, created_at=now, file_id=file_id, detail=detail or {})
    session.add(message)
    session.flush()
    conversation.last_message_id = max(conversation.last_message_id, message.id)
    if kind == TEXT:
        _after_text(conversation, author, message.id, now)
    elif kind == NOTE:
        conversation.staff_read = max(conversation.staff_read, message.id)
    conversation.version += 1
    session.add(conversation)
    return message


def _after_text(conversation: Conversation, author: str, message_id: int, now: datetime) -> None:
    conversation.last_message_at = now
    if author == BY_CUSTOMER:
        conversation.customer_read = max(conversation.customer_read, message_id)
        if conversation.waiting != US or conversation.waiting_since is None:
            conversation.waiting, conversation.waiting_since = US, now
    else:
        conversation.staff_read = max(conversation.staff_read, message_id)
        conversation.waiting, conversation.waiting_since = CUSTOMER, None
        if conversation.first_reply_at is None:
            conversation.first_reply_at = now


def add_event(session: Session, conversation: Conversation, actor: Actor, code: str, now: datetime,
              **detail: object) -> Message:
    """A change everyone in the conversation sees in its history: reopened, closed, transferred, assigned."""
    if code == 'reopened':
        conversation.state, conversation.closed_at, conversation.close_reason = OPEN, None, ''
    message = Message(conversation_id=conversation.id, author=BY_SYSTEM, staff_id=actor.staff_id, kind=EVENT,
                      body=code, client_id=f'event-{secrets.token_hex(12)}',
                      created_at=now, detail=dict(detail))
    session.add(message)
    session.flush()
    conversation.last_message_id = max(conversation.last_message_id, message.id)
    conversation.version += 1
    return message
