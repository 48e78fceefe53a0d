"""Who may see which conversation: the customer their own, staff those of their teams (admins all, by setting).
Anything else is "not found", the same answer as for an id that does not exist."""
from dataclasses import dataclass

from sqlmodel import Session, col, select
from sqlmodel.sql.expression import SelectOfScalar

from portal.chat.models import Conversation
from portal.core.errors import NotFound
from portal.identity.roles import Actor, Role


@dataclass(frozen=True)
class ChatRules:
    """The job centre's chat settings (``PORTAL_CHAT_*``)."""

    max_chars: int = 2000
    per_minute: int = 15
    show_read: bool = True  # customers see "read" on their messages
    admins_see_all: bool = True


def sees_all(actor: Actor, rules: ChatRules) -> bool:
    return rules.admins_see_all and Role.ADMIN in actor.roles


def may_see(actor: Actor, conversation: Conversation, rules: ChatRules) -> bool:
    if actor.customer_id is not None:
        return conversation.customer_id == actor.customer_id
    return actor.is_staff and (conversation.team_id in actor.team_ids or sees_all(actor, rules))


def load(session: Session, actor: Actor, conversation_id: int, rules: ChatRules, *, lock: bool = False) -> Conversation:
    """The conversation if the actor may see it (``lock``: for a change, PostgreSQL locks the row)."""
    query = select(Conversation).where(Conversation.id == conversation_id)
    row = session.exec(query.with_for_update() if lock else query).first()
    if row is None or not may_see(actor, row, rules):
        raise NotFound()
    return row


def scoped(query: SelectOfScalar, actor: Actor, rules: ChatRules) -> SelectOfScalar:
    """Only the conversations the actor may see."""
    if actor.customer_id is not None:
        return query.where(Conversation.customer_id == actor.customer_id)
    if not actor.is_staff:
        return query.where(col(Conversation.id) < 0)
    if sees_all(actor, rules):
        return query
    return query.where(col(Conversation.team_id).in_(actor.team_ids))
