"""From a draft to one encrypted PDF with a receipt: scans, limits, retries and conflicts."""
import asyncio
import hashlib
import io
from collections.abc import Iterator

import pytest
from pypdf import PdfReader
from sqlmodel import func, select

from portal.core.errors import Conflict, InvalidInput, NotFound
from portal.core.settings import Settings
from portal.core.workers import Workers
from portal.documents.models import Draft, Submission
from portal.documents.render import decode_image
from portal.documents.store import DocumentStore, Keyring, StoreError
from portal.identity.roles import Actor
from portal.services import Portal, build_portal
from tests.support.capture import PHOTO, send, sent, upload
from tests.support.fakes import FakeClock
from tests.support.personas import actor_of, make_world
from tests.support.photos import pdf_file, sheet_photo


def stored(portal: Portal) -> list[str]:
    """Names of the files in the document store (folders and nothing else left out)."""
    return [path.name for path in portal.settings.data_dir.rglob('*') if path.is_file()]


async def add_photo(portal: Portal, actor: Actor, draft_id: int, key: str, data: bytes = PHOTO) -> None:
    await upload(portal, actor, data, draft_id=draft_id, key=key)


async def test_a_draft_of_two_photos_becomes_one_pdf_whose_hash_is_on_the_receipt(portal: Portal,
                                                                                   anna: Actor) -> None:
    draft = portal.documents.start(anna, 'pay_slip', 'October')
    await add_photo(portal, anna, draft.id, 'p1')
    await add_photo(portal, anna, draft.id, 'p2')
    receipt = await send(portal, anna, draft.id)
    pdf = await portal.documents.document_pdf(anna, receipt.id)
    assert hashlib.sha256(pdf).hexdigest() == receipt.sha256
    assert len(PdfReader(io.BytesIO(pdf)).pages) == receipt.sheet_count == 2
    assert (receipt.kind, receipt.note, receipt.status) == ('pay_slip', 'October', 'received')
    with pytest.raises(NotFound):  # the draft is gone, and its scan files with it
        portal.documents.draft(anna, draft.id)
    assert len(stored(portal)) == 2  # the PDF and the receipt


async def test_the_stored_pdf_is_not_plaintext_and_opens_only_with_the_key(portal: Portal, anna: Actor) -> None:
    receipt = await sent(portal, anna)
    with portal.database.session() as session:
        name = session.get(Submission, receipt.id).file_name
    path = next(portal.settings.data_dir.rglob(name))
    sealed = path.read_bytes()
    assert b'%PDF' not in sealed and sealed.startswith(b'JCD1')
    stranger = DocumentStore(portal.settings.data_dir, Keyring.parse('', 'another-secret-key-0123456789-abcdefgh'))
    with pytest.raises(StoreError):
        stranger.get(name)
    assert hashlib.sha256(await portal.documents.document_pdf(anna, receipt.id)).hexdigest() == receipt.sha256


async def test_a_page_of_text_makes_a_pdf_well_under_500_kb(portal: Portal, anna: Actor) -> None:
    big, _ = sheet_photo(3000, 4000, quality=92)
    for mode in ('document', 'grey', 'colour'):
        draft = portal.documents.start(anna, 'letter')
        await add_photo(portal, anna, draft.id, 'p1', big)
        scan = portal.documents.draft(anna, draft.id).scans[0]
        draft = portal.documents.edit_scan(anna, scan.id, corners=scan.corners, mode=mode, quarter_turns=0,
                                           version=portal.documents.draft(anna, draft.id).version)
        receipt = await send(portal, anna, draft.id)
        assert receipt.size_bytes < 500_000, mode


async def test_sending_twice_at_once_or_again_later_gives_one_submission(portal: Portal, anna: Actor) -> None:
    draft = portal.documents.start(anna, 'bank_statement')
    await add_photo(portal, anna, draft.id, 'p1')
    first, second = await asyncio.gather(portal.documents.send(anna, draft.id, draft.send_key),
                                         portal.documents.send(anna, draft.id, draft.send_key))
    assert first == second
    assert await portal.documents.send(anna, draft.id, draft.send_key) == first
    with portal.database.session() as session:
        assert session.exec(select(func.count()).select_from(Submission)).one() == 1
    assert len(stored(portal)) == 2  # one PDF and one receipt: the loser's PDF was deleted again


async def test_a_second_document_after_a_first_one_is_sent_too(portal: Portal, anna: Actor) -> None:
    """SQLite would hand a deleted draft's id to the next draft; a key made from the id sent nothing."""
    first = portal.documents.start(anna, 'pay_slip')
    await add_photo(portal, anna, first.id, 'p1')
    await send(portal, anna, first.id)
    second = portal.documents.start(anna, 'bank_statement')
    assert second.id != first.id and second.send_key != first.send_key
    await add_photo(portal, anna, second.id, 'p1')
    receipt = await send(portal, anna, second.id)
    assert receipt.kind == 'bank_statement'
    assert [each.kind for each in portal.documents.submissions(anna)] == ['bank_statement', 'pay_slip']
    assert portal.documents.overview(anna).drafts == ()


async def test_a_retried_page_upload_with_the_same_key_adds_one_page(portal: Portal, anna: Actor) -> None:
    draft = portal.documents.start(anna, 'pay_slip')
    await add_photo(portal, anna, draft.id, 'photo-1')
    again = await upload(portal, anna, draft_id=draft.id, key='photo-1')
    assert len(again.scans) == 1
    assert len(stored(portal)) == 2  # the original and its preview


async def test_a_draft_survives_a_new_connection_with_its_pages_and_edits(portal: Portal, anna: Actor,
                                                                           settings: Settings,
                                                                           clock: FakeClock) -> None:
    draft = portal.documents.start(anna, 'rental_contract')
    await add_photo(portal, anna, draft.id, 'p1')
    scan = portal.documents.draft(anna, draft.id).scans[0]
    draft = portal.documents.edit_scan(anna, scan.id, corners=scan.corners, mode='grey', quarter_turns=1,
                                       version=portal.documents.draft(anna, draft.id).version)
    later = build_portal(settings, clock=clock)
    kept = later.documents.draft(anna, draft.id)
    assert [(p.mode, p.quarter_turns, p.corners) for p in kept.scans] == [('grey', 1, scan.corners)]
    assert (await later.documents.preview(anna, scan.id)).startswith(b'\xff\xd8')
    later.database.engine.dispose()
    later.workers.close()


async def test_pages_can_be_reordered_deleted_and_retaken(portal: Portal, anna: Actor) -> None:
    draft = portal.documents.start(anna, 'pay_slip')
    for key in ('a', 'b', 'c'):
        await add_photo(portal, anna, draft.id, key)
    draft = portal.documents.draft(anna, draft.id)
    first, second, third = (scan.id for scan in draft.scans)
    draft = portal.documents.move_scan(anna, third, 0, version=draft.version)
    assert [scan.id for scan in draft.scans] == [third, first, second]
    draft = portal.documents.delete_scan(anna, first, version=draft.version)
    draft = await upload(portal, anna, scan_id=second, key='retake-1')
    assert await upload(portal, anna, scan_id=second, key='retake-1') == draft  # a retried retake
    assert len(draft.scans) == 2 and draft.scans[0].id == third and second not in [p.id for p in draft.scans]
    assert len(stored(portal)) == 4


async def test_an_edit_from_a_stale_tab_is_a_conflict(portal: Portal, anna: Actor) -> None:
    draft = portal.documents.start(anna, 'pay_slip')
    await add_photo(portal, anna, draft.id, 'p1')
    seen = portal.documents.draft(anna, draft.id)
    scan = seen.scans[0]
    portal.documents.edit_scan(anna, scan.id, corners=None, mode='colour', quarter_turns=0, version=seen.version)
    with pytest.raises(Conflict):
        portal.documents.edit_scan(anna, scan.id, corners=None, mode='grey', quarter_turns=2, version=seen.version)


async def test_a_draft_changed_while_it_is_composed_is_not_sent_as_composed(portal: Portal, anna: Actor) -> None:
    draft = portal.documents.start(anna, 'pay_slip')
    await add_photo(portal, anna, draft.id, 'p1')
    scan = portal.documents.draft(anna, draft.id).scans[0]

    def turn_the_page_in_another_tab(share: float) -> None:
        if share == 0.8:  # composed, not yet recorded
            portal.documents.edit_scan(anna, scan.id, corners=scan.corners, mode='grey', quarter_turns=1,
                                       version=portal.documents.draft(anna, draft.id).version)
    with pytest.raises(Conflict):
        await portal.documents.send(anna, draft.id, draft.send_key, on_progress=turn_the_page_in_another_tab)
    assert len(stored(portal)) == 2  # the scan with its preview; no PDF, no receipt, no temporary file
    assert portal.documents.draft(anna, draft.id).scans[0].mode == 'grey'


async def test_bad_corners_and_modes_are_refused(portal: Portal, anna: Actor) -> None:
    draft = portal.documents.start(anna, 'pay_slip')
    await add_photo(portal, anna, draft.id, 'p1')
    seen = portal.documents.draft(anna, draft.id)
    for corners, mode in (([[0, 0], [10, 0], [10, 10]], 'grey'), ([[0, 0], [1e6, 0], [9, 9], [0, 9]], 'grey'),
                          ([[0, 0], [9, 0], [9, 9], [0, float('nan')]], 'grey'), (None, 'sepia')):
        with pytest.raises(InvalidInput):
            portal.documents.edit_scan(anna, seen.scans[0].id, corners=corners, mode=mode, quarter_turns=0,
                                       version=seen.version)


async def test_an_empty_draft_cannot_be_sent(portal: Portal, anna: Actor) -> None:
    draft = portal.documents.start(anna, 'pay_slip')
    with pytest.raises(InvalidInput) as refused:
        await send(portal, anna, draft.id)
    assert refused.value.key == 'documents.error.empty'


async def test_an_imported_pdf_joins_the_photos_in_one_document(portal: Portal, anna: Actor) -> None:
    draft = portal.documents.start(anna, 'bank_statement')
    await add_photo(portal, anna, draft.id, 'p1')
    await upload(portal, anna, pdf_file(2), draft_id=draft.id, key='p2', name='statement.pdf')
    receipt = await send(portal, anna, draft.id)
    assert receipt.sheet_count == 3
    assert len(PdfReader(io.BytesIO(await portal.documents.document_pdf(anna, receipt.id))).pages) == 3


@pytest.fixture
def limited(settings: Settings, clock: FakeClock, workers: Workers) -> Iterator[Portal]:
    built = build_portal(settings.model_copy(update={'document_uploads_per_hour': 2, 'document_max_sheets': 3}),
                         clock=clock, workers=workers)
    yield built
    built.database.engine.dispose()


async def test_uploads_per_hour_are_limited_per_customer(limited: Portal, clock: FakeClock) -> None:
    world = make_world(limited)
    anna, bernd = actor_of(limited, world.citizen_a), actor_of(limited, world.citizen_b)
    draft = limited.documents.start(anna, 'pay_slip')
    await add_photo(limited, anna, draft.id, 'p1')
    clock.advance(minutes=20)
    await add_photo(limited, anna, draft.id, 'p2')
    with pytest.raises(InvalidInput) as refused:
        await add_photo(limited, anna, draft.id, 'p3')
    assert (refused.value.key, refused.value.params) == ('documents.error.too_many_uploads', {'minutes': 40})
    await add_photo(limited, bernd, limited.documents.start(bernd, 'pay_slip').id, 'p1')
    clock.advance(minutes=41)
    await add_photo(limited, anna, draft.id, 'p3')
    assert limited.documents.draft(anna, draft.id).sheet_count == 3


async def test_pages_per_document_are_limited(limited: Portal, clock: FakeClock) -> None:
    anna = actor_of(limited, make_world(limited).citizen_a)
    draft = limited.documents.start(anna, 'pay_slip')
    await add_photo(limited, anna, draft.id, 'p1')
    with pytest.raises(InvalidInput) as refused:
        await upload(limited, anna, pdf_file(3), draft_id=draft.id, key='p2', name='statement.pdf')
    assert refused.value.key == 'documents.error.too_many_sheets'
    clock.advance(hours=2)
    await add_photo(limited, anna, draft.id, 'p2')
    clock.advance(hours=2)
    await add_photo(limited, anna, draft.id, 'p3')
    with pytest.raises(InvalidInput) as refused:
        limited.documents.check_upload(anna, draft.id, upload_key='p4')
    assert (refused.value.key, refused.value.params) == ('documents.error.too_many_sheets', {'maximum': 3})


async def test_discarding_a_draft_removes_its_files(portal: Portal, anna: Actor) -> None:
    draft = portal.documents.start(anna, 'pay_slip')
    await add_photo(portal, anna, draft.id, 'p1')
    portal.documents.discard(anna, draft.id)
    assert stored(portal) == []
    with portal.database.session() as session:
        assert session.get(Draft, draft.id) is None


async def test_the_editor_shows_the_page_flattened_and_turned_as_it_will_be_sent(portal: Portal,
                                                                                 anna: Actor) -> None:
    draft = portal.documents.start(anna, 'letter')
    await add_photo(portal, anna, draft.id, 'p1')
    scan = portal.documents.draft(anna, draft.id).scans[0]
    upright = decode_image(await portal.documents.picture(anna, draft.id, scan.id))
    scan = portal.documents.edit_scan(anna, scan.id, corners=scan.corners, mode='document', quarter_turns=1,
                                      version=portal.documents.draft(anna, draft.id).version).scans[0]
    turned = decode_image(await portal.documents.picture(anna, draft.id, scan.id))
    assert upright.shape[0] > upright.shape[1] * 1.3  # the A4 scan alone, upright, without the desk
    assert turned.shape[:2] == upright.shape[1::-1]
