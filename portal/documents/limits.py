"""Limits on uploads, all from settings, and the uploads-per-hour rule counted in the database."""
import math
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlmodel import Session, col, delete, func, select

from portal.core.errors import InvalidInput
from portal.core.settings import Settings
from portal.documents.models import UploadEvent

HOUR = timedelta(hours=1)
KEEP_EVENTS = timedelta(days=1)
MIN_SIDE = 64  # px: anything smaller is no photo of a sheet, whatever the quality check would say


@dataclass(frozen=True)
class Limits:
    """What the server accepts. Picklable, so ``prepare_scan`` can take it into a worker process."""

    upload_bytes: int  # one uploaded image or PDF
    document_bytes: int  # all uploads of a draft together, and the finished PDF
    megapixels: float  # one image, checked from its header before it is decoded
    sheets: int  # sheets of one document (an imported PDF counts with all of its own)
    uploads_per_hour: int  # uploads (photos, PDFs) of one customer within any hour, refused ones included
    idle_seconds: float = 30.0  # longest wait for the next part of an upload's body

    @classmethod
    def from_settings(cls, settings: Settings) -> 'Limits':
        return cls(settings.document_max_upload_bytes, settings.document_max_bytes,
                   settings.document_max_megapixels, settings.document_max_sheets,
                   settings.document_uploads_per_hour, settings.upload_idle_seconds)

    @property
    def pixels(self) -> int:
        return int(self.megapixels * 1_000_000)


def megabytes(size: int) -> str:
    """A byte limit for messages, e.g. ``15`` or ``2.5``."""
    return f'{size / 1_000_000:g}'


def check_upload_bytes(size: int, limits: Limits) -> None:
    if size > limits.upload_bytes:
        raise InvalidInput('documents.error.too_large', megabytes=megabytes(limits.upload_bytes))


def check_pixels(width: int, height: int, limits: Limits) -> None:
    """Refuse decompression bombs: called with the header's dimensions, before any pixel is decoded."""
    if width * height > limits.pixels:
        raise InvalidInput('documents.error.too_many_pixels', megapixels=f'{limits.megapixels:g}')
    if min(width, height) < MIN_SIDE:
        raise InvalidInput('documents.error.image_too_small')


def check_hourly(*, session: Session, customer_id: int, limits: Limits, now: datetime) -> None:
    """Raise when the customer's uploads within the last hour (accepted or refused) reached the limit."""
    count, oldest = session.exec(
        select(func.count(), func.min(UploadEvent.at))
        .where(UploadEvent.customer_id == customer_id, UploadEvent.at > now - HOUR)).one()
    if count >= limits.uploads_per_hour:
        wait = (oldest + HOUR - now).total_seconds() / 60
        raise InvalidInput('documents.error.too_many_uploads', minutes=max(1, math.ceil(wait)))


def count_upload(*, session: Session, customer_id: int, now: datetime) -> None:
    session.add(UploadEvent(customer_id=customer_id, at=now))
    session.execute(delete(UploadEvent).where(col(UploadEvent.at) < now - KEEP_EVENTS))
