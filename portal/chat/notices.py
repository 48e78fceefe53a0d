"""E-mail notices of chat messages: a customer who agreed to them (``Customer.chat_notices``) and has an e-mail
address hears by e-mail that a message of the job centre waits, once it has stayed unread for
``PORTAL_CHAT_NOTICE_MINUTES``.

One e-mail per unread streak: a streak begins with a staff message the customer has not read and lasts until they
read (or write) in that conversation. ``Conversation.noticed`` is the newest staff message an e-mail was queued for;
while the customer has not read up to it, further staff messages add to the same streak and send nothing more.

The e-mail says only that a message waits, with the portal's address and the district's name, in the customer's
language and in German: never the message, the team or the concern (social data).
"""
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import and_, exists, func, update
from sqlmodel import Session, col, select

from portal.chat.models import BY_STAFF, TEXT, Conversation, Message
from portal.core.clock import Clock
from portal.core.db import Database
from portal.core.i18n import Translator
from portal.mail.service import Mail, bilingual
from portal.people.models import Customer


@dataclass(frozen=True)
class NoticeRules:
    minutes: int  # how long a staff message stays unread before the e-mail
    portal_url: str
    district: str


class ChatNotices:
    def __init__(self, database: Database, clock: Clock, mail: Mail, rules: NoticeRules) -> None:
        self._db = database
        self._clock = clock
        self._mail = mail
        self.rules = rules

    def round(self) -> int:
        """Queue the e-mail of every conversation whose notice is due; how many were queued (run every ~20 s; two
        processes running it at once queue each e-mail once)."""
        with self._db.session() as session:
            due = session.exec(select(Conversation.id).join(Customer, col(Customer.id) == Conversation.customer_id)
                               .where(*self._due(self._clock())).order_by(col(Conversation.id))).all()
        return sum(self._notice(conversation_id) for conversation_id in due)

    def _due(self, now: datetime) -> tuple:
        """A consenting customer with an address, no e-mail yet in this streak, and a staff message unread for long
        enough."""
        waiting = exists().where(col(Message.conversation_id) == Conversation.id, col(Message.author) == BY_STAFF,
                                 col(Message.kind) == TEXT, col(Message.id) > Conversation.customer_read,
                                 col(Message.created_at) <= now - timedelta(minutes=self.rules.minutes))
        return (col(Customer.chat_notices).is_(True), col(Customer.email).is_not(None), Customer.email != '',
                col(Conversation.noticed) <= Conversation.customer_read, waiting)

    def _notice(self, conversation_id: int) -> bool:
        """In one transaction: move the conversation's ``noticed`` mark (only if nobody else did) and queue the
        e-mail; so it is queued once, and never lost between the two."""
        with self._db.session() as session:
            found = session.exec(select(Conversation, Customer).join(
                Customer, col(Customer.id) == Conversation.customer_id).where(
                Conversation.id == conversation_id, *self._due(self._clock()))).first()
            if found is None:
                return False
            conversation, customer = found
            newest = _newest_staff_message(session, conversation.id)
            moved = session.exec(update(Conversation).where(
                and_(col(Conversation.id) == conversation.id, col(Conversation.noticed) == conversation.noticed))
                .values(noticed=newest))
            if moved.rowcount != 1:
                session.rollback()
                return False
            subject, body = bilingual(customer.preferred_language, 'chat.notice.subject', 'chat.notice.body',
                                      self._texts)
            queued = self._mail.queue(str(customer.email), subject, body,
                                      key=f'chat-notice:{conversation.id}:{newest}', session=session)
            session.commit()
            return queued

    def _texts(self, t: Translator) -> dict[str, object]:
        return {'url': self.rules.portal_url, 'district': self.rules.district, 'more': t('nav.more')}


def _newest_staff_message(session: Session, conversation_id: int) -> int:
    return session.exec(select(func.max(Message.id)).where(
        Message.conversation_id == conversation_id, Message.author == BY_STAFF, Message.kind == TEXT)).one() or 0
