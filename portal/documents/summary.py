"""A customer's documents at a glance, for other capabilities (the chat's customer context): the open requests
and the most recent submissions with their status. Read only; the caller checks access and writes the audit log."""
from dataclasses import dataclass
from datetime import date, datetime

from sqlmodel import Session, col, select

from portal.documents.models import DocumentRequest, Submission

RECENT = 5


@dataclass(frozen=True)
class OpenRequest:
    """A request for a proof nobody has answered or withdrawn yet; ``kind`` is a code (``documents.kind.<kind>``)."""

    id: int
    kind: str
    due_on: date


@dataclass(frozen=True)
class RecentDocument:
    """A sent document; ``status`` is received, accepted or resubmit (``documents.status.<status>``)."""

    id: int
    kind: str
    status: str
    submitted_at: datetime


@dataclass(frozen=True)
class DocumentSummary:
    open_requests: tuple[OpenRequest, ...]
    recent: tuple[RecentDocument, ...]  # the newest first, at most ``RECENT``


def summary(session: Session, customer_id: int) -> DocumentSummary:
    """The customer's open requests (the earliest due first) and their ``RECENT`` newest submissions."""
    requests = session.exec(select(DocumentRequest).where(
        DocumentRequest.customer_id == customer_id, col(DocumentRequest.fulfilled_at).is_(None),
        col(DocumentRequest.cancelled_at).is_(None)).order_by(col(DocumentRequest.due_on), col(DocumentRequest.id)))
    sent = session.exec(select(Submission).where(Submission.customer_id == customer_id)
                        .order_by(col(Submission.submitted_at).desc(), col(Submission.id).desc()).limit(RECENT))
    return DocumentSummary(
        tuple(OpenRequest(row.id, row.kind, row.due_on) for row in requests),
        tuple(RecentDocument(row.id, row.kind, row.status, row.submitted_at) for row in sent))
