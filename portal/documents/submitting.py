"""Sending a draft and what follows for the customer: the submission, its receipt, the stored PDFs.

The database steps of ``Documents.send``: ``material_files`` (which files) → (read them, ``compose_document`` in a
worker, store the PDF) → ``record_submission`` (write the receipt, record the submission, delete the draft). The
send key is checked first in both steps, so a retried send returns the same receipt and never makes a second
submission.
"""
import hashlib
from dataclasses import dataclass
from pathlib import Path
from typing import NamedTuple

from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, col, select

from portal.core.clock import Clock
from portal.core.db import Database, get_existing
from portal.core.errors import Conflict, InvalidInput
from portal.core.i18n import normalise
from portal.documents import records
from portal.documents.checks import upload_key_of
from portal.documents.kinds import RECEIVED
from portal.documents.limits import Limits
from portal.documents.models import DocumentRequest, Draft, Submission
from portal.documents.pdf import ComposedDocument, MaterialScan, SubmissionMaterial
from portal.documents.receipt import ReceiptFacts, receipt_pdf
from portal.documents.records import by_key, customer_of, logs_refusals, own_draft, own_submission, scans_of
from portal.documents.store import DocumentStore
from portal.documents.views import Receipt, receipt_view
from portal.identity.roles import Actor
from portal.people.models import Customer


@dataclass(frozen=True)
class ReceiptSettings:
    district: str
    font: Path


class SubmissionFiles(NamedTuple):
    """Store names of a submission's files."""

    document: str
    receipt: str


@dataclass(frozen=True)
class Sent:
    """What ``record_submission`` did: the receipt, and whether the stored PDF became the submission's."""

    receipt: Receipt
    kept: bool


class Sending:
    """The submitting half of ``Documents`` (it provides ``_db``, ``_clock``, ``_store``, ``limits``)."""

    _db: Database
    _clock: Clock
    _store: DocumentStore
    _receipts: ReceiptSettings
    limits: Limits

    @logs_refusals
    def material_files(self, actor: Actor, draft_id: int, idempotency_key: str) -> SubmissionMaterial | Receipt:
        """What ``compose_document`` needs, its scans naming their files (data still empty: ``load_material``
        reads them on the event loop); or, when this key was used already, that submission's receipt."""
        key, customer_id = upload_key_of(idempotency_key), customer_of(actor)
        with self._db.session() as session:
            existing = by_key(session, customer_id, key)
            if existing is not None:
                return receipt_view(existing)
            draft = own_draft(session, actor, draft_id)
            scans = scans_of(session, draft.id)
        if not scans:
            raise InvalidInput('documents.error.empty')
        return SubmissionMaterial(draft.id, draft.version, tuple(
            MaterialScan(scan.source, b'', scan.corners, scan.mode, scan.quarter_turns, scan.file_name)
            for scan in scans), self.limits.document_bytes)

    @logs_refusals
    def record_submission(self, actor: Actor, composed: ComposedDocument, idempotency_key: str,
                          pdf_name: str, *, language: str | None = None) -> Sent:
        """Record the PDF stored as ``pdf_name`` as a submission with its receipt, answer its request, delete the
        draft. ``Conflict`` when the draft changed after ``material`` (compose again); a used key returns its
        receipt, and the stored PDF is not kept (the caller deletes it)."""
        key, customer_id = upload_key_of(idempotency_key), customer_of(actor)
        with self._db.session() as session:
            existing = by_key(session, customer_id, key)
            if existing is not None:
                return Sent(receipt_view(existing), False)
            receipt_name = self._store.new_name()
            try:
                draft = own_draft(session, actor, composed.draft_id)
                submission = self._record(session, actor, draft, composed, key, (pdf_name, receipt_name),
                                          language or actor.language)
                dropped = records.drop_draft(session, draft)
                session.commit()
            except (IntegrityError, Conflict, records.Hidden):
                # a second request with the same key may have won meanwhile: it recorded the submission, moved the
                # draft's version on or deleted the draft (which error we see depends on the database's locking)
                session.rollback()
                self._forget([receipt_name])
                winner = by_key(session, customer_id, key)
                if winner is None:
                    raise
                return Sent(receipt_view(winner), False)
            except BaseException:
                self._forget([receipt_name])
                raise
        self._forget(dropped)
        return Sent(receipt_view(submission), True)

    def submissions(self, actor: Actor) -> list[Receipt]:
        """The customer's submissions, newest first."""
        customer_id = customer_of(actor)
        with self._db.session() as session:
            return receipts_of(session, customer_id)

    @logs_refusals
    def receipt(self, actor: Actor, submission_id: int) -> Receipt:
        with self._db.session() as session:
            return receipt_view(own_submission(session, actor, submission_id))

    @logs_refusals
    def sent_from(self, actor: Actor, draft_id: int) -> Receipt:
        """The receipt of what the draft ``draft_id`` became when it was sent (a reload after a lost answer)."""
        customer_id = customer_of(actor)
        with self._db.session() as session:
            found = session.exec(select(Submission).where(Submission.customer_id == customer_id,
                                                          Submission.draft_id == draft_id)).first()
            if found is None:
                raise records.Hidden('draft', draft_id)
            return receipt_view(found)

    @logs_refusals
    def submission_files(self, actor: Actor, submission_id: int) -> SubmissionFiles:
        """Where the submitted PDF and its receipt are stored (for ``DocumentStore.get_async``)."""
        with self._db.session() as session:
            submission = own_submission(session, actor, submission_id)
            return SubmissionFiles(submission.file_name, submission.receipt_name)

    def _record(self, session: Session, actor: Actor, draft: Draft, composed: ComposedDocument, key: str,
                names: tuple[str, str], language: str) -> Submission:
        if composed.sheet_count < 1:
            raise InvalidInput('documents.error.empty')
        now = self._clock()
        records.bump(session=session, draft=draft, expected=composed.version, at=now)
        submission = Submission(
            customer_id=draft.customer_id, kind=draft.kind, note=draft.note, request_id=draft.request_id,
            draft_id=draft.id, sheet_count=composed.sheet_count, size_bytes=len(composed.pdf),
            sha256=hashlib.sha256(composed.pdf).hexdigest(), file_name=names[0], receipt_name=names[1],
            status=RECEIVED, submitted_at=now, idempotency_key=key, version=1)
        session.add(submission)
        session.flush()
        customer = get_existing(Customer, draft.customer_id, session=session)
        facts = ReceiptFacts(submission.id, self._receipts.district, f'{customer.first_name} {customer.last_name}',
                             customer.customer_number, now, draft.kind, submission.sheet_count, submission.sha256,
                             draft.note, normalise(language), composed.thumbnails)
        self._store.put(receipt_pdf(facts, self._receipts.font), name=names[1])
        request = session.get(DocumentRequest, draft.request_id) if draft.request_id else None
        if request is not None and request.fulfilled_at is None:
            request.fulfilled_at = now
            session.add(request)
        return submission

    def _forget(self, names: tuple[str, ...] | list[str]) -> None:
        for name in names:
            self._store.delete(name)


def receipts_of(session: Session, customer_id: int) -> list[Receipt]:
    found = session.exec(select(Submission).where(Submission.customer_id == customer_id)
                         .order_by(col(Submission.submitted_at).desc(), col(Submission.id).desc()))
    return [receipt_view(submission) for submission in found]
