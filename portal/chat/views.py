"""Read models of chat for pages and components: frozen copies taken inside the service's session."""
from dataclasses import dataclass, field
from datetime import datetime

from portal.chat.models import BY_CUSTOMER, BY_STAFF, NOTE, ChatFile, Conversation, Message
from portal.people.models import Customer, Staff, Team

SENT, DELIVERED, READ = 'sent', 'delivered', 'read'


@dataclass(frozen=True)
class FileView:
    id: int
    source: str  # 'image' or 'pdf'
    sheets: int
    name: str


@dataclass(frozen=True)
class MessageView:
    """One entry of a conversation as its reader may see it. ``author_name`` is empty for the customer's own and
    for staff who are not the customer's case worker (the team speaks); ``state`` is the delivery state of the
    customer's own messages as the reader may see it (empty otherwise)."""

    id: int
    conversation_id: int
    author: str  # customer, staff, system
    kind: str  # text, note, event
    body: str
    created_at: datetime
    client_id: str
    author_name: str = ''
    detail: dict = field(default_factory=dict)
    file: FileView | None = None
    state: str = ''


@dataclass(frozen=True)
class ConversationView:
    """A conversation as a list shows it. ``unread`` counts what the reader has not read yet; ``customer_name``
    and ``customer_number`` are filled for staff only."""

    id: int
    concern: str
    team_id: int
    team_name: str
    state: str
    waiting: str
    started_at: datetime
    last_message_at: datetime
    waiting_since: datetime | None
    unread: int
    customer_id: int
    assignee_id: int | None = None
    assignee_name: str = ''
    customer_name: str = ''
    customer_number: str = ''
    customer_language: str = ''
    close_reason: str = ''
    preview: str = ''  # the newest message's first words (text messages only)
    version: int = 1  # goes back with a change (assign, transfer, close, reopen): Conflict when it is stale
    delivered_up_to: int = 0  # the customer's messages up to this id reached a staff page (customers only)
    read_up_to: int = 0  # ... and up to this id were read by staff (customers only, when the job centre shows it)


def file_view(row: ChatFile | None) -> FileView | None:
    return None if row is None else FileView(row.id, row.source, row.sheets, row.name)


def message_view(row: Message, file: ChatFile | None, *, author_name: str, state: str) -> MessageView:
    return MessageView(row.id, row.conversation_id, row.author, row.kind, row.body, row.created_at, row.client_id,
                       author_name, dict(row.detail or {}), file_view(file), state)


def delivery_state(row: Message, conversation: Conversation, *, show_read: bool) -> str:
    """Sent (stored), delivered (reached a staff page) or read (by staff) — of a customer's message only."""
    if row.author != BY_CUSTOMER:
        return ''
    if show_read and row.id <= conversation.staff_read:
        return READ
    if row.id <= max(conversation.staff_seen, conversation.staff_read):
        return DELIVERED
    return SENT


def visible_author(row: Message, staff: Staff | None, case_worker_id: int | None, *, for_staff: bool) -> str:
    """Staff see who wrote; customers see only their case worker's name, the team speaks for everyone else."""
    if row.author != BY_STAFF or staff is None:
        return ''
    if for_staff or staff.id == case_worker_id:
        return f'{staff.first_name} {staff.last_name}'
    return ''


def conversation_view(row: Conversation, team: Team, unread: int, *, customer: Customer | None = None,
                      assignee: Staff | None = None, preview: str = '', show_read: bool = True) -> ConversationView:
    """``customer`` is given for staff readers; a customer reader gets the delivery marks of their messages."""
    read = 0 if customer is not None or not show_read else row.staff_read
    delivered = 0 if customer is not None else max(row.staff_seen, row.staff_read)
    return ConversationView(
        id=row.id, concern=row.concern, team_id=row.team_id, team_name=team.name, state=row.state,
        waiting=row.waiting, started_at=row.started_at, last_message_at=row.last_message_at,
        waiting_since=row.waiting_since, unread=unread, customer_id=row.customer_id, assignee_id=row.assignee_id,
        assignee_name=f'{assignee.first_name} {assignee.last_name}' if assignee else '',
        customer_name=f'{customer.first_name} {customer.last_name}' if customer else '',
        customer_number=customer.customer_number if customer else '',
        customer_language=customer.preferred_language if customer else '',
        close_reason=row.close_reason, preview=preview, delivered_up_to=delivered, read_up_to=read,
        version=row.version)


def is_visible(row: Message, *, for_staff: bool) -> bool:
    return for_staff or row.kind != NOTE
