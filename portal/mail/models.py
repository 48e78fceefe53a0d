"""The outbox: every e-mail the portal sends is a row here first, so a crash or an unreachable mail server loses none.

A row is due from ``due_at``; a sender claims it until ``claimed_until`` (several processes never send one twice),
then sets ``sent_at``, or counts the attempt, keeps the error and moves ``due_at`` on. ``failed_at`` marks a mail
given up: refused for good by the mail server, or still undelivered after every retry. ``key`` names what the mail
is about (``chat-notice:<conversation>:<message>``), so the same notice is queued once.
"""
from datetime import datetime

from sqlalchemy import Column, Text
from sqlmodel import Field, SQLModel


class OutgoingMail(SQLModel, table=True):
    __table_args__ = {'sqlite_autoincrement': True}

    id: int = Field(default=None, primary_key=True)  # None until the row is added
    key: str = Field(max_length=200, unique=True)
    recipient: str = Field(max_length=200)
    subject: str = Field(max_length=300)
    body: str = Field(sa_column=Column(Text, nullable=False))
    message_id: str = Field(max_length=200)  # made once, so a mail sent again is recognisably the same
    created_at: datetime
    due_at: datetime = Field(index=True)
    claimed_until: datetime | None = None
    sent_at: datetime | None = Field(default=None, index=True)
    failed_at: datetime | None = None
    attempts: int = 0
    last_error: str = Field(default='', max_length=500)
