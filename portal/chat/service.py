"""Chat between customers and the teams of the job centre: the one service pages and tests call.

Every method opens its own session, checks access (``chat.access``), commits, and then publishes a signal on
``conversation:<id>``, ``customer:<id>`` and ``team:<id>`` (``portal.core.events``): pages that show one of them read
again. Staff reads and writes of a conversation are written to the audit log.
"""
from collections.abc import Sequence

from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, col, func, select

from portal.audit import service as audit
from portal.chat import teams
from portal.chat.access import ChatRules, load
from portal.chat.canned import CannedReplies, NextAppointment, no_appointment
from portal.chat.context import ContextReading
from portal.chat.desk import DeskReading
from portal.chat.files import Files
from portal.chat.handling import Handling
from portal.chat.inbox import InboxListing
from portal.chat.models import BY_CUSTOMER, BY_STAFF, NOTE, TEXT, ChatFile, Conversation, Message
from portal.chat.papers import Papers
from portal.chat.posting import add_message, check_client_id, check_rate, clean_text, find_sent
from portal.chat.settings import TeamSettings
from portal.chat.views import (
    ConversationView,
    MessageView,
    conversation_view,
    delivery_state,
    is_visible,
    message_view,
    visible_author,
)
from portal.core.clock import Clock
from portal.core.db import Database, get_existing
from portal.core.errors import InvalidInput, NotFound
from portal.core.events import Events
from portal.core.paper import Letterhead
from portal.core.workers import Workers
from portal.documents.attachments import Attachments
from portal.identity.roles import Actor
from portal.people.models import Customer, Staff, Team

HISTORY = 500  # the newest messages a page loads at once


class Chat(Handling, InboxListing, ContextReading, CannedReplies, TeamSettings, DeskReading, Files, Papers):
    def __init__(self, database: Database, clock: Clock, events: Events, rules: ChatRules, *,
                 attachments: Attachments, workers: Workers, letterhead: Letterhead,
                 next_appointment: NextAppointment = no_appointment) -> None:
        self._db = database
        self._clock = clock
        self.events = events
        self.rules = rules
        self.next_appointment = next_appointment  # customer id -> next appointment (appointments come later)
        self.attachments = attachments  # photos and PDFs through document intake (``chat.files``)
        self.workers = workers
        self.letterhead = letterhead  # the district's name and font on transcripts (``chat.papers``)

    # --- the customer's side -------------------------------------------------------------------------------------

    def status(self, actor: Actor, concern: str) -> teams.TeamStatus:
        """Who would answer ``concern`` for this customer, whether they are in, and how soon they answer."""
        with self._db.session() as session:
            customer = self._customer(session, actor)
            return teams.team_status(session, teams.route(session, customer, concern), self._clock())

    def team_status(self, actor: Actor, conversation_id: int) -> teams.TeamStatus:
        with self._db.session() as session:
            conversation = load(session, actor, conversation_id, self.rules)
            return teams.team_status(session, get_existing(Team, conversation.team_id, session=session),
                                     self._clock())

    def start(self, actor: Actor, concern: str, text: str, client_id: str) -> ConversationView:
        """A new conversation with its first message, routed to the team that answers the concern. Sent twice
        (same ``client_id``), it is started once."""
        body = clean_text(text, self.rules)
        check_client_id(client_id)
        with self._db.session() as session:
            customer = self._customer(session, actor)
            earlier = session.exec(select(Message.conversation_id).join(
                Conversation, col(Conversation.id) == Message.conversation_id).where(
                Conversation.customer_id == customer.id, Message.client_id == client_id)).first()
            if earlier is not None:
                return self._view(session, actor, load(session, actor, earlier, self.rules))
            team = teams.route(session, customer, concern)
            check_rate(session, actor, self.rules, self._clock())
            now = self._clock()
            conversation = Conversation(customer_id=customer.id, team_id=team.id, concern=concern, started_at=now,
                                        last_message_at=now)
            session.add(conversation)
            session.flush()
            add_message(session, conversation, actor, kind=TEXT, body=body, client_id=client_id, now=now)
            session.commit()
            view = self._view(session, actor, conversation)
        self._announce(conversation, 'started')
        return view

    def conversations(self, actor: Actor) -> list[ConversationView]:
        """The customer's conversations, the newest activity first."""
        with self._db.session() as session:
            customer = self._customer(session, actor)
            rows = session.exec(select(Conversation).where(Conversation.customer_id == customer.id)
                                .order_by(col(Conversation.last_message_at).desc(), col(Conversation.id).desc())
                                .limit(200)).all()
            return self._views(session, actor, rows)

    def unread(self, actor: Actor) -> int:
        """Messages from staff the customer has not read yet, in all their conversations (the badge)."""
        if actor.customer_id is None:
            return 0
        with self._db.session() as session:
            return session.exec(select(func.count()).select_from(Message).join(
                Conversation, col(Conversation.id) == Message.conversation_id).where(
                Conversation.customer_id == actor.customer_id, Message.author == BY_STAFF, Message.kind == TEXT,
                col(Message.id) > Conversation.customer_read)).one()

    # --- both sides ------------------------------------------------------------------------------------------------

    def conversation(self, actor: Actor, conversation_id: int) -> ConversationView:
        with self._db.session() as session:
            return self._view(session, actor, load(session, actor, conversation_id, self.rules))

    def messages(self, actor: Actor, conversation_id: int, after: int = 0, *, read: bool = True) -> list[MessageView]:
        """What the reader may see, oldest first: the newest ``HISTORY`` entries, or those after id ``after`` (a
        page catching up). Staff reading marks the conversation read (audited); the customer's marks theirs.
        ``read=False``: a page fetches what came while it may be hidden; it marks read with ``read`` once shown."""
        with self._db.session() as session:
            conversation = load(session, actor, conversation_id, self.rules, lock=actor.is_staff)
            query = select(Message, ChatFile).outerjoin(ChatFile, col(ChatFile.id) == Message.file_id).where(
                Message.conversation_id == conversation.id, col(Message.id) > after)
            if actor.customer_id is not None:
                query = query.where(Message.kind != NOTE)
            rows = list(reversed(session.exec(query.order_by(col(Message.id).desc()).limit(HISTORY)).all()))
            views = self._message_views(session, actor, conversation, rows)
            changed = read and self._mark_read(conversation, actor)
            if actor.is_staff and (after == 0 or changed):
                audit.record(session=session, actor=actor, action='chat.view', at=self._clock(),
                             customer_id=conversation.customer_id, detail=f'conversation={conversation.id}')
            session.commit()
        if changed:
            self._announce(conversation, 'read')
        return views

    def post(self, actor: Actor, conversation_id: int, text: str, client_id: str, *, note: bool = False,
             file_id: int | None = None) -> MessageView:
        """A message (staff: or an internal note) in the conversation. Sent again with the same ``client_id`` it is
        stored once and the stored one is returned; too long, empty or too many in a minute is refused."""
        body = clean_text(text, self.rules, file=file_id is not None)
        check_client_id(client_id)
        if note and not actor.is_staff:
            raise NotFound()
        with self._db.session() as session:
            conversation = load(session, actor, conversation_id, self.rules, lock=True)
            sent = find_sent(session, conversation.id, client_id)
            if sent is None:
                check_rate(session, actor, self.rules, self._clock())
                if file_id is not None:
                    self._check_file(session, conversation, file_id)
                sent = add_message(session, conversation, actor, kind=NOTE if note else TEXT, body=body,
                                   client_id=client_id, now=self._clock(), file_id=file_id)
                audit.record(session=session, actor=actor, action='chat.note' if note else 'chat.reply',
                             at=self._clock(), customer_id=conversation.customer_id,
                             detail=f'conversation={conversation.id}')
                try:
                    session.commit()
                except IntegrityError:  # the same message from a second tab or process, at the same moment
                    session.rollback()
                    return self._sent_again(actor, conversation_id, client_id)
                fresh = True
            else:
                fresh = False
            view = self._message_views(session, actor, conversation, [(sent, session.get(ChatFile, sent.file_id)
                                                                          if sent.file_id else None)])[0]
        if fresh:
            self._announce(conversation, 'note' if note else 'message')
        return view

    def read(self, actor: Actor, conversation_id: int) -> None:
        """The reader has seen everything shown (a page that was open when messages came)."""
        with self._db.session() as session:
            conversation = load(session, actor, conversation_id, self.rules, lock=True)
            changed = self._mark_read(conversation, actor)
            session.commit()
        if changed:
            self._announce(conversation, 'read')

    def typing(self, actor: Actor, conversation_id: int) -> None:
        """Someone is writing: a signal only, nothing is stored (staff notes are not announced)."""
        with self._db.session() as session:
            conversation = load(session, actor, conversation_id, self.rules)
        side = 'customer' if actor.customer_id is not None else 'staff'
        self.events.publish(f'conversation:{conversation.id}', kind='typing', side=side)

    # --- inside ---------------------------------------------------------------------------------------------------

    def _customer(self, session: Session, actor: Actor) -> Customer:
        if actor.customer_id is None:
            raise NotFound()
        return get_existing(Customer, actor.customer_id, session=session)

    def _check_file(self, session: Session, conversation: Conversation, file_id: int) -> None:
        row = session.get(ChatFile, file_id)
        used = session.exec(select(Message.id).where(Message.file_id == file_id)).first()
        if row is None or row.conversation_id != conversation.id or used is not None:
            raise InvalidInput('chat.error.file')

    def _sent_again(self, actor: Actor, conversation_id: int, client_id: str) -> MessageView:
        with self._db.session() as session:
            conversation = load(session, actor, conversation_id, self.rules)
            sent = find_sent(session, conversation.id, client_id)
            if sent is None:
                raise NotFound()
            file = session.get(ChatFile, sent.file_id) if sent.file_id else None
            return self._message_views(session, actor, conversation, [(sent, file)])[0]

    def _mark_read(self, conversation: Conversation, actor: Actor) -> bool:
        newest = conversation.last_message_id
        if actor.customer_id is not None and conversation.customer_read < newest:
            conversation.customer_read = newest
        elif actor.is_staff and actor.customer_id is None and conversation.staff_read < newest:
            conversation.staff_read = conversation.staff_seen = newest
        else:
            return False
        return True

    def _message_views(self, session: Session, actor: Actor, conversation: Conversation,
                       rows: list) -> list[MessageView]:
        for_staff = actor.customer_id is None
        customer = session.get(Customer, conversation.customer_id)
        case_worker = customer.case_worker_id if customer else None
        authors = {row.staff_id for row, _ in rows if row.staff_id}
        staff = {person.id: person for person in session.exec(
            select(Staff).where(col(Staff.id).in_(authors))).all()} if authors else {}
        return [message_view(row, file, author_name=visible_author(row, staff.get(row.staff_id or 0), case_worker,
                                                                   for_staff=for_staff),
                             state=delivery_state(row, conversation, show_read=self.rules.show_read or for_staff))
                for row, file in rows if is_visible(row, for_staff=for_staff)]

    def _view(self, session: Session, actor: Actor, row: Conversation) -> ConversationView:
        return self._views(session, actor, [row])[0]

    def _views(self, session: Session, actor: Actor, rows: Sequence[Conversation]) -> list[ConversationView]:
        """Conversations as lists show them; the unread counts and previews of all of them in two queries (a list
        of fifty is drawn again on every signal of its team)."""
        for_staff = actor.customer_id is None
        ids = [row.id for row in rows]
        mark = Conversation.staff_read if for_staff else Conversation.customer_read
        unread = dict(session.exec(select(Message.conversation_id, func.count()).join(
            Conversation, col(Conversation.id) == Message.conversation_id).where(
            col(Message.conversation_id).in_(ids), Message.author == (BY_CUSTOMER if for_staff else BY_STAFF),
            Message.kind == TEXT, col(Message.id) > mark).group_by(col(Message.conversation_id))).all())
        newest = select(func.max(Message.id)).where(col(Message.conversation_id).in_(ids), Message.kind == TEXT) \
            .group_by(col(Message.conversation_id))
        previews = dict(session.exec(select(Message.conversation_id, Message.body)
                                     .where(col(Message.id).in_(newest))).all())
        return [conversation_view(
            row, get_existing(Team, row.team_id, session=session), unread.get(row.id, 0),
            preview=(previews.get(row.id) or '')[:80], show_read=self.rules.show_read,
            customer=session.get(Customer, row.customer_id) if for_staff else None,
            assignee=session.get(Staff, row.assignee_id) if for_staff and row.assignee_id else None) for row in rows]

    def _announce(self, conversation: Conversation, kind: str) -> None:
        """After the commit: the pages showing this conversation, the customer's and the team's lists."""
        signal = {'kind': kind, 'conversation': conversation.id}
        self.events.publish(f'conversation:{conversation.id}', **signal)
        self.events.publish(f'customer:{conversation.customer_id}', **signal)
        self.events.publish(f'team:{conversation.team_id}', **signal)
