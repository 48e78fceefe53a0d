"""The encrypted document store: key ids, tampering, atomic writes (blocking and on the event loop), key rotation
(also from the CLI), and the hourly upkeep: orphaned files, broken-off uploads, drafts left unsent."""
import os
import time
from collections.abc import AsyncIterator
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path

import aiofiles.os
import pytest

from portal import cli
from portal.core.errors import InvalidInput
from portal.core.settings import Settings
from portal.documents.incoming import incoming_folder, receive
from portal.documents.store import DocumentStore, Keyring, StoreError
from portal.documents.upkeep import sweep
from portal.identity.roles import Actor
from portal.services import Portal, build_portal, document_store
from tests.support.capture import PHOTO, blocking, send_now, upload
from tests.support.fakes import TEST_SECRET, FakeClock
from tests.support.personas import World, actor_of, make_world
from tests.support.photos import LIMITS

OLD = 'k1:' + 'o' * 40
NEW = 'k2:' + 'n' * 40


def store(root: Path, keys: str = OLD) -> DocumentStore:
    return DocumentStore(root, Keyring.parse(keys, TEST_SECRET))


def test_a_file_is_encrypted_with_its_key_id_in_front(tmp_path: Path) -> None:
    name = store(tmp_path).put(b'%PDF-1.7 Lohnabrechnung Oktober')
    sealed = next(tmp_path.rglob(name)).read_bytes()
    assert sealed.startswith(b'JCD1\x02k1')
    assert b'Lohnabrechnung' not in sealed
    assert store(tmp_path).get(name) == b'%PDF-1.7 Lohnabrechnung Oktober'


def test_a_changed_byte_or_a_swapped_file_does_not_decrypt(tmp_path: Path) -> None:
    documents = store(tmp_path)
    first, second = documents.put(b'first'), documents.put(b'second')
    path = next(tmp_path.rglob(first))
    sealed = bytearray(path.read_bytes())
    sealed[-1] ^= 1
    path.write_bytes(bytes(sealed))
    with pytest.raises(StoreError):
        documents.get(first)
    path.write_bytes(next(tmp_path.rglob(second)).read_bytes())  # right key, wrong name
    with pytest.raises(StoreError):
        documents.get(first)


def test_a_failed_write_leaves_no_file_behind(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(_source: object, _target: object) -> None:
        raise OSError('disk full')
    monkeypatch.setattr(os, 'replace', broken)
    with pytest.raises(OSError):
        store(tmp_path).put(b'x' * 1000)
    assert [path for path in tmp_path.rglob('*') if path.is_file()] == []


def test_rotation_re_encrypts_under_the_newest_key_and_old_files_still_open(tmp_path: Path) -> None:
    before = store(tmp_path)
    names = [before.put(f'document {n}'.encode()) for n in range(3)]
    after = store(tmp_path, f'{NEW},{OLD}')
    late = after.put(b'written after the new key')
    assert after.get(names[0]) == b'document 0'  # the old key still decrypts before rotating
    rotation = after.rotate()
    assert (rotation.rotated, rotation.current) == (3, 1)
    only_new = store(tmp_path, NEW)
    assert [only_new.get(name) for name in names] == [b'document 0', b'document 1', b'document 2']
    assert only_new.get(late) == b'written after the new key'
    assert {only_new.key_id(name) for name in [*names, late]} == {'k2'}
    with pytest.raises(StoreError):
        store(tmp_path, OLD).get(names[0])


def test_files_written_without_configured_keys_open_after_keys_are_configured(tmp_path: Path) -> None:
    name = store(tmp_path, '').put(b'early')
    assert store(tmp_path, NEW).get(name) == b'early'
    assert store(tmp_path, '').key_id(name) == 'default'


@pytest.mark.parametrize('keys', ['k1:short', 'k1:' + 'a' * 40 + ',k1:' + 'b' * 40, 'Bad Id:' + 'a' * 40,
                                  'default:' + 'a' * 40])
def test_malformed_keys_are_refused_at_start_up(keys: str) -> None:
    with pytest.raises(ValueError, match='PORTAL_DOCUMENT_KEYS'):
        Keyring.parse(keys, TEST_SECRET)


def test_the_cli_rotates_the_document_key(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                          capsys: pytest.CaptureFixture[str]) -> None:
    name = store(tmp_path, OLD).put(b'scan')
    monkeypatch.setenv('PORTAL_DATA_DIR', str(tmp_path))
    monkeypatch.setenv('PORTAL_SECRET_KEY', TEST_SECRET)
    monkeypatch.setenv('PORTAL_DATABASE_URL', f'sqlite:///{tmp_path / "cli.db"}')
    monkeypatch.setenv('PORTAL_DOCUMENT_KEYS', f'{NEW},{OLD}')
    assert cli.main(['rotate-document-key']) == 0
    assert '1 document files re-encrypted' in capsys.readouterr().out
    assert store(tmp_path, NEW).key_id(name) == 'k2'


def test_sweeping_removes_only_old_files_that_no_row_names(portal: Portal) -> None:
    anna = actor_of(portal, make_world(portal).citizen_a)
    draft = portal.documents.start(anna, 'pay_slip')
    blocking(upload(portal, anna, PHOTO, draft_id=draft.id))
    documents = DocumentStore(portal.settings.data_dir, Keyring.parse('', TEST_SECRET))
    orphan = documents.put(b'written, then the process died before the commit')
    leftover = documents.root / orphan[:2] / f'.{orphan}.1234abcd.tmp'
    leftover.write_bytes(b'half a file')
    # file times are real, so the sweep compares with the real time
    assert sweep(portal.database, documents, datetime.now(UTC)) == 0  # too young: could be an upload in flight
    hour_ago = time.time() - 3700
    for path in documents.root.glob('*/*'):
        os.utime(path, (hour_ago, hour_ago))
    assert sweep(portal.database, documents, datetime.now(UTC)) == 2
    assert not documents.exists(orphan) and not leftover.exists()
    scan = portal.documents.draft(anna, draft.id).scans[0]
    assert blocking(portal.documents.preview(anna, scan.id)).startswith(b'\xff\xd8')


def test_the_hourly_upkeep_removes_an_orphaned_file_but_keeps_stored_documents(portal: Portal, world: World,
                                                                             anna: Actor, clock: FakeClock) -> None:
    receipt = send_now(portal, anna)
    store = document_store(portal.settings)
    orphan = store.put(b'left behind by a crash')
    old = (clock() - timedelta(hours=2)).timestamp()
    for path in store.root.glob('*/*'):
        os.utime(path, (old, old))
    assert portal.upkeep().files == 1
    assert not store.exists(orphan)
    assert blocking(portal.documents.document_pdf(anna, receipt.id)).startswith(b'%PDF')


async def test_files_written_and_read_on_the_event_loop_are_the_same_encrypted_files(tmp_path: Path) -> None:
    documents = store(tmp_path)
    name = await documents.put_async(b'%PDF-1.7 Kontoauszug')
    sealed = next(tmp_path.rglob(name)).read_bytes()
    assert sealed.startswith(b'JCD1\x02k1') and b'Kontoauszug' not in sealed
    assert documents.get(name) == await documents.get_async(name) == b'%PDF-1.7 Kontoauszug'
    await documents.delete_async(name, name)  # a second delete of the same file is no error
    assert not documents.exists(name)
    with pytest.raises(StoreError):
        await documents.get_async(name)


async def test_a_failed_write_on_the_event_loop_leaves_no_file_behind(tmp_path: Path,
                                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    async def broken(_source: object, _target: object) -> None:
        raise OSError('disk full')
    monkeypatch.setattr(aiofiles.os, 'replace', broken)
    with pytest.raises(OSError):
        await store(tmp_path).put_async(b'x' * 1000)
    assert [path for path in tmp_path.rglob('*') if path.is_file()] == []


def test_drafts_left_unsent_are_purged_with_their_files_after_the_configured_days(
        portal: Portal, world: World, anna: Actor, clock: FakeClock) -> None:
    forgotten = portal.documents.start(anna, 'pay_slip')
    blocking(upload(portal, anna, PHOTO, draft_id=forgotten.id))
    receipt = send_now(portal, anna, 'letter')
    clock.advance(days=10)
    recent = portal.documents.start(anna, 'bank_statement')
    blocking(upload(portal, anna, PHOTO, draft_id=recent.id))
    files = set(portal.store.names())
    clock.advance(days=3, hours=23)
    assert portal.upkeep().drafts == 0  # 13 days and 23 hours unchanged: not yet
    clock.advance(hours=2)
    assert portal.upkeep().drafts == 1
    assert [draft.id for draft in portal.documents.overview(anna).drafts] == [recent.id]
    assert len(files - set(portal.store.names())) == 2  # the forgotten draft's photo and preview
    assert blocking(portal.documents.document_pdf(anna, receipt.id)).startswith(b'%PDF')
    assert len(portal.documents.draft(anna, recent.id).scans) == 1


def test_the_purge_age_is_a_setting(settings: Settings, clock: FakeClock) -> None:
    built = build_portal(settings.model_copy(update={'document_draft_days': 2}), clock=clock)
    anna = actor_of(built, make_world(built).citizen_a)
    built.documents.start(anna, 'pay_slip')
    clock.advance(days=2, minutes=1)
    assert built.upkeep().drafts == 1
    built.database.engine.dispose()


def test_the_upkeep_removes_an_upload_that_a_crash_left_in_incoming(portal: Portal) -> None:
    folder = incoming_folder(portal.settings.data_dir)
    folder.mkdir(parents=True)
    leftover, unrelated = folder / 'f00d.part', folder / 'notes.txt'
    leftover.write_bytes(b'encrypted half of a photo')
    unrelated.write_bytes(b'not ours')
    assert sweep(portal.database, portal.store, datetime.now(UTC)) == 0  # young: could be an upload in flight
    hour_ago = time.time() - 3700
    for path in (leftover, unrelated):
        os.utime(path, (hour_ago, hour_ago))
    assert sweep(portal.database, portal.store, datetime.now(UTC)) == 1
    assert not leftover.exists() and unrelated.exists()


async def test_an_upload_in_flight_is_encrypted_on_disk_and_removed_however_it_ends(tmp_path: Path) -> None:
    async def body(parts: int) -> AsyncIterator[bytes]:
        for _ in range(parts):
            yield b'Lohnabrechnung Oktober ' * 1000

    async with receive(body(2), tmp_path, LIMITS) as upload:
        assert b'Lohnabrechnung' not in upload.path.read_bytes()  # only the key in memory opens it
        assert upload.read() == b'Lohnabrechnung Oktober ' * 2000 and upload.size == 46_000
    assert not upload.path.exists()
    with pytest.raises(InvalidInput) as refused:
        async with receive(body(2), tmp_path, replace(LIMITS, upload_bytes=30_000)):
            pass
    assert refused.value.key == 'documents.error.too_large'
    with pytest.raises(RuntimeError):
        async with receive(body(1), tmp_path, LIMITS):
            raise RuntimeError('the worker process died')
    assert list(incoming_folder(tmp_path).iterdir()) == []
