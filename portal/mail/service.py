"""Mail: queue an e-mail once per key, and send what is due over SMTP, from any number of processes.

A service that tells a customer something queues a row (inside its own transaction, or in one of its own) and never
waits for the mail server. ``send_due`` (every ~20 s, from main.py) claims due rows in the database, so several
processes never send one mail twice; each mail sent is marked at once. A mail the server refuses for a while is
tried again later (1 minute, doubling up to 6 hours; given up after ``MOST_ATTEMPTS``); one it refuses for good
(5xx for its recipient or content) is marked failed. When the server cannot be reached or refuses the settings (host,
login, sender), no mail loses a try: the sender pauses and the mails wait. Without ``PORTAL_SMTP_HOST`` mails stay
queued and the log says so once. Sent and failed mails are deleted after ``KEEP_DAYS`` (they hold addresses).
"""
import asyncio
import logging
import secrets
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta

import aiosmtplib
from sqlalchemy import delete, or_, update
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, col, select

from portal.core.clock import Clock
from portal.core.db import Database
from portal.core.i18n import SOURCE, Translator, normalise
from portal.mail.models import OutgoingMail
from portal.mail.smtp import SERVER_TROUBLE, SmtpServer, compose, describe, refused_for_good

BATCH = 10  # mails claimed at once; the lease covers ten slow answers of the server
LEASE = timedelta(minutes=15)
FIRST_RETRY, LONGEST_RETRY = timedelta(minutes=1), timedelta(hours=6)
MOST_ATTEMPTS = 20  # about three days of retries
LONGEST_PAUSE = timedelta(minutes=10)  # between rounds while the server is unreachable
KEEP_DAYS = 30

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class MailState:
    """Where a queued mail stands (for tests and operators; never its text)."""

    recipient: str
    due_at: datetime
    sent_at: datetime | None
    failed_at: datetime | None
    attempts: int
    last_error: str


class Mail:
    def __init__(self, database: Database, clock: Clock, server: SmtpServer | None, *, domain: str) -> None:
        self._db = database
        self._clock = clock
        self._server = server
        self._domain = domain
        self._told_unconfigured = False
        self._troubles = 0  # rounds in a row that could not reach the server
        self._paused_until: datetime | None = None

    def queue(self, to: str, subject: str, body: str, *, key: str, due_at: datetime | None = None,
              session: Session | None = None) -> bool:
        """Queue an e-mail, unless one with ``key`` was queued before; True if this call queued it. With
        ``session``, the row is part of the caller's transaction (the caller commits)."""
        if '\n' in to or '\r' in to or '@' not in to or '\n' in subject or '\r' in subject or len(subject) > 300:
            raise ValueError('a mail needs one address and a one-line subject')
        now = self._clock()
        row = OutgoingMail(key=key, recipient=to.strip(), subject=subject, body=body, created_at=now,
                           due_at=due_at or now, message_id=f'<{secrets.token_hex(16)}@{self._domain}>')
        if session is not None:
            if session.exec(select(OutgoingMail.id).where(OutgoingMail.key == key)).first() is not None:
                return False
            session.add(row)
            session.flush()
            return True
        with self._db.session() as own:
            own.add(row)
            try:
                own.commit()
            except IntegrityError:  # queued before, perhaps by another process at the same moment
                return False
        return True

    def state(self, key: str) -> MailState | None:
        with self._db.session() as session:
            row = session.exec(select(OutgoingMail).where(OutgoingMail.key == key)).first()
            if row is None:
                return None
            return MailState(row.recipient, row.due_at, row.sent_at, row.failed_at, row.attempts, row.last_error)

    async def send_due(self) -> int:
        """Send every mail that is due, in batches; how many were sent."""
        if self._server is None:
            if not self._told_unconfigured:
                log.warning('PORTAL_SMTP_HOST is not set: e-mails are queued in the database and not sent')
                self._told_unconfigured = True
            return 0
        if self._paused_until is not None and self._clock() < self._paused_until:
            return 0
        sent = 0
        while batch := await asyncio.to_thread(self._claim):
            done, reachable = await self._deliver(self._server, batch)
            sent += done
            if not reachable:
                break
        return sent

    def purge(self) -> int:
        """Delete mails sent or given up more than ``KEEP_DAYS`` ago; how many."""
        before = self._clock() - timedelta(days=KEEP_DAYS)
        with self._db.session() as session:
            result = session.exec(delete(OutgoingMail).where(or_(col(OutgoingMail.sent_at) < before,
                                                                 col(OutgoingMail.failed_at) < before)))
            session.commit()
            return result.rowcount

    # --- inside ---------------------------------------------------------------------------------------------------

    async def _deliver(self, server: SmtpServer, batch: list[OutgoingMail]) -> tuple[int, bool]:
        """Send a claimed batch over one connection: how many were sent, and whether the server could be used."""
        smtp = server.connection()
        try:
            await smtp.connect()  # with STARTTLS and the login, as configured
        except (*SERVER_TROUBLE, aiosmtplib.SMTPException) as error:  # nothing was sent: every refusal is the server's
            await asyncio.to_thread(self._server_trouble, batch, error)
            return 0, False
        sent, handled = 0, 0
        try:
            for row in batch:
                sent += await self._send(smtp, server.sender, row)
                handled += 1
        except SERVER_TROUBLE as error:  # this mail and the rest wait for the next round
            await asyncio.to_thread(self._server_trouble, batch[handled:], error)
            return sent, False
        finally:
            if smtp.is_connected:
                await _quit(smtp)
        self._troubles, self._paused_until = 0, None
        return sent, True

    async def _send(self, smtp: aiosmtplib.SMTP, sender: str, row: OutgoingMail) -> int:
        """One mail over the open connection, marked sent or refused at once; 1 if it was sent. The server's or the
        connection's failures (``SERVER_TROUBLE``) are raised: the mail waits for the next round."""
        try:
            message = compose(row, sender, self._clock())
        except ValueError as error:  # a header the e-mail format cannot carry: no server will take it
            await asyncio.to_thread(self._refused, row.id, error, for_good=True)
            return 0
        try:
            await smtp.send_message(message)
        except SERVER_TROUBLE:
            raise
        except aiosmtplib.SMTPException as error:
            await asyncio.to_thread(self._refused, row.id, error)
            return 0
        await asyncio.to_thread(self._sent, row.id)
        return 1

    def _claim(self) -> list[OutgoingMail]:
        """Up to ``BATCH`` due mails, leased to this process: a claim is a conditional UPDATE, so of two processes
        reaching for one row, one gets it (PostgreSQL re-checks the condition after the other's commit; SQLite lets
        one writer in at a time)."""
        now = self._clock()
        claimable = (col(OutgoingMail.sent_at).is_(None), col(OutgoingMail.failed_at).is_(None),
                     or_(col(OutgoingMail.claimed_until).is_(None), col(OutgoingMail.claimed_until) < now))
        with self._db.session() as session:
            due = session.exec(select(OutgoingMail.id).where(col(OutgoingMail.due_at) <= now, *claimable)
                               .order_by(col(OutgoingMail.due_at), col(OutgoingMail.id)).limit(BATCH)).all()
            mine = [mail_id for mail_id in due if session.exec(
                update(OutgoingMail).where(col(OutgoingMail.id) == mail_id, *claimable)
                .values(claimed_until=now + LEASE)).rowcount == 1]
            session.commit()
            return list(session.exec(select(OutgoingMail).where(col(OutgoingMail.id).in_(mine))
                                     .order_by(col(OutgoingMail.due_at), col(OutgoingMail.id))).all())

    def _sent(self, mail_id: int) -> None:
        self._change(mail_id, sent_at=self._clock(), claimed_until=None, attempts=OutgoingMail.attempts + 1,
                     last_error='')

    def _refused(self, mail_id: int, error: Exception, *, for_good: bool = False) -> None:
        """The server refused this mail: for good (5xx), or for now (4xx: again later, up to ``MOST_ATTEMPTS``)."""
        now = self._clock()
        with self._db.session() as session:
            row = session.get(OutgoingMail, mail_id)
            if row is None:
                return
            row.attempts += 1
            row.last_error, row.claimed_until = describe(error), None
            if for_good or refused_for_good(error) or row.attempts >= MOST_ATTEMPTS:
                row.failed_at = now
                log.warning('mail %s given up after %s attempts: %s', row.id, row.attempts, row.last_error)
            else:
                row.due_at = now + min(FIRST_RETRY * 2 ** (row.attempts - 1), LONGEST_RETRY)
            session.add(row)
            session.commit()

    def _server_trouble(self, batch: list[OutgoingMail], error: Exception) -> None:
        """The server or the settings failed: the mails go back to the queue as they were (no try lost), with the
        error noted; this process pauses (doubling up to ``LONGEST_PAUSE``) and logs the first failure of a run."""
        if self._troubles == 0:
            log.warning('cannot send e-mail through %s: %s; mails stay queued', self._server and self._server.host,
                        describe(error))
        self._troubles += 1
        self._paused_until = self._clock() + min(FIRST_RETRY * 2 ** (self._troubles - 1) / 2, LONGEST_PAUSE)
        for row in batch:
            self._change(row.id, claimed_until=None, last_error=describe(error))

    def _change(self, mail_id: int, **values: object) -> None:
        with self._db.session() as session:
            session.exec(update(OutgoingMail).where(col(OutgoingMail.id) == mail_id).values(**values))
            session.commit()


async def _quit(smtp: aiosmtplib.SMTP) -> None:
    try:
        await smtp.quit()
    except (aiosmtplib.SMTPException, OSError):
        smtp.close()


def bilingual(language: str, subject_key: str, body_key: str,
              params: Callable[[Translator], dict[str, object]]) -> tuple[str, str]:
    """Subject and body in the reader's language and then in German (German alone for German readers), each body
    ending with the note that the mail was sent automatically; ``params`` fills a text's placeholders per language."""
    readers = [Translator(code) for code in dict.fromkeys((normalise(language), SOURCE))]
    subject = ' / '.join(t(subject_key, **params(t)) for t in readers)
    body = '\n\n----\n\n'.join(f'{t(body_key, **params(t))}\n\n{t("mail.footer")}' for t in readers)
    return subject, body + '\n'
