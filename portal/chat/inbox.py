"""The staff inbox: queues of the teams a member of staff works in, with counts, oldest waiting first."""
from dataclasses import dataclass

from sqlalchemy import or_
from sqlmodel import col, func, select, update
from sqlmodel.sql.expression import SelectOfScalar

from portal.audit import service as audit
from portal.chat.access import load, scoped, sees_all
from portal.chat.models import BY_CUSTOMER, CLOSED, CUSTOMER, OPEN, TEXT, US, Conversation, Message
from portal.chat.part import Part
from portal.chat.views import ConversationView
from portal.core.errors import NotFound
from portal.core.listing import Listing, fetch
from portal.identity.roles import Actor
from portal.people.models import Customer, Staff, StaffTeam, Team
from portal.people.views import TeamView, team_view

QUEUES = ('unassigned', 'mine', 'waiting_us', 'waiting_customer', 'closed')


@dataclass(frozen=True)
class InboxFilter:
    """A queue of one team (None: all the actor's teams); ``search`` finds a customer's conversations by number or
    name, in every queue."""

    queue: str = 'unassigned'
    team_id: int | None = None
    search: str = ''


@dataclass(frozen=True)
class QueueCount:
    queue: str
    conversations: int
    unread: int  # of them, those with customer messages nobody of the team has read yet


@dataclass(frozen=True)
class Colleague:
    id: int
    name: str


class InboxListing(Part):
    """Part of ``Chat``."""

    def inbox(self, actor: Actor, wanted: InboxFilter | None = None, offset: int = 0) -> Listing[ConversationView]:
        """Fifty conversations of the queue, the longest waiting first (closed: the latest closed first). The
        customer messages listed count as delivered. A search is audited."""
        wanted = wanted or InboxFilter()
        self._staff(actor)
        with self._db.session() as session:
            query = self._queue(self._team(scoped(select(Conversation), actor, self.rules), actor, wanted),
                                actor, wanted)
            if wanted.search.strip():
                query = _search(query, wanted.search)
                audit.record(session=session, actor=actor, action='chat.search', at=self._clock(),
                             detail=wanted.search.strip()[:100])
            found, start, more = fetch(session, query, offset)
            views = tuple(self._views(session, actor, found))
            delivered = [row.id for row in found if row.staff_seen < row.last_message_id]
            if delivered:
                session.exec(update(Conversation).where(col(Conversation.id).in_(delivered))
                             .values(staff_seen=Conversation.last_message_id))
            session.commit()
        for row in found:
            if row.id in delivered:
                self.events.publish(f'conversation:{row.id}', kind='delivered', conversation=row.id)
        return Listing(views, start, more)

    def queue_counts(self, actor: Actor, team_id: int | None = None) -> list[QueueCount]:
        """How many conversations each queue holds, and how many of them have unread customer messages."""
        self._staff(actor)
        counts = []
        with self._db.session() as session:
            for queue in QUEUES:
                wanted = InboxFilter(queue, team_id)
                query = self._queue(self._team(scoped(select(Conversation), actor, self.rules), actor, wanted),
                                    actor, wanted)
                ids = query.with_only_columns(col(Conversation.id)).order_by(None).subquery()
                total = session.exec(select(func.count()).select_from(ids)).one()
                unread = session.exec(select(func.count(func.distinct(Message.conversation_id))).join(
                    Conversation, col(Conversation.id) == Message.conversation_id).where(
                    col(Message.conversation_id).in_(select(ids.c.id)), Message.author == BY_CUSTOMER,
                    Message.kind == TEXT, col(Message.id) > Conversation.staff_read)).one()
                counts.append(QueueCount(queue, total, unread))
        return counts

    def chat_teams(self, actor: Actor) -> list[TeamView]:
        """The teams whose queues the actor works (admins, by setting, all)."""
        self._staff(actor)
        with self._db.session() as session:
            query = select(Team).order_by(col(Team.name))
            if not sees_all(actor, self.rules):
                query = query.where(col(Team.id).in_(actor.team_ids))
            return [team_view(team) for team in session.exec(query).all()]

    def all_teams(self, actor: Actor) -> list[TeamView]:
        """Every team, to transfer a conversation to."""
        self._staff(actor)
        with self._db.session() as session:
            return [team_view(team) for team in session.exec(select(Team).order_by(col(Team.name))).all()]

    def colleagues(self, actor: Actor, conversation_id: int) -> list[Colleague]:
        """The members of the conversation's team, to assign it to."""
        self._staff(actor)
        with self._db.session() as session:
            conversation = load(session, actor, conversation_id, self.rules)
            rows = session.exec(select(Staff).join(StaffTeam, col(StaffTeam.staff_id) == Staff.id).where(
                StaffTeam.team_id == conversation.team_id).order_by(col(Staff.last_name))).all()
            return [Colleague(row.id, f'{row.first_name} {row.last_name}') for row in rows]

    def _staff(self, actor: Actor) -> None:
        if not actor.is_staff or actor.customer_id is not None:
            raise NotFound()

    def _team(self, query: SelectOfScalar, actor: Actor, wanted: InboxFilter) -> SelectOfScalar:
        return query if wanted.team_id is None else query.where(Conversation.team_id == wanted.team_id)

    def _queue(self, query: SelectOfScalar, actor: Actor, wanted: InboxFilter) -> SelectOfScalar:
        if wanted.search.strip():
            return query.order_by(col(Conversation.last_message_at).desc(), col(Conversation.id).desc())
        if wanted.queue == 'closed':
            return query.where(Conversation.state == CLOSED).order_by(col(Conversation.closed_at).desc(),
                                                                      col(Conversation.id).desc())
        query = query.where(Conversation.state == OPEN)
        if wanted.queue == 'unassigned':
            query = query.where(col(Conversation.assignee_id).is_(None))
        elif wanted.queue == 'mine':
            query = query.where(Conversation.assignee_id == actor.staff_id)
        elif wanted.queue == 'waiting_us':
            query = query.where(Conversation.waiting == US)
        elif wanted.queue == 'waiting_customer':
            query = query.where(Conversation.waiting == CUSTOMER)
        waiting = func.coalesce(Conversation.waiting_since, Conversation.last_message_at)
        return query.order_by(col(Conversation.waiting).desc(), waiting, col(Conversation.id))


def _search(query: SelectOfScalar, text: str) -> SelectOfScalar:
    term = f'%{text.strip().lower()[:80]}%'
    name = func.lower(Customer.first_name + ' ' + Customer.last_name)
    return query.join(Customer, col(Customer.id) == Conversation.customer_id).where(
        or_(func.lower(Customer.customer_number).like(term), name.like(term)))
