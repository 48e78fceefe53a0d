"""Photos and PDFs in a conversation: taken in with the limits and checks of document uploads, sent with a message,
seen by the customer and their team's staff only, and removed when nobody sent them."""
import io
import os
from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from PIL import Image

from portal.audit.service import AuditFilter
from portal.chat.views import ConversationView
from portal.core.errors import InvalidInput, NotFound
from portal.core.settings import Settings
from portal.core.workers import Workers
from portal.identity.roles import Actor
from portal.services import Portal, build_portal
from tests.support.attaching import attach, send_file
from tests.support.capture import PHOTO
from tests.support.fakes import FakeClock
from tests.support.personas import World, actor_of
from tests.support.photos import pdf_file


def stored_files(portal: Portal) -> list[Path]:
    root = portal.settings.data_dir / 'documents'
    return [path for path in root.rglob('*') if path.is_file()] if root.exists() else []


def audited(portal: Portal, world: World, action: str) -> int:
    admin = actor_of(portal, world.admin)
    return sum(1 for row in portal.audit_log.entries(admin, AuditFilter()).rows if row.action == action)


async def never_read() -> AsyncIterator[bytes]:
    raise AssertionError('the body was read')
    yield b''  # pragma: no cover


async def test_a_photo_sent_with_a_message_shows_on_both_sides_and_opens_as_sent(
        portal: Portal, world: World, anna: Actor, carla: Actor, talk: ConversationView) -> None:
    file_id = await send_file(portal, anna, talk.id, name='Mietvertrag.jpg')
    for reader in (anna, carla):
        shown = portal.chat.messages(reader, talk.id)[-1]
        assert shown.file is not None and shown.file.name == 'Mietvertrag.jpg' and shown.file.source == 'image'
        data, media, name = await portal.chat.original(reader, file_id)
        assert (data, media, name) == (PHOTO, 'image/jpeg', 'Mietvertrag.jpg')
        preview = await portal.chat.preview(reader, file_id)
        assert preview.startswith(b'\xff\xd8\xff')
    assert audited(portal, world, 'chat.file') == 1  # Carla opened the original; Anna's own reads are not audited


async def test_a_pdf_opens_as_a_pdf_with_its_first_sheet_as_preview(portal: Portal, anna: Actor,
                                                                    talk: ConversationView) -> None:
    file_id = await send_file(portal, anna, talk.id, pdf_file(3), name='Bescheid.pdf')
    data, media, _ = await portal.chat.original(anna, file_id)
    assert media == 'application/pdf' and data.startswith(b'%PDF-')
    assert portal.chat.messages(anna, talk.id)[-1].file.sheets == 3
    preview = await portal.chat.preview(anna, file_id)
    assert Image.open(io.BytesIO(preview)).format == 'JPEG'


async def test_a_retried_upload_gives_the_same_file_and_stores_it_once(portal: Portal, anna: Actor,
                                                                       talk: ConversationView) -> None:
    first = await attach(portal, anna, talk.id, key='photo-key-1')
    again = await attach(portal, anna, talk.id, key='photo-key-1')
    assert first == again
    assert len(stored_files(portal)) == 2  # the original and its preview, once


async def test_a_file_that_is_no_photo_is_refused_with_the_documents_message_and_leaves_nothing(
        portal: Portal, anna: Actor, talk: ConversationView) -> None:
    with pytest.raises(InvalidInput) as refused:
        await attach(portal, anna, talk.id, b'MZ\x90\x00 a program, not a photo' * 100, name='setup.exe')
    assert refused.value.key == 'documents.error.not_an_image'
    assert stored_files(portal) == []


async def test_too_large_a_file_is_refused_by_the_document_upload_limit(portal: Portal, anna: Actor,
                                                                         talk: ConversationView) -> None:
    limit = portal.chat.attachments.limits.upload_bytes
    with pytest.raises(InvalidInput) as refused:
        await attach(portal, anna, talk.id, b'\xff\xd8\xff' + b'\0' * limit)
    assert refused.value.key == 'documents.error.too_large'


async def test_refused_uploads_count_toward_the_hourly_limit_shared_with_documents(
        settings: Settings, clock: FakeClock, workers: Workers, world: World) -> None:
    strict = build_portal(settings.model_copy(update={'document_uploads_per_hour': 2}), clock=clock, workers=workers)
    anna = actor_of(strict, world.citizen_a)
    talk = strict.chat.start(anna, 'benefits', 'Hallo', 'client-0001')
    with pytest.raises(InvalidInput):
        await attach(strict, anna, talk.id, b'not a photo at all' * 10)
    await attach(strict, anna, talk.id)
    with pytest.raises(InvalidInput) as refused:  # refused before a byte is read
        await strict.chat.attach(anna, talk.id, never_read(), upload_key='third-photo')
    assert refused.value.key == 'documents.error.too_many_uploads'
    draft = strict.documents.start(anna, 'letter')  # the document capture counts the same uploads
    with pytest.raises(InvalidInput):
        await strict.documents.upload(anna, never_read(), draft_id=draft.id, upload_key='a-document-photo')
    clock.advance(hours=1, minutes=1)
    assert await attach(strict, anna, talk.id) > 0
    strict.database.engine.dispose()


async def test_nobody_else_attaches_to_or_opens_a_customers_file(portal: Portal, anna: Actor, bernd: Actor,
                                                                 otto: Actor, carla: Actor,
                                                                 talk: ConversationView) -> None:
    for stranger in (bernd, otto, carla):  # staff write words; files come from the customer
        with pytest.raises(NotFound):
            await portal.chat.attach(stranger, talk.id, never_read(), upload_key='a-stranger-key')
    unsent = await attach(portal, anna, talk.id)
    with pytest.raises(NotFound):  # not sent yet: only Anna sees it
        await portal.chat.original(carla, unsent)
    sent = await send_file(portal, anna, talk.id)
    for stranger in (bernd, otto):
        for read in (portal.chat.original, portal.chat.preview):
            with pytest.raises(NotFound):
                await read(stranger, sent)
    with pytest.raises(NotFound):
        await portal.chat.preview(anna, sent + 1000)


async def test_a_file_can_only_be_sent_in_its_own_conversation_and_only_once(portal: Portal, anna: Actor,
                                                                             talk: ConversationView) -> None:
    other = portal.chat.start(anna, 'other', 'Noch etwas', 'client-0002')
    file_id = await attach(portal, anna, talk.id)
    with pytest.raises(InvalidInput):
        portal.chat.post(anna, other.id, '', 'client-0003', file_id=file_id)
    portal.chat.post(anna, talk.id, '', 'client-0004', file_id=file_id)
    with pytest.raises(InvalidInput):
        portal.chat.post(anna, talk.id, 'noch mal', 'client-0005', file_id=file_id)


async def test_a_file_nobody_sent_is_removed_after_a_day_and_a_sent_one_stays(portal: Portal, anna: Actor,
                                                                              clock: FakeClock,
                                                                              talk: ConversationView) -> None:
    sent = await send_file(portal, anna, talk.id)
    unsent = await attach(portal, anna, talk.id)
    clock.advance(hours=23)
    assert portal.upkeep().chat_files == 0
    clock.advance(hours=2)
    assert portal.upkeep().chat_files == 1
    with pytest.raises(NotFound):
        await portal.chat.preview(anna, unsent)
    assert (await portal.chat.original(anna, sent))[0] == PHOTO
    assert len(stored_files(portal)) == 2


async def test_the_hourly_sweep_of_orphaned_document_files_keeps_chat_files(portal: Portal, anna: Actor,
                                                                            clock: FakeClock,
                                                                            talk: ConversationView) -> None:
    sent = await send_file(portal, anna, talk.id)
    clock.now = datetime.now(UTC)  # file times are real, so the sweep compares with the real time
    old = (clock.now - timedelta(hours=3)).timestamp()
    for path in stored_files(portal):
        os.utime(path, (old, old))
    assert portal.upkeep().files == 0
    assert (await portal.chat.original(anna, sent))[0] == PHOTO
