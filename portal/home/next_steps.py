"""What a customer should do next: documents to send again, requested documents, and news.

Each item appears once: a document to send again carries the due date of the request it answers (that request is
open again, and is not listed a second time); the notices that announced either are left out of the news.
"""
from dataclasses import dataclass
from datetime import date

from sqlmodel import Session, col, select

from portal.documents.models import DocumentRequest, Notification, Submission
from portal.documents.views import (
    NotificationView,
    Receipt,
    RequestView,
    notification_view,
    receipt_view,
    request_view,
    to_send_again,
)

LISTED_ELSEWHERE = ('documents.notice.request', 'documents.notice.resubmit')


@dataclass(frozen=True)
class SendAgain:
    """A sent document to send again; ``request_id`` and ``due_on`` when it answers a request that is open."""

    receipt: Receipt
    request_id: int | None
    due_on: date | None


@dataclass(frozen=True)
class NextSteps:
    send_again: tuple[SendAgain, ...]
    requests: tuple[RequestView, ...]  # open, soonest due first
    notices: tuple[NotificationView, ...]  # unread, newest first

    @property
    def nothing(self) -> bool:
        return not (self.send_again or self.requests or self.notices)


def next_steps(session: Session, customer_id: int) -> NextSteps:
    requests = {found.id: request_view(found) for found in session.exec(
        select(DocumentRequest).where(DocumentRequest.customer_id == customer_id,
                                      DocumentRequest.fulfilled_at == None,  # noqa: E711
                                      DocumentRequest.cancelled_at == None)  # noqa: E711
        .order_by(col(DocumentRequest.due_on), col(DocumentRequest.id)))}
    sent = [receipt_view(found) for found in session.exec(
        select(Submission).where(Submission.customer_id == customer_id)
        .order_by(col(Submission.submitted_at).desc(), col(Submission.id).desc()))]
    again = tuple(_send_again(receipt, requests) for receipt in to_send_again(sent))
    answered = {item.request_id for item in again}
    notices = session.exec(select(Notification).where(Notification.customer_id == customer_id,
                                                      Notification.read_at == None,  # noqa: E711
                                                      col(Notification.key).not_in(LISTED_ELSEWHERE))
                           .order_by(col(Notification.created_at).desc(), col(Notification.id).desc())).all()
    return NextSteps(again, tuple(request for request in requests.values() if request.id not in answered),
                     tuple(notification_view(notice) for notice in notices))


def _send_again(receipt: Receipt, requests: dict[int, RequestView]) -> SendAgain:
    request = requests.get(receipt.request_id) if receipt.request_id else None
    return SendAgain(receipt, request.id if request else None, request.due_on if request else None)
