"""The encrypted document store: key ids, tampering, atomic writes, and key rotation (also from the CLI)."""
import os
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from portal import cli
from portal.documents import prepare_page
from portal.documents.store import DocumentStore, Keyring, StoreError
from portal.documents.upkeep import sweep
from portal.roles import Actor
from portal.services import Portal, document_store
from tests.conftest import TEST_SECRET, FakeClock
from tests.personas import World, actor_of, make_world
from tests.test_documents_images import LIMITS, page_photo

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
    portal.documents.add_page(anna, draft.id, prepare_page(page_photo(600, 800)[0], 'a.jpg', LIMITS), 'p1')
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
    page = portal.documents.draft(anna, draft.id).pages[0]
    assert portal.documents.page_original(anna, page.id).startswith(b'\xff\xd8')


def test_the_hourly_upkeep_removes_an_orphaned_file_but_keeps_stored_documents(portal: Portal, world: World,
                                                                             anna: Actor, clock: FakeClock) -> None:
    draft = portal.documents.start(anna, 'pay_slip')
    portal.documents.add_page(anna, draft.id, prepare_page(page_photo(600, 800)[0], 'a.jpg', LIMITS), 'upkeep-1')
    receipt = portal.documents.submit_draft(anna, draft.id, 'upkeep-send')
    store = document_store(portal.settings)
    orphan = store.put(b'left behind by a crash')
    old = (clock() - timedelta(hours=2)).timestamp()
    for path in store.root.glob('*/*'):
        os.utime(path, (old, old))
    assert portal.upkeep() == 1
    assert not store.exists(orphan)
    assert portal.documents.document_pdf(anna, receipt.id).startswith(b'%PDF')
