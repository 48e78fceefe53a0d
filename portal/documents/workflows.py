"""The workflows of document capture that read or write files and do CPU work: each is one awaited service call.

Pages and tests call the same methods. Inside, every blocking step leaves the event loop: database steps run in a
thread (the synchronous service methods of ``Documents``), decoding, rendering and composing run in a bounded
worker process (``portal.core.workers``: memory and time limits), and files go through aiofiles. Files are
written before their row; when the row is refused, or was not needed (a retried key), they are deleted again.
"""
import asyncio
from collections.abc import AsyncIterable, Callable, Sequence
from dataclasses import replace
from typing import TYPE_CHECKING
from urllib.parse import unquote

from portal.core.errors import InvalidInput, NotFound
from portal.core.workers import Workers
from portal.documents.adding import Placed, StoredScan, store_scan
from portal.documents.incoming import receive
from portal.documents.intake import PreparedScan, find_outline, judge_scan, prepare_scan
from portal.documents.kinds import IMAGE
from portal.documents.limits import Limits
from portal.documents.pdf import ComposedDocument, SubmissionMaterial, compose_document
from portal.documents.pdfinput import sheet_preview, sheet_thumbnail
from portal.documents.render import render_preview
from portal.documents.store import DocumentStore
from portal.documents.submitting import Sent, SubmissionFiles
from portal.documents.views import DraftView, Receipt
from portal.identity.roles import Actor

if TYPE_CHECKING:
    from portal.documents.service import ScanFiles

NAME_REFUSED = '/\\:'
MAX_FRAME = 300_000  # bytes of a camera preview frame; real ones are a tenth of that


class Workflows:
    """The async half of ``Documents`` (which provides the synchronous steps, ``_store``, ``_workers``, ``limits``)."""

    _store: DocumentStore
    _workers: Workers
    limits: Limits

    if TYPE_CHECKING:  # the synchronous steps, defined by Adding, Sending and Documents
        def check_upload(self, actor: Actor, draft_id: int | None = None, *, scan_id: int | None = None,
                         upload_key: str) -> DraftView | None: ...

        def place_scan(self, actor: Actor, upload: StoredScan, upload_key: str, *, draft_id: int | None = None,
                       scan_id: int | None = None) -> Placed: ...

        def count_refused_upload(self, actor: Actor) -> None: ...

        def material_files(self, actor: Actor, draft_id: int,
                           idempotency_key: str) -> SubmissionMaterial | Receipt: ...

        def record_submission(self, actor: Actor, composed: ComposedDocument, idempotency_key: str,
                              pdf_name: str, *, language: str | None = None) -> Sent: ...

        def submission_files(self, actor: Actor, submission_id: int) -> SubmissionFiles: ...

        def draft(self, actor: Actor, draft_id: int) -> DraftView: ...

        def scan_files(self, actor: Actor, scan_id: int) -> ScanFiles: ...

        def record_quality(self, actor: Actor, scan_id: int, *, corners: list[list[float]] | None,
                           quality: Sequence[str], quarter_turns: int | None = None) -> DraftView: ...

    async def upload(self, actor: Actor, body: AsyncIterable[bytes], *, draft_id: int | None = None,
                     scan_id: int | None = None, declared: int | None = None, file_name: str = '',
                     upload_key: str = '') -> DraftView:
        """A photo or PDF as the draft's last scan, or in the place of ``scan_id`` (a retake).

        The owner and the limits are checked before a byte is read; the body is streamed to an encrypted
        temporary file (``declared``: its Content-Length), checked and analysed in a worker, stored, and
        recorded. A retried ``upload_key`` changes nothing. The new scan is the draft's newest ``ScanView``.
        """
        done = await asyncio.to_thread(self.check_upload, actor, draft_id, scan_id=scan_id, upload_key=upload_key)
        if done is not None:
            return done
        prepared = await self._prepared(actor, body, declared, file_name)
        upload = await store_scan(self._store, prepared)
        placed = await self._store.recorded(upload.names, asyncio.to_thread(
            self.place_scan, actor, upload, upload_key, draft_id=draft_id, scan_id=scan_id))
        return placed.draft

    async def send(self, actor: Actor, draft_id: int, send_key: str, *, language: str | None = None,
                   on_progress: Callable[[float], None] | None = None) -> Receipt:
        """Compose the draft into one PDF, store it with its receipt and record the submission.

        ``send_key`` is the draft's (``DraftView.send_key``): a double tap, a retry or a reload after a lost
        answer returns the same receipt and never makes a second submission. The receipt is written in German and
        in ``language`` (the page's; the account's when not given). ``on_progress`` hears the share done.
        """
        progress = on_progress or (lambda _: None)
        material = await asyncio.to_thread(self.material_files, actor, draft_id, send_key)
        if isinstance(material, Receipt):
            return material
        material = await self._loaded(material)
        progress(0.35)
        composed = await self._workers.run(compose_document, material)
        progress(0.8)
        name = await self._store.put_async(composed.pdf)
        sent = await self._store.recorded([name], asyncio.to_thread(
            self.record_submission, actor, composed, send_key, name, language=language))
        progress(1.0)
        return sent.receipt

    async def judge(self, actor: Actor, scan_id: int, corners: list[list[float]] | None,
                    quarter_turns: int | None = None) -> DraftView:
        """Judge a photo again for the corners and quarter turns just saved (``edit_scan``) and keep the result
        (with the turns, a scan that would be sent upside down says so); a judgement of a scan moved or turned
        again meanwhile is dropped."""
        files = await asyncio.to_thread(self.scan_files, actor, scan_id)
        quality = await self._workers.run(judge_scan, await self._store.get_async(files.original), corners,
                                          quarter_turns)
        return await asyncio.to_thread(self.record_quality, actor, scan_id, corners=corners, quality=quality,
                                       quarter_turns=quarter_turns)

    async def outline(self, actor: Actor, frame: bytes) -> list[list[float]] | None:
        """The sheet's corners in a small camera preview frame (JPEG), as fractions of its size; None if none."""
        if not actor.is_customer or not frame or len(frame) > MAX_FRAME:
            return None
        return await self._workers.run(find_outline, frame)

    async def preview(self, actor: Actor, scan_id: int) -> bytes:
        """The scan's preview (JPEG, long side at most 1280 px) for the corner editor."""
        files = await asyncio.to_thread(self.scan_files, actor, scan_id)
        return await self._store.get_async(files.preview)

    async def picture(self, actor: Actor, draft_id: int, scan_id: int, sheet: int = 0) -> bytes:
        """The scan as it will be sent (JPEG): the preview flattened to its corners, in its mode, turned; of an
        imported PDF its sheet number ``sheet`` (0-based), turned."""
        draft = await asyncio.to_thread(self.draft, actor, draft_id)
        scan = next((each for each in draft.scans if each.id == scan_id), None)
        if scan is None or not 0 <= sheet < scan.sheet_count:
            raise NotFound()
        files = await asyncio.to_thread(self.scan_files, actor, scan_id)
        if scan.source != IMAGE:
            pdf = await self._store.get_async(files.original)
            return await self._workers.run(sheet_preview, pdf, sheet, scan.quarter_turns)
        preview = await self._store.get_async(files.preview)
        return await self._workers.run(render_preview, preview, scan.corners, scan.scale, scan.mode,
                                       scan.quarter_turns)

    async def receipt_pdf(self, actor: Actor, submission_id: int) -> bytes:
        """The receipt (Eingangsbestätigung) as PDF bytes."""
        files = await asyncio.to_thread(self.submission_files, actor, submission_id)
        return await self._store.get_async(files.receipt)

    async def document_pdf(self, actor: Actor, submission_id: int) -> bytes:
        """The submitted PDF as stored (its SHA-256 is the receipt's)."""
        files = await asyncio.to_thread(self.submission_files, actor, submission_id)
        return await self._store.get_async(files.document)

    async def thumbnail(self, actor: Actor, submission_id: int, index: int) -> bytes:
        """Sheet ``index`` (0-based) of a submitted PDF as a small JPEG, for the receipt on screen."""
        picture = await self._workers.run(sheet_thumbnail, await self.document_pdf(actor, submission_id), index)
        if picture is None:
            raise NotFound()
        return picture

    async def _prepared(self, actor: Actor, body: AsyncIterable[bytes], declared: int | None,
                        file_name: str) -> PreparedScan:
        """The body checked and analysed; a refused upload counts toward the hourly limit like an accepted one
        (a script must not keep the decoder busy)."""
        try:
            async with receive(body, self._store.data_dir, self.limits, declared) as incoming:
                return await self._workers.run(prepare_scan, incoming, safe_file_name(file_name), self.limits)
        except InvalidInput:
            await asyncio.to_thread(self.count_refused_upload, actor)
            raise

    async def _loaded(self, material: SubmissionMaterial) -> SubmissionMaterial:
        scans = [replace(scan, data=await self._store.get_async(scan.file_name)) for scan in material.scans]
        return replace(material, scans=tuple(scans))


def safe_file_name(given: str) -> str:
    """Only for the upload checks (the type is judged by content; the name is never a path): odd characters
    become '_'."""
    name = unquote(given or 'upload')
    cleaned = ''.join('_' if ch in NAME_REFUSED or ord(ch) < 32 or ord(ch) == 127 else ch for ch in name)
    return cleaned.strip('.')[:120] or 'upload'
