"""What the staff pages of the chat read in one call each: the inbox with its counts, and a conversation with
everything beside it (customer context, colleagues, teams, canned replies)."""
from dataclasses import dataclass
from typing import TYPE_CHECKING

from sqlmodel import col, func, select

from portal.chat.access import scoped
from portal.chat.canned import CannedReplyView
from portal.chat.context import CustomerContext
from portal.chat.inbox import Colleague, InboxFilter, QueueCount
from portal.chat.models import BY_CUSTOMER, OPEN, TEXT, Conversation, Message
from portal.chat.part import Part
from portal.chat.views import ConversationView, MessageView
from portal.core.listing import Listing
from portal.identity.roles import Actor
from portal.people.views import TeamView


@dataclass(frozen=True)
class InboxPage:
    """One page of a queue, the counts of every queue, and whether the reader is available for chat."""

    listing: Listing[ConversationView]
    counts: tuple[QueueCount, ...]
    available: bool
    teams: tuple[TeamView, ...]  # whose queues the reader works


@dataclass(frozen=True)
class Desk:
    """A conversation as staff work on it; ``teams`` are those it can be transferred to."""

    conversation: ConversationView
    messages: tuple[MessageView, ...]
    context: CustomerContext
    colleagues: tuple[Colleague, ...]
    teams: tuple[TeamView, ...]
    replies: tuple[CannedReplyView, ...]
    available: bool


@dataclass(frozen=True)
class Update:
    """What changed in a conversation since the newest message a page shows."""

    conversation: ConversationView
    messages: tuple[MessageView, ...]


class DeskReading(Part):
    """Part of ``Chat``: each method only combines others, which check access and audit."""

    if TYPE_CHECKING:  # the parts of ``Chat`` this one combines
        def inbox(self, actor: Actor, wanted: InboxFilter | None = None,
                  offset: int = 0) -> Listing[ConversationView]: ...

        def queue_counts(self, actor: Actor, team_id: int | None = None) -> list[QueueCount]: ...

        def colleagues(self, actor: Actor, conversation_id: int) -> list[Colleague]: ...

        def all_teams(self, actor: Actor) -> list[TeamView]: ...

        def chat_teams(self, actor: Actor) -> list[TeamView]: ...

        def is_available(self, actor: Actor) -> bool: ...

        def context(self, actor: Actor, conversation_id: int) -> CustomerContext: ...

        def canned_replies(self, actor: Actor) -> list[CannedReplyView]: ...

        def conversation(self, actor: Actor, conversation_id: int) -> ConversationView: ...

        def messages(self, actor: Actor, conversation_id: int, after: int = 0, *,
                     read: bool = True) -> list[MessageView]: ...

    def inbox_page(self, actor: Actor, wanted: InboxFilter, offset: int = 0) -> InboxPage:
        listing = self.inbox(actor, wanted, offset)
        return InboxPage(listing, tuple(self.queue_counts(actor, wanted.team_id)), self.is_available(actor),
                         tuple(self.chat_teams(actor)))

    def desk(self, actor: Actor, conversation_id: int) -> Desk:
        """The messages are read first: reading them marks them read and is audited (``chat.view``)."""
        messages = tuple(self.messages(actor, conversation_id))
        conversation = self.conversation(actor, conversation_id)
        return Desk(conversation, messages, self.context(actor, conversation_id),
                    tuple(self.colleagues(actor, conversation_id)),
                    tuple(team for team in self.all_teams(actor) if team.id != conversation.team_id),
                    tuple(self.canned_replies(actor)), self.is_available(actor))

    def catch_up(self, actor: Actor, conversation_id: int, after: int) -> Update:
        """The conversation as it is now and the messages after id ``after`` (a signal came, or the page was
        offline a while); they count as read once the page shows them (``read``)."""
        messages = tuple(self.messages(actor, conversation_id, after, read=False))
        return Update(self.conversation(actor, conversation_id), messages)

    def staff_unread(self, actor: Actor) -> int:
        """Open conversations of the reader's teams with customer messages nobody of the team has read (the badge
        of the staff navigation); counts only, so nothing to audit."""
        if not actor.is_staff or actor.customer_id is not None:
            return 0
        with self._db.session() as session:
            ids = scoped(select(Conversation.id), actor, self.rules).where(Conversation.state == OPEN).subquery()
            return session.exec(select(func.count(func.distinct(Message.conversation_id))).join(
                Conversation, col(Conversation.id) == Message.conversation_id).where(
                col(Message.conversation_id).in_(select(ids.c.id)), Message.author == BY_CUSTOMER,
                Message.kind == TEXT, col(Message.id) > Conversation.staff_read)).one()
