"""The staff side: the document inbox of case workers, decisions, and requests for proofs.

Case workers see the submissions of their teams' customers, admins all, reception none (``NotAllowed``).
A submission or customer outside the actor's teams is ``NotFound`` and audited as ``document.not_found``.
Every list, view, download, decision and request is written to the audit log in the same transaction.
"""
import asyncio
from dataclasses import dataclass, replace
from datetime import date

from sqlalchemy import case, false, update
from sqlmodel import Session, col, select

from portal.audit import service as audit
from portal.core.clock import Clock
from portal.core.db import Database
from portal.core.errors import Conflict, InvalidInput
from portal.core.i18n import TIMEZONE
from portal.core.listing import Listing, fetch
from portal.core.validation import text
from portal.documents.kinds import ACCEPTED, RECEIVED, RESUBMIT, checked_kind, checked_status, kind_key
from portal.documents.models import DocumentRequest, Submission
from portal.documents.reasons import OTHER, checked_reason, reason_key
from portal.documents.records import Hidden, logs_refusals, notify
from portal.documents.store import DocumentStore
from portal.documents.views import Receipt, RequestView, receipt_view, request_view
from portal.identity.roles import Actor, Role
from portal.people.access import require, staff_id_of
from portal.people.models import Customer

HANDLERS = (Role.CASEWORKER, Role.ADMIN)


@dataclass(frozen=True)
class InboxFilter:
    """Empty fields do not filter."""

    kind: str = ''
    status: str = ''
    customer_id: int | None = None


@dataclass(frozen=True)
class InboxRow:
    submission: Receipt
    customer_name: str
    customer_number: str


class Inbox:
    """Document inbox and requests for case workers (their teams' customers) and admins (everyone)."""

    def __init__(self, database: Database, clock: Clock, store: DocumentStore) -> None:
        self._db = database
        self._clock = clock
        self._store = store

    def submissions(self, actor: Actor, wanted: InboxFilter | None = None, offset: int = 0) -> Listing[InboxRow]:
        """Fifty from ``offset``: new submissions first (status 'received'), then the rest; newest first
        within each."""
        require(actor, *HANDLERS)
        wanted = wanted or InboxFilter()
        with self._db.session() as session:
            query = (select(Submission, Customer).join(Customer, col(Customer.id) == Submission.customer_id)
                     .order_by(case((col(Submission.status) == RECEIVED, 0), else_=1),
                               col(Submission.submitted_at).desc(), col(Submission.id).desc()))
            found, start, more = fetch(session, _filtered(_scoped(query, actor), wanted), offset)
            audit.record(session=session, actor=actor, action='document.list', at=self._clock(),
                         customer_id=wanted.customer_id, detail=f'kind={wanted.kind} status={wanted.status}')
            session.commit()
            return Listing(tuple(_row(submission, customer) for submission, customer in found), start, more)

    @logs_refusals
    def open(self, actor: Actor, submission_id: int) -> InboxRow:
        """One submission with its customer (the view is audited)."""
        with self._db.session() as session:
            submission, customer = self._handled(session, actor, submission_id, 'document.view')
            session.commit()
            return _row(submission, customer)

    @logs_refusals
    def pdf_file(self, actor: Actor, submission_id: int) -> str:
        """Where the submission's PDF is stored, for ``DocumentStore.get_async`` (the download is audited)."""
        with self._db.session() as session:
            submission, _ = self._handled(session, actor, submission_id, 'document.download')
            session.commit()
            return submission.file_name

    async def pdf(self, actor: Actor, submission_id: int) -> bytes:
        """The stored PDF of a submission (the download is audited), read off the event loop."""
        return await self._store.get_async(await asyncio.to_thread(self.pdf_file, actor, submission_id))

    @logs_refusals
    def accept(self, actor: Actor, submission_id: int, *, version: int) -> Receipt:
        return self._decide(actor, submission_id, ACCEPTED, version)

    @logs_refusals
    def ask_again(self, actor: Actor, submission_id: int, reason: str = '', *, version: int,
                  code: str = '') -> Receipt:
        """Ask the customer to send the proof again; they are notified.

        ``code`` is a standard reason (``reasons.REASONS``), which the customer reads in their own language;
        ``reason`` is a message of the case worker's own, shown as written. One of them is needed, and the
        message with the code 'other'.
        """
        code = checked_reason(code)
        cleaned = text(reason, 'documents.field.reason', maximum=500, multiline=True, required=not code)
        if code == OTHER and not cleaned:
            raise InvalidInput('documents.error.reason_other')
        return self._decide(actor, submission_id, RESUBMIT, version, reason=cleaned, code=code)

    def next_to_handle(self, actor: Actor, wanted: InboxFilter, after: int) -> int | None:
        """The submission still to be handled that follows ``after`` in the inbox's order under the filter's
        kind and customer (from the top again at the end), or None when nothing else waits. Only an id: opening
        it is what is audited."""
        require(actor, *HANDLERS)
        with self._db.session() as session:
            current = session.get(Submission, after)
            query = (select(Submission.id, Submission.submitted_at).join(Customer,
                                                                          col(Customer.id) == Submission.customer_id)
                     .where(Submission.status == RECEIVED, col(Submission.id) != after)
                     .order_by(col(Submission.submitted_at).desc(), col(Submission.id).desc()))
            waiting = session.exec(_filtered(_scoped(query, actor), replace(wanted, status=''))).all()
        later = [number for number, at in waiting
                 if current is not None and (at, number) < (current.submitted_at, current.id)]
        return (later or [number for number, _ in waiting] or [None])[0]

    @logs_refusals
    def request(self, actor: Actor, customer_id: int, kind: str, due_on: date | None,
                message: str = '') -> RequestView:
        """Ask a customer for a proof by a date; it shows on their home page and they are notified."""
        with self._db.session() as session:
            customer = self._customer(session, actor, customer_id, 'document.request')
            today = self._clock().astimezone(TIMEZONE).date()
            if due_on is None or due_on < today:
                raise InvalidInput('documents.error.due_date')
            request = DocumentRequest(customer_id=customer.id, kind=checked_kind(kind), due_on=due_on,
                                      message=text(message, 'documents.field.message', maximum=500, required=False,
                                                   multiline=True),
                                      created_at=self._clock(), created_by=staff_id_of(actor))
            session.add(request)
            notify(session=session, customer_id=customer.id, key='documents.notice.request', at=self._clock(),
                   kind=kind_key(request.kind), due_on=due_on.isoformat())
            session.commit()
            return request_view(request)

    @logs_refusals
    def requests(self, actor: Actor, customer_id: int) -> list[RequestView]:
        """Every request made to a customer, newest first."""
        with self._db.session() as session:
            customer = self._customer(session, actor, customer_id, 'document.requests')
            found = session.exec(select(DocumentRequest).where(DocumentRequest.customer_id == customer.id)
                                 .order_by(col(DocumentRequest.created_at).desc(), col(DocumentRequest.id).desc()))
            rows = [request_view(request) for request in found]
            session.commit()
            return rows

    @logs_refusals
    def cancel_request(self, actor: Actor, request_id: int) -> RequestView:
        with self._db.session() as session:
            request = session.get(DocumentRequest, request_id)
            if request is None:
                raise Hidden('request', request_id)
            self._customer(session, actor, request.customer_id, 'document.request_cancel',
                           shown_as=('request', request_id))
            if request.cancelled_at is None and request.fulfilled_at is None:
                request.cancelled_at = self._clock()
                session.add(request)
            session.commit()
            return request_view(request)

    def _decide(self, actor: Actor, submission_id: int, status: str, version: int, *, reason: str = '',
                code: str = '') -> Receipt:
        with self._db.session() as session:
            submission, _ = self._handled(session, actor, submission_id, f'document.{_verb(status)}')
            now = self._clock()
            changed = session.exec(update(Submission).where(col(Submission.id) == submission.id,
                                                            col(Submission.version) == version)
                                   .values(status=status, reason=reason, reason_code=code, decided_at=now,
                                           decided_by=actor.staff_id, version=version + 1))
            if changed.rowcount != 1:
                raise Conflict()
            if status == RESUBMIT:
                notify(session=session, customer_id=submission.customer_id, key='documents.notice.resubmit',
                       at=now, kind=kind_key(submission.kind), reason=reason_key(code) if code else reason)
                _reopen(session, submission.request_id)
            session.commit()
            session.refresh(submission)
            return receipt_view(submission)

    def _handled(self, session: Session, actor: Actor, submission_id: int,
                 action: str) -> tuple[Submission, Customer]:
        require(actor, *HANDLERS)
        submission = session.get(Submission, submission_id)
        if submission is None:
            raise Hidden('submission', submission_id)
        customer = self._customer(session, actor, submission.customer_id, action,
                                  shown_as=('submission', submission_id), detail=f'submission {submission_id}')
        return submission, customer

    def _customer(self, session: Session, actor: Actor, customer_id: int, action: str, *,
                  shown_as: tuple[str, int] | None = None, detail: str = '') -> Customer:
        """The customer if the actor handles their documents (the access is audited as ``action``).

        Otherwise ``Hidden``, naming ``shown_as`` (what the actor asked for) or the customer.
        """
        require(actor, *HANDLERS)
        customer = session.get(Customer, customer_id)
        if customer is None or not (Role.ADMIN in actor.roles or customer.team_id in actor.team_ids):
            raise Hidden(*(shown_as or ('customer', customer_id)))
        audit.record(session=session, actor=actor, action=action, at=self._clock(), customer_id=customer.id,
                     detail=detail)
        return customer


def _verb(status: str) -> str:
    return {ACCEPTED: 'accept', RESUBMIT: 'ask_again'}[status]


def _reopen(session: Session, request_id: int | None) -> None:
    """A proof that must be sent again puts its request back on the customer's home page."""
    request = session.get(DocumentRequest, request_id) if request_id else None
    if request is not None and request.cancelled_at is None:
        request.fulfilled_at = None
        session.add(request)


def _row(submission: Submission, customer: Customer) -> InboxRow:
    return InboxRow(receipt_view(submission), f'{customer.first_name} {customer.last_name}',
                    customer.customer_number)


def _scoped(query, actor: Actor):
    if Role.ADMIN in actor.roles:
        return query
    if not actor.team_ids:
        return query.where(false())
    return query.where(col(Customer.team_id).in_(actor.team_ids))


def _filtered(query, wanted: InboxFilter):
    if wanted.kind:
        query = query.where(Submission.kind == checked_kind(wanted.kind))
    if wanted.status:
        query = query.where(Submission.status == checked_status(wanted.status))
    if wanted.customer_id is not None:
        query = query.where(Submission.customer_id == wanted.customer_id)
    return query

