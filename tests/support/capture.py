"""Capturing and sending as the scans do it: tests call the same service workflows (``Documents.upload`` as the
upload route does, ``Documents.send`` as the send button does)."""
import asyncio
import threading
import uuid
from collections.abc import AsyncIterator, Coroutine
from typing import Any, TypeVar

from portal.documents import DraftView, Receipt
from portal.identity.roles import Actor
from portal.services import Portal
from tests.support.photos import sheet_photo

T = TypeVar('T')
PHOTO, _ = sheet_photo()


async def body(data: bytes, size: int = 64 * 1024) -> AsyncIterator[bytes]:
    """A request body as the server reads it: chunks."""
    for start in range(0, len(data), size):
        yield data[start:start + size]


async def upload(portal: Portal, actor: Actor, data: bytes = PHOTO, *, draft_id: int | None = None,
                 scan_id: int | None = None, key: str | None = None, name: str = 'IMG.jpg') -> DraftView:
    """One photo or PDF into a draft (or in the place of ``scan_id``), through the upload workflow; ``key`` is the
    upload key (a new one unless given, as the camera makes one per photo)."""
    return await portal.documents.upload(actor, body(data), draft_id=draft_id, scan_id=scan_id, declared=len(data),
                                         file_name=name, upload_key=key or uuid.uuid4().hex)


async def send(portal: Portal, actor: Actor, draft_id: int) -> Receipt:
    """Send a draft with its own send key, as the send button does."""
    draft = await asyncio.to_thread(portal.documents.draft, actor, draft_id)
    return await portal.documents.send(actor, draft_id, draft.send_key)


async def sent(portal: Portal, actor: Actor, kind: str = 'pay_slip', data: bytes = PHOTO) -> Receipt:
    """A document of one photo, started, uploaded and sent."""
    draft = await asyncio.to_thread(portal.documents.start, actor, kind)
    await upload(portal, actor, data, draft_id=draft.id)
    return await send(portal, actor, draft.id)


def blocking(work: Coroutine[Any, Any, T]) -> T:
    """Await ``work`` from synchronous code (fixtures, browser-test set-up), on a thread of its own so that it
    works whether or not an event loop runs here."""
    outcome: dict[str, Any] = {}

    def run() -> None:
        try:
            outcome['value'] = asyncio.run(work)
        except BaseException as error:  # handed to the caller's thread
            outcome['error'] = error
    thread = threading.Thread(target=run)
    thread.start()
    thread.join()
    if 'error' in outcome:
        raise outcome['error']
    return outcome['value']


def send_now(portal: Portal, actor: Actor, kind: str = 'pay_slip', *, request_id: int | None = None,
             data: bytes = PHOTO) -> Receipt:
    """``sent`` for synchronous tests: a document of one photo, started, uploaded and sent."""
    draft = portal.documents.start(actor, kind, request_id=request_id)
    blocking(upload(portal, actor, data, draft_id=draft.id))
    return blocking(send(portal, actor, draft.id))
