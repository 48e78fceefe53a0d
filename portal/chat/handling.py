"""What staff do with a conversation: assign, transfer, close, reopen; and say whether they are available."""

from sqlalchemy.exc import IntegrityError
from sqlmodel import Session

from portal.audit import service as audit
from portal.chat.access import load
from portal.chat.models import CLOSED, NOTE, OPEN, Conversation, Presence
from portal.chat.part import Part
from portal.chat.posting import add_event, add_message, check_client_id, clean_text
from portal.chat.views import ConversationView
from portal.core.errors import Conflict, InvalidInput, NotFound
from portal.identity.roles import Actor
from portal.people.access import staff_id_of
from portal.people.models import Staff, StaffTeam, Team

CLOSE_REASONS = ('answered', 'no_reply', 'duplicate', 'other')


class Handling(Part):
    """Staff actions on conversations (part of ``Chat``). ``version`` (from the view the person acted on) makes a
    change that crossed another person's a ``Conflict``."""

    def assign(self, actor: Actor, conversation_id: int, staff_id: int | None, *,
               version: int | None = None) -> ConversationView:
        """To a member of the conversation's team (the actor themselves, or a colleague); None releases it."""
        with self._db.session() as session:
            conversation = self._changing(session, actor, conversation_id, version)
            if staff_id is not None and session.get(StaffTeam, (staff_id, conversation.team_id)) is None:
                raise InvalidInput('chat.error.assignee')
            conversation.assignee_id = staff_id
            person = session.get(Staff, staff_id) if staff_id is not None else None
            add_event(session, conversation, actor, 'assigned' if person else 'released', self._clock(),
                      name=f'{person.first_name} {person.last_name}' if person else '')
            return self._done(session, actor, conversation, 'chat.assign')

    def transfer(self, actor: Actor, conversation_id: int, team_id: int, note: str, *,
                 version: int | None = None) -> ConversationView:
        """To another team, with a note for it (an internal note: the customer sees only the new team's name)."""
        with self._db.session() as session:
            conversation = self._changing(session, actor, conversation_id, version)
            team = session.get(Team, team_id)
            if team is None or team.id == conversation.team_id:
                raise InvalidInput('chat.error.team')
            text = clean_text(note, self.rules)
            now = self._clock()
            add_message(session, conversation, actor, kind=NOTE, body=text, client_id=check_client_id(
                f'transfer-{conversation.id}-{conversation.version}-{team.id}'), now=now)
            add_event(session, conversation, actor, 'transferred', now, team=team.name)
            before = conversation.team_id
            conversation.team_id, conversation.assignee_id = team.id, None
            view = self._done(session, actor, conversation, 'chat.transfer')
        self.events.publish(f'team:{before}', kind='transfer', conversation=conversation.id)
        return view

    def close(self, actor: Actor, conversation_id: int, reason: str, *,
              version: int | None = None) -> ConversationView:
        if reason not in CLOSE_REASONS:
            raise InvalidInput('chat.error.reason')
        with self._db.session() as session:
            conversation = self._changing(session, actor, conversation_id, version)
            if conversation.state == CLOSED:
                raise Conflict()
            now = self._clock()
            add_event(session, conversation, actor, 'closed', now, reason=reason)
            conversation.state, conversation.closed_at, conversation.close_reason = CLOSED, now, reason
            return self._done(session, actor, conversation, 'chat.close')

    def reopen(self, actor: Actor, conversation_id: int, *, version: int | None = None) -> ConversationView:
        with self._db.session() as session:
            conversation = self._changing(session, actor, conversation_id, version)
            if conversation.state == OPEN:
                raise Conflict()
            add_event(session, conversation, actor, 'reopened', self._clock())
            return self._done(session, actor, conversation, 'chat.reopen')

    def set_available(self, actor: Actor, available: bool) -> bool:
        """A member of staff is available for chat, or away; shown to customers as "the team is available"."""
        self._keep_presence(actor, available)
        for team_id in actor.team_ids:
            self.events.publish(f'presence:{team_id}', kind='presence')
        return available

    def is_available(self, actor: Actor) -> bool:
        with self._db.session() as session:
            row = session.get(Presence, staff_id_of(actor))
            return bool(row and row.available)

    def still_here(self, actor: Actor) -> None:
        """A staff page's sign of life, every minute while open (so availability lapses when they leave)."""
        self._keep_presence(actor, None)

    def _keep_presence(self, actor: Actor, available: bool | None) -> None:
        """Seen now (and available or away); the first row of a person may be made by two pages at once (the
        minute's sign of life and the switch): the one that comes second then changes the row the first made."""
        for attempt in range(2):
            with self._db.session() as session:
                row = self._presence(session, actor)
                row.seen_at = self._clock()
                if available is not None:
                    row.available = available
                session.add(row)
                try:
                    session.commit()
                    return
                except IntegrityError:
                    if attempt:
                        raise

    def _presence(self, session: Session, actor: Actor) -> Presence:
        staff_id = staff_id_of(actor)
        return session.get(Presence, staff_id) or Presence(staff_id=staff_id, available=False, seen_at=self._clock())

    def _changing(self, session: Session, actor: Actor, conversation_id: int, version: int | None) -> Conversation:
        if not actor.is_staff:
            raise NotFound()
        conversation = load(session, actor, conversation_id, self.rules, lock=True)
        if version is not None and version != conversation.version:
            raise Conflict()
        return conversation

    def _done(self, session: Session, actor: Actor, conversation: Conversation, action: str) -> ConversationView:
        session.add(conversation)
        audit.record(session=session, actor=actor, action=action, at=self._clock(),
                     customer_id=conversation.customer_id, detail=f'conversation={conversation.id}')
        session.commit()
        view = self._view(session, actor, conversation)
        self._announce(conversation, action.removeprefix('chat.'))
        return view
