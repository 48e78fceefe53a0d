"""Read models handed to pages: plain frozen dataclasses, no database objects."""
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime

from portal.documents.kinds import IMAGE, RESUBMIT
from portal.documents.models import DocumentRequest, Draft, Notification, Scan, Submission
from portal.documents.render import PREVIEW_SIDE


@dataclass(frozen=True)
class ScanView:
    """One scan of a draft. ``corners`` are in original pixels; multiply by ``scale`` for the preview."""

    id: int
    position: int
    source: str
    width: int
    height: int
    sheets: int
    corners: list[list[float]] | None
    mode: str
    quarter_turns: int
    quality: tuple[str, ...]

    @property
    def scale(self) -> float:
        """Preview pixels per original pixel (the preview's long side is at most PREVIEW_SIDE)."""
        if self.source != IMAGE:
            return 1.0
        return min(1.0, PREVIEW_SIDE / max(self.width, self.height))

    @property
    def sheet_count(self) -> int:
        return self.sheets if self.source != IMAGE else 1


@dataclass(frozen=True)
class DraftView:
    """A capture in progress; ``version`` goes back with every change (Conflict when it is stale)."""

    id: int
    send_key: str  # hand it to ``Documents.send``: sending twice with it sends once
    kind: str
    note: str
    request_id: int | None
    version: int
    updated_at: datetime
    scans: tuple[ScanView, ...]

    @property
    def sheet_count(self) -> int:
        return sum(scan.sheet_count for scan in self.scans)


@dataclass(frozen=True)
class Receipt:
    """A submission as its owner and staff see it (the receipt's facts plus the decision: a standard reason to
    send it again, ``reason_code``, and/or staff's own message, ``reason``)."""

    id: int
    customer_id: int
    kind: str
    note: str
    request_id: int | None
    sheet_count: int
    size_bytes: int
    sha256: str
    status: str
    reason: str
    submitted_at: datetime
    decided_at: datetime | None
    version: int
    reason_code: str = ''


@dataclass(frozen=True)
class RequestView:
    """A request for a proof; open while neither fulfilled nor cancelled."""

    id: int
    customer_id: int
    kind: str
    message: str
    due_on: date
    created_at: datetime
    fulfilled_at: datetime | None
    cancelled_at: datetime | None

    @property
    def is_open(self) -> bool:
        return self.fulfilled_at is None and self.cancelled_at is None


@dataclass(frozen=True)
class NotificationView:
    """``key`` is a catalogue key; ``params`` values that are catalogue keys are to be translated too."""

    id: int
    key: str
    params: dict
    created_at: datetime
    read_at: datetime | None


@dataclass(frozen=True)
class DocumentsOverview:
    """The customer's "Documents" page: open requests, unfinished drafts, sent documents, notifications."""

    requests: tuple[RequestView, ...]
    drafts: tuple[DraftView, ...]
    submissions: tuple[Receipt, ...]
    notifications: tuple[NotificationView, ...]


def to_send_again(submissions: Sequence[Receipt]) -> tuple[Receipt, ...]:
    """Sent documents a case worker asked for again that no later submission answers yet: one answering the same
    request, or (for a document sent without a request) one of the same kind."""
    return tuple(asked for asked in submissions
                 if asked.status == RESUBMIT and not any(_answers(later, asked) for later in submissions))


def _answers(later: Receipt, asked: Receipt) -> bool:
    if (later.submitted_at, later.id) <= (asked.submitted_at, asked.id):
        return False
    return later.request_id == asked.request_id if asked.request_id else later.kind == asked.kind


def scan_view(scan: Scan) -> ScanView:
    return ScanView(scan.id, scan.position, scan.source, scan.width, scan.height, scan.sheets,
                    scan.corners, scan.mode, scan.quarter_turns, tuple(scan.quality))


def draft_view(draft: Draft, scans: list[Scan]) -> DraftView:
    ordered = sorted(scans, key=lambda scan: scan.position)
    return DraftView(draft.id, draft.send_key, draft.kind, draft.note, draft.request_id, draft.version,
                     draft.updated_at, tuple(scan_view(scan) for scan in ordered))


def receipt_view(found: Submission) -> Receipt:
    return Receipt(found.id, found.customer_id, found.kind, found.note, found.request_id, found.sheet_count,
                   found.size_bytes, found.sha256, found.status, found.reason, found.submitted_at,
                   found.decided_at, found.version, found.reason_code)


def request_view(found: DocumentRequest) -> RequestView:
    return RequestView(found.id, found.customer_id, found.kind, found.message, found.due_on, found.created_at,
                       found.fulfilled_at, found.cancelled_at)


def notification_view(found: Notification) -> NotificationView:
    return NotificationView(found.id, found.key, dict(found.params), found.created_at, found.read_at)
