"""Conversations between a customer and a team of the job centre, their messages, files, presence and text modules.

Ids leave the database (URLs, the pages' catch-up marks), so SQLite never hands one out twice (AUTOINCREMENT).
"""
from datetime import datetime

from sqlalchemy import JSON, Column, Text, UniqueConstraint
from sqlmodel import Field, SQLModel

OPEN, CLOSED = 'open', 'closed'
US, CUSTOMER = 'us', 'customer'  # who must answer next: the job centre, or the customer
TEXT, NOTE, EVENT = 'text', 'note', 'event'  # a message, an internal note, a change such as "closed"
BY_CUSTOMER, BY_STAFF, BY_SYSTEM = 'customer', 'staff', 'system'


class Conversation(SQLModel, table=True):
    """One concern of one customer, handled by one team. The ``*_read`` and ``staff_seen`` marks are message ids:
    everything up to them has been read (by the customer, by staff) or reached a staff page (delivered)."""

    __table_args__ = {'sqlite_autoincrement': True}

    id: int = Field(default=None, primary_key=True)  # None until the row is added
    customer_id: int = Field(foreign_key='customer.id', index=True)
    team_id: int = Field(foreign_key='team.id', index=True)
    concern: str = Field(max_length=20)
    state: str = Field(default=OPEN, max_length=10, index=True)
    waiting: str = Field(default=US, max_length=10)
    assignee_id: int | None = Field(default=None, foreign_key='staff.id', index=True)
    started_at: datetime
    last_message_at: datetime = Field(index=True)
    waiting_since: datetime | None = None
    first_reply_at: datetime | None = None
    closed_at: datetime | None = None
    close_reason: str = Field(default='', max_length=20)
    last_message_id: int = 0
    customer_read: int = 0
    staff_read: int = 0
    staff_seen: int = 0
    noticed: int = 0  # the newest staff message an e-mail notice was sent for
    version: int = 1


class Message(SQLModel, table=True):
    """A message, an internal note (``kind`` NOTE: staff only) or an event (``body`` its code, ``detail`` its
    values). ``client_id`` is made by the sender's browser: a message sent twice is stored once."""

    __table_args__ = (UniqueConstraint('conversation_id', 'client_id'), {'sqlite_autoincrement': True})

    id: int = Field(default=None, primary_key=True)  # None until the row is added
    conversation_id: int = Field(foreign_key='conversation.id', index=True)
    author: str = Field(max_length=10)
    staff_id: int | None = Field(default=None, foreign_key='staff.id')
    kind: str = Field(default=TEXT, max_length=10)
    body: str = Field(default='', sa_column=Column(Text, nullable=False))
    detail: dict = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))
    client_id: str = Field(max_length=64)
    file_id: int | None = Field(default=None, foreign_key='chatfile.id')
    created_at: datetime


class ChatFile(SQLModel, table=True):
    """A photo or PDF sent in a conversation, stored encrypted like documents (``original`` and ``preview`` are
    names in the document store)."""

    __table_args__ = {'sqlite_autoincrement': True}

    id: int = Field(default=None, primary_key=True)  # None until the row is added
    conversation_id: int = Field(foreign_key='conversation.id', index=True)
    source: str = Field(max_length=10)  # 'image' or 'pdf'
    original: str = Field(max_length=80)
    preview: str = Field(max_length=80)
    sheets: int = 1
    size: int = 0
    sha256: str = Field(max_length=64)
    name: str = Field(default='', max_length=120)
    upload_key: str = Field(max_length=64, unique=True)
    created_at: datetime


class Presence(SQLModel, table=True):
    """Whether a member of staff is available for chat; ``seen_at`` is their last sign of life in the inbox."""

    staff_id: int = Field(foreign_key='staff.id', primary_key=True)
    available: bool = False
    seen_at: datetime


class CannedReply(SQLModel, table=True):
    """A text module kept by admins: ``texts`` maps language code to text with placeholders such as
    ``{customer_name}``."""

    __table_args__ = {'sqlite_autoincrement': True}

    id: int = Field(default=None, primary_key=True)  # None until the row is added
    title: str = Field(max_length=80, unique=True)
    texts: dict = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))
    version: int = 1


class TeamChat(SQLModel, table=True):
    """A team's chat settings: the concerns it answers for its location, and its office hours as rows of
    [weekday 0-6, 'HH:MM', 'HH:MM'] (none: the location's opening hours)."""

    team_id: int = Field(foreign_key='team.id', primary_key=True)
    concerns: list = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    office_hours: list = Field(default_factory=list, sa_column=Column(JSON, nullable=False))

