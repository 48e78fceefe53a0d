"""Canned replies (text modules): admins keep them in the six languages; staff insert one into a conversation in
the customer's language, with the placeholders filled in.

Placeholders are ``{customer_name}``, ``{case_worker}`` (the customer's case worker, else their team) and
``{next_appointment}`` (from the provider injected into ``Chat``; there is no appointments capability yet).
Texts are filled by hand, never with ``str.format``: a text is data, and only the three names are ever replaced.
"""
import string
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, col, select

from portal.audit import service as audit
from portal.chat.access import load
from portal.chat.models import CannedReply
from portal.chat.part import Part
from portal.core.db import get_existing
from portal.core.errors import Conflict, InvalidFields, InvalidInput, NotFound
from portal.core.i18n import LANGUAGES, SOURCE, Translator
from portal.identity.roles import Actor, Role
from portal.people.access import require
from portal.people.models import Customer, Staff, Team

PLACEHOLDERS = ('customer_name', 'case_worker', 'next_appointment')
TITLE_CHARS = 80
NextAppointment = Callable[[int], datetime | None]  # customer id -> their next appointment, if any


def no_appointment(customer_id: int) -> datetime | None:
    """The provider until appointments exist: nobody has one."""
    return None


@dataclass(frozen=True)
class CannedReplyView:
    """``texts`` maps a language code to the text with its placeholders; German is always there."""

    id: int
    title: str
    texts: dict[str, str]
    version: int


@dataclass(frozen=True)
class CannedText:
    """A canned reply filled in for one conversation, in ``language`` (the customer's, else German)."""

    text: str
    language: str


class CannedReplies(Part):
    """Part of ``Chat``."""

    next_appointment: NextAppointment

    def canned_replies(self, actor: Actor) -> list[CannedReplyView]:
        """Every canned reply by title (staff)."""
        if not actor.is_staff:
            raise NotFound()
        with self._db.session() as session:
            return [_view(row) for row in session.exec(select(CannedReply).order_by(col(CannedReply.title))).all()]

    def save_canned_reply(self, actor: Actor, reply_id: int | None, title: str, texts: dict[str, str], *,
                          version: int | None = None) -> CannedReplyView:
        """A new canned reply (``reply_id`` None) or a change to the one the admin saw at ``version``."""
        require(actor, Role.ADMIN)
        cleaned_title, cleaned = checked(title, texts, self.rules.max_chars)
        with self._db.session() as session:
            row = CannedReply(title=cleaned_title, texts=cleaned) if reply_id is None else \
                self._reply(session, reply_id, version)
            row.title, row.texts = cleaned_title, cleaned
            if reply_id is not None:
                row.version += 1
            session.add(row)
            try:
                session.commit()
            except IntegrityError as error:  # another reply has this title
                raise InvalidFields({'title': InvalidInput('chat.replies.error.title_taken')}) from error
            return _view(row)

    def delete_canned_reply(self, actor: Actor, reply_id: int, *, version: int) -> None:
        require(actor, Role.ADMIN)
        with self._db.session() as session:
            session.delete(self._reply(session, reply_id, version))
            session.commit()

    def render(self, actor: Actor, reply_id: int, conversation_id: int) -> CannedText:
        """The reply in the customer's preferred language (German where that text is empty), filled in."""
        if not actor.is_staff or actor.customer_id is not None:
            raise NotFound()
        with self._db.session() as session:
            conversation = load(session, actor, conversation_id, self.rules)
            reply = session.get(CannedReply, reply_id)
            if reply is None:
                raise NotFound()
            customer = get_existing(Customer, conversation.customer_id, session=session)
            language = customer.preferred_language if (reply.texts or {}).get(customer.preferred_language) \
                else SOURCE
            values = self._values(session, customer, Translator(language))
            audit.record(session=session, actor=actor, action='chat.canned', at=self._clock(),
                         customer_id=customer.id, detail=f'conversation={conversation.id} reply={reply.id}')
            session.commit()
            return CannedText(fill(reply.texts[language], values), language)

    def _values(self, session: Session, customer: Customer, t: Translator) -> dict[str, str]:
        worker = session.get(Staff, customer.case_worker_id) if customer.case_worker_id else None
        team = get_existing(Team, customer.team_id, session=session)
        appointment = self.next_appointment(customer.id)
        return {'customer_name': f'{customer.first_name} {customer.last_name}',
                'case_worker': f'{worker.first_name} {worker.last_name}' if worker else team.name,
                'next_appointment': t.datetime(appointment, 'short') if appointment
                else t('chat.replies.no_appointment')}

    def _reply(self, session: Session, reply_id: int, version: int | None) -> CannedReply:
        row = session.get(CannedReply, reply_id)
        if row is None:
            raise NotFound()
        if version is not None and version != row.version:
            raise Conflict()
        return row


def checked(title: str, texts: dict[str, str], max_chars: int) -> tuple[str, dict[str, str]]:
    """The title and the texts as stored, or every problem at once (``InvalidFields`` by field: ``title`` and
    the language codes): a title, a German text, known placeholders only, nothing too long."""
    problems: dict[str, InvalidInput] = {}
    cleaned_title = (title or '').strip()
    if not cleaned_title or len(cleaned_title) > TITLE_CHARS:
        problems['title'] = InvalidInput('chat.replies.error.title', count=TITLE_CHARS)
    cleaned = {code: (texts.get(code) or '').replace('\r\n', '\n').strip() for code in LANGUAGES}
    for code, text in cleaned.items():
        problem = _text_problem(text, max_chars, required=code == SOURCE)
        if problem is not None:
            problems[code] = problem
    if problems:
        raise InvalidFields(problems)
    return cleaned_title, {code: text for code, text in cleaned.items() if text}


def _text_problem(text: str, max_chars: int, *, required: bool) -> InvalidInput | None:
    if not text:
        return InvalidInput('chat.replies.error.german') if required else None
    if len(text) > max_chars:
        return InvalidInput('chat.error.too_long', count=max_chars)
    try:
        fields = [(name, spec, conversion) for _, name, spec, conversion in string.Formatter().parse(text)
                  if name is not None]
    except ValueError:
        return InvalidInput('chat.replies.error.malformed')
    for name, spec, conversion in fields:
        if name not in PLACEHOLDERS or spec or conversion:
            return InvalidInput('chat.replies.error.unknown', name='{' + name + '}')
    return None


def fill(text: str, values: dict[str, str]) -> str:
    """The text with each known placeholder replaced; ``{{`` and ``}}`` stand for braces."""
    return ''.join(literal + (values.get(name, '') if name is not None else '')
                   for literal, name, _, _ in string.Formatter().parse(text))


def _view(row: CannedReply) -> CannedReplyView:
    return CannedReplyView(row.id, row.title, dict(row.texts or {}), row.version)
