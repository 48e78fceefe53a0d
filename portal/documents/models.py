"""Document capture: requests for proofs, captures in progress, submissions and notifications to customers.

File names are random UUIDs chosen by the server, never derived from what a person uploaded; the files
themselves are encrypted under ``settings.data_dir`` (see ``portal.documents.store``).
"""
from datetime import date, datetime

from sqlalchemy import JSON, Column, UniqueConstraint
from sqlmodel import Field, SQLModel


class DocumentRequest(SQLModel, table=True):
    """Staff ask a customer for a proof by a due date; it shows on the customer's home page until sent."""

    id: int = Field(default=None, primary_key=True)  # None until the row is added
    customer_id: int = Field(foreign_key='customer.id', index=True)
    kind: str = Field(max_length=40)
    message: str = Field(default='', max_length=500)
    due_on: date
    created_at: datetime
    created_by: int = Field(foreign_key='staff.id')
    fulfilled_at: datetime | None = None
    cancelled_at: datetime | None = None


NEVER_REUSED = {'sqlite_autoincrement': True}  # ids of deleted rows would come back in SQLite, and these leave
# the database in addresses; PostgreSQL's sequences never reuse one anyway


class Draft(SQLModel, table=True):
    """A capture in progress, kept in the database so that a dropped connection loses nothing.

    ``send_key`` is made when the draft is: sending with it twice (a double tap, a retry) sends once.
    """

    __table_args__ = NEVER_REUSED

    id: int = Field(default=None, primary_key=True)  # None until the row is added
    send_key: str = Field(max_length=32, unique=True)
    customer_id: int = Field(foreign_key='customer.id', index=True)
    kind: str = Field(max_length=40)
    note: str = Field(default='', max_length=500)
    request_id: int | None = Field(default=None, foreign_key='documentrequest.id')
    created_at: datetime
    updated_at: datetime
    version: int = Field(default=1)


class Scan(SQLModel, table=True):
    """One captured photo or imported PDF of a draft, with how it is to be cropped, cleaned up and turned.

    ``corners`` are four [x, y] points in pixels of the original (clockwise from top-left) or null for the
    whole image; ``source`` is 'image' or 'pdf'; ``upload_key`` makes a retried upload a no-op.
    """

    __table_args__ = (UniqueConstraint('draft_id', 'upload_key'), NEVER_REUSED)

    id: int = Field(default=None, primary_key=True)  # None until the row is added
    draft_id: int = Field(foreign_key='draft.id', index=True)
    position: int
    source: str = Field(max_length=10)
    file_name: str = Field(max_length=36, unique=True)
    preview_name: str = Field(max_length=36, unique=True)
    width: int
    height: int
    sheets: int = Field(default=0)
    size_bytes: int
    sha256: str = Field(max_length=64)
    corners: list | None = Field(default=None, sa_column=Column(JSON, nullable=True))
    mode: str = Field(default='document', max_length=10)
    quarter_turns: int = Field(default=0)
    quality: list = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    upload_key: str = Field(max_length=64)
    created_at: datetime


class Submission(SQLModel, table=True):
    """A sent document: one PDF (and its receipt PDF) stored encrypted, decided on by a case worker.

    ``status`` is 'received', 'accepted' or 'resubmit' (then ``reason_code`` names a standard reason, see
    ``portal.documents.reasons``, and/or ``reason`` is a message from staff, as written);
    ``idempotency_key`` (the draft's ``send_key``) makes a retried submit return the same receipt; ``draft_id``
    names the draft it was sent from (drafts are deleted once sent, and their ids are never reused).
    """

    __table_args__ = (UniqueConstraint('customer_id', 'idempotency_key'),)

    id: int = Field(default=None, primary_key=True)  # None until the row is added
    customer_id: int = Field(foreign_key='customer.id', index=True)
    kind: str = Field(max_length=40, index=True)
    note: str = Field(default='', max_length=500)
    request_id: int | None = Field(default=None, foreign_key='documentrequest.id')
    draft_id: int | None = Field(default=None, index=True)
    sheet_count: int
    size_bytes: int
    sha256: str = Field(max_length=64)
    file_name: str = Field(max_length=36, unique=True)
    receipt_name: str = Field(max_length=36, unique=True)
    status: str = Field(default='received', max_length=10, index=True)
    reason: str = Field(default='', max_length=500)
    reason_code: str = Field(default='', max_length=20)
    submitted_at: datetime = Field(index=True)
    decided_at: datetime | None = None
    decided_by: int | None = Field(default=None, foreign_key='staff.id')
    idempotency_key: str = Field(max_length=64)
    version: int = Field(default=1)


class UploadEvent(SQLModel, table=True):
    """One upload the server read, accepted or refused, counted for the uploads-per-hour limit; rows older
    than a day are pruned."""

    id: int = Field(default=None, primary_key=True)  # None until the row is added
    customer_id: int = Field(foreign_key='customer.id', index=True)
    at: datetime = Field(index=True)


class Notification(SQLModel, table=True):
    """Something the customer should see: ``key`` is a catalogue key, ``params`` fill its placeholders."""

    id: int = Field(default=None, primary_key=True)  # None until the row is added
    customer_id: int = Field(foreign_key='customer.id', index=True)
    key: str = Field(max_length=60)
    params: dict = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))
    created_at: datetime
    read_at: datetime | None = None
