"""What other capabilities use of document intake: a photo or PDF taken in with exactly the limits and checks of a
document upload, and stored encrypted in the document store.

``take_in`` streams the body to an encrypted temporary file (``incoming.receive``), checks and analyses it in a
bounded worker process (``intake.prepare_scan``: type by content, size, pixels before decoding, PDF bombs, a
preview), counts the upload toward the customer's uploads per hour (a refused one too, as for documents) and
writes the original and the preview to the store. The caller records the returned names in its own rows
(``recorded`` deletes the files again when that fails or was not needed), reads them back with ``read`` and
removes them with ``forget``. Before reading a body the caller asks ``check_hourly``.
"""
import asyncio
from collections.abc import AsyncIterable, Awaitable, Sequence
from dataclasses import dataclass
from typing import TypeVar

from portal.core.clock import Clock
from portal.core.db import Database
from portal.core.errors import InvalidInput
from portal.core.workers import Workers
from portal.documents.adding import store_scan
from portal.documents.incoming import receive
from portal.documents.intake import JPEG, PNG, WEBP, PreparedScan, prepare_scan, sniff
from portal.documents.kinds import IMAGE, PDF
from portal.documents.limits import Limits, check_hourly, count_upload
from portal.documents.store import DocumentStore, Recording
from portal.documents.workflows import safe_file_name

R = TypeVar('R', bound=Recording)
MEDIA_TYPES = {JPEG: 'image/jpeg', PNG: 'image/png', WEBP: 'image/webp', PDF: 'application/pdf'}


@dataclass(frozen=True)
class CheckedFile:
    """An accepted upload, stored: ``original`` and ``preview`` (a JPEG, long side at most 1280 px) are names in the
    document store; ``kind`` is 'image' or 'pdf'; ``name`` is the file name as given, made safe for display."""

    original: str
    preview: str
    kind: str
    sheets: int
    size: int
    sha256: str
    name: str

    @property
    def names(self) -> tuple[str, str]:
        return self.original, self.preview


class Attachments:
    """Intake of photos and PDFs for other capabilities (wired in ``portal.services``)."""

    def __init__(self, database: Database, clock: Clock, store: DocumentStore, limits: Limits,
                 workers: Workers) -> None:
        self._db = database
        self._clock = clock
        self._store = store
        self._workers = workers
        self.limits = limits

    def check_hourly(self, customer_id: int) -> None:
        """Refuse before a byte is read when the customer reached the uploads per hour (documents and chat
        together). Blocking: call it in a thread."""
        with self._db.session() as session:
            check_hourly(session=session, customer_id=customer_id, limits=self.limits, now=self._clock())

    async def take_in(self, customer_id: int, body: AsyncIterable[bytes], *, declared: int | None = None,
                      file_name: str = '') -> CheckedFile:
        """Receive, check and store one photo or PDF of the customer; ``InvalidInput`` (with a
        ``documents.error.*`` key) when refused, and then nothing is left behind."""
        name = safe_file_name(file_name)
        try:
            async with receive(body, self._store.data_dir, self.limits, declared) as incoming:
                prepared = await self._workers.run(prepare_scan, incoming, name, self.limits)
        except InvalidInput:
            await asyncio.to_thread(self._count, customer_id)
            raise
        await asyncio.to_thread(self._count, customer_id)
        stored = await store_scan(self._store, prepared)
        return _checked(prepared, stored.file_name, stored.preview_name, name)

    async def recorded(self, checked: CheckedFile, recording: Awaitable[R]) -> R:
        """Await the caller's recording of ``checked``; its files are deleted unless the recording kept them."""
        return await self._store.recorded(checked.names, recording)

    async def read(self, name: str) -> bytes:
        return await self._store.get_async(name)

    def forget(self, names: Sequence[str]) -> None:
        """Delete stored files (after the rows naming them are gone)."""
        self._store.forget(names)

    def _count(self, customer_id: int) -> None:
        with self._db.session() as session:
            count_upload(session=session, customer_id=customer_id, now=self._clock())
            session.commit()


def media_type(data: bytes) -> str:
    """The media type of a stored original, from its content (it was checked on the way in)."""
    return MEDIA_TYPES[sniff(data)]


def _checked(prepared: PreparedScan, original: str, preview: str, name: str) -> CheckedFile:
    sheets = prepared.sheets if prepared.source != IMAGE else 1
    return CheckedFile(original, preview, prepared.source, sheets, len(prepared.data), prepared.sha256, name)
